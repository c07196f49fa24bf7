import Foundation
import PodiumCore
import PodiumText
import XCTest
@testable import PodiumUI

/// A question's history as the full view (`i`) shows it: the state keeps the reducer's English
/// words; a Japanese console says them in Japanese, names and ids as they are.
final class HistoryWordsTests: XCTestCase {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    func testEveryWordTheReducerWritesIsSaidInJapanese() {
        var state = PodiumState(event: Event(title: "E", sessions: [Session(id: "s1", title: "S", plannedSeconds: 600)]), now: now)
        let context = ActionContext(now: now, actor: "moderator:ken@test")
        for id in ["q-1", "q-2", "q-3"] {
            reduce(&state, .addQuestion(Question(id: id, text: "question \(id)", source: .zoom, sessionID: "s1", askedAt: now, by: "moderator:ken@test")), context: context)
        }
        let actions: [Action] = [
            .approve(id: "q-1"), .vote(id: "q-1", voter: "aki", delta: 1), .vote(id: "q-1", voter: "aki", delta: -1),
            .setPinned(id: "q-1", pinned: true), .setPinned(id: "q-1", pinned: false), .editText(id: "q-1", text: "changed"),
            .setLabels(id: "q-1", labels: ["k8s"]), .assign(id: "q-1", to: "panelist"), .assign(id: "q-1", to: nil),
            .moveQuestion(id: "q-1", position: 5), .putLive(id: "q-1"), .putLive(id: "q-2"), .markAnswered(id: "q-2"),
            .dismiss(id: "q-1", reason: "off topic"), .restore(id: "q-1"), .dismiss(id: "q-1", reason: nil),
            .setStatus(id: "q-1", status: .new), .mergeQuestion(duplicate: "q-3", into: "q-1"), .unmergeQuestion(duplicate: "q-3"),
        ]
        for action in actions { reduce(&state, action, context: context) }
        let words = Set(state.questions.flatMap { $0.history.map(\.what) })
        XCTAssertGreaterThan(words.count, 15, "\(words.sorted())")
        for what in words {
            XCTAssertEqual(QueuePane.historyWords(what, .en), what)
            let japanese = QueuePane.historyWords(what, .ja)
            XCTAssertNotEqual(japanese, what, "\"\(what)\" is not said in Japanese")
            // Left in Latin letters: only ids, names and labels of the question itself.
            var rest = japanese
            for kept in ["q-1", "q-2", "q-3", "aki", "panelist", "k8s", "off topic"] { rest = rest.replacingOccurrences(of: kept, with: "") }
            XCTAssertFalse(rest.contains { $0.isASCII && $0.isLetter }, "\"\(what)\" → \"\(japanese)\"")
        }
        XCTAssertEqual(QueuePane.historyWords("merged into q-1", .ja), "q-1 に統合")
        XCTAssertEqual(QueuePane.historyWords("vote +1 (aki)", .ja), "投票 +1 (aki)")
        XCTAssertEqual(QueuePane.historyWords("dismissed: blocked", .ja), "却下: ブロック")
        XCTAssertEqual(QueuePane.historyWords("something new", .ja), "something new", "unknown words stay")
    }

    func testTheFullViewSaysHowLongAgoInWords() {
        var state = PodiumState(event: Event(title: "E", sessions: [Session(id: "s1", title: "S", plannedSeconds: 600)]), now: now)
        reduce(&state, .addQuestion(Question(id: "q-1", text: "質問", source: .zoom, sessionID: "s1", askedAt: now, by: "moderator:ken@test")),
               context: ActionContext(now: now, actor: "moderator:ken@test"))
        reduce(&state, .approve(id: "q-1"), context: ActionContext(now: now, actor: "moderator:ken@test"))
        var model = ConsoleModel(role: .moderator, actor: "moderator@test", shared: state)
        model.timeZone = TimeZone(identifier: "UTC")!
        model.width = 80
        model.language = .ja
        var lines = QueuePane.fullQuestionLines(model, id: "q-1", now: now + 30 * 60).joined(separator: "\n")
        XCTAssertTrue(lines.contains("質問 30 分前"), lines)
        XCTAssertTrue(lines.contains("moderator:ken@test: 承認"), lines)
        model.language = .en
        lines = QueuePane.fullQuestionLines(model, id: "q-1", now: now + 30 * 60).joined(separator: "\n")
        XCTAssertTrue(lines.contains("asked 30m ago"), lines)
        XCTAssertTrue(lines.contains("moderator:ken@test: approved"), lines)
    }
}
