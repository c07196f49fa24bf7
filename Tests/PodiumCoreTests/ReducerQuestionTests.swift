import Foundation
import XCTest

@testable import PodiumCore

final class ReducerQuestionTests: XCTestCase {
    private var state = QAFixture.state()

    private func apply(_ action: Action, minute: Double = 60, actor: String = "moderator@tokyo") {
        reduce(&state, action, context: QAFixture.context(minute: minute, actor: actor))
    }

    private func q(_ id: String) -> Question { state.question(id)! }

    override func setUp() {
        super.setUp()
        state = QAFixture.state()
    }

    // MARK: Lifecycle

    func testAddIsIdempotentAndTakesTheCurrentSession() {
        var question = QAFixture.question("x", "いつGA?", minute: 30)
        question.sessionID = nil
        apply(.addQuestion(question))
        apply(.addQuestion(question))
        XCTAssertEqual(state.questions.filter { $0.id == "x" }.count, 1)
        XCTAssertEqual(q("x").sessionID, "knative")
        XCTAssertEqual(q("x").status, .new)
    }

    func testApproveRecordsWhoAndWhen() {
        apply(.approve(id: "k1"), minute: 61, actor: "moderator@osaka")
        XCTAssertEqual(q("k1").status, .approved)
        XCTAssertEqual(q("k1").history.last, QuestionChange(
            at: QAFixture.context(minute: 61).now, by: "moderator@osaka", what: "approved"))
        XCTAssertEqual(q("k1").updatedBy, "moderator@osaka")
        XCTAssertEqual(q("k1").updatedAt, QAFixture.context(minute: 61).now)
    }

    func testApproveDoesNotTakeTheLiveQuestionOffTheStage() {
        apply(.putLive(id: "k1"))
        let historyCount = q("k1").history.count
        apply(.approve(id: "k1"))
        XCTAssertEqual(q("k1").status, .live)
        XCTAssertEqual(q("k1").history.count, historyCount, "no change, no history")
    }

    func testApproveRequeuesAnsweredAndDismissedQuestions() {
        apply(.markAnswered(id: "k1"))
        apply(.approve(id: "k1"))
        XCTAssertEqual(q("k1").status, .approved)
        apply(.dismiss(id: "k2", reason: "spam"))
        apply(.approve(id: "k2"))
        XCTAssertEqual(q("k2").status, .approved)
        XCTAssertNil(q("k2").dismissReason)
        XCTAssertNil(q("k2").statusBeforeDismissal)
    }

    func testOnlyOneQuestionIsLiveAndThePreviousIsAnswered() {
        apply(.approve(id: "k1"))
        apply(.putLive(id: "k1"))
        XCTAssertEqual(state.liveQuestion?.id, "k1")
        apply(.putLive(id: "k2"), minute: 65, actor: "moderator@osaka")
        XCTAssertEqual(state.liveQuestion?.id, "k2")
        XCTAssertEqual(q("k1").status, .answered)
        XCTAssertEqual(q("k1").history.last?.what, "answered")
        XCTAssertEqual(q("k1").history.last?.by, "moderator@osaka")
        XCTAssertEqual(state.questions.filter { $0.status == .live }.count, 1)
        apply(.markAnswered(id: "k2"))
        XCTAssertNil(state.liveQuestion)
        XCTAssertEqual(q("k2").status, .answered)
    }

    func testDismissFromEveryStateAndRestore() {
        // k1 new, k2 approved, k3 live, k4 answered.
        apply(.approve(id: "k2"))
        apply(.putLive(id: "k3"))
        apply(.markAnswered(id: "k4"))
        let before: [String: QuestionStatus] = ["k1": .new, "k2": .approved, "k3": .live, "k4": .answered]
        for (id, status) in before {
            XCTAssertEqual(q(id).status, status)
            apply(.dismiss(id: id, reason: "話題外"))
            XCTAssertEqual(q(id).status, .dismissed)
            XCTAssertEqual(q(id).dismissReason, "話題外")
            XCTAssertEqual(q(id).statusBeforeDismissal, status)
            XCTAssertEqual(q(id).history.last?.what, "dismissed: 話題外")
            apply(.restore(id: id))
            // Dismissed while on stage, it comes back to the queue, not to the stage.
            XCTAssertEqual(q(id).status, status == .live ? .approved : status, id)
            XCTAssertNil(q(id).dismissReason)
            XCTAssertNil(q(id).statusBeforeDismissal)
        }
    }

