import Foundation
import XCTest

/// Notes written, edited live and shared, with the real binary in tmux and scripted
/// editors: `EDITOR` is a small shell script in the scratch directory.
final class NotesEndToEndTests: XCTestCase {
    override func setUpWithError() throws {
        try requireTmux()
    }

    private var binary: String { TmuxSession.shellQuoted(TmuxSession.podiumBinary().path) }

    /// A shell script usable as $EDITOR (called as `script FILE`).
    private func writeEditor(_ scratch: Scratch, _ name: String, _ body: String) throws -> String {
        let path = try scratch.write(name, "#!/bin/sh\n" + body + "\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        return path
    }

    private func console(
        _ scratch: Scratch, _ arguments: String, editor: String? = nil, width: Int = 100, height: Int = 40
    ) throws -> TmuxSession {
        // VISUAL would win over EDITOR: empty it, in case the test runner has one.
        var environment = ["VISUAL": ""]
        if let editor { environment["EDITOR"] = editor }
        return try TmuxSession(
            width: width, height: height,
            command: "\(binary) \(arguments) --state \(TmuxSession.shellQuoted(scratch.path("state.json")))",
            environment: environment, workingDirectory: scratch.directory)
    }

    private func startHost(_ scratch: Scratch, event: String, editor: String? = nil) throws -> TmuxSession {
        let host = try console(scratch, "host --event \(TmuxSession.shellQuoted(event))", editor: editor)
        try host.waitFor("Q&A")
        return host
    }

    /// The notes of a session as the state file holds them (not `status --json`).
    private func stateNotes(_ scratch: Scratch, _ session: String) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: scratch.path("state.json")))
        let json = try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
        return (json["notes"] as? [String: Any])?[session] as? [String: Any] ?? [:]
    }

    private func waitForState(
        _ what: String, timeout: TimeInterval = 5, _ predicate: () throws -> Bool
    ) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while !((try? predicate()) ?? false) {
            if Date() >= deadline { throw TmuxError(message: "timed out waiting for the state file: \(what)") }
            Thread.sleep(forTimeInterval: 0.05)
        }
    }

    private func quit(_ tmux: TmuxSession) throws {
        tmux.sendText("q")
        XCTAssertEqual(try tmux.waitForExit(), 0)
        try tmux.waitForUsableShell()
    }

    // MARK: Tests

    func testSpeakerNotesEditedInTheHostAppearOnEveryScreen() throws {
        let scratch = try Scratch()
        let event = try scratch.writeTestEvent()
        let editor = try writeEditor(scratch, "append.sh", #"echo "- mention the survey form" >> "$1""#)
        let host = try startHost(scratch, event: event, editor: editor)
        // The event file's notes went into the state on the host's first run.
        let loaded = try stateNotes(scratch, "talk")
        XCTAssertEqual(loaded["speaker"] as? String, "# 導入\n- [00:00] 自己紹介\n- [01:00] デモ\n")
        XCTAssertEqual(loaded["host"] as? String, "- Wi-Fi password: hunter2\n")

        let moderator = try console(scratch, "moderate")
        try moderator.waitFor("自己紹介")
        let speaker = try console(scratch, "speaker")
        try speaker.waitFor("自己紹介")

        host.sendText("E")
        let screen = try host.waitFor("mention the survey form", timeout: 5)
        // The console took the terminal back and drew itself again.
        XCTAssertTrue(screen.contains("Timer"), screen)
        XCTAssertTrue(screen.contains("Q&A"), screen)
        try host.waitFor("notes saved")
        try moderator.waitFor("mention the survey form", timeout: 3)
        try speaker.waitFor("mention the survey form", timeout: 3)

        let notes = try stateNotes(scratch, "talk")
        XCTAssertEqual(notes["speaker"] as? String,
                       "# 導入\n- [00:00] 自己紹介\n- [01:00] デモ\n- mention the survey form\n")
        XCTAssertEqual(notes["host"] as? String, "- Wi-Fi password: hunter2\n", "host notes untouched")
        let versions = notes["previousVersions"] as? [[String: Any]] ?? []
        XCTAssertEqual(versions.last?["text"] as? String, "# 導入\n- [00:00] 自己紹介\n- [01:00] デモ\n")
        XCTAssertEqual(versions.last?["kind"] as? String, "speaker")

        // Still a working console after the editor: keys answer and quitting restores the shell.
        host.sendText("?")
        try host.waitFor("Keys (host)")
        host.sendKey("Escape")
        try host.waitUntil(timeout: 3, "the help to close") { !$0.contains("Keys (host)") }
        try quit(host)
        try quit(moderator)
        try quit(speaker)
    }

    func testAnEditorThatReadsTheKeyboardGetsTheTerminal() throws {
        // An interactive editor (vi, nano) reads the terminal: podium must hand it over (the
        // editor in the terminal's foreground process group) and take it back afterwards.
        let scratch = try Scratch()
        let event = try scratch.writeTestEvent()
        let editor = try writeEditor(scratch, "ask.sh", #"""
            printf 'EDITOR-PROMPT> '
            IFS= read -r line || exit 3
            echo "- $line" >> "$1"
            """#)
        let host = try startHost(scratch, event: event, editor: editor)
        host.sendText("E")
        try host.waitFor("EDITOR-PROMPT>")
        host.sendText("typed in the editor 追記")
        host.sendKey("Enter")
        // Back in the console: its notes pane shows the line, and nothing of the editor is left.
        let screen = try host.waitUntil(timeout: 5, "the console with the new line") {
            $0.contains("notes saved") && $0.contains("- typed in the editor 追記")
        }
        XCTAssertFalse(screen.contains("EDITOR-PROMPT>"), "the console did not repaint:\n\(screen)")
        XCTAssertTrue(screen.contains("Q&A"), screen)
        try waitForState("the typed line saved") {
            (try stateNotes(scratch, "talk")["speaker"] as? String)?.hasSuffix("- typed in the editor 追記\n") == true
        }
        try quit(host)
    }

    func testNWithEEditsTheNextSessionsNotesWithoutChangingTheSession() throws {
        let scratch = try Scratch()
        let event = try scratch.writeTestEvent()
        let editor = try writeEditor(scratch, "append.sh", #"echo "- hand over to NEXTSPEAKER" >> "$1""#)
        let host = try startHost(scratch, event: event, editor: editor)
        host.sendText("N")
        try host.waitFor("next: Ask the speaker")
        host.sendText("E")
        try host.waitFor("NEXTSPEAKER")
        try waitForState("the next session's notes saved") {
            try stateNotes(scratch, "qa")["speaker"] as? String == "- hand over to NEXTSPEAKER\n"
        }
        XCTAssertEqual(try stateNotes(scratch, "talk")["speaker"] as? String, "# 導入\n- [00:00] 自己紹介\n- [01:00] デモ\n")
        let timer = try statusJSON(scratch.path("state.json"))["timer"] as? [String: Any]
        XCTAssertEqual(timer?["session"] as? String, "talk", "N must not change the session")
        // Back to the current session's notes: the line is not there.
        host.sendText("N")
        try host.waitUntil(timeout: 3, "the current notes again") { $0.contains("自己紹介") && !$0.contains("NEXTSPEAKER") }
        try quit(host)
    }

    func testHostNotesNeverReachTheSpeakerView() throws {
        let scratch = try Scratch()
        let event = try scratch.writeTestEvent()
        let editor = try writeEditor(scratch, "append.sh", #"echo "- thank the sponsor RUNSHEET" >> "$1""#)
        let host = try startHost(scratch, event: event, editor: editor)
        let moderator = try console(scratch, "moderate")
        try moderator.waitFor("自己紹介")
        let marker = scratch.path("speaker-ran-the-editor")
        let speakerEditor = try writeEditor(scratch, "speaker-editor.sh", "touch \(TmuxSession.shellQuoted(marker))")
        let speaker = try console(scratch, "speaker", editor: speakerEditor)
        try speaker.waitFor("自己紹介")

        host.sendText("h")
        try host.waitFor("hunter2")
        host.sendText("E")
        try host.waitFor("RUNSHEET")
        try host.waitFor("notes saved")
        try waitForState("the host notes saved") {
            (try stateNotes(scratch, "talk")["host"] as? String)?.contains("RUNSHEET") == true
        }
        moderator.sendText("h")
        try moderator.waitFor("RUNSHEET", timeout: 3)
        // The speaker view had every chance to show it: it never does, nor the Wi-Fi password.
        Thread.sleep(forTimeInterval: 1.5)
        let shown = speaker.capture()
        XCTAssertFalse(shown.contains("RUNSHEET"), shown)
        XCTAssertFalse(shown.contains("hunter2"), shown)
        XCTAssertTrue(shown.contains("自己紹介"), shown)
        let notes = try stateNotes(scratch, "talk")
        XCTAssertFalse((notes["speaker"] as? String ?? "").contains("RUNSHEET"))
        XCTAssertEqual((notes["previousVersions"] as? [[String: Any]])?.last?["kind"] as? String, "host")

        // The speaker view cannot edit: E (and h) do nothing.
        speaker.sendText("h")
        speaker.sendText("E")
        Thread.sleep(forTimeInterval: 1)
        XCTAssertFalse(FileManager.default.fileExists(atPath: marker), "the speaker view ran the editor")
        XCTAssertFalse(speaker.capture().contains("RUNSHEET"))
        try quit(host)
        try quit(moderator)
        try quit(speaker)
    }

    func testConcurrentEditsKeepTheEarlierSaveAsAVersionThatCanBeRestored() throws {
        let scratch = try Scratch()
        let event = try scratch.writeTestEvent()
        // The host's editor is open longer; the moderator's saves first, inside that time.
        let slow = try writeEditor(scratch, "slow.sh", #"sleep 2.5; echo "- line from the host" >> "$1""#)
        let quick = try writeEditor(scratch, "quick.sh", #"sleep 0.5; echo "- line from the moderator" >> "$1""#)
        let host = try startHost(scratch, event: event, editor: slow)
        let moderator = try console(scratch, "moderate", editor: quick)
        try moderator.waitFor("自己紹介")
        let original = "# 導入\n- [00:00] 自己紹介\n- [01:00] デモ\n"

        host.sendText("E")
        Thread.sleep(forTimeInterval: 0.3)
        moderator.sendText("E")
        try moderator.waitFor("line from the moderator")
        try waitForState("the moderator's save") {
            (try stateNotes(scratch, "talk")["speaker"] as? String)?.contains("line from the moderator") == true
        }
        // The later save wins; the host is told that the moderator's text is kept.
        try host.waitFor("changed them while you edited", timeout: 6)
        try waitForState("the host's save") {
            (try stateNotes(scratch, "talk")["speaker"] as? String)?.contains("line from the host") == true
        }
        let notes = try stateNotes(scratch, "talk")
        XCTAssertEqual(notes["speaker"] as? String, original + "- line from the host\n")
        let versions = notes["previousVersions"] as? [[String: Any]] ?? []
        let texts = versions.compactMap { $0["text"] as? String }
        XCTAssertEqual(texts, [original, original + "- line from the moderator\n"], "\(versions)")
        XCTAssertTrue((versions.last?["savedBy"] as? String ?? "").hasPrefix("moderator"), "\(versions)")
        try moderator.waitFor("line from the host", timeout: 3)
        try host.waitFor("2 earlier")

        // Listed newest first, and restored through the store: every console shows it.
        let state = ["--state", scratch.path("state.json")]
        let listed = try runPodium(["notes", "versions", "--session", "talk"] + state)
        XCTAssertEqual(listed.status, 0, listed.stderr)
        XCTAssertTrue(listed.stdout.contains("2 previous versions"), listed.stdout)
        let one = listed.stdout.split(separator: "\n").first { $0.hasPrefix("  1 ") } ?? ""
        XCTAssertTrue(one.contains("moderator"), listed.stdout)
        let shown = try runPodium(["notes", "versions", "--session", "talk", "--show", "1"] + state)
        XCTAssertEqual(shown.stdout, original + "- line from the moderator\n")
        let restored = try runPodium(["notes", "restore", "--session", "talk", "--version", "1"] + state)
        XCTAssertEqual(restored.status, 0, restored.stderr)
        let after = try stateNotes(scratch, "talk")
        XCTAssertEqual(after["speaker"] as? String, original + "- line from the moderator\n")
        let kept = (after["previousVersions"] as? [[String: Any]] ?? []).compactMap { $0["text"] as? String }
        XCTAssertEqual(kept.last, original + "- line from the host\n", "the replaced text is kept too")
        try host.waitUntil(timeout: 3, "the restored notes") {
            $0.contains("line from the moderator") && !$0.contains("line from the host")
        }
        let missing = try runPodium(["notes", "restore", "--session", "talk", "--version", "9"] + state)
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.stderr.contains("no version 9"), missing.stderr)

        // From the console: V lists the earlier texts newest first, Enter brings one back.
        moderator.sendText("V")
        let listing = try moderator.waitFor("Earlier versions of the notes")
        XCTAssertTrue(listing.contains("> 1"), listing)
        moderator.sendText("j")  // 2: the moderator's own text, kept when the host saved
        try moderator.waitFor("> 2")
        moderator.sendText("k")  // back to 1: the host's text, kept by the CLI's restore
        try moderator.waitFor("> 1")
        moderator.sendKey("Enter")
        try moderator.waitFor("restored the text saved", timeout: 3)
        try host.waitUntil(timeout: 3, "the notes restored from the console") {
            $0.contains("line from the host") && !$0.contains("line from the moderator")
        }
        XCTAssertEqual(try stateNotes(scratch, "talk")["speaker"] as? String, original + "- line from the host\n")
        try quit(host)
        try quit(moderator)
    }

    func testNotesExportWritesMarkdownThatLoadsBackToTheSameNotes() throws {
        let scratch = try Scratch()
        try FileManager.default.createDirectory(
            atPath: scratch.path("notes"), withIntermediateDirectories: true)
        let markdown = "# はじめに\n\n1. **自己紹介**\n2. デモ: `kubectl apply`\n- [05:00] まとめ\n"
        try scratch.write("notes/talk.md", markdown)
        let event = try scratch.write("event.yaml", """
            title: "Export test"
            sessions:
              - id: talk
                title: 発表
                minutes: 10
                notes_file: notes/talk.md
              - id: qa
                title: Q&A time
                minutes: 5
            """)
        let editor = try writeEditor(scratch, "append.sh", #"echo "- アンケートの案内 [survey](https://example.com/s)" >> "$1""#)
        // Run from another directory: relative paths follow --event, not the working directory.
        let elsewhere = try Scratch()
        let host = try TmuxSession(
            width: 100, height: 30,
            command: "\(binary) host --event \(TmuxSession.shellQuoted(event)) --state \(TmuxSession.shellQuoted(scratch.path("state.json")))",
            environment: ["VISUAL": "", "EDITOR": editor], workingDirectory: elsewhere.directory)
        try host.waitFor("はじめに")
        XCTAssertEqual(try stateNotes(scratch, "talk")["speaker"] as? String, markdown)
        host.sendText("E")
        try host.waitFor("notes saved")
        let edited = markdown + "- アンケートの案内 [survey](https://example.com/s)\n"
        try waitForState("the edit saved") { try stateNotes(scratch, "talk")["speaker"] as? String == edited }
        try quit(host)

        let export = try runPodium(
            ["notes", "export", "--event", event, "--state", scratch.path("state.json")], in: elsewhere.directory)
        XCTAssertEqual(export.status, 0, export.stderr)
        XCTAssertTrue(export.stdout.contains("wrote"), export.stdout)
        let written = try String(contentsOfFile: scratch.path("notes/talk.md"), encoding: .utf8)
        XCTAssertEqual(written, edited)

        // Loaded again from the event file (a fresh state): the same notes.
        let fresh = try TmuxSession(
            width: 100, height: 30,
            command: "\(binary) host --event \(TmuxSession.shellQuoted(event)) --state \(TmuxSession.shellQuoted(scratch.path("fresh.json")))",
            workingDirectory: scratch.directory)
        try fresh.waitFor("アンケートの案内")
        try quit(fresh)
        let data = try Data(contentsOf: URL(fileURLWithPath: scratch.path("fresh.json")))
        let json = try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
        let reloaded = ((json["notes"] as? [String: Any])?["talk"] as? [String: Any])?["speaker"] as? String
        XCTAssertEqual(reloaded, try stateNotes(scratch, "talk")["speaker"] as? String)
    }
}
