import Foundation
import PodiumCore
import PodiumText
import PodiumUI
import XCTest

/// The moderator's queue: golden screens in every filter (long and Japanese questions, 80×24 and
/// 40×12) and every triage key, applied the way the console loop applies them.
final class QueuePaneTests: XCTestCase {
    private let utc = TimeZone(identifier: "UTC")!
    private let start = Date(timeIntervalSince1970: 1_559_293_200)  // 2019-05-31 09:00 UTC

    /// Questions as asked at Kubernetes Meetup Tokyo #19 and CloudNative Days Tokyo 2019
    /// (shared/fixtures/real-events.md), from several sources, in every state.
    private func panelState() -> PodiumState {
        let event = Event(
            title: "Kubernetes Meetup Tokyo #19", date: "2019-05-31", venue: "Tokyo + Osaka",
            start: "09:00", warningSeconds: 120, dangerSeconds: 60,
            sessions: [
                Session(id: "keynote", title: "The origins and future of Kubernetes", speaker: "Keynote", plannedSeconds: 1800),
                Session(id: "panel", title: "Panel: Knative Q&A", speaker: "Panel", plannedSeconds: 1800),
            ])
        var state = PodiumState(event: event, now: start)
        let context = ActionContext(now: start, actor: "host@test")
        // One open question left from the keynote.
        reduce(&state, .addQuestion(Question(id: "k1", text: "Kubernetes はなぜ etcd を使っているか", author: "会場", source: .venue,
                                             sessionID: "keynote", askedAt: start)), context: context)
        reduce(&state, .nextSession(from: "keynote"), context: context)
        let long = "ブルーグリーンデプロイってK8sやIstioでもできると思うけどKnativeでやる意義は? "
            + "それと、隠蔽されることで調査しづらくなったりする部分ないか、K8sでできるけどKnative使うとできなくなることないか、"
            + "あと (プラットフォーム的に現実的に選択できる) Cloud Run どう使うとよさそうか、も聞きたいです。"
        let items: [(String, String, QuestionSource, String)] = [
            ("p1", "K8s使い始めだとメリットが理解しづらかった", .venue, "会場"),
            ("p2", "K8sクラスタでFaaSを使えるようにする意義は?", .zoom, "ken"),
            ("p3", long, .youtube, "👍🏽 viewer"),
            ("p4", "node affinityと両立するにはどうしたらいい?", .discord, "k8s-fan#0420"),
            ("p5", "いつGA?ロードマップでてる?", .satellite, "大阪"),
            ("p6", "When will Knative reach GA? Is there a roadmap?", .zoom, "jane"),
            ("p7", "Istio、Gloo以外にもAmbassador使えるのでは?", .youtube, ""),
            ("p8", "EventingのIstio依存ってもうないのでは?", .venue, "会場"),
            ("p9", "FaaSはわかるけどPaaS基盤を構築するってどういうこと?", .discord, "paas"),
            ("p10", "buy cheap followers http://spam.example", .youtube, "bot"),
        ]
        for (index, item) in items.enumerated() {
            reduce(&state, .addQuestion(Question(id: item.0, text: item.1, author: item.3, source: item.2,
                                                 askedAt: start.addingTimeInterval(60 + Double(index) * 45))), context: context)
        }
        for id in ["p1", "p2", "p3", "p4", "p9"] { reduce(&state, .approve(id: id), context: context) }
        reduce(&state, .putLive(id: "p1"), context: context)
        reduce(&state, .putLive(id: "p2"), context: context)  // p1 answered
        reduce(&state, .mergeQuestion(duplicate: "p6", into: "p5"), context: context)
        reduce(&state, .vote(id: "p3", voter: "a", delta: 1), context: context)
        reduce(&state, .vote(id: "p3", voter: "b", delta: 1), context: context)
        reduce(&state, .vote(id: "p5", voter: "c", delta: 1), context: context)
        reduce(&state, .dismiss(id: "p10", reason: "spam"), context: context)
        reduce(&state, .setPinned(id: "p4", pinned: true), context: context)
        reduce(&state, .setLabels(id: "p9", labels: ["platform"]), context: context)
        reduce(&state, .assign(id: "p9", to: "speaker B"), context: context)
        reduce(&state, .startTimer(session: "panel"), context: context)
        return state
    }