    func testDismissWithoutReasonAndChangingTheReason() {
        apply(.dismiss(id: "k1", reason: ""))
        XCTAssertNil(q("k1").dismissReason)
        XCTAssertEqual(q("k1").history.last?.what, "dismissed")
        apply(.dismiss(id: "k1", reason: "duplicate"))
        XCTAssertEqual(q("k1").dismissReason, "duplicate")
        XCTAssertEqual(q("k1").statusBeforeDismissal, .new, "the state to restore stays")
    }

    func testPuttingADismissedQuestionLiveForgetsTheDismissal() {
        apply(.dismiss(id: "k1", reason: "later"))
        apply(.putLive(id: "k1"))
        XCTAssertEqual(q("k1").status, .live)
        XCTAssertNil(q("k1").dismissReason)
        apply(.restore(id: "k1"))
        XCTAssertEqual(q("k1").status, .live, "restore only acts on dismissed questions")
    }

    // MARK: Votes

    func testVotesAddUpAcrossVoters() {
        apply(.vote(id: "k1", voter: "moderator@tokyo", delta: 1))
        apply(.vote(id: "k1", voter: "moderator@osaka", delta: 1))
        apply(.vote(id: "k1", voter: "zoom:5", delta: 1))
        XCTAssertEqual(q("k1").voteCount, 3)
        apply(.vote(id: "k1", voter: "zoom:5", delta: 1))
        XCTAssertEqual(q("k1").voteCount, 3, "one vote per voter")
        apply(.vote(id: "k1", voter: "zoom:5", delta: -1))
        XCTAssertEqual(q("k1").voteCount, 1, "a voter can change their vote")
        apply(.vote(id: "k1", voter: "zoom:5", delta: 0))
        XCTAssertEqual(q("k1").voteCount, 2)
        XCTAssertNil(q("k1").votes["zoom:5"], "delta 0 withdraws the vote")
        XCTAssertEqual(q("k1").history.last?.what, "vote withdrawn (zoom:5)")
    }

    // MARK: Pin, edit, move, labels, assign

    func testPin() {
        apply(.setPinned(id: "k3", pinned: true))
        XCTAssertTrue(q("k3").pinned)
        XCTAssertEqual(q("k3").history.last?.what, "pinned")
        apply(.setPinned(id: "k3", pinned: false))
        XCTAssertFalse(q("k3").pinned)
    }

    func testEditKeepsTheOriginal() {
        let asked = q("k6").text
        apply(.editText(id: "k6", text: "GAはいつ? ロードマップは?"))
        XCTAssertEqual(q("k6").text, "GAはいつ? ロードマップは?")
        XCTAssertEqual(q("k6").originalText, asked)
        apply(.editText(id: "k6", text: "GAの時期"))
        XCTAssertEqual(q("k6").originalText, asked, "the first text is kept, not the previous one")
        apply(.editText(id: "k6", text: "   "))
        XCTAssertEqual(q("k6").text, "GAの時期", "an empty edit is ignored")
        apply(.editText(id: "k6", text: asked))
        XCTAssertNil(q("k6").originalText, "edited back to what was asked")
        XCTAssertEqual(q("k6").history.filter { $0.what == "edited" }.count, 3)
    }

