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
            "| 1 | Knativeで実現するKubernetes上のサーバーレスアーキテクチャ | 登壇者 | 14:00 | 14:01 | 40:00 | 42:30 | +2:30 | 3 | 1 | 1 |"),
            report)
        XCTAssertTrue(lines.contains("| 2 | Ask the speaker |  | 14:40 | 14:44 | 10:00 | 7:00 | -3:00 | 1 | 1 | 0 |"), report)
        XCTAssertTrue(lines.contains("| 3 | Closing |  | 14:50 |  | 5:00 |  |  | 0 | 0 | 0 |"), report)
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
        XCTAssertEqual(records[0], "number,session_id,title,speaker,status,planned_start,actual_start,actual_end,planned_length,actual_length,overrun,asked,answered,dismissed")
        XCTAssertEqual(records[1], "1,knative,Knativeで実現するKubernetes上のサーバーレスアーキテクチャ,登壇者,done,14:00,14:01,14:43,40:00,42:30,+2:30,3,1,1")
        XCTAssertEqual(records[2], "2,ask,Ask the speaker,,done,14:40,14:44,14:51,10:00,7:00,-3:00,1,1,0")
        XCTAssertEqual(records[4], ",,total,,,14:00,14:01,14:57,,,+2:00,4,2,1")
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
        XCTAssertTrue(markdown.contains("| 2 | Ask the speaker |  | 14:40 | skipped | 10:00 |  |  |"), markdown)

        var fresh = PodiumState(event: state.event, now: at("13:00"))
        fresh.event.start = nil
        let empty = Report.markdown(fresh, now: at("13:00"), calendar: calendar)
        XCTAssertTrue(empty.contains("**Total drift:** no start time"), empty)
        XCTAssertTrue(empty.contains("| 1 | Knative"), empty)
    }

    func testSignedClock() {
        XCTAssertEqual(Report.signedClock(150), "+2:30")
        XCTAssertEqual(Report.signedClock(-45), "-0:45")
        XCTAssertEqual(Report.signedClock(0), "+0:00")
        XCTAssertEqual(Report.signedClock(3723), "+1:02:03")
    }
}