    private func console(_ state: PodiumState, select: String?, width: Int = 80, height: Int = 24) -> ConsoleModel {
        var model = ConsoleModel(role: .moderator, actor: "moderator@test", shared: state)
        model.timeZone = utc
        model.selectedQuestionID = select
        model.width = width
        model.height = height
        return model
    }

    private var now: Date { start.addingTimeInterval(600) }

    /// Presses keys as the loop does: the model handles them, the actions are applied.
    @discardableResult
    private func press(_ keys: [Key], _ model: inout ConsoleModel, actor: String = "moderator@test") -> [Action] {
        var all: [Action] = []
        for key in keys {
            let output = model.handle(key, now: now)
            // As the console's update does: shown at once, the selection kept on the list.
            _ = model.show(output.actions, context: ActionContext(now: now, actor: actor))
            model.keepSelectionValid()
            all += output.actions
        }
        return all
    }

    private func type(_ text: String) -> [Key] {
        text.map { Key.character($0) }
    }

    private func render(_ model: ConsoleModel, _ width: Int, _ height: Int) -> Screen {
        var model = model
        model.width = width
        model.height = height
        return ConsoleView.render(model, now: now, width: width, height: height)
    }

    // MARK: Golden screens, one per filter and size

    private let filters: [(QueueQuery.Filter, String, String)] = [
        (.triage, "triage", "p3"), (.incoming, "incoming", "p5"), (.queue, "queue", "p3"),
        (.answered, "answered", "p1"), (.dismissed, "dismissed", "p10"), (.all, "all", "p6"),
    ]

    func testGoldenEveryFilter80x24() {
        for (filter, name, select) in filters {
            var model = console(panelState(), select: select)
            model.query.filter = filter
            let screen = render(model, 80, 24)
            assertGolden(screen, named: "queue-\(name)-80x24")
            assertBordersAligned(screen)
        }
    }

    func testGoldenEveryFilter40x12() {
        for (filter, name, select) in filters {
            var model = console(panelState(), select: select, width: 40, height: 12)
            model.query.filter = filter
            let screen = render(model, 40, 12)
            assertGolden(screen, named: "queue-\(name)-40x12")
            assertBordersAligned(screen)
        }
    }

    func testGoldenSearchAllSessionsAndFullView() {
        var model = console(panelState(), select: "p3")
        press([.character("S"), .character("o"), .character("/")] + type("etcd") + [.enter], &model)
        var screen = render(model, 80, 24)
        assertGolden(screen, named: "queue-search-all-sessions-80x24")
        assertBordersAligned(screen)
        XCTAssertTrue(screen.text.contains("[new+queue by votes /etcd all sessions]"), screen.text)
        XCTAssertTrue(screen.text.contains("Kubernetes はなぜ etcd"), screen.text)

        model = console(panelState(), select: "p3", width: 40, height: 12)
        press([.character("i")], &model)
        screen = render(model, 40, 12)
        assertGolden(screen, named: "queue-full-question-40x12")
        assertBordersAligned(screen)
        // Scroll to the end: the history is there.
        press(Array(repeating: .character("j"), count: 40), &model)
        screen = render(model, 40, 12)
        XCTAssertTrue(screen.text.contains("approved"), screen.text)
        press([.escape], &model)
        XCTAssertNil(model.overlay)
    }

    // MARK: What the pane shows

    func testRowsShowAgeSourceAuthorAndVotesAndTheDetailInFull() {
        let model = console(panelState(), select: "p3")
        let screen = render(model, 80, 24)
        let text = screen.text
        let row = screen.lines().first { $0.contains("ブルーグリーン") }!
        XCTAssertTrue(row.contains("👍 viewer"), row)  // author (skin tone dropped by the terminal form)
        XCTAssertTrue(row.contains("YT    2  7m"), row)  // source, votes, age
        // The whole long question is on screen, wrapped.
        let flat = screen.lines().map { $0.replacingOccurrences(of: "│", with: "").trimmingCharacters(in: .whitespaces) }.joined()
        XCTAssertTrue(flat.contains("Cloud Run どう使うとよさそうか、も聞きたいです。"), text)
        XCTAssertTrue(text.contains("[new+queue]"), text)
        XCTAssertTrue(text.contains("+1 earlier (S)"), text)
        // Incoming ones are marked NEW in the default view, next to approved ones.
        XCTAssertTrue(screen.lines().contains { $0.contains("NEW") && $0.contains("EventingのIstio") }, text)
        XCTAssertTrue(screen.lines().contains { $0.contains("ok") && $0.contains("ブルーグリーン") }, text)
        XCTAssertFalse(text.contains("buy cheap"), text)
    }

