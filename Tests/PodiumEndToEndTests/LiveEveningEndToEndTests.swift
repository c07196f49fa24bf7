import Foundation
import XCTest

/// The live evening with several people at the keyboards, on the real binary in tmux: what one
/// person's action does when another changed the same thing first, time that cannot go below
/// zero, messages that belong to their session, the end of the event, a state file moved aside
/// while a console holds it, overlays that close on q and Esc, a question typed with its source
/// and asker.
final class LiveEveningEndToEndTests: XCTestCase {
    /// How long one console may take to show another's change.
    private let crossConsole: TimeInterval = 3

    override func setUpWithError() throws {
        try requireTmux()
    }

    private func q(_ word: String) -> String { TmuxSession.shellQuoted(word) }

    private func console(_ scratch: Scratch, _ arguments: String, width: Int = 100, height: Int = 30) throws -> TmuxSession {
        try TmuxSession(
            width: width, height: height,
            command: "\(q(TmuxSession.podiumBinary().path)) \(arguments) --state \(q(scratch.path("state.json")))",
            workingDirectory: scratch.directory)
    }

    private func host(_ scratch: Scratch, minutes: Double = 30, secondMinutes: Double = 1) throws -> TmuxSession {
        let event = try scratch.writeTestEvent(minutes: minutes, secondMinutes: secondMinutes)
        let host = try console(scratch, "host --no-bell --event \(q(event))")
        try host.waitFor("Q&A")
        return host
    }

