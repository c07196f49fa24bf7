import Foundation
import XCTest

/// The real binary in a real terminal (tmux): the host console as a user runs it.
final class ConsoleEndToEndTests: XCTestCase {
    override func setUpWithError() throws {
        try requireTmux()
    }

    private func startHost(_ scratch: Scratch, width: Int = 100, height: Int = 30, minutes: Double = 2) throws -> TmuxSession {
        let event = try scratch.writeTestEvent(minutes: minutes)
        let binary = TmuxSession.podiumBinary().path
        let session = try TmuxSession(
            width: width, height: height,
            command: "\(TmuxSession.shellQuoted(binary)) host --event \(TmuxSession.shellQuoted(event)) --state \(TmuxSession.shellQuoted(scratch.path("state.json")))",
            workingDirectory: scratch.directory)
        try session.waitFor("Q&A")
        return session
    }

    func testHostShowsThreePanesAndTheTimerCountsDown() throws {
        let scratch = try Scratch()
        let tmux = try startHost(scratch)
        let screen = try tmux.waitFor("Notes")
        XCTAssertTrue(screen.contains("Timer"), screen)
        XCTAssertTrue(screen.contains("Knativeで実現するサーバーレス"), screen)
        XCTAssertTrue(screen.contains("2:00 ready"), screen)
        XCTAssertTrue(screen.contains("自己紹介"), screen)
        tmux.sendKey("Space")
        // Counting down from an anchor: 1:59 appears within about a second.
        try tmux.waitFor("1:59 left", timeout: 4)
        try tmux.waitFor("1:57 left", timeout: 5)
        // Pause: the time stops.
        tmux.sendKey("Space")
        let paused = try tmux.waitFor("PAUSED")
        Thread.sleep(forTimeInterval: 1.5)
        let later = tmux.capture()
        let pausedLine = paused.split(separator: "\n").first { $0.contains("PAUSED") }
        XCTAssertNotNil(pausedLine)
        XCTAssertTrue(later.contains(String(pausedLine!)), "the paused time moved:\n\(later)")
        // +1 minute shows at once.
        tmux.sendText("+")
        try tmux.waitFor("+1 min")
        // The screen shows it first; the file has it a moment later (the write follows the frame).
        var timer: [String: Any]?
        for _ in 0..<40 {
            timer = try statusJSON(scratch.path("state.json"))["timer"] as? [String: Any]
            if timer?["allowedSeconds"] as? Int == 180 { break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        XCTAssertEqual(timer?["state"] as? String, "paused")
        XCTAssertEqual(timer?["allowedSeconds"] as? Int, 180)
        tmux.sendText("q")
        XCTAssertEqual(try tmux.waitForExit(), 0)
        try tmux.waitForUsableShell()
    }

    func testTypingAQuestionApprovingAndPuttingItLive() throws {
        let scratch = try Scratch()
        let tmux = try startHost(scratch)
        tmux.sendText("a")
        try tmux.waitFor("Ask [")
        let question = "K8sクラスタでFaaSを使えるようにする意義は?"
        tmux.sendText(question)
        try tmux.waitFor("意義は?")
        tmux.sendKey("Enter")
        try tmux.waitFor("question added")
        var screen = try tmux.waitFor("NEW")
        XCTAssertTrue(screen.contains("K8sクラスタでFaaS"), screen)
        tmux.sendText("y")
        screen = try tmux.waitUntil(timeout: 5, "approved") { $0.contains("ok    K8s") }
        tmux.sendKey("Enter")
        screen = try tmux.waitFor("LIVE")
        // The state file has it, intact, live.
        try tmux.waitUntil(timeout: 5, "saved live") { _ in
            (try? questions(in: statusJSON(scratch.path("state.json"))).first?["status"] as? String) == "live"
        }
        let saved = try questions(in: statusJSON(scratch.path("state.json")))
        XCTAssertEqual(saved.count, 1)
        XCTAssertEqual(saved.first?["text"] as? String, question)
        tmux.sendKey("C-c")
        XCTAssertEqual(try tmux.waitForExit(), 0)
        try tmux.waitForUsableShell()
    }

    func testResizeAdaptsTheLayoutAndTinyTerminalsSaySo() throws {
        let scratch = try Scratch()
        let tmux = try startHost(scratch, width: 100, height: 30)
        tmux.resize(width: 50, height: 16)
        var screen = try tmux.waitUntil(timeout: 5, "narrow layout") { screen in
            let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
            // The whole narrow frame: the first row narrow and the queue pane drawn.
            return (lines.first.map { $0.hasPrefix("┌ Timer") && $0.count <= 50 } ?? false) && screen.contains("Q&A")
        }
        XCTAssertTrue(screen.contains("Q&A"), screen)
        tmux.resize(width: 30, height: 8)
        screen = try tmux.waitFor("terminal too small")
        tmux.resize(width: 90, height: 26)
        screen = try tmux.waitFor("Notes")
        XCTAssertFalse(screen.contains("too small"), screen)
        tmux.sendText("?")
        screen = try tmux.waitFor("Keys (host)")
        XCTAssertTrue(screen.contains("start / pause the timer"), screen)
        // 26 rows hold about half the keys: Space shows the rest.
        XCTAssertFalse(screen.contains("Any key closes this help."), screen)
        tmux.sendText(" ")
        tmux.sendText(" ")
        screen = try tmux.waitFor("Any key closes this help.")
        XCTAssertTrue(screen.contains("earlier versions of the notes"), screen)
        tmux.sendText("x")
        try tmux.waitUntil(timeout: 5, "help closed") { !$0.contains("Keys (host)") }
        tmux.sendText("q")
        XCTAssertEqual(try tmux.waitForExit(), 0)
    }

    func testSignalsRestoreTheTerminal() throws {
        for (signal, status) in [(SIGTERM, Int32(143)), (SIGHUP, Int32(129))] {
            let scratch = try Scratch()
            let tmux = try startHost(scratch)
            try tmux.signalCommand(signal)
            XCTAssertEqual(try tmux.waitForExit(), status)
            try tmux.waitForUsableShell()
        }
    }

    func testABadEventFileIsAClearErrorAndNoScreen() throws {
        let scratch = try Scratch()
        let event = try scratch.write("bad.yaml", """
            title: Broken
            sessions:
              - title: Talk
                minutes: ten
            """)
        let result = try runPodium(["host", "--event", event, "--state", scratch.path("s.json")])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("bad.yaml:4:"), result.stderr)
        XCTAssertTrue(result.stderr.contains("minutes"), result.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: scratch.path("s.json")))
    }

    func testNoTerminalIsAClearError() throws {
        let scratch = try Scratch()
        let event = try scratch.writeTestEvent()
        let result = try runPodium(["host", "--event", event, "--state", scratch.path("s.json")])
        XCTAssertEqual(result.status, 4)
        XCTAssertTrue(result.stderr.contains("needs a terminal"), result.stderr)
    }

    func testUnknownTermIsAClearError() throws {
        let scratch = try Scratch()
        let event = try scratch.writeTestEvent()
        let binary = TmuxSession.podiumBinary().path
        let tmux = try TmuxSession(
            command: "TERM=no-such-terminal \(TmuxSession.shellQuoted(binary)) host --event \(TmuxSession.shellQuoted(event)) --state \(TmuxSession.shellQuoted(scratch.path("s.json")))")
        XCTAssertEqual(try tmux.waitForExit(), 4)
        XCTAssertTrue(tmux.capture().contains("no-such-terminal"), tmux.capture())
        try tmux.waitForUsableShell()
    }
}
