import Foundation
import PodiumCore
import PodiumText
@testable import PodiumUI
import XCTest

/// `ConsoleModel.show` keeps the selection on the list by looking only at the selected
/// question and its neighbours; here it is compared with the plain rule worked out from whole
/// lists (the next listed question below the selected one in the list shown before, else the
/// one above) over random actions, with one memo kept as the loop keeps it.
final class SelectionTests: XCTestCase {
    let date = Date(timeIntervalSince1970: 1_700_000_000)

    func testTheSelectionMovesAsThePlainRuleSaysOverRandomActions() {
        var random = SplitMix64(state: 11)
        let sessions = ["s1", "s2"]
        var state = PodiumState(event: Event(title: "E", sessions: sessions.map {
            Session(id: $0, title: $0, plannedSeconds: 600)
        }), now: date)
        for index in 0..<120 {
            var question = Question(id: "q\(index)", text: "Q\(index)", sessionID: index % 4 == 0 ? "s2" : "s1",
                                    askedAt: date + Double(index / 2))
            question.status = [.new, .approved, .new, .answered][index % 4]
            state.questions.append(question)
        }
        var model = ConsoleModel(role: .moderator, actor: "moderator@test", shared: state)
        let memos = ConsoleMemos()
        let context = ActionContext(now: date, actor: "m")
        let filters = QueueQuery.Filter.allCases
        var moved = 0
        var movedUpPastOthers = 0
        for step in 0..<2_000 {
            if step % 50 == 0 { model.query.filter = filters[(step / 50) % filters.count] }
            // Moved by hand now and then (j, k, End), so that it is also last in the list.
            let shown = model.query.apply(to: model.shared)
            if !shown.isEmpty, Int.random(in: 0..<3, using: &random) == 0 {
                model.selectedQuestionID = Bool.random(using: &random) ? shown.last!.id : shown.randomElement(using: &random)!.id
            }
            model.keepSelectionValid(memos: memos)
            guard let selected = model.selectedQuestionID else {
                model.query.filter = .all
                continue
            }
            let count = model.shared.questions.count
            func pick() -> String {
                Int.random(in: 0..<3, using: &random) == 0 ? selected : model.shared.questions[Int.random(in: 0..<count, using: &random)].id
            }
            var actions: [Action] = []
            for _ in 0..<Int.random(in: 1...2, using: &random) {
                switch Int.random(in: 0..<9, using: &random) {
                case 0: actions.append(.approve(id: pick()))
                case 1: actions.append(.dismiss(id: pick(), reason: nil))
                case 2: actions.append(.restore(id: pick()))
                case 3: actions.append(.putLive(id: pick()))
                case 4: actions.append(.markAnswered(id: pick()))
                case 5: actions.append(.mergeQuestion(duplicate: pick(), into: pick()))
                case 6: actions.append(.goToSession(sessions.randomElement(using: &random)!))
                case 7: actions.append(.vote(id: pick(), voter: "v\(step)", delta: 1))
                default: actions.append(.setPinned(id: pick(), pinned: Bool.random(using: &random)))
                }
            }
            // The plain rule, from whole lists.
            let before = model.query.apply(to: model.shared).map(\.id)
            var after = model.shared
            for action in actions { reduce(&after, action, context: context) }
            let listed = Set(model.query.apply(to: after).map(\.id))
            var expected = selected
            if !listed.contains(selected), let index = before.firstIndex(of: selected) {
                expected = before[(index + 1)...].first(where: listed.contains) ?? before[..<index].last(where: listed.contains) ?? selected
            }
            _ = model.show(actions, context: context, memos: memos)
            XCTAssertEqual(model.selectedQuestionID, expected, "step \(step): \(actions)")
            XCTAssertEqual(model.shared.questions.map(\.status), after.questions.map(\.status), "step \(step)")
            if expected != selected { moved += 1 }
            if let index = before.firstIndex(of: selected), let to = before.firstIndex(of: expected), to < index,
               before[..<index].filter(listed.contains).count > 1 {
                movedUpPastOthers += 1
            }
        }
        XCTAssertGreaterThan(moved, 100, "the selection had to move often, or the rule went untested")
        XCTAssertGreaterThan(movedUpPastOthers, 10, "and up, with more than one question above")
    }
}
