import Foundation
import PodiumConsole
import PodiumCore
import PodiumUI
import XCTest

/// The console's policy as one pure function, `ConsoleState.update(state, event, now:newID:)`:
/// no file, no terminal, no clock. What it returns is all that happens; the state it was given
/// is left as it was; the same inputs give the same result.
final class ConsoleUpdateTests: XCTestCase {
    let start = Date(timeIntervalSince1970: 1_548_925_200)

    func state(_ role: Role = .host, bell: Bool = true) -> ConsoleState {
        let event = Event(title: "Update Night", warningSeconds: 60, dangerSeconds: 30, sessions: [
            Session(id: "talk", title: "The update", speaker: "Hana", plannedSeconds: 120),
            Session(id: "closing", title: "Closing", plannedSeconds: 60),
        ])
        var shared = PodiumState(event: event, now: start)
        shared.questions.append(Question(id: "q1", text: "Why etcd?", sessionID: "talk", askedAt: start, by: "script@test"))
        var state = ConsoleState(model: ConsoleModel(role: role, actor: "\(role.rawValue)@test", shared: shared))
        state.bellEnabled = bell
        state.rememberPhase(now: start)
        return state
    }

    func ids() -> () -> String {
        var next = 0
        return {
            next += 1
            return "id-\(next)"
        }
    }

    func testAKeyReturnsItsCommandsAndLeavesTheGivenStateAlone() {
        let before = state()
        let (after, commands) = ConsoleState.update(before, .key(.character(" ")), now: start)
        XCTAssertEqual(commands, [], "a shared change is written after the frame, not by the key")
        XCTAssertEqual(after.pending.map(\.action), [.startTimer(session: "talk")])
        XCTAssertEqual(after.model.shared.currentTimer.status, .running)
        XCTAssertTrue(before.pending.isEmpty, "the state given is a value: unchanged")
        XCTAssertEqual(before.model.shared.currentTimer.status, .idle)
        // The frame after it asks for the write.
        let (_, afterFrame) = ConsoleState.update(after, .frameShown(keysWaiting: false), now: start)
        XCTAssertEqual(afterFrame, [.persist(force: false)])
    }

    func testTheSameInputsGiveTheSameResult() {
        // A question typed and sent: the id comes from the caller, the time too.
        var first = state(.moderator)
        var second = state(.moderator)
        let keys: [Key] = [.character("a")] + "Is it fast?".map { Key.character($0) } + [.enter]
        let firstIDs = ids(), secondIDs = ids()
        for key in keys {
            XCTAssertEqual(first.update(.key(key), now: start, newID: firstIDs), second.update(.key(key), now: start, newID: secondIDs))
        }
        XCTAssertEqual(first.pending.map(\.action), second.pending.map(\.action))
        let added = first.model.shared.questions.first { $0.text == "Is it fast?" }
        XCTAssertEqual(added?.id, "id-1", "the id is the one handed in")
        XCTAssertEqual(added?.askedAt, start, "the time is the one handed in")
        XCTAssertEqual(
            ConsoleView.render(first.model, now: start, width: 80, height: 24),
            ConsoleView.render(second.model, now: start, width: 80, height: 24))
    }

    func testQuitWritesFirstThenAsksTheLoopToQuit() {
        let (_, commands) = ConsoleState.update(state(), .key(.character("q")), now: start)
        XCTAssertEqual(commands, [.persist(force: true), .quit])
    }

    func testTheBellRingsOnceWhenTheTimerCrossesIntoTheWarning() {
        var host = state()
        _ = host.update(.key(.character(" ")), now: start)
        XCTAssertEqual(host.update(.frameShown(keysWaiting: false), now: start + 10), [.persist(force: false)])
        host.pending.removeAll()  // as if written
        XCTAssertEqual(host.update(.frameShown(keysWaiting: false), now: start + 61), [.bell], "60 s left of 120")
        XCTAssertEqual(host.update(.frameShown(keysWaiting: false), now: start + 62), [], "once")
        var quiet = state(bell: false)
        _ = quiet.update(.key(.character(" ")), now: start)
        quiet.pending.removeAll()
        XCTAssertEqual(quiet.update(.frameShown(keysWaiting: false), now: start + 61), [], "no bell unless asked for")
    }

    func testTheFrameSettlesTheSizeAndTheSelection() {
        var moderator = state(.moderator)
        XCTAssertNil(moderator.model.selectedQuestionID)
        XCTAssertEqual(moderator.update(.frameDue(width: 120, height: 40, presence: nil), now: start), [])
        XCTAssertEqual(moderator.model.width, 120)
        XCTAssertEqual(moderator.model.height, 40)
        XCTAssertEqual(moderator.model.selectedQuestionID, "q1")
    }

    func testASignalWhileEditingUnmarksTheQuestionThenWritesAndEnds() {
        var moderator = state(.moderator)
        _ = moderator.update(.frameDue(width: 80, height: 24, presence: nil), now: start)
        _ = moderator.update(.key(.character("e")), now: start)
        XCTAssertEqual(moderator.model.shared.question("q1")?.editingBy, "moderator@test")
        let commands = moderator.update(.terminate(status: 143), now: start)
        XCTAssertEqual(commands, [.persist(force: true), .exit(.signal(status: 143, unsaved: nil))])
        XCTAssertNil(moderator.model.shared.question("q1")?.editingBy)
    }

    /// The memos belong to the loop: two copies of a model with their own memos, or none,
    /// draw the same screens.
    func testMemosChangeNothingButSpeed() {
        var model = state(.moderator).model
        let memos = ConsoleMemos()
        for index in 0..<50 {
            model.shared.questions.append(Question(id: "m\(index)", text: "Question \(index)", sessionID: "talk", askedAt: start + Double(index)))
        }
        model.keepSelectionValid(memos: memos)
        for key in [Key.character("j"), .character("j"), .character("y"), .character("k"), .character("o")] {
            _ = model.handle(key, now: start, memos: memos)
            var copy = model
            copy.shared.questions[0].status = .dismissed  // a copy that went another way
            _ = ConsoleView.render(copy, memos: memos, now: start, width: 80, height: 24)
            XCTAssertEqual(
                ConsoleView.render(model, memos: memos, now: start, width: 80, height: 24),
                ConsoleView.render(model, memos: ConsoleMemos(), now: start, width: 80, height: 24), "after \(key)")
        }
    }
}