    func testAnotherConsoleEditingIsShown() {
        var state = panelState()
        reduce(&state, .setEditing(id: "p3", by: "moderator@other"), context: ActionContext(now: now, actor: "moderator@other"))
        let model = console(state, select: "p3")
        XCTAssertTrue(render(model, 80, 24).text.contains("editing: moderator@other"))
        // Two moderators on one machine have the same name: the mark shows all the same.
        reduce(&state, .setEditing(id: "p3", by: "moderator@test"), context: ActionContext(now: now, actor: "moderator@test"))
        XCTAssertTrue(render(console(state, select: "p3"), 80, 24).text.contains("editing: moderator@test"))
    }

    // MARK: Keys

    func testApproveDismissWithReasonRestoreLiveAnsweredAndUndo() {
        var model = console(panelState(), select: "p7")
        press([.character("y")], &model)
        XCTAssertEqual(model.shared.question("p7")?.status, .approved)
        press([.character("x")] + type("重複") + [.enter], &model)
        XCTAssertEqual(model.shared.question("p7")?.status, .dismissed)
        XCTAssertEqual(model.shared.question("p7")?.dismissReason, "重複")
        // It left the list: the selection moved to the next question, not to the top.
        XCTAssertEqual(model.selectedQuestionID, "p8")
        press([.character("z")], &model)
        XCTAssertEqual(model.shared.question("p7")?.status, .approved)
        model.selectedQuestionID = "p7"
        press([.character("x"), .enter], &model)  // no reason
        XCTAssertEqual(model.shared.question("p7")?.status, .dismissed)
        XCTAssertNil(model.shared.question("p7")?.dismissReason)
        model.query.filter = .dismissed
        model.selectedQuestionID = "p7"
        press([.character("r")], &model)
        XCTAssertEqual(model.shared.question("p7")?.status, .approved)
        model.query.filter = .triage
        model.selectedQuestionID = "p7"
        press([.enter], &model)
        XCTAssertEqual(model.shared.question("p7")?.status, .live)
        XCTAssertEqual(model.shared.question("p2")?.status, .answered, "one live at a time")
        press([.character("z")], &model)
        XCTAssertEqual(model.shared.question("p7")?.status, .approved)
        XCTAssertEqual(model.shared.question("p2")?.status, .live)
        model.selectedQuestionID = "p2"
        press([.character("d")], &model)
        XCTAssertEqual(model.shared.question("p2")?.status, .answered)
        XCTAssertTrue(model.shared.question("p2")!.history.contains { $0.by == "moderator@test" && $0.what == "answered" })
    }

