import Foundation
import PodiumCore
import XCTest

/// Actions that carry what their person saw, applied to a file someone else changed first.
final class SeenTests: XCTestCase {
    let alice = "moderator:alice@tokyo"
    let bob = "moderator:bob@osaka"

    /// A minute of the fixture as a time of day in this machine's zone (what actions say).
    func at(_ minute: Double) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .current
        return TimeText.timeOfDay(QAFixture.start.addingTimeInterval(minute * 60), calendar: calendar)
    }

    func state() -> PodiumState {
        var state = PodiumState(event: QAFixture.event, now: QAFixture.start)
        for (index, text) in QAFixture.knativeQuestions.prefix(4).enumerated() {
            reduce(&state, .addQuestion(Question(id: "k\(index)", text: text, sessionID: "knative", askedAt: QAFixture.start)),
                   context: QAFixture.context(minute: 0))
        }
        return state
    }

    func act(_ state: inout PodiumState, _ action: Action, _ actor: String, minute: Double) -> [Effect] {
        reduce(&state, action, context: QAFixture.context(minute: minute, actor: actor))
    }

    func testUndoLeavesAnotherModeratorsLaterChangeAlone() {
        var file = state()
        var undo = UndoStack()
        let approve = Action.approve(id: "k0").guarded(by: file)
        undo.record(approve, before: file, context: QAFixture.context(minute: 1, actor: alice))
        _ = act(&file, approve, alice, minute: 1)
        _ = act(&file, Action.dismiss(id: "k0", reason: "off topic").guarded(by: file), bob, minute: 2)
        let effects = undo.pop()!.inverse.flatMap { act(&file, $0, alice, minute: 3) }
        XCTAssertEqual(file.question("k0")?.status, .dismissed, "bob's dismissal stays")
        XCTAssertEqual(effects.compactMap(\.message).first, "not undone: bob dismissed it at \(at(2))")

        // Undone while nobody changed it since: it is undone.
        var untouched = state()
        var stack = UndoStack()
        let approveAgain = Action.approve(id: "k1").guarded(by: untouched)
        stack.record(approveAgain, before: untouched, context: QAFixture.context(minute: 1, actor: alice))
        _ = act(&untouched, approveAgain, alice, minute: 1)
        XCTAssertEqual(stack.pop()!.inverse.flatMap { act(&untouched, $0, alice, minute: 2) }, [])
        XCTAssertEqual(untouched.question("k1")?.status, .new)
    }

    func testPuttingLiveAnswersOnlyTheQuestionThisConsoleShowedLive() {
        var file = state()
        for id in ["k0", "k1", "k2"] { _ = act(&file, .approve(id: id), alice, minute: 1) }
        _ = act(&file, .putLive(id: "k0"), alice, minute: 2)
        let bobSaw = file  // bob sees k0 live
        // Alice moves on to k1 (she saw k0 live: answered).
        _ = act(&file, Action.putLive(id: "k1").guarded(by: file), alice, minute: 3)
        XCTAssertEqual(file.question("k0")?.status, .answered)
        // Bob, a moment later, still seeing k0 live, puts k2 live: k1 was never shown to him
        // live, nobody answered it: back to the top of the queue, and he is told.
        let effects = act(&file, Action.putLive(id: "k2").guarded(by: bobSaw), bob, minute: 3.1)
        XCTAssertEqual(file.question("k2")?.status, .live)
        XCTAssertEqual(file.question("k1")?.status, .approved)
        let top = file.questions.filter { $0.sessionID == "knative" }.map(\.position).min()
        XCTAssertEqual(file.question("k1")?.position, top, "k1 is first in the queue")
        XCTAssertTrue(effects.compactMap(\.message).first?.contains("alice put it live at \(at(3))") ?? false, "\(effects)")
        XCTAssertEqual(file.questions.filter { $0.status == .live }.count, 1)
    }

    func testStaleActionsOnAQuestionChangedMeanwhileAreLeftAloneAndSaySo() {
        var file = state()
        let aliceSaw = file
        _ = act(&file, .dismiss(id: "k3", reason: "spam"), bob, minute: 1)
        let effects = act(&file, Action.approve(id: "k3").guarded(by: aliceSaw), alice, minute: 2)
        XCTAssertEqual(file.question("k3")?.status, .dismissed)
        XCTAssertEqual(effects, [.leftAlone("not approved: bob dismissed it at \(at(1))")])
        // Said in the reader's language when shown; the names and times stay as they are.
        XCTAssertEqual(effects.first?.message(.ja), "承認していません: bob が \(at(1)) に却下しました")
        // The same change made by two people is no conflict: nothing to say.
        _ = act(&file, .approve(id: "k2"), bob, minute: 3)
        XCTAssertEqual(act(&file, Action.approve(id: "k2").guarded(by: aliceSaw), alice, minute: 4), [])
    }

    func testTwoHostsPressingNextTogetherMoveOneSession() {
        var file = state()
        let host = "host:hana@tokyo"
        _ = act(&file, .nextSession(from: "knative"), host, minute: 1)
        let effects = act(&file, .nextSession(from: "knative"), "host:jiro@osaka", minute: 1)
        XCTAssertEqual(file.currentSessionID, "origins")
        XCTAssertEqual(effects.count, 1)
        if case .leftAlone(let text)? = effects.first { XCTAssertTrue(text.description.hasPrefix("not moved")) } else { XCTFail("\(effects)") }
    }

    func testAMessageBelongsToItsSessionAndAWholeEventMessageStays() {
        var file = state()
        let host = "host:hana@tokyo"
        let cue = SpeakerMessage(text: "Please wrap up", sentBy: host, sentAt: QAFixture.start, sessionID: "knative")
        _ = act(&file, .sendMessage(cue), host, minute: 1)
        _ = act(&file, .nextSession(from: "knative"), host, minute: 2)
        XCTAssertNil(file.message, "gone with its session")
        XCTAssertEqual(file.messageLog, [cue], "kept in the history")
        // Sent for a session that ended meanwhile: not shown to the next speaker.
        XCTAssertEqual(act(&file, .sendMessage(cue), host, minute: 3).count, 1)
        XCTAssertNil(file.message)
        let everyone = SpeakerMessage(text: "Doors close at 21:00", sentBy: host, sentAt: QAFixture.start, sessionID: nil)
        _ = act(&file, .sendMessage(everyone), host, minute: 4)
        _ = act(&file, .previousSession(from: "origins"), host, minute: 5)
        XCTAssertEqual(file.message, everyone)
    }
}
