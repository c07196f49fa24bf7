import Foundation
import PodiumCore
import PodiumTestSupport
import XCTest

/// Every timer transition with a fake clock: the reducer's timer actions, `SessionTimer`,
/// `TimerReading` and resuming from a saved state.
final class TimerTests: XCTestCase {
    let clock = ManualClock(Date(timeIntervalSince1970: 1_602_579_600))  // 2020-10-13 09:00 UTC
    var state = PodiumState(event: TimerTests.event, now: Date(timeIntervalSince1970: 1_602_579_600))

    static let event = Event(
        title: "Kubernetes Internal #1", start: "19:00", warningSeconds: 300, dangerSeconds: 120,
        sessions: [
            Session(id: "talk", title: "Kubernetesのコードリーディング", plannedSeconds: 40 * 60),
            Session(id: "discussion", title: "Open discussion", plannedSeconds: 40 * 60,
                    warningSeconds: 600, dangerSeconds: 60),
            Session(id: "lt", title: "Lightning talk", plannedSeconds: 5 * 60),
        ])

    @discardableResult
    func act(_ action: Action) -> [Effect] {
        reduce(&state, action, context: ActionContext(now: clock.now(), actor: "host@test"))
    }

    var reading: TimerReading { state.reading(at: clock.now()) }
    var shown: String { TimeText.reading(reading) }

    func testIdleShowsThePlannedLength() {
        XCTAssertEqual(reading.phase, .idle)
        XCTAssertEqual(reading.status, .idle)
        XCTAssertEqual(shown, "40:00")
        clock.advance(by: 600)
        XCTAssertEqual(shown, "40:00", "an idle timer does not run")
    }

    func testStartCountsDownFromTheAnchor() {
        let started = clock.now()
        act(.startTimer(session: "talk"))
        XCTAssertEqual(state.currentTimer.status, .running)
        XCTAssertEqual(state.currentTimer.actualStart, started)
        XCTAssertEqual(state.currentTimer.runningSince, started)
        XCTAssertEqual(shown, "40:00")
        clock.advance(by: 0.4)
        XCTAssertEqual(shown, "40:00", "remaining time rounds up")
        clock.advance(by: 0.6)
        XCTAssertEqual(shown, "39:59")
        clock.advance(by: 9 * 60 + 59)
        XCTAssertEqual(shown, "30:00")
        XCTAssertEqual(reading.phase, .normal)
        XCTAssertEqual(reading.elapsedSeconds, 600)
        XCTAssertEqual(reading.progress, 0.25, accuracy: 1e-9)
        // Starting again while running changes nothing.
        act(.startTimer(session: "talk"))
        XCTAssertEqual(state.currentTimer.runningSince, started)
    }

    func testStartForASessionNotOnStageIsIgnored() {
        act(.startTimer(session: "discussion"))
        XCTAssertEqual(state.timer(for: "discussion").status, .idle)
        XCTAssertEqual(state.currentTimer.status, .idle)
    }

    func testPauseFreezesAndResumeContinues() {
        let started = clock.now()
        act(.startTimer(session: "talk"))
        clock.advance(by: 300)
        act(.pauseTimer(session: "talk"))
        XCTAssertEqual(state.currentTimer.status, .paused)
        XCTAssertNil(state.currentTimer.runningSince)
        XCTAssertEqual(shown, "35:00")
        clock.advance(by: 3600)
        XCTAssertEqual(shown, "35:00", "a paused timer does not run")
        XCTAssertEqual(reading.status, .paused)
        // Pausing twice keeps the first pause.
        act(.pauseTimer(session: "talk"))
        XCTAssertEqual(state.currentTimer.elapsedBeforeRun, 300)
        act(.startTimer(session: "talk"))
        XCTAssertEqual(state.currentTimer.status, .running)
        XCTAssertEqual(state.currentTimer.actualStart, started, "resuming keeps the first start")
        clock.advance(by: 60)
        XCTAssertEqual(shown, "34:00")
    }

    func testAddAndTakeTime() {
        act(.startTimer(session: "talk"))
        clock.advance(by: 600)
        act(.adjustTime(session: "talk", seconds: 60))
        XCTAssertEqual(shown, "31:00")
        XCTAssertEqual(reading.allowedSeconds, 41 * 60)
        act(.adjustTime(session: "talk", seconds: -60))
        act(.adjustTime(session: "talk", seconds: -60))
        XCTAssertEqual(shown, "29:00")
        XCTAssertEqual(state.currentTimer.addedSeconds, -60)
        // An exact amount from the prompt.
        act(.adjustTime(session: "talk", seconds: -27 * 60))
        XCTAssertEqual(shown, "2:00")
        XCTAssertEqual(reading.phase, .danger)
        // Taking more than is left leaves the talk due now, never negative, and says how much
        // could be taken.
        let effects = act(.adjustTime(session: "talk", seconds: -3 * 60))
        XCTAssertEqual(reading.remainingSeconds, 0)
        XCTAssertEqual(reading.allowedSeconds, 10 * 60, "allowed = what has run: due now")
        XCTAssertEqual(effects, [.leftAlone("took 2:00 of 3:00: that was all that was left; the talk is due now")])
        // Nothing left: nothing taken, and it says so; allowed time stays where it was.
        XCTAssertEqual(act(.adjustTime(session: "talk", seconds: -60)), [.leftAlone("no time taken: none was left (1:00 asked)")])
        XCTAssertEqual(reading.allowedSeconds, 10 * 60)
        // Allowed time never goes below zero, even on a timer that never ran (t -90m on a panel).
        act(.restartSession(session: "talk"))
        act(.adjustTime(session: "talk", seconds: -90 * 60))
        XCTAssertEqual(reading.allowedSeconds, 0)
        XCTAssertGreaterThanOrEqual(state.currentTimer.addedSeconds, -40 * 60)
    }