    func testVotesPinEditLabelAssign() {
        var model = console(panelState(), select: "p8")
        press([.character("u"), .character("u"), .character("U")], &model)
        XCTAssertEqual(model.shared.question("p8")?.voteCount, 1)
        press([.character("z")], &model)
        XCTAssertEqual(model.shared.question("p8")?.voteCount, 2)
        press([.character("s")], &model)
        XCTAssertEqual(model.shared.question("p8")?.pinned, true)
        // Edit: the other consoles see the mark while the line is open; the original is kept.
        let started = press([.character("e")], &model)
        XCTAssertEqual(started, [.setEditing(id: "p8", by: "moderator@test")])
        XCTAssertEqual(model.shared.question("p8")?.editingBy, "moderator@test")
        press([.control("u")] + type("Knative Eventing は Istio に依存しなくなった?") + [.enter], &model)
        XCTAssertEqual(model.shared.question("p8")?.text, "Knative Eventing は Istio に依存しなくなった?")
        XCTAssertEqual(model.shared.question("p8")?.originalText, "EventingのIstio依存ってもうないのでは?")
        XCTAssertNil(model.shared.question("p8")?.editingBy)
        // Quitting in the middle of an edit clears the mark.
        press([.character("e")], &model)
        let quit = model.handle(.control("c"), now: now)
        XCTAssertTrue(quit.quit)
        XCTAssertEqual(quit.actions, [.setEditing(id: "p8", by: nil)])
        model.input = nil
        press([.character("l")] + type("eventing, istio") + [.enter], &model)
        XCTAssertEqual(model.shared.question("p8")?.labels, ["eventing", "istio"])
        press([.character("w")] + type("登壇者A") + [.enter], &model)
        XCTAssertEqual(model.shared.question("p8")?.assignee, "登壇者A")
        // Search by label with #, and words in Japanese (hiragana finds katakana).
        press([.character("/")] + type("#istio いすてぃお") + [.enter], &model)
        XCTAssertEqual(model.query.label, "istio")
        XCTAssertEqual(model.visibleQuestions.map(\.id), [])
        press([.character("/"), .control("u")] + type("#istio 依存") + [.enter], &model)
        XCTAssertEqual(model.visibleQuestions.map(\.id), ["p8"])
        press([.character("/"), .control("u"), .enter], &model)
        XCTAssertNil(model.query.label)
        XCTAssertEqual(model.query.search, "")
    }

    func testMergeAddsVotesKeepsAliasAndUndoes() {
        var model = console(panelState(), select: "p7")
        press([.character("u")], &model)
        press([.character("M")], &model)
        XCTAssertEqual(model.mergeSourceID, "p7")
        XCTAssertTrue(render(model, 80, 24).lines().contains { $0.contains(" M") && $0.contains("Ambassador") })
        model.selectedQuestionID = "p9"
        press([.character("M")], &model)
        XCTAssertEqual(model.shared.question("p7")?.mergedInto, "p9")
        XCTAssertEqual(model.shared.question("p9")?.voteCount, 2)  // p7's vote and its asker
        XCTAssertEqual(model.shared.question("p9")?.aliases, ["Istio、Gloo以外にもAmbassador使えるのでは?"])
        XCTAssertFalse(model.visibleQuestions.contains { $0.id == "p7" }, "the duplicate is hidden")
        XCTAssertTrue(render(model, 80, 24).text.contains("(also: Istio、Gloo"))
        press([.character("z")], &model)
        XCTAssertNil(model.shared.question("p7")?.mergedInto)
        XCTAssertEqual(model.shared.question("p9")?.voteCount, 0)
        // Esc cancels a marked duplicate.
        press([.character("M"), .escape], &model)
        XCTAssertNil(model.mergeSourceID)
    }

    func testMoveUpAndDownEvenWithEqualPositions() {
        var state = panelState()
        // Three questions added by one script at the same instant: equal positions.
        let context = ActionContext(now: now, actor: "script@test")
        for id in ["s1", "s2", "s3"] {
            var question = Question(id: id, text: "質問 \(id)", source: .discord, askedAt: now, position: 5e9)
            question.status = .approved
            reduce(&state, .addQuestion(question), context: context)
        }
        var model = console(state, select: "s1")
        model.query.filter = .queue
        let before = model.visibleQuestions.map(\.id)
        XCTAssertEqual(Array(before.suffix(3)), ["s1", "s2", "s3"])
        press([.character("J")], &model)
        XCTAssertEqual(Array(model.visibleQuestions.map(\.id).suffix(3)), ["s2", "s1", "s3"])
        press([.character("J")], &model)
        XCTAssertEqual(Array(model.visibleQuestions.map(\.id).suffix(3)), ["s2", "s3", "s1"])
        press([.character("K"), .character("K")], &model)
        XCTAssertEqual(Array(model.visibleQuestions.map(\.id).suffix(3)), ["s1", "s2", "s3"])
        press([.character("z"), .character("z")], &model)
        XCTAssertEqual(Array(model.visibleQuestions.map(\.id).suffix(3)), ["s2", "s3", "s1"])
        // Not past the pinned question.
        model.selectedQuestionID = "p3"
        let order = model.visibleQuestions.map(\.id)
        press([.character("K")], &model)
        XCTAssertEqual(model.visibleQuestions.map(\.id), order)
        // In another order J/K say how to move.
        press([.character("o"), .character("J")], &model)
        XCTAssertTrue(model.notice?.contains("order: position") ?? false, model.notice ?? "")
    }

