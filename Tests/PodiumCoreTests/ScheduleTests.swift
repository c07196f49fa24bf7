import Foundation
import PodiumCore
import XCTest

/// Kubernetes Meetup Tokyo #15: seven items from 19:00, planned to end at 21:00 (Tokyo time).
final class ScheduleTests: XCTestCase {
    var calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Tokyo")!
        return calendar
    }()

    func event(start: String? = "19:00") -> Event {
        Event(
            title: "Kubernetes Meetup Tokyo #15 — KubeCon 2018 Recap", date: "2019-01-23",
            venue: "Google Tokyo", start: start,
            sessions: [
                Session(id: "opening", title: "Opening", plannedSeconds: 10 * 60),
                Session(id: "overview", title: "KubeCon + CloudNativeCon North America 2018 Overview", plannedSeconds: 20 * 60),
                Session(id: "gitops", title: "Lightning Talk: Introduction to GitOps", plannedSeconds: 10 * 60),
                Session(id: "kubevirt", title: "KubeVirt", plannedSeconds: 20 * 60),
                Session(id: "airbnb", title: "Developing Kubernetes Services at Airbnb Scale", plannedSeconds: 20 * 60),
                Session(id: "harbor", title: "Harbor and Dragonfly", plannedSeconds: 20 * 60),
                Session(id: "opa", title: "Securing Kubernetes With Admission Controllers", plannedSeconds: 20 * 60),
            ])
    }

    /// 2019-01-23 at "HH:MM" (optionally ":SS") in Tokyo.
    func at(_ time: String) -> Date {
        let parts = time.split(separator: ":").map { Int($0)! }
        return calendar.date(from: DateComponents(
            year: 2019, month: 1, day: 23, hour: parts[0], minute: parts[1],
            second: parts.count > 2 ? parts[2] : 0))!
    }

    func apply(_ state: inout PodiumState, _ time: String, _ actions: Action...) {
        for action in actions {
            reduce(&state, action, context: ActionContext(now: at(time), actor: "host@test"))
        }
    }

    func project(_ state: PodiumState, _ time: String) -> ScheduleProjection {
        Schedule.project(state, now: at(time), calendar: calendar)
    }

    func testBeforeTheEventEverythingIsAsPlanned() {
        let state = PodiumState(event: event(), now: at("18:30"))
        let projection = project(state, "18:50")
        XCTAssertEqual(projection.plannedStart, at("19:00"))
        XCTAssertEqual(projection.plannedEnd, at("21:00"))
        XCTAssertEqual(projection.projectedEnd, at("21:00"))
        XCTAssertEqual(projection.driftSeconds, 0)
        XCTAssertEqual(projection.summaryLine, "on time · ends 21:00")
        XCTAssertEqual(projection.rows.map(\.status), [.current] + Array(repeating: .upcoming, count: 6))
        XCTAssertEqual(projection.rows[3].plannedStart, at("19:40"))
        XCTAssertEqual(projection.rows[3].projectedStart, at("19:40"))
        XCTAssertEqual(projection.rows[0].projectedEnd, at("19:10"))
    }

    func testALateStartAndOvertimePushEverythingAfter() {
        var state = PodiumState(event: event(), now: at("18:30"))
        apply(&state, "19:02", .startTimer(session: "opening"))
        XCTAssertEqual(project(state, "19:05").summaryLine, "2 min behind · ends 21:02 (planned 21:00)")

        // The opening takes 12 minutes; the overview starts at 19:15 and runs 5 minutes over.
        apply(&state, "19:14", .nextSession(from: "opening"))
        apply(&state, "19:15", .startTimer(session: "overview"))
        let projection = project(state, "19:40")
        XCTAssertEqual(projection.rows[0].status, .done)
        XCTAssertEqual(projection.rows[0].actualStart, at("19:02"))
        XCTAssertEqual(projection.rows[0].actualEnd, at("19:14"))
        XCTAssertEqual(projection.rows[0].overrunSeconds, 120)
        XCTAssertEqual(projection.rows[1].status, .current)
        XCTAssertEqual(projection.rows[1].overrunSeconds, 300)
        XCTAssertEqual(projection.rows[1].projectedEnd, at("19:40"))
        XCTAssertEqual(projection.rows[2].projectedStart, at("19:40"))
        XCTAssertEqual(projection.rows[2].plannedStart, at("19:30"))
        XCTAssertEqual(projection.driftSeconds, 600)
        XCTAssertEqual(projection.summaryLine, "10 min behind · ends 21:10 (planned 21:00)")
        // The same as values, for views that word them themselves.
        XCTAssertEqual(projection.drift, .behind(minutes: 10))
        XCTAssertFalse(projection.endIsActual)
        XCTAssertEqual(projection.nextStart, at("19:40"))
        XCTAssertEqual(project(PodiumState(event: event(), now: at("18:30")), "18:50").drift, .onTime)

        // Every further second of overtime moves the end.
        XCTAssertEqual(project(state, "19:47").summaryLine, "17 min behind · ends 21:17 (planned 21:00)")
    }

    func testTheExampleFromTheIssue() {
        var state = PodiumState(event: event(), now: at("18:30"))
        apply(&state, "19:07", .startTimer(session: "opening"))
        XCTAssertEqual(project(state, "19:08").summaryLine, "7 min behind · ends 21:07 (planned 21:00)")
    }

    func testASkippedSessionPullsTheRestEarlier() {
        var state = PodiumState(event: event(), now: at("18:30"))
        apply(&state, "19:00", .startTimer(session: "opening"))
        apply(&state, "19:10", .nextSession(from: "opening"))
        apply(&state, "19:10", .startTimer(session: "overview"))
        apply(&state, "19:30", .goToSession("kubevirt"))
        apply(&state, "19:30", .startTimer(session: "kubevirt"))
        let projection = project(state, "19:40")
        XCTAssertEqual(projection.rows.map(\.status), [.done, .done, .skipped, .current, .upcoming, .upcoming, .upcoming])
        XCTAssertNil(projection.rows[2].projectedStart)
        XCTAssertNil(projection.rows[2].overrunSeconds)
        XCTAssertEqual(projection.rows[3].projectedEnd, at("19:50"))
        XCTAssertEqual(projection.rows[6].projectedEnd, at("20:50"))
        XCTAssertEqual(projection.driftSeconds, -600)
        XCTAssertEqual(projection.summaryLine, "10 min ahead · ends 20:50 (planned 21:00)")
    }

    func testAShortSessionPullsLaterOnesOnlyWhenTheHostMovesOn() {
        var state = PodiumState(event: event(), now: at("18:30"))
        apply(&state, "19:00", .startTimer(session: "opening"))
        // Six minutes in, the opening still has four to go: on time.
        XCTAssertEqual(project(state, "19:06").summaryLine, "on time · ends 21:00")
        apply(&state, "19:06", .nextSession(from: "opening"))
        let projection = project(state, "19:06")
        XCTAssertEqual(projection.rows[0].overrunSeconds, -240)
        XCTAssertEqual(projection.rows[1].projectedStart, at("19:06"))
        XCTAssertEqual(projection.summaryLine, "4 min ahead · ends 20:56 (planned 21:00)")
        // Waiting to start the next one eats the lead.
        XCTAssertEqual(project(state, "19:09").summaryLine, "1 min ahead · ends 20:59 (planned 21:00)")
    }

    func testAddedTimeAndPausesMoveTheProjection() {
        var state = PodiumState(event: event(), now: at("18:30"))
        apply(&state, "19:00", .startTimer(session: "opening"), .adjustTime(session: "opening", seconds: 180))
        XCTAssertEqual(project(state, "19:01").summaryLine, "3 min behind · ends 21:03 (planned 21:00)")
        XCTAssertEqual(project(state, "19:01").rows[0].overrunSeconds, 180)
        apply(&state, "19:02", .pauseTimer(session: "opening"))
        // Paused two minutes in: eleven minutes still to run from whenever it resumes.
        XCTAssertEqual(project(state, "19:05").rows[0].projectedEnd, at("19:16"))
        XCTAssertEqual(project(state, "19:05").summaryLine, "6 min behind · ends 21:06 (planned 21:00)")
    }

    func testGoingBackKeepsWhatTheLaterSessionAlreadyRan() {
        var state = PodiumState(event: event(), now: at("18:30"))
        apply(&state, "19:00", .startTimer(session: "opening"))
        apply(&state, "19:10", .nextSession(from: "opening"))
        apply(&state, "19:10", .startTimer(session: "overview"))
        apply(&state, "19:30", .nextSession(from: "overview"))
        apply(&state, "19:30", .startTimer(session: "gitops"))
        apply(&state, "19:32", .previousSession(from: "gitops"))
        let projection = project(state, "19:33")
        XCTAssertEqual(projection.rows.map(\.status), [.done, .current, .upcoming, .upcoming, .upcoming, .upcoming, .upcoming])
        XCTAssertEqual(projection.rows[2].actualStart, at("19:30"))
        XCTAssertEqual(projection.rows[2].actualSeconds, 120)
        // The overview's time is used up: it ends now. GitOps has eight minutes left.
        XCTAssertEqual(projection.rows[1].projectedEnd, at("19:33"))
        XCTAssertEqual(projection.rows[2].projectedStart, at("19:33"))
        XCTAssertEqual(projection.rows[2].projectedEnd, at("19:41"))
        XCTAssertEqual(projection.summaryLine, "1 min behind · ends 21:01 (planned 21:00)")
    }

    func testWithoutAStartTimeThePlanBeginsAtTheFirstActualStart() {
        var state = PodiumState(event: event(start: nil), now: at("18:30"))
        let before = project(state, "19:00")
        XCTAssertEqual(before.summaryLine, "no start time")
        XCTAssertNil(before.plannedStart)
        XCTAssertFalse(before.hasEventStartTime)
        apply(&state, "19:03", .startTimer(session: "opening"))
        let after = project(state, "19:05")
        XCTAssertEqual(after.plannedStart, at("19:03"))
        XCTAssertEqual(after.summaryLine, "on time · ends 21:03")
        apply(&state, "19:20", .nextSession(from: "opening"))
        XCTAssertEqual(project(state, "19:21").summaryLine, "8 min behind · ends 21:11 (planned 21:03)")
    }

    func testTheDayComesFromTheFirstActualStartForARehearsal() {
        // Rehearsing two days before the date in the event file: the plan follows the real day.
        var state = PodiumState(event: event(), now: at("18:30"))
        let rehearsal = at("19:05").addingTimeInterval(-2 * 86_400)
        reduce(&state, .startTimer(session: "opening"), context: ActionContext(now: rehearsal, actor: "host"))
        let projection = Schedule.project(state, now: rehearsal.addingTimeInterval(60), calendar: calendar)
        XCTAssertEqual(projection.plannedStart, at("19:00").addingTimeInterval(-2 * 86_400))
        XCTAssertEqual(projection.summaryLine, "5 min behind · ends 21:05 (planned 21:00)")
    }

    func testTimesOfDayFollowTheCalendarsTimeZone() {
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(identifier: "UTC")!
        let state = PodiumState(event: event(), now: at("18:30"))
        // "19:00" is read in the calendar's zone: 19:00 UTC is 04:00 the next day in Tokyo.
        let projection = Schedule.project(state, now: at("18:50"), calendar: utc)
        XCTAssertEqual(projection.timeOfDay(projection.plannedStart), "19:00")
        XCTAssertEqual(projection.plannedStart, at("19:00").addingTimeInterval(9 * 3600))
    }

    func testAnEventDateFarFromNowIsIgnored() {
        // The bundled examples carry the dates of past events: run a year later, the plan is
        // that day's 19:00, not 2019's (which would read as hundreds of thousands of minutes).
        let state = PodiumState(event: event(), now: at("18:30"))
        let later = TimeInterval(400 * 86_400)
        let today = Schedule.project(state, now: at("18:50").addingTimeInterval(later), calendar: calendar)
        XCTAssertEqual(today.plannedStart, at("19:00").addingTimeInterval(later))
        XCTAssertEqual(today.summaryLine, "on time · ends 21:00")
        // Within 36 hours the date counts: at 08:00 the day before, the plan is the 23rd's
        // 19:00 (35 hours away), not the 22nd's (11 hours away, nearer by the clock).
        let dayBefore = at("08:00").addingTimeInterval(-86_400)
        XCTAssertEqual(Schedule.project(state, now: dayBefore, calendar: calendar).plannedStart, at("19:00"))
        // Two minutes more than 36 hours away, the date is ignored: the coming 19:00 (the
        // 22nd's, 12 hours on), not the 21st's that passed 12 hours ago.
        let tooEarly = at("19:00").addingTimeInterval(-36 * 3600 - 120)
        XCTAssertEqual(
            Schedule.project(state, now: tooEarly, calendar: calendar).plannedStart,
            at("19:00").addingTimeInterval(-86_400))
    }

    func testPreparingHoursBeforeAnEveningIsNotHundredsOfMinutesBehind() {
        // No usable date, 04:40: the nearest 19:00 by the clock is yesterday's (9 h 40 ago),
        // which read as "580 min behind". The plan is the coming evening's.
        var undated = event()
        undated.date = nil
        let state = PodiumState(event: undated, now: at("04:30"))
        let early = project(state, "04:40")
        XCTAssertEqual(early.plannedStart, at("19:00"))
        XCTAssertEqual(early.summaryLine, "on time · ends 21:00")
        // Within the gap after the planned start, a late start is still late.
        let late = Schedule.project(state, now: at("19:00").addingTimeInterval(2 * 3600), calendar: calendar)
        XCTAssertEqual(late.plannedStart, at("19:00"))
        XCTAssertEqual(late.summaryLine, "120 min behind · ends 23:00 (planned 21:00)")

        // Dated, nothing started, the evening long past (03:00 the next night): a rehearsal
        // planned from now, not "480 min behind".
        let dated = PodiumState(event: event(), now: at("18:00"))
        let night = at("03:00").addingTimeInterval(86_400)
        let rehearsal = Schedule.project(dated, now: night, calendar: calendar)
        XCTAssertEqual(rehearsal.plannedStart, night)
        XCTAssertEqual(rehearsal.drift, .onTime)
        XCTAssertEqual(rehearsal.rebasedFrom, at("19:00"))
    }

    func testAFirstStartHoursFromThePlanIsARehearsal() {
        // Started at 15:59, 3 h 01 min before the planned 19:00: a rehearsal, planned from
        // its real start, not "181 min ahead".
        var rehearsal = PodiumState(event: event(), now: at("15:00"))
        apply(&rehearsal, "15:59", .startTimer(session: "opening"))
        let projection = project(rehearsal, "16:01")
        XCTAssertEqual(projection.plannedStart, at("15:59"))
        XCTAssertEqual(projection.plannedEnd, at("17:59"))
        XCTAssertEqual(projection.rows[1].plannedStart, at("16:09"))
        XCTAssertEqual(projection.summaryLine, "on time · ends 17:59")
        // Drift then counts from the rehearsal's own plan.
        apply(&rehearsal, "16:14", .nextSession(from: "opening"))
        XCTAssertEqual(project(rehearsal, "16:14").summaryLine, "5 min behind · ends 18:04 (planned 17:59)")

        // Within the gap (2 h 59 min early) it is the real evening, started early: ahead.
        var early = PodiumState(event: event(), now: at("15:00"))
        apply(&early, "16:01", .startTimer(session: "opening"))
        let ahead = project(early, "16:03")
        XCTAssertEqual(ahead.plannedStart, at("19:00"))
        XCTAssertEqual(ahead.summaryLine, "179 min ahead · ends 18:01 (planned 21:00)")

        // Late by more than the gap: also a rehearsal (or a test run after the event).
        var late = PodiumState(event: event(), now: at("22:00"))
        apply(&late, "22:30", .startTimer(session: "opening"))
        XCTAssertEqual(project(late, "22:31").plannedStart, at("22:30"))
        XCTAssertEqual(project(late, "22:31").summaryLine, "on time · ends 00:30")
    }
}
