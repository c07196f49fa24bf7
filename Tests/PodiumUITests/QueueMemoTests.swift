import Foundation
import PodiumCore
import PodiumText
@testable import PodiumUI
import XCTest

/// The console remembers its queue list while the questions stay the same; every
/// change of the questions, however it is made, gives the list anew.
final class QueueMemoTests: XCTestCase {
    let date = Date(timeIntervalSince1970: 1_700_000_000)

    func model(_ count: Int) -> ConsoleModel {
        var state = PodiumState(event: Event(title: "E", sessions: [Session(id: "s1", title: "S", plannedSeconds: 600)]), now: date)
        for index in 0..<count {
            state.questions.append(Question(id: "q\(index)", text: "Q\(index)", sessionID: "s1", askedAt: date + Double(index)))
        }
        return ConsoleModel(role: .moderator, actor: "moderator@test", shared: state)
    }

    func testTheListFollowsEveryChange() {
        var model = model(5)
        let memos = ConsoleMemos()  // one, as the loop keeps it
        XCTAssertEqual(model.visibleQuestions(memos).map(\.id), ["q0", "q1", "q2", "q3", "q4"])
        // Changed in place (no new array from outside): still seen.
        model.shared.questions[1].status = .dismissed
        XCTAssertEqual(model.visibleQuestions(memos).map(\.id), ["q0", "q2", "q3", "q4"])
        // Same count, different content, through the reducer.
        reduce(&model.shared, .moveQuestion(id: "q4", position: -1), context: ActionContext(now: date, actor: "m"))
        XCTAssertEqual(model.visibleQuestions(memos).map(\.id), ["q4", "q0", "q2", "q3"])
        // A copy changed, the original not: each sees its own questions.
        var copy = model
        copy.shared.questions[0].status = .answered
        XCTAssertEqual(copy.visibleQuestions(memos).map(\.id), ["q4", "q2", "q3"])
        XCTAssertEqual(model.visibleQuestions(memos).map(\.id), ["q4", "q0", "q2", "q3"])
        // The query is part of the key.
        model.query.filter = .dismissed
        XCTAssertEqual(model.visibleQuestions(memos).map(\.id), ["q1"])
        XCTAssertEqual(model.statusCounts(session: "s1", memos)[.dismissed], 1)
        model.shared.questions[2].status = .dismissed
        XCTAssertEqual(model.statusCounts(session: "s1", memos)[.dismissed], 2)
    }

    func testAnOtherSessionsOpenQuestionsAreCountedAfreshAfterAChange() {
        var model = model(3)
        let memos = ConsoleMemos()
        XCTAssertEqual(model.openQuestionsInOtherSessions(memos), 0)
        model.shared.questions[0].sessionID = "earlier"
        XCTAssertEqual(model.openQuestionsInOtherSessions(memos), 1)
        XCTAssertEqual(model.openQuestionsInOtherSessions(memos), QueueQuery.openInOtherSessions(model.shared))
    }

    /// The memo updates its results in place when a few questions change: after every random
    /// change (one or several actions, a reload that replaces questions, a new session on
    /// stage, another query), each result equals the one worked out from scratch.
    func testIncrementalResultsEqualFreshOnesOverRandomChanges() {
        var random = SplitMix64(state: 7)
        let sessions = ["s1", "s2"]
        var state = PodiumState(event: Event(title: "E", sessions: sessions.map {
            Session(id: $0, title: $0, plannedSeconds: 600)
        }), now: date)
        for index in 0..<300 {
            var question = Question(
                id: "q\(index)", text: index % 7 == 0 ? "etcd について" : "Q\(index)",
                source: QuestionSource.allCases[index % QuestionSource.allCases.count],
                sessionID: index % 5 == 0 ? "s2" : (index % 11 == 0 ? nil : "s1"),
                // Equal times, so that ties are broken by id and array order.
                askedAt: date + Double(index / 3))
            question.status = QuestionStatus.allCases[index % QuestionStatus.allCases.count]
            state.questions.append(question)
        }
        var model = ConsoleModel(role: .moderator, actor: "moderator@test", shared: state)
        let memos = ConsoleMemos()
        let context = ActionContext(now: date, actor: "m")
        let queries: [QueueQuery] = QueueQuery.Filter.allCases.flatMap { filter in
            QueueQuery.Order.allCases.map { QueueQuery(filter: filter, order: $0) }
        } + [QueueQuery(session: .all, search: "etcd"), QueueQuery(source: .zoom, session: .session("s2"))]
        var incremental = 0
        for step in 0..<1_500 {
            let count = model.shared.questions.count
            func id() -> String { model.shared.questions[Int.random(in: 0..<count, using: &random)].id }
            var actions: [Action] = []
            for _ in 0..<Int.random(in: 1...3, using: &random) {
                switch Int.random(in: 0..<14, using: &random) {
                case 0: actions.append(.approve(id: id()))
                case 1: actions.append(.dismiss(id: id(), reason: nil))
                case 2: actions.append(.restore(id: id()))
                case 3: actions.append(.putLive(id: id()))
                case 4: actions.append(.markAnswered(id: id()))
                case 5: actions.append(.vote(id: id(), voter: "v\(step)", delta: Bool.random(using: &random) ? 1 : -1))
                case 6: actions.append(.setPinned(id: id(), pinned: Bool.random(using: &random)))
                case 7: actions.append(.moveQuestion(id: id(), position: Double(Int.random(in: -5...5, using: &random))))
                case 8: actions.append(.mergeQuestion(duplicate: id(), into: id()))
                case 9: actions.append(.addQuestion(Question(
                    id: "n\(step)", text: "new \(step)", sessionID: sessions.randomElement(using: &random),
                    askedAt: date + Double(Int.random(in: 0...120, using: &random)))))
                case 10: actions.append(.setLabels(id: id(), labels: ["etcd"]))
                case 11: actions.append(.goToSession(sessions.randomElement(using: &random)!))
                case 12: model.query = queries.randomElement(using: &random)!
                default:
                    // As a reload from disk: many questions replaced by equal but new ones.
                    for index in stride(from: step % 40, to: count, by: 40) {
                        model.shared.questions[index] = Question(
                            id: model.shared.questions[index].id, text: "reloaded", sessionID: "s1", askedAt: date)
                    }
                }
            }
            for action in actions { reduce(&model.shared, action, context: context) }
            if model.shared.questions.changedIndices(since: memos.queue.listBase ?? [],
                                                     limit: QueueMemo.incrementalLimit).map({ !$0.isEmpty }) == true {
                incremental += 1
            }
            XCTAssertEqual(model.visibleQuestions(memos).map(\.id), model.query.apply(to: model.shared).map(\.id), "step \(step)")
            // One session for 500 steps at a time: the memo keeps one, so asking for another
            // works it out afresh, and the updates in place would go untested.
            let session = [nil, "s1", "s2"][step / 500]
            XCTAssertEqual(model.statusCounts(session: session, memos), model.shared.countsByStatus(session: session), "step \(step)")
            XCTAssertEqual(model.openQuestionsInOtherSessions(memos), QueueQuery.openInOtherSessions(model.shared), "step \(step)")
            let probe = id()
            XCTAssertEqual(memos.queue.index(ofQuestion: probe, in: model.shared), model.shared.questionIndex(probe))
            XCTAssertNil(memos.queue.index(ofQuestion: "absent", in: model.shared))
        }
        // Most steps went the incremental way (else this test would not test it).
        XCTAssertGreaterThan(incremental, 1_000)
    }
}