    func testFilterOrderSourceSessionsAndFocusKeys() {
        var model = console(panelState(), select: "p3")
        XCTAssertEqual(Set(model.visibleQuestions.map(\.id)), ["p2", "p3", "p4", "p5", "p7", "p8", "p9"])
        let expected: [(QueueQuery.Filter, Set<String>)] = [
            (.incoming, ["p5", "p7", "p8"]), (.queue, ["p2", "p3", "p4", "p9"]), (.answered, ["p1"]),
            (.dismissed, ["p10"]), (.all, ["p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8", "p9", "p10"]),
        ]
        for (filter, ids) in expected {
            press([.character("f")], &model)
            XCTAssertEqual(model.query.filter, filter)
            XCTAssertEqual(Set(model.visibleQuestions.map(\.id)), ids, "\(filter)")
            XCTAssertTrue(render(model, 80, 24).lines()[4].contains("[\(filter.label)"), render(model, 80, 24).lines()[4])
        }
        press([.character("f")], &model)
        XCTAssertEqual(model.query.filter, .triage)
        press([.character("o")], &model)
        XCTAssertEqual(model.query.order, .votes)
        XCTAssertEqual(model.visibleQuestions.first?.id, "p4")  // pinned first
        XCTAssertEqual(model.visibleQuestions[1].id, "p3")      // then most votes
        press([.character("v"), .character("v")], &model)
        XCTAssertEqual(model.query.source, .zoom)
        XCTAssertEqual(model.visibleQuestions.map(\.id), ["p2"])
        XCTAssertTrue(render(model, 80, 24).text.contains("[new+queue by votes ZM]"))
        model.query = QueueQuery()
        XCTAssertFalse(model.visibleQuestions.contains { $0.id == "k1" })
        press([.character("S")], &model)
        XCTAssertTrue(model.visibleQuestions.contains { $0.id == "k1" }, "earlier sessions are reachable")
        press([.character("S")], &model)
        XCTAssertFalse(model.visibleQuestions.contains { $0.id == "k1" })
        // Tab: j/k scroll the notes instead of moving in the queue.
        var notes = model.shared.notes[model.shared.currentSessionID] ?? SessionNotes(speaker: "", host: "", updatedAt: now, updatedBy: "")
        notes.speaker = (1...40).map { "- point \($0)" }.joined(separator: "\n")
        model.shared.notes[model.shared.currentSessionID] = notes
        model.selectedQuestionID = "p3"
        press([.tab, .character("j"), .character("j")], &model)
        XCTAssertEqual(model.focus, .notes)
        XCTAssertEqual(model.notesScroll, 2)
        XCTAssertEqual(model.selectedQuestionID, "p3")
        press([.tab, .character("j")], &model)
        XCTAssertEqual(model.focus, .queue)
        XCTAssertNotEqual(model.selectedQuestionID, "p3")
        XCTAssertEqual(model.notesScroll, 2)
        // Every key of the help is listed for the moderator.
        let help = keyTable.filter { $0.roles.contains(.moderator) }.map(\.label)
        for key in ["y", "x / r", "Enter", "d", "u / U", "s", "e", "M", "J / K", "l / w", "z", "f / o / v", "S", "/", "i", "Tab"] {
            XCTAssertTrue(help.contains(key), key)
        }
    }

    /// Every row is exactly the screen's width: no wide character pushed a border.
    private func assertBordersAligned(_ screen: Screen, file: StaticString = #filePath, line: UInt = #line) {
        let lines = screen.lines()
        for (y, text) in lines.enumerated() {
            XCTAssertEqual(DisplayWidth.cells(of: text), screen.width, "row \(y): \(text)", file: file, line: line)
        }
        // Right borders of the boxes in one column.
        for y in 0..<(screen.height - 1) {
            let last = lines[y].last
            XCTAssertTrue(last == "│" || last == "┐" || last == "┘", "row \(y) ends with \(String(describing: last)): \(lines[y])", file: file, line: line)
        }
    }
}
