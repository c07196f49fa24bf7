import Foundation
import PodiumCore
import XCTest

/// The human-edited event file: what it accepts, and the place and reason of every error.
final class EventFileTests: XCTestCase {
    private func parse(_ text: String, files: [String: String] = [:]) throws -> Event {
        try EventFile.parse(text, file: "config/e.yaml") { path in
            guard let text = files[path] else { throw CocoaError(.fileNoSuchFile) }
            return text
        }
    }

    private func error(_ text: String, files: [String: String] = [:]) -> EventFileError? {
        do {
            _ = try parse(text, files: files)
            return nil
        } catch let error as EventFileError {
            return error
        } catch {
            XCTFail("unexpected error \(error)")
            return nil
        }
    }

    func testTheBundledExamplesParse() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        for name in ["meetup.yaml", "study-session.yaml"] {
            let path = root.appendingPathComponent("config/\(name)").path
            let event = try EventFile.parse(String(contentsOfFile: path, encoding: .utf8), file: path)
            XCTAssertFalse(event.sessions.isEmpty, name)
        }
        let meetup = try EventFile.parse(
            String(contentsOfFile: root.appendingPathComponent("config/meetup.yaml").path, encoding: .utf8),
            file: root.appendingPathComponent("config/meetup.yaml").path)
        XCTAssertEqual(meetup.sessions.count, 9)
        XCTAssertEqual(meetup.sessions.filter { $0.title.contains("KubeVirt") || $0.title.contains("GitOps") || $0.title.contains("Airbnb") || $0.title.contains("Harbor") || $0.title.contains("Open Policy Agent") || $0.title.contains("Overview") }.count, 6)
        XCTAssertTrue(meetup.session(withID: "overview")!.notes.contains("KubeCon NA 2018 Overview"))
        XCTAssertEqual(meetup.session(withID: "gitops")?.warningSeconds, 60)
        XCTAssertEqual(meetup.session(withID: "gitops")?.dangerSeconds, 30)
    }

    func testAFullEvent() throws {
        let event = try parse("""
            title: "Kubernetes Internal #1"
            date: "2020-10-13"
            venue: Zoom
            start: "19:30"
            warning_minutes: 5
            danger_minutes: 2
            cues: [あと5分です, Please wrap up]
            sessions:
              - id: talk
                title: Kubernetesのコードリーディング
                speaker: 運営
                minutes: 40
                notes_file: notes/talk.md
                host_notes: Start the stream
              - title: ディスカッション
                minutes: 0.5
                warning_minutes: 0.25
            """, files: ["config/notes/talk.md": "# 導入\n- [00:00] 自己紹介\n"])
        XCTAssertEqual(event.title, "Kubernetes Internal #1")
        XCTAssertEqual(event.start, "19:30")
        XCTAssertEqual(event.warningSeconds, 300)
        XCTAssertEqual(event.dangerSeconds, 120)
        XCTAssertEqual(event.cues, ["あと5分です", "Please wrap up"])
        XCTAssertEqual(event.sessions[0].plannedSeconds, 2400)
        XCTAssertEqual(event.sessions[0].notes, "# 導入\n- [00:00] 自己紹介\n")
        // Kept absolute: `notes export` finds the file from any directory.
        XCTAssertEqual(event.sessions[0].notesPath, FileManager.default.currentDirectoryPath + "/config/notes/talk.md")
        XCTAssertEqual(event.sessions[0].hostNotes, "Start the stream")
        XCTAssertEqual(event.sessions[1].plannedSeconds, 30)
        XCTAssertEqual(event.sessions[1].warningSeconds, 15)
        XCTAssertEqual(event.sessions[1].id, "2-session", "a generated id for a title without ASCII")
    }

    func testErrorsNameTheLineAndWhatIsWrong() {
        let cases: [(String, Int, String)] = [
            ("title: T\nsessions:\n  - title: Talk\n    minutes: ten\n", 4, "minutes must be a number"),
            ("title: T\nsessions:\n  - title: Talk\n", 3, "missing 'minutes'"),
            ("sessions:\n  - title: Talk\n    minutes: 5\n", 1, "missing 'title'"),
            ("title: T\n", 1, "missing key 'sessions'"),
            ("title: T\nsessions: []\n", 2, "non-empty list"),
            ("title: T\nstart: 7pm\nsessions:\n  - title: A\n    minutes: 5\n", 2, "time of day"),
            ("title: T\nsesions:\n  - title: A\n    minutes: 5\n", 2, "unknown key 'sesions'"),
            ("title: T\nsessions:\n  - title: A\n    minutes: 5\n    speker: x\n", 5, "unknown key 'sessions[1].speker'"),
            ("title: T\nsessions:\n  - id: a\n    title: A\n    minutes: 5\n  - id: a\n    title: B\n    minutes: 5\n", 6, "used twice"),
            ("title: T\nsessions:\n  - title: A\n    minutes: -5\n", 4, "number of minutes"),
            ("title: T\nsessions:\n  - title: A\n    minutes: 0\n", 4, "more than 0"),
            ("title: T\nwarning_minutes: 1\ndanger_minutes: 2\nsessions:\n  - title: A\n    minutes: 5\n", 3, "must not be more than"),
            ("title: [unclosed\nsessions:\n", 2, "not valid YAML"),
            ("title: T\nsessions:\n  - title: A\n    minutes: 5\n    notes_file: missing.md\n", 5, "cannot read notes file config/missing.md"),
            ("- just\n- a list\n", 1, "top level must be a mapping"),
        ]
        for (text, line, fragment) in cases {
            guard let error = error(text) else {
                XCTFail("accepted: \(text)")
                continue
            }
            XCTAssertEqual(error.line, line, "\(text) → \(error)")
            XCTAssertTrue(error.description.contains(fragment), "\(error.description) lacks \(fragment)")
            XCTAssertTrue(error.description.hasPrefix("config/e.yaml:\(line):"), error.description)
        }
    }

    func testAnEmptyFileIsAnError() {
        XCTAssertNotNil(error(""))
        XCTAssertTrue(error("")?.description.contains("empty") ?? false)
    }

    func testHostileTextInAnErrorIsSanitised() {
        let description = error("title: T\nsessions:\n  - title: A\n    minutes: \"\u{1B}]52;c;AAAA\u{07}\"\n")?.description ?? ""
        XCTAssertFalse(description.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }, description)
        XCTAssertTrue(description.hasPrefix("config/e.yaml:4:"), description)
    }

    /// Notes paths are stored absolute, resolved against the event file's directory (and the
    /// working directory when the event file's path is relative), "." and ".." taken out.
    func testNotesPathsAreStoredAbsolute() throws {
        let yaml = """
            title: Paths
            sessions:
              - title: A
                minutes: 5
                notes_file: notes/a.md
                host_notes_file: ../shared/./run-sheet.md
              - title: B
                minutes: 5
                notes_file: /srv/notes/b.md
              - title: C
                minutes: 5
                notes: inline
            """
        var asked: [String] = []
        let event = try EventFile.parse(yaml, file: "events/meetup.yaml", workingDirectory: "/home/host/podium") { path in
            asked.append(path)
            return "text\n"
        }
        XCTAssertEqual(asked, ["events/notes/a.md", "events/../shared/./run-sheet.md", "/srv/notes/b.md"])
        XCTAssertEqual(event.sessions[0].notesPath, "/home/host/podium/events/notes/a.md")
        XCTAssertEqual(event.sessions[0].hostNotesPath, "/home/host/podium/shared/run-sheet.md")
        XCTAssertEqual(event.sessions[1].notesPath, "/srv/notes/b.md")
        XCTAssertNil(event.sessions[2].notesPath)
        let absolute = try EventFile.parse(yaml, file: "/etc/podium/meetup.yaml", workingDirectory: "/tmp") { _ in "" }
        XCTAssertEqual(absolute.sessions[0].notesPath, "/etc/podium/notes/a.md")
    }
}
