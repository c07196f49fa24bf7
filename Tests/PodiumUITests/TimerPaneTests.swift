import Foundation
import PodiumCore
import PodiumText
import PodiumUI
import XCTest

/// The host's and moderator's timer in warning and danger, late, with a message to the
/// speaker: the time as text, the time of day, the drift (never cut) and the message's age.
final class TimerPaneTests: XCTestCase {
    private let utc = TimeZone(identifier: "UTC")!
    private let nine = Date(timeIntervalSince1970: 1_548_925_200)  // 2019-01-31 09:00 UTC

    /// Planned from 09:00; the first talk (5 min, warning at 2, danger at 1) starts at 09:03;
    /// "Please wrap up" sent at 09:06:38.
    private func lateEvening(runningFor seconds: Double, message: Bool = true) -> (PodiumState, Date) {
        let event = Event(
            title: "Kubernetes Meetup Tokyo #15", date: "2019-01-31", venue: "Google Tokyo",
            start: "09:00", warningSeconds: 120, dangerSeconds: 60,
            sessions: [
                Session(id: "talk", title: "KubeVirt で VM を動かす", speaker: "登壇者B", plannedSeconds: 300),
                Session(id: "lt", title: "Lightning Talk: GitOps 入門", speaker: "Speaker C", plannedSeconds: 600),
            ])
        var state = PodiumState(event: event, now: nine)
        let start = nine.addingTimeInterval(180)
        reduce(&state, .startTimer(session: "talk"), context: ActionContext(now: start, actor: "host@test"))
        if message {
            let sent = nine.addingTimeInterval(398)
            reduce(&state, .sendMessage(SpeakerMessage(text: "Please wrap up", sentBy: "host@test", sentAt: sent)),
                   context: ActionContext(now: sent, actor: "host@test"))
        }
        return (state, start.addingTimeInterval(seconds))
    }

    private func render(_ state: PodiumState, role: Role = .host, now: Date, width: Int = 80, height: Int = 24) -> Screen {
        var model = ConsoleModel(role: role, actor: "\(role.rawValue)@test", shared: state)
        model.timeZone = utc
        return ConsoleView.render(model, now: now, width: width, height: height)
    }

    func testHostInWarningWithAMessage() {
        let (state, now) = lateEvening(runningFor: 220)  // 09:06:40, 1:20 left
        XCTAssertEqual(state.reading(at: now).phase, .warning)
        let screen = render(state, now: now)
        assertGolden(screen, named: "timer-host-80x24-warning-message")
        let text = screen.text
        XCTAssertTrue(text.contains("1:20 left · 5:00 planned"), text)
        XCTAssertTrue(text.contains("msg: Please wrap up (0:02 ago)"), text)
        XCTAssertTrue(text.contains("09:06 · 3 min behind"), text)
        XCTAssertTrue(text.contains("ends 09:18 (planned 09:15)"), text)
    }

    func testHostInDangerWithAMessage() {
        let (state, now) = lateEvening(runningFor: 250)  // 09:07:10, 0:50 left
        XCTAssertEqual(state.reading(at: now).phase, .danger)
        let screen = render(state, now: now)
        assertGolden(screen, named: "timer-host-80x24-danger-message")
        let text = screen.text
        XCTAssertTrue(text.contains("0:50 left · 5:00 planned"), text)
        XCTAssertTrue(text.contains("msg: Please wrap up (0:32 ago)"), text)
        XCTAssertTrue(text.contains("09:07 · 3 min behind"), text)
    }

    func testModeratorSeesTheDriftAndTheMessageAge() {
        let (state, now) = lateEvening(runningFor: 250)
        let screen = render(state, role: .moderator, now: now)
        assertGolden(screen, named: "timer-moderator-80x24-danger-message")
        let text = screen.text
        XCTAssertTrue(text.contains("0:50 left msg: Please wrap up (0:32 ago)"), text)
        XCTAssertTrue(text.contains("09:07 · 3 min behind · ends 09:18 (planned 09:15) · next: Lightning"), text)
    }

    func testNarrowHostKeepsTheDriftAndTheClock() {
        // 40 columns: the planned end gives way, the drift and the time of day stay.
        let (state, now) = lateEvening(runningFor: 250)
        let screen = render(state, now: now, width: 40, height: 12)
        assertGolden(screen, named: "timer-host-40x12-danger-message")
        let text = screen.text
        XCTAssertTrue(text.contains("09:07 · 3 min behind · ends 09:18"), text)
        XCTAssertTrue(text.contains("msg: Please wrap up"), text)
    }

    func testOvertimeFlashesAndCountsUp() {
        let (state, now) = lateEvening(runningFor: 365, message: false)
        let screen = render(state, now: now)
        XCTAssertTrue(screen.text.contains("+1:05 OVER TIME · 5:00 planned"), screen.text)
        let row = screen.lines().firstIndex { $0.contains("+1:05 OVER TIME") }!
        let cell = (0..<screen.width).map { screen[$0, row] }.first { cell in
            if case .text(let text) = cell.glyph { return text == "+" }
            return false
        }
        XCTAssertEqual(cell?.style.blink, true)
        XCTAssertEqual(TimerPane.phaseStyle(.overtime).blink, true)
        XCTAssertEqual(TimerPane.phaseStyle(.danger).blink, false)
    }
}