    /// The state file as JSON (what every console reads).
    private func stateFile(_ scratch: Scratch) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: scratch.path("state.json")))
        return try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
    }

    private func storedQuestion(_ scratch: Scratch, _ text: String) throws -> [String: Any]? {
        let questions = try stateFile(scratch)["questions"] as? [[String: Any]] ?? []
        return questions.first { ($0["text"] as? String)?.contains(text) ?? false }
    }

    private func waitForStored(_ scratch: Scratch, _ what: String, timeout: TimeInterval = 5, _ predicate: ([String: Any]) -> Bool) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let state = try? stateFile(scratch), predicate(state) { return }
            Thread.sleep(forTimeInterval: 0.05)
        }
        XCTFail("timed out waiting for the state file: \(what); now: \(String(describing: try? stateFile(scratch)).prefix(2000))")
    }

    func testUndoNeverErasesAnotherModeratorsLaterChange() throws {
        let scratch = try Scratch()
        let host = try host(scratch)
        let ask = try runPodium(["ask", "Kubernetes はなぜ etcd を使っているか", "--source", "zoom", "--author", "ken", "--state", scratch.path("state.json")])
        XCTAssertEqual(ask.status, 0, ask.stderr)
        let alice = try console(scratch, "moderate --name alice")
        let bob = try console(scratch, "moderate --name bob")
        try alice.waitFor("etcd")
        try bob.waitFor("etcd")

        alice.sendText("y")
        try alice.waitFor("approved")
        try waitForStored(scratch, "approved") { _ in (try? self.storedQuestion(scratch, "etcd")?["status"] as? String) == "approved" }
        try bob.waitUntil(timeout: crossConsole, "bob sees the approval") { $0.contains("│ok") }
        bob.sendText("x")
        try bob.waitFor("reason")
        bob.sendKey("Enter")
        try waitForStored(scratch, "dismissed by bob") { _ in (try? self.storedQuestion(scratch, "etcd")?["status"] as? String) == "dismissed" }

        // Alice's undo would put the question back to new, erasing bob's dismissal: it is
        // left alone, and her console says why.
        alice.sendText("z")
        let screen = try alice.waitFor("not undone", timeout: crossConsole)
        XCTAssertTrue(screen.contains("bob dismissed it at"), screen)
        Thread.sleep(forTimeInterval: 0.3)
        XCTAssertEqual(try storedQuestion(scratch, "etcd")?["status"] as? String, "dismissed")

        // Her own change, not changed by anyone since, is undone as before.
        try runPodium(["ask", "StatefulSets には今回触れられなかったが", "--state", scratch.path("state.json")])
        try alice.waitFor("StatefulSets", timeout: crossConsole)
        alice.sendText("f")  // new+queue → new: only the new question is listed
        try alice.waitFor("[new]")
        alice.sendText("y")
        try waitForStored(scratch, "approved") { _ in (try? self.storedQuestion(scratch, "StatefulSets")?["status"] as? String) == "approved" }
        alice.sendText("f")
        alice.sendText("z")
        try alice.waitFor("undone: approval")
        try waitForStored(scratch, "undone") { _ in (try? self.storedQuestion(scratch, "StatefulSets")?["status"] as? String) == "new" }
        for console in [alice, bob, host] { console.sendText("q") }
        XCTAssertEqual(try alice.waitForExit(), 0)
    }

    func testTimeNeverBelowZeroMessagesBelongToTheirSessionAndTheEventEnds() throws {
        let scratch = try Scratch()
        let host = try host(scratch, minutes: 2, secondMinutes: 1)
        let speaker = try console(scratch, "speaker", width: 80, height: 24)
        try speaker.waitFor("Knative")

        // Take three minutes from a two-minute talk: it is due now, never negative, and the
        // console says that the third minute could not be taken.
        host.sendText("---")
        try host.waitFor("no time taken: none was left", timeout: 3)
        try waitForStored(scratch, "allowed time") { state in
            let timers = state["timers"] as? [String: [String: Any]] ?? [:]
            return (timers["talk"]?["addedSeconds"] as? Int) == -120
        }
        host.sendText("+")

        // A canned cue for this session, seen by the speaker, gone when the session changes.
        host.sendText("m")
        try host.waitFor("Message to the speaker")
        host.sendText("2")
        try speaker.waitFor("Please wrap up", timeout: crossConsole)
        host.sendText("n")
        try speaker.waitFor("Ask the speaker", timeout: crossConsole)
        try speaker.waitUntil(timeout: crossConsole, "the message gone") { !$0.contains("Please wrap up") }
        let log = try stateFile(scratch)["messageLog"] as? [[String: Any]] ?? []
        XCTAssertEqual(log.compactMap { $0["text"] as? String }, ["Please wrap up"], "kept in the history")

        // A message for the whole event stays across sessions until cleared.
        host.sendText("m")
        try host.waitFor("whole event")
        host.sendText("g")
        try host.waitFor("whole event):")
        host.sendText("Doors close at 21:00")
        host.sendKey("Enter")
        try speaker.waitFor("Doors close at 21:00", timeout: crossConsole)

        // n on the last session asks, then ends the event; the end is recorded.
        host.sendText("n")
        try host.waitFor("End the event now?")
        host.sendText("y")
        try host.waitFor("the event has ended")
        try waitForStored(scratch, "endedAt") { $0["endedAt"] != nil }
        try speaker.waitFor("Doors close at 21:00")
        host.sendText("n")
        try host.waitFor("the event has ended (p goes back")
        host.sendText("q")
        XCTAssertEqual(try host.waitForExit(), 0)
        speaker.sendText("q")
    }

    func testAStateFileMovedAsideIsWrittenBackByTheConsoleThatHoldsIt() throws {
        let scratch = try Scratch()
        let host = try host(scratch)
        let state = scratch.path("state.json")
        for index in 1...5 {
            XCTAssertEqual(try runPodium(["ask", "質問 \(index) について", "--state", state]).status, 0)
        }
        try host.waitFor("質問 5", timeout: crossConsole)
        // A broken file: the console keeps its last good state and advises moving it aside.
        try "{\"revision\": ".write(toFile: state, atomically: false, encoding: .utf8)
        let broken = try host.waitFor("cannot be read", timeout: crossConsole)
        XCTAssertTrue(broken.contains("mv \(state) \(state).bad") || broken.replacingOccurrences(of: "\n", with: "").contains("(mv"), broken)
        // Following the advice loses nothing: the console writes its state back.
        XCTAssertEqual(rename(state, state + ".bad"), 0)
        try host.waitFor("wrote back", timeout: crossConsole + 2)
        let json = try statusJSON(state)
        XCTAssertEqual(questions(in: json).count, 5, "every question is back")
        host.sendText("q")
        XCTAssertEqual(try host.waitForExit(), 0)
    }

    func testOverlaysCloseOnQAndEscAndOnlyAConsoleWithoutOneQuits() throws {
        let scratch = try Scratch()
        let host = try host(scratch)
        for (open, title) in [("?", "Keys (host)"), ("R", "Rundown")] {
            for close in ["q", "Escape"] {
                host.sendText(open)
                try host.waitFor(title)
                if close == "q" { host.sendText("q") } else { host.sendKey("Escape") }
                try host.waitUntil(timeout: 3, "\(open) closed by \(close)") { !$0.contains(title) }
                XCTAssertFalse(host.capture().contains("EXIT:"), "the console is still running")
            }
        }
        host.sendText("q")
        XCTAssertEqual(try host.waitForExit(), 0)
    }

    func testAQuestionTypedWithItsSourceAndAsker() throws {
        let scratch = try Scratch()
        let host = try host(scratch)
        host.sendText("a")
        try host.waitFor("Ask [venue]")
        host.sendKey("Tab")
        try host.waitFor("Ask [zoom]")
        host.sendText("Knative の GA はいつ?")
        host.sendKey("C-o")
        try host.waitFor("Asked by:")
        host.sendText("山田 太郎")
        host.sendKey("Enter")
        try host.waitFor("Ask [zoom · 山田 太郎]")
        host.sendKey("Enter")
        try host.waitFor("question added (zoom, 山田 太郎)")
        try waitForStored(scratch, "the typed question") { _ in
            let question = try? self.storedQuestion(scratch, "Knative の GA")
            return question?["source"] as? String == "zoom" && question?["author"] as? String == "山田 太郎"
        }
        host.sendText("q")
        XCTAssertEqual(try host.waitForExit(), 0)
    }

    func testTwoHostsPressingNextTogetherMoveOneSession() throws {
        let scratch = try Scratch()
        // Three sessions, so that moving twice would be possible (and visible).
        let event = try scratch.write("three.yaml", """
            title: Lightning talks
            sessions:
              - {id: lt1, title: LT 1, minutes: 5}
              - {id: lt2, title: LT 2, minutes: 5}
              - {id: lt3, title: LT 3, minutes: 5}
            """)
        let first = try console(scratch, "host --no-bell --event \(q(event))")
        try first.waitFor("Q&A")
        let second = try console(scratch, "host --no-bell --name jiro")
        try second.waitFor("1/3")
        // The second host is held still (as if its key and the first one's crossed in flight):
        // it presses n having seen session 1, and learns of the first host's move only after.
        try second.signalCommand(SIGSTOP)
        first.sendText("n")
        try waitForStored(scratch, "the first move") { ($0["currentSessionID"] as? String) == "lt2" }
        second.sendText("n")
        Thread.sleep(forTimeInterval: 0.2)
        try second.signalCommand(SIGCONT)
        try second.waitFor("not moved", timeout: crossConsole)
        Thread.sleep(forTimeInterval: 0.3)
        XCTAssertEqual(try stateFile(scratch)["currentSessionID"] as? String, "lt2", "one session, not two")
        for console in [first, second] { console.sendText("q") }
        XCTAssertEqual(try first.waitForExit(), 0)
    }

    func testAHugeNoteOfUnclosedMarkdownDrawsAtOnceOnEveryConsole() throws {
        let scratch = try Scratch()
        // 100 KB of a pasted log with stray emphasis, code spans and brackets, never closed.
        var line = "2019-01-31 19:42:01 *WARN* `kubelet [node-1 _evicting **pod"
        while line.utf8.count < 100_000 { line += " *x _y `z [w **v" }
        let notes = scratch.path("huge.md")
        try line.write(toFile: notes, atomically: true, encoding: .utf8)
        let event = try scratch.write("huge.yaml", """
            title: Log review
            sessions:
              - {id: logs, title: Logs, minutes: 5, notes_file: huge.md}
            """)
        let start = Date()
        let host = try console(scratch, "host --no-bell --event \(q(event))")
        try host.waitFor("Q&A", timeout: 10)
        let speaker = try console(scratch, "speaker")
        try speaker.waitFor("WARN", timeout: 10)
        XCTAssertLessThan(Date().timeIntervalSince(start), 8, "both consoles drew the note")
        // Keys still answer at once with the note on screen.
        for _ in 0..<3 {
            let pressed = Date()
            host.sendText("?")
            try host.waitFor("Keys (host)", timeout: 3)
            host.sendKey("Escape")
            try host.waitUntil(timeout: 3, "help closed") { !$0.contains("Keys (host)") }
            XCTAssertLessThan(Date().timeIntervalSince(pressed), 3)
        }
        host.sendKey("PageDown")
        host.sendText("q")
        XCTAssertEqual(try host.waitForExit(), 0)
        speaker.sendText("q")
    }
}