    func testMoveLabelsAndAssign() {
        apply(.moveQuestion(id: "k5", position: 1.5))
        XCTAssertEqual(q("k5").position, 1.5)
        apply(.moveQuestion(id: "k5", position: .nan))
        XCTAssertEqual(q("k5").position, 1.5)
        apply(.setLabels(id: "k5", labels: [" FaaS ", "PaaS", "", "FaaS"]))
        XCTAssertEqual(q("k5").labels, ["FaaS", "PaaS"])
        apply(.assign(id: "k5", to: "panelist B"))
        XCTAssertEqual(q("k5").assignee, "panelist B")
        XCTAssertEqual(q("k5").history.last?.what, "assigned to panelist B")
        apply(.assign(id: "k5", to: ""))
        XCTAssertNil(q("k5").assignee)
    }

    func testEveryChangeRecordsWhoAndWhen() {
        let actions: [(Action, String)] = [
            (.approve(id: "k1"), "k1"), (.dismiss(id: "k2", reason: nil), "k2"),
            (.restore(id: "k2"), "k2"), (.putLive(id: "k3"), "k3"), (.markAnswered(id: "k3"), "k3"),
            (.vote(id: "k4", voter: "v", delta: 1), "k4"), (.setPinned(id: "k5", pinned: true), "k5"),
            (.editText(id: "k6", text: "edited"), "k6"), (.moveQuestion(id: "k7", position: 3), "k7"),
            (.setLabels(id: "k8", labels: ["istio"]), "k8"), (.assign(id: "k9", to: "A"), "k9"),
            (.setStatus(id: "k10", status: .approved), "k10"),
            (.mergeQuestion(duplicate: "k12", into: "k11"), "k11"),
            (.mergeQuestion(duplicate: "k1", into: "k11"), "k1"), (.unmergeQuestion(duplicate: "k1"), "k1"),
        ]
        for (index, (action, id)) in actions.enumerated() {
            let minute = 70 + Double(index)
            let before = q(id).history.count
            apply(action, minute: minute, actor: "host@hall")
            XCTAssertEqual(q(id).history.count, before + 1, "\(action)")
            XCTAssertEqual(q(id).history.last?.by, "host@hall", "\(action)")
            XCTAssertEqual(q(id).history.last?.at, QAFixture.context(minute: minute).now, "\(action)")
            XCTAssertEqual(q(id).updatedAt, QAFixture.context(minute: minute).now, "\(action)")
        }
    }

    // MARK: Merge

    func testMergeAddsVotesKeepsTheTextAsAliasAndHidesTheDuplicate() {
        apply(.vote(id: "k11", voter: "a", delta: 1))
        apply(.vote(id: "k11", voter: "b", delta: 1))
        apply(.vote(id: "k12", voter: "b", delta: 1))
        apply(.vote(id: "k12", voter: "c", delta: 1))
        apply(.vote(id: "k12", voter: "d", delta: 1))
        let target = q("k11")
        apply(.mergeQuestion(duplicate: "k12", into: "k11"))
        // a, b on k11; c, d from the duplicate (b counts once); the duplicate's asker.
        XCTAssertEqual(q("k11").voteCount, 5)
        XCTAssertEqual(q("k11").aliases, ["EventingのIstio依存ってもうないのでは?"])
        XCTAssertEqual(q("k12").mergedInto, "k11")
        XCTAssertFalse(QueueQuery().apply(to: state).contains { $0.id == "k12" })
        XCTAssertEqual(q("k11").history.last?.what, "merged k12")

        apply(.unmergeQuestion(duplicate: "k12"))
        XCTAssertNil(q("k12").mergedInto)
        XCTAssertEqual(q("k11").votes, target.votes, "b's own vote on k11 survives unmerging")
        XCTAssertEqual(q("k11").aliases, [])
        XCTAssertEqual(q("k12").voteCount, 3)
    }

