import Foundation
import XCTest

/// `podium report` in every format its --help lists, and `podium notes export` from another
/// directory, with the real binary: the state comes from a host console run in tmux.
final class ReportEndToEndTests: XCTestCase {
    override func setUpWithError() throws {
        try requireTmux()
    }

    private var binary: String { TmuxSession.shellQuoted(TmuxSession.podiumBinary().path) }

    private func quit(_ tmux: TmuxSession) throws {
        tmux.sendText("q")
        XCTAssertEqual(try tmux.waitForExit(), 0)
        try tmux.waitForUsableShell()
    }

    /// The host loads `event` (a path relative to `directory`, as typed there), starts the
    /// first talk, adds a minute and quits.
    private func runHost(_ scratch: Scratch, event: String, in directory: URL) throws {
        let host = try TmuxSession(
            width: 100, height: 30,
            command: "\(binary) host --event \(TmuxSession.shellQuoted(event)) --state \(TmuxSession.shellQuoted(scratch.path("state.json")))",
            environment: ["VISUAL": "", "EDITOR": "true"], workingDirectory: directory)
        try host.waitFor("Q&A")
        host.sendText(" ")
        try host.waitFor("left")
        host.sendText("+")
        try host.waitUntil(timeout: 5, "a minute added") { _ in
            ((try? statusJSON(scratch.path("state.json")))?["timer"] as? [String: Any])?["allowedSeconds"] as? Int == 180
        }
        try quit(host)
    }

    func testEveryFormatTheHelpListsWorks() throws {
        let scratch = try Scratch()
        _ = try scratch.writeTestEvent()
        try runHost(scratch, event: "event.yaml", in: scratch.directory)
        let state = scratch.path("state.json")

        let help = try runPodium(["report", "--help"])
        XCTAssertEqual(help.status, 0)
        let formatLine = try XCTUnwrap(help.stdout.split(separator: "\n").first { $0.hasPrefix("  --format") })
        // "(values: md, csv, json; …)": every value offered is tried.
        let values = try XCTUnwrap(formatLine.range(of: "values: ")).upperBound
        let formats = formatLine[values...].prefix { $0 != ";" && $0 != ")" }
            .split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        XCTAssertEqual(formats, ["md", "csv", "json"], String(formatLine))

        let elsewhere = try Scratch()
        for format in formats {
            let result = try runPodium(["report", "--format", format, "--state", state], in: elsewhere.directory)
            XCTAssertEqual(result.status, 0, "\(format): \(result.stderr)")
            XCTAssertTrue(result.stderr.isEmpty, result.stderr)
            switch format {
            case "md":
                XCTAssertTrue(result.stdout.hasPrefix("# テスト勉強会 #1\n"), result.stdout)
                XCTAssertTrue(result.stdout.contains("| Planned | Added | Actual | Over |"), result.stdout)
                // The event's own clock: 19:00 and 19:02, whatever time the test runs at.
                XCTAssertTrue(result.stdout.contains("| 1 | Knativeで実現するサーバーレス | 登壇者A | 19:00 |"), result.stdout)
                XCTAssertTrue(result.stdout.contains(" | 2:00 | +1:00 | "), result.stdout)
                XCTAssertTrue(result.stdout.contains("| 2 | Ask the speaker |  | 19:02 |"), result.stdout)
            case "csv":
                let records = result.stdout.components(separatedBy: "\r\n")
                XCTAssertEqual(records[0], "number,session_id,title,speaker,status,planned_start,actual_start,actual_end,planned_length,added,actual_length,overrun,over,asked,answered,dismissed,messages")
                XCTAssertTrue(records[1].hasPrefix("1,talk,Knativeで実現するサーバーレス,登壇者A,current,19:00,"), records[1])
                XCTAssertTrue(records[1].contains(",2:00,+1:00,"), records[1])
            default:
                let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
                XCTAssertEqual(json["ended"] as? Bool, false)
                let sessions = try XCTUnwrap(json["sessions"] as? [[String: Any]])
                XCTAssertEqual(sessions.map { $0["id"] as? String }, ["talk", "qa"])
                XCTAssertEqual(sessions[0]["plannedStart"] as? String, "19:00")
                XCTAssertEqual(sessions[0]["addedSeconds"] as? Int, 60)
                XCTAssertEqual(sessions[0]["allowedSeconds"] as? Int, 180)
                XCTAssertEqual(sessions[0]["status"] as? String, "current")
                XCTAssertNotNil(sessions[0]["actualStart"] as? String)
            }
        }
        // A format it does not have is bad input, and says which it has.
        let bad = try runPodium(["report", "--format", "xls", "--state", state])
        XCTAssertEqual(bad.status, 2, bad.stderr)
        XCTAssertTrue(bad.stderr.contains("md"), bad.stderr)
        // No state file: bad input (2), not a store failure (3).
        let missing = try runPodium(["report", "--format", "json", "--state", scratch.path("none.json")])
        XCTAssertEqual(missing.status, 2, missing.stderr)
    }

