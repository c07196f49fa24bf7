import Foundation
import PodiumCore
import XCTest

final class ReportTests: XCTestCase {
    var calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Tokyo")!
        return calendar
    }()

    func at(_ time: String) -> Date {
        let parts = time.split(separator: ":").map { Int($0)! }
        return calendar.date(from: DateComponents(
            year: 2019, month: 4, day: 22, hour: parts[0], minute: parts[1],
            second: parts.count > 2 ? parts[2] : 0))!
    }

    func apply(_ state: inout PodiumState, _ time: String, _ actions: Action...) {
        for action in actions {
            reduce(&state, action, context: ActionContext(now: at(time), actor: "host@test"))
        }
    }

    func question(_ id: String, _ text: String, session: String, at time: String) -> Question {
        Question(id: id, text: text, author: "a", source: .venue, sessionID: session, askedAt: at(time))
    }

    /// CloudNative Days Tokyo 2019: a 40-minute slot that took 42.5 minutes, then questions.
    func evening(title: String = "CloudNative Days Tokyo 2019", talkTitle: String = "Knativeで実現するKubernetes上のサーバーレスアーキテクチャ") -> PodiumState {
        let event = Event(
            title: title, date: "2019-04-22", venue: "虎ノ門ヒルズ", start: "14:00",
            sessions: [
                Session(id: "knative", title: talkTitle, speaker: "登壇者", plannedSeconds: 40 * 60),
                Session(id: "ask", title: "Ask the speaker", plannedSeconds: 10 * 60),
                Session(id: "closing", title: "Closing", plannedSeconds: 5 * 60),
            ])
        var state = PodiumState(event: event, now: at("13:30"))
        apply(&state, "14:01", .startTimer(session: "knative"))
        apply(&state, "14:10",
              .addQuestion(question("q1", "K8s使い始めだとメリットが理解しづらかった", session: "knative", at: "14:10")),
              .addQuestion(question("q2", "いつGA?ロードマップでてる?", session: "knative", at: "14:11")),
              .addQuestion(question("q3", "いつGAですか", session: "knative", at: "14:12")),
              .addQuestion(question("q4", "buy cheap followers", session: "knative", at: "14:13")),
              .mergeQuestion(duplicate: "q3", into: "q2"),
              .dismiss(id: "q4", reason: "spam"))
        apply(&state, "14:43:30", .nextSession(from: "knative"))
        apply(&state, "14:44", .startTimer(session: "ask"),
              .putLive(id: "q2"), .markAnswered(id: "q2"),
              .addQuestion(question("q5", "node affinityと両立するにはどうしたらいい?", session: "ask", at: "14:45")),
              .putLive(id: "q5"), .markAnswered(id: "q5"))
        apply(&state, "14:51", .nextSession(from: "ask"))
        return state
    }

    func testMarkdownTellsWhatReallyHappened() {
        let state = evening()
        let report = Report.markdown(state, now: at("14:52"), calendar: calendar)
        let lines = report.components(separatedBy: "\n")
        XCTAssertEqual(lines[0], "# CloudNative Days Tokyo 2019")
        XCTAssertTrue(report.contains("Date: 2019-04-22 · Venue: 虎ノ門ヒルズ · Planned start: 14:00"))
        // The talk: planned 14:00, started 14:01, 40:00 planned, 42:30 taken, 2:30 over;
        // 3 questions (a duplicate merged), 1 answered, 1 dismissed.
        XCTAssertTrue(lines.contains(
            "| 1 | Knativeで実現するKubernetes上のサーバーレスアーキテクチャ | 登壇者 | 14:00 | 14:01 | 40:00 |  | 42:30 | +2:30 | 3 | 1 | 1 |"),
            report)
        XCTAssertTrue(lines.contains("| 2 | Ask the speaker |  | 14:40 | 14:44 | 10:00 |  | 7:00 | -3:00 | 1 | 1 | 0 |"), report)
        XCTAssertTrue(lines.contains("| 3 | Closing |  | 14:50 |  | 5:00 |  |  |  | 0 | 0 | 0 |"), report)
        // The closing, not started at 14:52, ends at 14:57 at the earliest: 14:55 was planned.
        XCTAssertTrue(report.contains("**Total drift:** 2 min behind · ends 14:57 (planned 14:55) (+2:00)"), report)
        XCTAssertTrue(report.contains("**Questions:** 4 asked, 2 answered, 1 dismissed (1 duplicates merged)"), report)
    }

    func testCSVHasOneRecordPerSessionAndATotal() {
        let state = evening()
        let csv = Report.csv(state, now: at("14:52"), calendar: calendar)
        XCTAssertTrue(csv.hasSuffix("\r\n"))
        let records = csv.components(separatedBy: "\r\n").dropLast()
        XCTAssertEqual(records.count, 5)
        XCTAssertEqual(records[0], "number,session_id,title,speaker,status,planned_start,actual_start,actual_end,planned_length,added,actual_length,overrun,over,asked,answered,dismissed,messages")
        XCTAssertEqual(records[1], "1,knative,Knativeで実現するKubernetes上のサーバーレスアーキテクチャ,登壇者,done,14:00,14:01,14:43,40:00,,42:30,+2:30,+2:30,3,1,1,0")
        XCTAssertEqual(records[2], "2,ask,Ask the speaker,,done,14:40,14:44,14:51,10:00,,7:00,-3:00,-3:00,1,1,0,0")
        XCTAssertEqual(records[4], ",,total,,,14:00,14:01,14:57,,,,+2:00,,4,2,1,0")
    }

    func testHostileTextIsInertInBothFormats() {
        let hostile = "Evil\u{1B}]52;c;cm0gLXJmIC8K\u{07} | title\r\n=cmd|' /C calc'!A0"
        var state = evening(title: hostile, talkTitle: "=HYPERLINK(\"http://x\")\u{1B}[2J, \"quoted\"")
        state.event.venue = "venue\u{9B}31m"
        state.event.sessions[1].speaker = "@admin"
        let markdown = Report.markdown(state, now: at("14:52"), calendar: calendar)
        let csv = Report.csv(state, now: at("14:52"), calendar: calendar)
        for (name, text) in [("markdown", markdown), ("csv", csv)] {
            for scalar in text.unicodeScalars {
                let value = scalar.value
                let allowed = value == 0x0A || (name == "csv" && value == 0x0D)
                XCTAssertFalse(
                    (value < 0x20 || (0x7F...0x9F).contains(value)) && !allowed,
                    "control U+\(String(value, radix: 16)) in \(name)")
            }
        }
        // The Markdown title stays on its line; the table cell escapes the pipe.
        XCTAssertTrue(markdown.hasPrefix("# Evil␛]52;c;cm0gLXJmIC8K␇ | title  =cmd|' /C calc'!A0\n"), markdown)
        XCTAssertTrue(markdown.contains("| 1 | =HYPERLINK(\"http://x\")␛[2J, \"quoted\" |"), markdown)
        // CSV: formulas neutralised, quotes doubled, commas quoted.
        XCTAssertTrue(csv.contains(",\"'=HYPERLINK(\"\"http://x\"\")␛[2J, \"\"quoted\"\"\","), csv)
        XCTAssertTrue(csv.contains(",Ask the speaker,'@admin,"), csv)
        // No record is split: still a header, three sessions and a total.
        XCTAssertEqual(csv.components(separatedBy: "\r\n").dropLast().count, 5)
    }

    func testMarkdownTableCellsEscapePipes() {
        let state = evening(talkTitle: "A | B")
        let markdown = Report.markdown(state, now: at("14:52"), calendar: calendar)
        XCTAssertTrue(markdown.contains("| 1 | A \\| B | 登壇者 |"), markdown)
    }

    func testSkippedSessionsAndAnEventNotStarted() {
        var state = evening()
        state.currentSessionID = "closing"
        state.timers["ask"] = SessionTimer(sessionID: "ask")
        let markdown = Report.markdown(state, now: at("14:52"), calendar: calendar)
        XCTAssertTrue(markdown.contains("| 2 | Ask the speaker |  | 14:40 | skipped | 10:00 |  |  |  |"), markdown)

        var fresh = PodiumState(event: state.event, now: at("13:00"))
        fresh.event.start = nil
        let empty = Report.markdown(fresh, now: at("13:00"), calendar: calendar)
        XCTAssertTrue(empty.contains("**Total drift:** no start time"), empty)
        XCTAssertTrue(empty.contains("| 1 | Knative"), empty)
    }

    /// The closing ran and the host ended the event: no session is forecast, the end is the
    /// actual one, and the report of the next morning says the same as the one of the night.
    func endedEvening() -> PodiumState {
        var state = evening()
        apply(&state, "14:52", .startTimer(session: "closing"))
        // What the lead's end of the event does: finish the last timer, record the end.
        state.timers["closing"]?.finish(at: at("14:58:20"))
        state.endedAt = at("14:58:20")
        return state
    }

    func testAfterTheEndTheReportShowsActualsOnly() {
        let state = endedEvening()
        for now in [at("14:58:20"), at("23:00"), at("14:58:20") + 3 * 86400] {
            let report = Report.markdown(state, now: now, calendar: calendar)
            XCTAssertTrue(report.contains("| 3 | Closing |  | 14:50 | 14:52 | 5:00 |  | 6:20 | +1:20 | 0 | 0 | 0 |"), report)
            XCTAssertTrue(report.contains("**Total drift:** 3 min behind · ended 14:58 (planned 14:55) (+3:20)"), report)
            XCTAssertTrue(report.contains("Ended: 14:58"), report)
            let csv = Report.csv(state, now: now, calendar: calendar)
            XCTAssertTrue(csv.contains(",,total,,ended,14:00,14:01,14:58,,,,+3:20,"), csv)
        }
        let projection = Schedule.project(state, now: at("23:00"), calendar: calendar)
        XCTAssertEqual(projection.rows.map(\.status), [.done, .done, .done])
        XCTAssertEqual(projection.projectedEnd, at("14:58:20"))
        XCTAssertNil(projection.currentIndex)
        XCTAssertEqual(projection.summaryLine, "3 min behind · ended 14:58 (planned 14:55)")
    }

    func testTheEndCountsEvenWhenTheLastTimerWasLeftRunning() {
        // An end recorded while the closing's timer still ran: it is read at the end.
        var state = evening()
        apply(&state, "14:52", .startTimer(session: "closing"))
        state.endedAt = at("14:56")
        let projection = Schedule.project(state, now: at("18:00"), calendar: calendar)
        XCTAssertEqual(projection.rows[2].status, .done)
        XCTAssertEqual(projection.rows[2].actualSeconds, 240)
        XCTAssertEqual(projection.rows[2].overtimeSeconds, -60)
        XCTAssertEqual(projection.projectedEnd, at("14:56"))
        XCTAssertEqual(projection.summaryLine, "1 min behind · ended 14:56 (planned 14:55)")
    }

    func testBeforeTheEndTheLastSessionIsStillProjected() {
        var state = evening()
        apply(&state, "14:52", .startTimer(session: "closing"))
        let report = Report.markdown(state, now: at("14:53"), calendar: calendar)
        XCTAssertTrue(report.contains("**Total drift:** 2 min behind · ends 14:57 (planned 14:55) (+2:00)"), report)
        XCTAssertEqual(Schedule.project(state, now: at("14:53"), calendar: calendar).rows[2].status, .current)
    }

    func testTimeAddedOrTakenIsInEveryFormat() {
        var state = evening()
        // Two minutes more for the questions, taken back from the closing.
        state.timers["ask"]?.addedSeconds = 120
        apply(&state, "14:52", .startTimer(session: "closing"), .adjustTime(session: "closing", seconds: -60))
        state.timers["closing"]?.finish(at: at("14:56:30"))
        state.endedAt = at("14:56:30")
        let markdown = Report.markdown(state, now: at("15:00"), calendar: calendar)
        // Ask: 10:00 planned, +2:00 added, 7:00 taken: 5:00 before its time was up.
        XCTAssertTrue(markdown.contains("| 2 | Ask the speaker |  | 14:40 | 14:44 | 10:00 | +2:00 | 7:00 | -5:00 |"), markdown)
        XCTAssertTrue(markdown.contains("| 3 | Closing |  | 14:50 | 14:52 | 5:00 | -1:00 | 4:30 | +0:30 |"), markdown)
        let csv = Report.csv(state, now: at("15:00"), calendar: calendar)
        XCTAssertTrue(csv.contains("\r\n2,ask,Ask the speaker,,done,14:40,14:44,14:51,10:00,+2:00,7:00,-3:00,-5:00,1,1,0,0\r\n"), csv)
        XCTAssertTrue(csv.contains("\r\n3,closing,Closing,,done,14:50,14:52,14:56,5:00,-1:00,4:30,-0:30,+0:30,0,0,0,0\r\n"), csv)
        let json = try! JSONSerialization.jsonObject(with: Data(Report.json(state, now: at("15:00"), calendar: calendar).utf8)) as! [String: Any]
        let sessions = json["sessions"] as! [[String: Any]]
        XCTAssertEqual(sessions[1]["addedSeconds"] as? Int, 120)
        XCTAssertEqual(sessions[1]["allowedSeconds"] as? Int, 720)
        XCTAssertEqual(sessions[1]["overSeconds"] as? Int, -300)
        XCTAssertEqual(sessions[2]["addedSeconds"] as? Int, -60)
        XCTAssertEqual(sessions[2]["overSeconds"] as? Int, 30)
        XCTAssertEqual(sessions[2]["overrunSeconds"] as? Int, -30)
    }

    /// The bundled example is dated years ago and starts at 19:00; run at 10:40 on another day
    /// (a rehearsal, a demo), its planned starts are still 19:00, 19:10, … .
    func testPlannedStartsAreTheEventsOwnClockOnAnyDay() {
        var state = evening()
        state.event.date = "2019-01-31"
        state.event.start = "19:00"
        for (id, timer) in state.timers { state.timers[id] = SessionTimer(sessionID: timer.sessionID) }
        state.currentSessionID = "knative"
        let other = calendar.date(from: DateComponents(year: 2026, month: 12, day: 2, hour: 10, minute: 40))!
        func act(_ seconds: Double, _ action: Action) {
            reduce(&state, action, context: ActionContext(now: other + seconds, actor: "host@test"))
        }
        act(0, .startTimer(session: "knative"))
        act(41 * 60, .nextSession(from: "knative"))
        act(41 * 60, .startTimer(session: "ask"))
        let lines = Report.lines(state, now: other + 45 * 60, calendar: calendar)
        XCTAssertEqual(lines.map(\.plannedStart), ["19:00", "19:40", "19:50"])
        XCTAssertEqual(lines.map(\.actualStart), ["10:40", "11:21", ""])
        let markdown = Report.markdown(state, now: other + 45 * 60, calendar: calendar)
        // The drift of a run hours away is measured from its first start, and says so.
        XCTAssertTrue(markdown.contains("**Total drift:** 1 min behind · ends 11:36 (planned 11:35) (+1:00) · timed from the first start at 10:40"), markdown)
        let json = try! JSONSerialization.jsonObject(with: Data(Report.json(state, now: other + 45 * 60, calendar: calendar).utf8)) as! [String: Any]
        XCTAssertEqual((json["sessions"] as! [[String: Any]]).map { $0["plannedStart"] as? String }, ["19:00", "19:40", "19:50"])
        XCTAssertEqual((json["schedule"] as! [String: Any])["timedFromFirstStart"] as? Bool, true)
        // The CSV's total record has the event's own planned start too.
        XCTAssertTrue(Report.csv(state, now: other + 45 * 60, calendar: calendar).contains("\r\n,,total,,,19:00,10:40,11:36,"))
    }

    /// Taking more than the planned length counts as taking the planned length: planned plus
    /// added is the allowed time, never below zero, and over = actual - allowed.
    func testTimeTakenBeyondThePlannedLengthCountsAsThePlannedLength() {
        var state = evening()
        apply(&state, "14:52", .startTimer(session: "closing"))
        state.timers["closing"]?.addedSeconds = -600  // an old file, written before the clamp
        state.timers["closing"]?.finish(at: at("14:52:17"))
        state.endedAt = at("14:52:17")
        let markdown = Report.markdown(state, now: at("15:00"), calendar: calendar)
        XCTAssertTrue(markdown.contains("| 3 | Closing |  | 14:50 | 14:52 | 5:00 | -5:00 | 0:17 | +0:17 |"), markdown)
    }

    func testJSONHasStableKeysAndEveryKeyInEveryReport() throws {
        var state = endedEvening()
        state.messageLog = [
            SpeakerMessage(text: "5 minutes left", sentBy: "host:ken@venue", sentAt: at("14:36"), sessionID: "knative"),
            SpeakerMessage(text: "Please wrap up", sentBy: "moderator:aya@venue", sentAt: at("14:40"), sessionID: "knative"),
            SpeakerMessage(text: "Louder, please", sentBy: "host:ken@venue", sentAt: at("14:45"), sessionID: nil),
        ]
        let text = Report.json(state, now: at("15:00"), calendar: calendar)
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        XCTAssertEqual(Set(json.keys), ["event", "generatedAt", "ended", "endedAt", "sessions", "unassignedQuestions", "schedule", "questions", "messages"])
        XCTAssertEqual(json["ended"] as? Bool, true)
        XCTAssertEqual(json["endedAt"] as? String, "2019-04-22T14:58:20+09:00")
        let sessions = try XCTUnwrap(json["sessions"] as? [[String: Any]])
        let keys: Set<String> = [
            "number", "id", "title", "speaker", "status", "plannedStart", "actualStart", "actualEnd",
            "plannedSeconds", "addedSeconds", "allowedSeconds", "actualSeconds", "overrunSeconds",
            "overSeconds", "questions", "messages",
        ]
        for session in sessions { XCTAssertEqual(Set(session.keys), keys) }
        XCTAssertTrue(sessions[1]["speaker"] is NSNull)
        XCTAssertEqual(sessions[0]["status"] as? String, "done")
        XCTAssertEqual(sessions[0]["actualStart"] as? String, "2019-04-22T14:01:00+09:00")
        XCTAssertEqual(sessions[0]["actualSeconds"] as? Int, 2550)
        XCTAssertEqual(sessions[0]["overSeconds"] as? Int, 150)
        XCTAssertEqual((sessions[0]["messages"] as? [[String: Any]])?.map { $0["text"] as? String }, ["5 minutes left", "Please wrap up"])
        XCTAssertEqual((sessions[0]["questions"] as? [String: Any])?["asked"] as? Int, 3)
        XCTAssertEqual((sessions[0]["questions"] as? [String: Any])?["merged"] as? Int, 1)
        let schedule = try XCTUnwrap(json["schedule"] as? [String: Any])
        XCTAssertEqual(schedule["driftSeconds"] as? Int, 200)
        XCTAssertEqual(schedule["end"] as? String, "2019-04-22T14:58:20+09:00")
        XCTAssertEqual(schedule["endIsActual"] as? Bool, true)
        XCTAssertEqual((json["messages"] as? [Any])?.count, 3)
        // Keys are sorted: the same report gives the same bytes.
        XCTAssertEqual(text, Report.json(state, now: at("15:00"), calendar: calendar))
        // A state that never ran has the same keys, with nulls.
        let fresh = Report.json(PodiumState(event: state.event, now: at("13:00")), now: at("13:00"), calendar: calendar)
        let freshJSON = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(fresh.utf8)) as? [String: Any])
        XCTAssertEqual(Set(freshJSON.keys), Set(json.keys))
        for session in try XCTUnwrap(freshJSON["sessions"] as? [[String: Any]]) {
            XCTAssertEqual(Set(session.keys), keys)
            XCTAssertTrue(session["actualSeconds"] is NSNull)
        }
    }

    func testMessagesSentPerSessionAreInTheMarkdown() {
        var state = endedEvening()
        state.messageLog = [
            SpeakerMessage(text: "5 minutes left", sentBy: "host:ken@venue", sentAt: at("14:36"), sessionID: "knative"),
            SpeakerMessage(text: "Please wrap | up", sentBy: "moderator:aya@venue", sentAt: at("14:40:30"), sessionID: "knative"),
            SpeakerMessage(text: "Louder, please", sentBy: "host:ken@venue", sentAt: at("14:45"), sessionID: nil),
        ]
        let markdown = Report.markdown(state, now: at("15:00"), calendar: calendar)
        XCTAssertTrue(markdown.contains("\n## Messages to the speaker\n\n"), markdown)
        XCTAssertTrue(markdown.contains("- Knativeで実現するKubernetes上のサーバーレスアーキテクチャ: 14:36 5 minutes left (host:ken@venue); 14:40 Please wrap \\| up (moderator:aya@venue)\n"), markdown)
        XCTAssertTrue(markdown.contains("- (whole event): 14:45 Louder, please (host:ken@venue)\n"), markdown)
        XCTAssertFalse(Report.markdown(evening(), now: at("15:00"), calendar: calendar).contains("## Messages"))
        XCTAssertTrue(Report.csv(state, now: at("15:00"), calendar: calendar).contains(",3,1,1,2\r\n"))
    }

    /// The one rounding rule: at every instant around zero, the timer's overtime, the rundown's
    /// and the report's are one number.
    func testOvertimeIsOneNumberInTheReadingTheRundownAndTheReport() {
        var state = evening()
        apply(&state, "14:52", .startTimer(session: "closing"), .adjustTime(session: "closing", seconds: -270))
        // 30 s allowed from 14:52:00; look from 14:52:25 to 14:52:35 in 0.1 s steps.
        for step in 0...100 {
            let now = at("14:52:25") + Double(step) / 10 + 0.05 * Double(step % 3)
            let reading = state.reading(at: now)
            let row = Schedule.project(state, now: now, calendar: calendar).rows[2]
            let line = Report.lines(state, now: now, calendar: calendar)[2]
            XCTAssertEqual(reading.elapsedSeconds, row.actualSeconds)
            XCTAssertEqual(reading.remainingSeconds + reading.elapsedSeconds - reading.overtimeSeconds, reading.allowedSeconds)
            if reading.phase == .overtime {
                XCTAssertEqual(row.overtimeSeconds, reading.overtimeSeconds, "at \(step)")
                XCTAssertEqual(line.over, "+" + TimeText.clock(reading.overtimeSeconds), "at \(step)")
                XCTAssertEqual(TimeText.reading(reading), line.over)
            } else {
                XCTAssertNil(row.overtimeSeconds, "at \(step)")
                XCTAssertEqual(line.over, "")
                XCTAssertGreaterThan(reading.remainingSeconds, 0)
            }
            XCTAssertEqual(line.actualLength, TimeText.clock(reading.elapsedSeconds))
        }
    }

    func testAllowedTimeIsNeverNegative() {
        var state = evening()
        apply(&state, "14:52", .startTimer(session: "closing"))
        state.timers["closing"]?.addedSeconds = -600  // an old file, written before the clamp
        let reading = state.reading(at: at("14:52:10"))
        XCTAssertEqual(reading.allowedSeconds, 0)
        XCTAssertEqual(reading.overtimeSeconds, 10)
        let row = Schedule.project(state, now: at("14:52:10"), calendar: calendar).rows[2]
        XCTAssertEqual(row.allowedSeconds, 0)
        XCTAssertEqual(row.overtimeSeconds, 10)
    }

    func testSignedClock() {
        XCTAssertEqual(Report.signedClock(150), "+2:30")
        XCTAssertEqual(Report.signedClock(-45), "-0:45")
        XCTAssertEqual(Report.signedClock(0), "+0:00")
        XCTAssertEqual(Report.signedClock(3723), "+1:02:03")
    }
}