    func testMergeThreeTimesTheSameQuestion() {
        let asked = "Kubernetes はなぜ etcd を使っているか"
        for (index, id) in ["e1", "e2", "e3"].enumerated() {
            apply(.addQuestion(QAFixture.question(
                id, index == 2 ? "なぜetcd?" : asked, minute: 10 + Double(index), source: .zoom)))
        }
        apply(.mergeQuestion(duplicate: "e2", into: "e1"))
        apply(.mergeQuestion(duplicate: "e3", into: "e2"))  // e2 is merged: goes to e1
        XCTAssertEqual(q("e3").mergedInto, "e1")
        XCTAssertEqual(q("e1").voteCount, 2)
        XCTAssertEqual(q("e1").aliases, ["なぜetcd?"], "the same text is no alias")
        let count = q("e1").history.count
        apply(.mergeQuestion(duplicate: "e1", into: "e3"))  // would be a cycle
        XCTAssertNil(q("e1").mergedInto)
        XCTAssertEqual(q("e1").history.count, count)
        apply(.mergeQuestion(duplicate: "e1", into: "e1"))
        XCTAssertNil(q("e1").mergedInto)
    }

    func testAMergedDuplicateCannotBeTriaged() {
        apply(.mergeQuestion(duplicate: "k2", into: "k1"))
        for action: Action in [.approve(id: "k2"), .putLive(id: "k2"), .markAnswered(id: "k2"),
                               .dismiss(id: "k2", reason: nil)] {
            apply(action)
            XCTAssertEqual(q("k2").status, .new, "\(action)")
        }
        XCTAssertNil(state.liveQuestion)
    }

    func testSetStatusClearsTheDismissal() {
        apply(.dismiss(id: "k1", reason: "spam"))
        apply(.setStatus(id: "k1", status: .answered))
        XCTAssertEqual(q("k1").status, .answered)
        XCTAssertNil(q("k1").dismissReason)
    }

    // MARK: Undo

    /// The state without the bookkeeping an undo cannot take back.
    private func comparable(_ state: PodiumState) -> PodiumState {
        var copy = state
        for index in copy.questions.indices {
            copy.questions[index].history = []
            copy.questions[index].updatedAt = .distantPast
            copy.questions[index].updatedBy = ""
        }
        return copy
    }

    /// k1 new; k2 approved, votes a +1 b +1; k3 live; k4 dismissed from approved ("spam");
    /// k5 answered; k6 approved, pinned, labelled, assigned, votes a +1 c -1; k7 edited;
    /// k8 merged into k2.
    private func undoState() -> PodiumState {
        var s = QAFixture.state()
        QAFixture.apply([
            .approve(id: "k2"), .vote(id: "k2", voter: "a", delta: 1), .vote(id: "k2", voter: "b", delta: 1),
            .approve(id: "k3"), .putLive(id: "k3"), .approve(id: "k4"), .dismiss(id: "k4", reason: "spam"),
            .markAnswered(id: "k5"), .approve(id: "k6"), .setPinned(id: "k6", pinned: true),
            .setLabels(id: "k6", labels: ["istio"]), .assign(id: "k6", to: "panelist A"),
            .vote(id: "k6", voter: "a", delta: 1), .vote(id: "k6", voter: "c", delta: -1),
            .editText(id: "k7", text: "Knativeでやる意義は?"), .mergeQuestion(duplicate: "k8", into: "k2"),
        ], to: &s, from: 10)
        return s
    }

