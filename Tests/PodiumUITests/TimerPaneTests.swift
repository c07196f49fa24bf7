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

    /// The last talk ran to 09:24:30 and the host ended the event: the timer pane, the rundown
    /// and the speaker view show what happened, never a forecast, however late one looks.
    func testAfterTheEndOnlyActualsShow() {
        var (state, _) = lateEvening(runningFor: 0, message: false)
        func act(_ seconds: Double, _ action: Action) {
            reduce(&state, action, context: ActionContext(now: nine + seconds, actor: "host@test"))
        }
        act(600, .nextSession(from: "talk"))          // 09:10: the talk took 7:00 of 5:00
        act(600, .startTimer(session: "lt"))
        // What the lead's end of the event does: finish the last timer, record the end.
        state.timers["lt"]?.finish(at: nine + 1470)   // 09:24:30: the LT took 14:30 of 10:00
        state.endedAt = nine + 1470
        for later: Double in [1470, 1500, 7200, 172_800] {
            let now = nine + later
            let text = render(state, now: now).text
            XCTAssertTrue(text.contains("ENDED"), text)
            XCTAssertTrue(text.contains("· 9 min behind"), text)
            XCTAssertTrue(text.contains("ended 09:24 (planned 09:15)"), text)
            XCTAssertFalse(text.contains("ends "), text)
            XCTAssertTrue(text.contains("+4:30"), text)
            let speaker = SpeakerView.render(state: state, now: now, width: 80, height: 24, timeZone: utc).text
            XCTAssertTrue(speaker.contains("EVENT ENDED · OVER TIME +4:30 · used 14:30 of 10:00"), speaker)

            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = utc
            let projection = Schedule.project(state, now: now, calendar: calendar)
            var rundown = Screen(width: 100, height: 8)
            RundownView.render(projection: projection, state: state, now: now, into: &rundown, rect: Rect(x: 0, y: 0, width: 100, height: 8))
            let lines = rundown.lines()
            XCTAssertFalse(lines.contains { $0.contains(">") }, rundown.text)
            XCTAssertTrue(lines[2].contains("09:03   09:10 "), lines[2])
            XCTAssertTrue(lines[2].hasSuffix("5:00    7:00    +2:00   │"), lines[2])
            XCTAssertTrue(lines[3].contains("09:10   09:24 "), lines[3])
            XCTAssertTrue(lines[3].hasSuffix("10:00   14:30   +4:30   │"), lines[3])
            XCTAssertTrue(rundown.text.contains("9 min behind · ended 09:24 (planned 09:15)"), rundown.text)
            if later == 7200 { assertGolden(rundown, named: "rundown-ended-100x8") }
        }
        assertGolden(render(state, now: nine + 7200), named: "timer-host-80x24-ended")
    }

    /// Before the end, the last session is projected as before.
    func testBeforeTheEndTheLastSessionIsProjected() {
        var (state, _) = lateEvening(runningFor: 0, message: false)
        reduce(&state, .nextSession(from: "talk"), context: ActionContext(now: nine + 600, actor: "host@test"))
        reduce(&state, .startTimer(session: "lt"), context: ActionContext(now: nine + 600, actor: "host@test"))
        let text = render(state, now: nine + 1470).text
        XCTAssertTrue(text.contains("ends 09:24 (planned 09:15)"), text)
        XCTAssertFalse(text.contains("ENDED"), text)
    }

    /// Allowed time shown is never negative, even from a file written before the clamp.
    func testAllowedTimeIsNeverShownNegative() {
        var (state, now) = lateEvening(runningFor: 30, message: false)
        state.timers["talk"]?.addedSeconds = -360
        let text = render(state, now: now).text
        XCTAssertTrue(text.contains("+0:30 OVER TIME · 0:00 planned"), text)
        XCTAssertFalse(text.contains("-1:00"), text)
        let speaker = SpeakerView.render(state: state, now: now, width: 80, height: 24, timeZone: utc).text
        XCTAssertTrue(speaker.contains("OVER TIME +0:30 · used 0:30 of 0:00"), speaker)
    }
}

/// The timer keys: who may use them, what they send, and the ones that ask first.
final class TimerKeyTests: XCTestCase {
    private let now = Date(timeIntervalSince1970: 1_548_925_200)

    private func console(_ role: Role) -> ConsoleModel {
        let event = Event(
            title: "Test", sessions: [
                Session(id: "talk", title: "Talk", plannedSeconds: 300),
                Session(id: "lt", title: "LT", plannedSeconds: 300),
            ])
        return ConsoleModel(role: role, actor: "\(role.rawValue)@test", shared: PodiumState(event: event, now: now))
    }