    func testThresholdsFromTheEventAndPerSession() {
        act(.startTimer(session: "talk"))
        func phase(atRemaining seconds: Double) -> TimerPhase {
            state.reading(at: clock.now().addingTimeInterval(40 * 60 - seconds)).phase
        }
        XCTAssertEqual(phase(atRemaining: 301), .normal)
        XCTAssertEqual(phase(atRemaining: 300), .warning)
        XCTAssertEqual(phase(atRemaining: 121), .warning)
        XCTAssertEqual(phase(atRemaining: 120.5), .warning, "121 shown: still warning")
        XCTAssertEqual(phase(atRemaining: 120), .danger)
        XCTAssertEqual(phase(atRemaining: 0.5), .danger)
        XCTAssertEqual(phase(atRemaining: 0), .overtime)

        // The discussion overrides both: warning at 10 minutes, danger at 1.
        act(.nextSession(from: "talk"))
        act(.startTimer(session: "discussion"))
        XCTAssertEqual(phase(atRemaining: 601), .normal)
        XCTAssertEqual(phase(atRemaining: 600), .warning)
        XCTAssertEqual(phase(atRemaining: 120), .warning)
        XCTAssertEqual(phase(atRemaining: 60), .danger)
    }

    func testOvertimeCountsUp() {
        act(.startTimer(session: "talk"))
        clock.advance(by: 40 * 60)
        XCTAssertEqual(reading.phase, .overtime)
        XCTAssertEqual(shown, "+0:00")
        clock.advance(by: 65.9)
        XCTAssertEqual(shown, "+1:05")
        XCTAssertEqual(reading.overtimeSeconds, 65)
        XCTAssertEqual(reading.remainingSeconds, 0)
        XCTAssertEqual(reading.progress, 1)
        // The discussion that ran ten minutes over: counted up past an hour too.
        clock.advance(by: 3600)
        XCTAssertEqual(shown, "+1:01:05")
        // Paused in overtime, it stays in overtime.
        act(.pauseTimer(session: "talk"))
        XCTAssertEqual(reading.phase, .overtime)
    }

    func testNextFinishesTheSessionAndIgnoresAStaleSecondPress() {
        act(.startTimer(session: "talk"))
        clock.advance(by: 42 * 60 + 30)
        let ended = clock.now()
        act(.nextSession(from: "talk"))
        XCTAssertEqual(state.currentSessionID, "discussion")
        XCTAssertEqual(state.timer(for: "talk").actualEnd, ended)
        XCTAssertEqual(state.timer(for: "talk").status, .paused)
        XCTAssertEqual(state.timer(for: "talk").elapsed(at: clock.now() + 999), 42 * 60 + 30)
        XCTAssertEqual(reading.phase, .idle, "the next session waits for the host to start it")
        // A second host pressed next for the talk in the same second: applied once only.
        act(.nextSession(from: "talk"))
        XCTAssertEqual(state.currentSessionID, "discussion")
        // Next from the last session does nothing.
        act(.nextSession(from: "discussion"))
        act(.nextSession(from: "lt"))
        XCTAssertEqual(state.currentSessionID, "lt")
        act(.nextSession(from: "lt"))
        XCTAssertEqual(state.currentSessionID, "lt")
    }

    func testPreviousReturnsToTheRecordAndResumesIt() {
        act(.startTimer(session: "talk"))
        clock.advance(by: 600)
        act(.nextSession(from: "talk"))
        clock.advance(by: 30)
        act(.previousSession(from: "discussion"))
        XCTAssertEqual(state.currentSessionID, "talk")
        XCTAssertEqual(reading.status, .paused)
        XCTAssertEqual(shown, "30:00")
        act(.startTimer(session: "talk"))
        XCTAssertNil(state.currentTimer.actualEnd, "running again: not ended")
        clock.advance(by: 60)
        XCTAssertEqual(shown, "29:00")
        // Previous from the first session does nothing.
        act(.previousSession(from: "talk"))
        XCTAssertEqual(state.currentSessionID, "talk")
    }

    func testRestartPutsTheSessionBackToItsStart() {
        act(.startTimer(session: "talk"))
        act(.adjustTime(session: "talk", seconds: 120))
        clock.advance(by: 900)
        act(.restartSession(session: "talk"))
        XCTAssertEqual(state.currentTimer, SessionTimer(sessionID: "talk"))
        XCTAssertEqual(reading.phase, .idle)
        XCTAssertEqual(shown, "40:00")
        let again = clock.now()
        act(.startTimer(session: "talk"))
        XCTAssertEqual(state.currentTimer.actualStart, again)
    }