    func testUndoOfEachActionGivesTheStateBack() {
        let undoable: [Action] = [
            .approve(id: "k1"), .approve(id: "k4"), .approve(id: "k5"),
            .dismiss(id: "k1", reason: "off topic"), .dismiss(id: "k3", reason: nil),
            .dismiss(id: "k4", reason: "another reason"), .dismiss(id: "k6", reason: "dup"),
            .restore(id: "k4"),
            .putLive(id: "k2"), .putLive(id: "k4"), .putLive(id: "k1"),
            .markAnswered(id: "k3"), .markAnswered(id: "k4"), .markAnswered(id: "k1"),
            .vote(id: "k2", voter: "z", delta: 1), .vote(id: "k2", voter: "a", delta: -1),
            .vote(id: "k2", voter: "a", delta: 0), .vote(id: "k6", voter: "import:k6", delta: 12),
            .setPinned(id: "k1", pinned: true), .setPinned(id: "k6", pinned: false),
            .editText(id: "k1", text: "メリットは?"), .editText(id: "k7", text: "意義は?"),
            .editText(id: "k7", text: QAFixture.knativeQuestions[6]),
            .mergeQuestion(duplicate: "k6", into: "k2"), .mergeQuestion(duplicate: "k1", into: "k8"),
            .unmergeQuestion(duplicate: "k8"),
            .moveQuestion(id: "k1", position: -3), .setLabels(id: "k6", labels: ["istio", "gloo"]),
            .setLabels(id: "k1", labels: ["FaaS"]), .assign(id: "k1", to: "panelist B"),
            .assign(id: "k6", to: nil), .setStatus(id: "k5", status: .approved),
            .setStatus(id: "k4", status: .new),
        ]
        for action in undoable {
            let original = undoState()
            let inverse = Undo.inverse(of: action, before: original)
            XCTAssertFalse(inverse.isEmpty, "\(action) is undoable")
            var changed = original
            reduce(&changed, action, context: QAFixture.context(minute: 100))
            XCTAssertNotEqual(comparable(changed), comparable(original), "\(action) changes something")
            for step in inverse { reduce(&changed, step, context: QAFixture.context(minute: 101)) }
            XCTAssertEqual(comparable(changed), comparable(original), "undo of \(action)")
            XCTAssertLessThanOrEqual(changed.questions.filter { $0.status == .live }.count, 1)
        }
    }

    func testNoOpsAndNonQuestionActionsAreNotRecordedForUndo() {
        let original = undoState()
        for action: Action in [
            .approve(id: "k2"), .approve(id: "k3"), .restore(id: "k1"), .putLive(id: "k3"),
            .markAnswered(id: "k5"), .vote(id: "k2", voter: "a", delta: 1),
            .setPinned(id: "k6", pinned: true), .editText(id: "k1", text: ""),
            .editText(id: "k1", text: QAFixture.knativeQuestions[0]),
            .mergeQuestion(duplicate: "k8", into: "k1"), .unmergeQuestion(duplicate: "k1"),
            .setLabels(id: "k6", labels: [" istio"]), .assign(id: "k6", to: "panelist A"),
            .dismiss(id: "k4", reason: "spam"), .approve(id: "k8"), .approve(id: "nope"),
            .addQuestion(QAFixture.question("new", "?", minute: 1)), .setEditing(id: "k1", by: "m@h"),
            .startTimer(session: "knative"), .clearMessage,
        ] {
            XCTAssertEqual(Undo.inverse(of: action, before: original), [], "\(action)")
        }
    }

    func testUndoStackUndoesTheLastActionsInReverse() {
        let original = undoState()
        var current = original
        var stack = UndoStack(limit: 50)
        let actions: [Action] = [
            .approve(id: "k1"), .putLive(id: "k1"), .vote(id: "k1", voter: "moderator@tokyo", delta: 1),
            .mergeQuestion(duplicate: "k9", into: "k1"), .editText(id: "k1", text: "メリットは?"),
            .dismiss(id: "k1", reason: "answered in the talk"), .setPinned(id: "k2", pinned: true),
        ]
        for (index, action) in actions.enumerated() {
            XCTAssertTrue(stack.record(action, before: current, context: QAFixture.context(minute: 200)))
            reduce(&current, action, context: QAFixture.context(minute: 200 + Double(index)))
        }
        XCTAssertFalse(stack.record(.approve(id: "k2"), before: current, context: QAFixture.context(minute: 200)), "no-op not recorded")
        XCTAssertEqual(stack.entries.count, actions.count)
        while let entry = stack.pop() {
            for step in entry.inverse { reduce(&current, step, context: QAFixture.context(minute: 300)) }
        }
        XCTAssertTrue(stack.isEmpty)
        XCTAssertEqual(comparable(current), comparable(original))

        var small = UndoStack(limit: 2)
        for id in ["k1", "k9", "k10"] { small.record(.setPinned(id: id, pinned: true), before: original, context: QAFixture.context(minute: 200)) }
        XCTAssertEqual(small.entries.map(\.actions), [
            [.setPinned(id: "k9", pinned: true)], [.setPinned(id: "k10", pinned: true)],
        ])
    }
}