    /// After the end of the event (recorded in the state file, as the host's end of the event
    /// does), every report is the same, whenever it is run: actual times, no forecast.
    func testAfterTheEndTheReportForecastsNothing() throws {
        let scratch = try Scratch()
        _ = try scratch.writeTestEvent()
        try runHost(scratch, event: "event.yaml", in: scratch.directory)
        let state = scratch.path("state.json")
        var json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: state))) as? [String: Any])
        json["endedAt"] = Date().timeIntervalSince1970
        try JSONSerialization.data(withJSONObject: json).write(to: URL(fileURLWithPath: state))

        let first = try runPodium(["report", "--state", state])
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertTrue(first.stdout.contains("· ended "), first.stdout)
        XCTAssertTrue(first.stdout.contains(" | skipped | 1:00 |"), first.stdout)
        Thread.sleep(forTimeInterval: 1.2)
        let later = try runPodium(["report", "--state", state])
        XCTAssertEqual(later.stdout, first.stdout)
        let report = try runPodium(["report", "--format", "json", "--state", state])
        let parsed = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(parsed["ended"] as? Bool, true)
        let schedule = try XCTUnwrap(parsed["schedule"] as? [String: Any])
        XCTAssertEqual(schedule["endIsActual"] as? Bool, true)
        XCTAssertEqual((parsed["sessions"] as? [[String: Any]])?.map { $0["status"] as? String }, ["done", "skipped"])
    }

    func testNotesExportWorksFromAnyDirectoryAndPrintsInlineNotes() throws {
        let scratch = try Scratch()
        try FileManager.default.createDirectory(atPath: scratch.path("notes"), withIntermediateDirectories: true)
        try scratch.write("notes/talk.md", "# はじめに\n- [01:00] デモ\n")
        try scratch.write("event.yaml", """
            title: "Kubernetes Internal #1"
            start: "19:30"
            sessions:
              - id: talk
                title: Kubernetesのコードリーディング
                minutes: 2
                notes_file: notes/talk.md
              - id: discussion
                title: Discussion
                minutes: 1
                notes: |
                  - Zoom の挙手を確認する
            """)
        // The host loads the event by a relative path, from the event's own directory.
        try runHost(scratch, event: "event.yaml", in: scratch.directory)
        let state = scratch.path("state.json")

        // From another directory, without --event: the state knows where the notes are.
        let elsewhere = try Scratch()
        let export = try runPodium(["notes", "export", "--state", state], in: elsewhere.directory)
        XCTAssertEqual(export.status, 0, export.stderr)
        XCTAssertTrue(export.stdout.contains("wrote " + scratch.path("notes/talk.md") + " (unchanged)"), export.stdout)
        XCTAssertFalse(FileManager.default.fileExists(atPath: elsewhere.path("notes/talk.md")))

        // --stdout: every session's notes, the inline ones too.
        let printed = try runPodium(["notes", "export", "--stdout", "--state", state], in: elsewhere.directory)
        XCTAssertEqual(printed.status, 0, printed.stderr)
        XCTAssertTrue(printed.stdout.contains("<!-- talk speaker notes: \(scratch.path("notes/talk.md")) -->\n# はじめに\n- [01:00] デモ\n"), printed.stdout)
        XCTAssertTrue(printed.stdout.contains("<!-- discussion speaker notes (inline) -->\n- Zoom の挙手を確認する\n"), printed.stdout)
        let one = try runPodium(["notes", "export", "--stdout", "--session", "discussion", "--state", state], in: elsewhere.directory)
        XCTAssertFalse(one.stdout.contains("はじめに"), one.stdout)

        // A notes file that cannot be written: a clear message naming it, status 2 (not 3,
        // which is for the state file), and the state file untouched.
        let before = try Data(contentsOf: URL(fileURLWithPath: state))
        try FileManager.default.removeItem(atPath: scratch.path("notes"))
        let failed = try runPodium(["notes", "export", "--state", state], in: elsewhere.directory)
        XCTAssertEqual(failed.status, 2, failed.stderr)
        XCTAssertTrue(failed.stderr.contains(scratch.path("notes/talk.md") + ": cannot write the notes: the directory " + scratch.path("notes") + " does not exist"), failed.stderr)
        XCTAssertFalse(failed.stderr.contains("doesn’t exist") || failed.stderr.contains("doesn't exist"), failed.stderr)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: state)), before)
        let unknown = try runPodium(["notes", "export", "--session", "nope", "--state", state])
        XCTAssertEqual(unknown.status, 2, unknown.stderr)
    }

    func testInputFilesThatCannotBeReadAreStatus2() throws {
        let scratch = try Scratch()
        _ = try scratch.writeTestEvent()
        try runHost(scratch, event: scratch.path("event.yaml"), in: scratch.directory)
        let state = scratch.path("state.json")
        let merge = try runPodium(["merge", scratch.path("missing.sync-conflict.json"), "--state", state])
        XCTAssertEqual(merge.status, 2, merge.stderr)
        let recover = try runPodium(["recover", scratch.path("missing.unsaved-x-1.json"), "--state", state])
        XCTAssertEqual(recover.status, 2, recover.stderr)
        let importing = try runPodium(["import", scratch.path("missing.csv"), "--state", state])
        XCTAssertEqual(importing.status, 2, importing.stderr)
    }
}