    func testResumesExactlyFromASavedState() throws {
        act(.startTimer(session: "talk"))
        clock.advance(by: 754.25)
        act(.adjustTime(session: "talk", seconds: 60))
        for since1970 in [true, false] {
            let encoder = JSONEncoder()
            let decoder = JSONDecoder()
            if since1970 {
                // As the state file stores dates.
                encoder.dateEncodingStrategy = .secondsSince1970
                decoder.dateDecodingStrategy = .secondsSince1970
            }
            let data = try encoder.encode(state)
            let restored = try decoder.decode(PodiumState.self, from: data)
            // A console restarted later, on another machine, shows the same second.
            for later in [0.0, 1.5, 600, 2400, 10_800] as [TimeInterval] {
                let when = clock.now().addingTimeInterval(later)
                XCTAssertEqual(restored.reading(at: when), state.reading(at: when), "at +\(later)")
                XCTAssertEqual(TimeText.reading(restored.reading(at: when)), TimeText.reading(state.reading(at: when)))
            }
        }
        // The reading after a restart 20 minutes later: 41:00 allowed, 12:34.25 + 20:00 used.
        let restored = try JSONDecoder().decode(PodiumState.self, from: JSONEncoder().encode(state))
        XCTAssertEqual(TimeText.reading(restored.reading(at: clock.now() + 1200)), "8:26")

        // Paused, saved and restored: still paused at the same reading.
        act(.pauseTimer(session: "talk"))
        let paused = try JSONDecoder().decode(PodiumState.self, from: JSONEncoder().encode(state))
        XCTAssertEqual(paused.reading(at: clock.now() + 3600).status, .paused)
        XCTAssertEqual(TimeText.reading(paused.reading(at: clock.now() + 3600)), "28:26")
    }

    func testTimeText() {
        XCTAssertEqual(TimeText.clock(0), "0:00")
        XCTAssertEqual(TimeText.clock(65), "1:05")
        XCTAssertEqual(TimeText.clock(40 * 60), "40:00")
        XCTAssertEqual(TimeText.clock(3723), "1:02:03")
        XCTAssertEqual(TimeText.clock(-65), "1:05")
    }

    /// The host's big digits: whole minutes, the seconds only within a minute of zero.
    func testTimeTextInWholeMinutes() {
        let start = Date(timeIntervalSince1970: 1_700_000_000)
        var state = PodiumState(event: Event(title: "E", sessions: [Session(id: "s", title: "S", plannedSeconds: 2 * 3600)]), now: start)
        reduce(&state, .startTimer(session: "s"), context: ActionContext(now: start, actor: "host@test"))
        func minutes(after seconds: Double) -> String { TimeText.minutes(state.reading(at: start + seconds)) }
        XCTAssertEqual(TimeText.minutes(PodiumState(event: state.event, now: start).reading(at: start)), "2h00m")
        XCTAssertEqual(minutes(after: 1), "1h59m")
        XCTAssertEqual(minutes(after: 3600 + 55 * 60), "5m")
        XCTAssertEqual(minutes(after: 7200 - 205), "3m")  // 3:25 left
        XCTAssertEqual(TimeText.reading(state.reading(at: start + 7200 - 205)), "3:25")
        XCTAssertEqual(minutes(after: 7200 - 60), "1m")
        XCTAssertEqual(minutes(after: 7200 - 59), "0:59")
        XCTAssertEqual(minutes(after: 7200), "+0:00")  // as TimeText.reading: zero is overtime
        XCTAssertEqual(minutes(after: 7200 + 15), "+0:15")
        XCTAssertEqual(minutes(after: 7200 + 65), "+1m")
        XCTAssertEqual(minutes(after: 7200 + 3600 + 120), "+1h02m")
    }

    func testClockSkewIsAnotherHostsFileFromTheFuture() {
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        var state = PodiumState(event: Event(title: "E", sessions: [Session(id: "s", title: "S", plannedSeconds: 60)]), now: now)
        XCTAssertNil(ClockSkew.secondsAhead(of: state, now: now, thisHost: "a"), "no writer yet")
        state.writer = Writer(host: "b", pid: 1, role: .host)
        state.updatedAt = now + 90
        XCTAssertEqual(ClockSkew.secondsAhead(of: state, now: now, thisHost: "a"), 90)
        XCTAssertNil(ClockSkew.secondsAhead(of: state, now: now, thisHost: "b"), "its own writes")
        state.updatedAt = now + 1
        XCTAssertNil(ClockSkew.secondsAhead(of: state, now: now, thisHost: "a"), "under the threshold")
        state.updatedAt = now - 300
        XCTAssertNil(ClockSkew.secondsAhead(of: state, now: now, thisHost: "a"), "late is not ahead")
        XCTAssertEqual(ClockSkew.warning(host: "b", secondsAhead: 90), "clock: b is 1:30 ahead of this machine; timers differ by that much (sync both clocks, e.g. NTP)")
    }
}
