import Foundation
import PodiumCore
import PodiumStore
import XCTest

final class MergeTests: XCTestCase {
    /// Two copies that diverged from one base: questions added and edited on both sides.
    func divergedCopies() -> (PodiumState, PodiumState) {
        var base = sampleState()
        reduce(&base, ask("q1", "Original one?"), context: context(1))
        reduce(&base, ask("q2", "Original two?"), context: context(2))
        base.revision = 5

        var left = base
        let onLeft = { (seconds: Double) in context(seconds, "host@left") }
        reduce(&left, ask("qL", "Asked on the left?", at: 10), context: onLeft(10))
        reduce(&left, .editText(id: "q1", text: "Left edit of one?"), context: onLeft(11))
        reduce(&left, .vote(id: "q2", voter: "alice", delta: 1), context: onLeft(12))
        reduce(&left, .setNotes(session: "s1", kind: .speaker, text: "Left notes", basedOn: nil),
               context: onLeft(13))
        reduce(&left, .sendMessage(SpeakerMessage(text: "Wrap up", sentBy: "left", sentAt: baseDate + 14)),
               context: onLeft(14))
        left.revision = 8
        left.updatedAt = baseDate + 14

        var right = base
        let onRight = { (seconds: Double) in context(seconds, "moderator@right") }
        reduce(&right, ask("qR", "Asked on the right?", at: 10), context: onRight(10))
        reduce(&right, .editText(id: "q1", text: "Right edit of one?"), context: onRight(20))
        reduce(&right, .vote(id: "q2", voter: "bob", delta: 1), context: onRight(15))
        reduce(&right, .approve(id: "q2"), context: onRight(16))
        reduce(&right, .setNotes(session: "s1", kind: .speaker, text: "Right notes", basedOn: nil),
               context: onRight(9))
        reduce(&right, .adjustTime(session: "s1", seconds: 60), context: onRight(21))
        right.revision = 7
        right.updatedAt = baseDate + 21
        return (left, right)
    }

    func testMergeIsTheUnionWhicheverTheOrder() throws {
        let (left, right) = divergedCopies()
        let merged = StateMerge.merge([left, right])
        XCTAssertEqual(StateMerge.merge([right, left]), merged, "same in either order")
        XCTAssertEqual(StateMerge.merge([right, left, right]), merged, "a copy twice changes nothing")

        XCTAssertEqual(Set(merged.questions.map(\.id)), ["q1", "q2", "qL", "qR"])
        let one = try XCTUnwrap(merged.question("q1"))
        XCTAssertEqual(one.text, "Right edit of one?", "the later edit wins")
        XCTAssertEqual(one.originalText, "Original one?")
        let two = try XCTUnwrap(merged.question("q2"))
        XCTAssertEqual(two.votes, ["alice": 1, "bob": 1], "votes from both sides count")
        XCTAssertEqual(two.status, .approved)
        let histories = [left, right].flatMap { $0.question("q2")?.history ?? [] }
        XCTAssertEqual(two.history.count, Set(histories.map { "\($0.at)|\($0.by)|\($0.what)" }).count,
                       "both histories, once each")
        for change in histories { XCTAssertTrue(two.history.contains(change), change.what) }
        XCTAssertEqual(two.history.map(\.at), two.history.map(\.at).sorted())

        let notes = try XCTUnwrap(merged.notes["s1"])
        XCTAssertEqual(notes.speaker, "Left notes", "later notes win")
        XCTAssertTrue(notes.previousVersions.contains { $0.text == "Right notes" }, "the other kept")
        XCTAssertTrue(notes.previousVersions.contains { $0.text == "Hello" })

        XCTAssertEqual(merged.message?.text, "Wrap up")
        XCTAssertEqual(merged.timer(for: "s1").addedSeconds, 60, "timers from the copy written last")
        XCTAssertEqual(merged.revision, 9)
    }

    func testSameRecordSameTimeTieBreaksDeterministically() {
        var left = sampleState()
        reduce(&left, ask("q1", "Base?"), context: context(1))
        var right = left
        reduce(&left, .editText(id: "q1", text: "Alpha"), context: context(5, "a@x"))
        reduce(&right, .editText(id: "q1", text: "Beta"), context: context(5, "a@x"))
        let merged = StateMerge.merge([left, right])
        XCTAssertEqual(merged, StateMerge.merge([right, left]))
        XCTAssertEqual(merged.question("q1")?.text, "Beta")
    }
}