    private func press(_ model: inout ConsoleModel, _ keys: [Key]) -> [Action] {
        keys.flatMap { model.handle($0, now: now).actions }
    }

    private func characters(_ text: String) -> [Key] { text.map { .character($0) } }

    func testExactTimesTypedAtThePrompt() {
        XCTAssertEqual(TimeAdjustment.parse("+3"), 180)
        XCTAssertEqual(TimeAdjustment.parse("-1:30"), -90)
        XCTAssertEqual(TimeAdjustment.parse("90s"), 90)
        XCTAssertEqual(TimeAdjustment.parse("2m"), 120)
        XCTAssertEqual(TimeAdjustment.parse(" 1.5 "), 90)
        XCTAssertNil(TimeAdjustment.parse("soon"))
        XCTAssertNil(TimeAdjustment.parse(""))
        XCTAssertNil(TimeAdjustment.parse("1:75"))
        XCTAssertNil(TimeAdjustment.parse("+100000"))

        var host = console(.host)
        XCTAssertEqual(press(&host, characters("t-1:30") + [.enter]), [.adjustTime(session: "talk", seconds: -90)])
        XCTAssertEqual(host.notice, "-1:30")
        XCTAssertEqual(press(&host, characters("tsoon") + [.enter]), [])
        XCTAssertTrue(host.noticeIsError)
    }

    func testRestartAsksFirst() {
        var host = console(.host)
        XCTAssertEqual(press(&host, [.character("0")]), [])
        XCTAssertEqual(host.overlay, .confirmRestart(session: "talk"))
        XCTAssertEqual(press(&host, [.character("n")]), [], "any other key keeps the session")
        XCTAssertNil(host.overlay)
        XCTAssertEqual(press(&host, [.character("0"), .character("y")]), [.restartSession(session: "talk")])
    }

    func testMessagePaletteSendsACannedCueOrFreeTextAndCClears() {
        var moderator = console(.moderator)
        XCTAssertEqual(press(&moderator, [.character("m")]), [])
        XCTAssertEqual(moderator.overlay, .messagePalette)
        let sent = press(&moderator, [.character("2")])
        XCTAssertEqual(sent, [.sendMessage(SpeakerMessage(text: "Please wrap up", sentBy: "moderator@test", sentAt: now, sessionID: "talk"))])
        // A digit with no cue sends nothing.
        XCTAssertEqual(press(&moderator, [.character("m"), .character("9")]), [])
        // Free text through t.
        let free = press(&moderator, [.character("m"), .character("t")] + characters("マイクを近づけて") + [.enter])
        XCTAssertEqual(free, [.sendMessage(SpeakerMessage(text: "マイクを近づけて", sentBy: "moderator@test", sentAt: now, sessionID: "talk"))])
        // g: a message for the whole event (no session), a deliberate choice.
        let wholeEvent = press(&moderator, [.character("m"), .character("g")] + characters("Doors close at 21:00") + [.enter])
        XCTAssertEqual(wholeEvent, [.sendMessage(SpeakerMessage(text: "Doors close at 21:00", sentBy: "moderator@test", sentAt: now, sessionID: nil))])
        // c clears the message shown.
        reduce(&moderator.shared, free[0], context: ActionContext(now: now, actor: "moderator@test"))
        // c clears the message shown, and only that one (what was seen travels with it).
        XCTAssertEqual(press(&moderator, [.character("c")]), [.guarded(.clearMessage, seen: Seen(messageSentAt: now))])
    }

    func testOnlyTheHostRunsTheTimerAndTheSpeakerViewIsReadOnly() {
        var host = console(.host)
        XCTAssertEqual(press(&host, [.character(" ")]), [.startTimer(session: "talk")])
        XCTAssertEqual(press(&host, [.character("+"), .character("-")]),
                       [.adjustTime(session: "talk", seconds: 60), .adjustTime(session: "talk", seconds: -60)])
        XCTAssertEqual(press(&host, [.character("n")]), [.nextSession(from: "talk")])
        var moderator = console(.moderator)
        XCTAssertEqual(press(&moderator, characters(" n+0t")), [])
        XCTAssertNil(moderator.overlay)
        XCTAssertNil(moderator.input)
        var speaker = console(.speaker)
        XCTAssertEqual(press(&speaker, characters(" nm2c")), [])
        XCTAssertNil(speaker.overlay)
        XCTAssertEqual(press(&speaker, [.character("R")]), [])
        XCTAssertEqual(speaker.overlay, .rundown)
    }
}
