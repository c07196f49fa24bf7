import Foundation
import XCTest

/// A short evening in real terminals: the host runs two sessions of seconds (the first over
/// time), a speaker view on the same state file shows the phases and the host's message, the
/// drift line and the rundown follow the overrun, the bell rings at the thresholds, and
/// `podium report` tells what happened. Also: a console restarted mid-talk resumes from the
/// anchor, exact time changes and the restart confirmation.
final class TimerEndToEndTests: XCTestCase {
    override func setUpWithError() throws {
        try requireTmux()
    }

    /// Sessions of 12 and 6 seconds; warning at 6 s, danger at 3 s; two canned cues.
    private func writeShortEvent(_ scratch: Scratch, firstMinutes: Double = 0.2) throws -> String {
        try scratch.write("short.yaml", """
            title: "短い夜 #1"
            warning_minutes: 0.1
            danger_minutes: 0.05
            cues:
              - あと5分です
              - Please wrap up
            sessions:
              - id: talk
                title: 最初の発表
                speaker: 登壇者A
                minutes: \(firstMinutes)
                notes: |
                  - [00:00] 自己紹介
              - id: lt
                title: Lightning talk
                speaker: Bob
                minutes: 0.1
            """)
    }

    private func podium(_ arguments: String) -> String {
        TmuxSession.shellQuoted(TmuxSession.podiumBinary().path) + " " + arguments
    }

    // MARK: The evening

    func testAShortEveningWithAnOverrunSeenByHostAndSpeaker() throws {
        let scratch = try Scratch()
        let event = try writeShortEvent(scratch)
        let state = scratch.path("state.json")
        let quotedState = TmuxSession.shellQuoted(state)

        let host = try TmuxSession(
            width: 100, height: 30,
            command: podium("host --event \(TmuxSession.shellQuoted(event)) --state \(quotedState)"),
            workingDirectory: scratch.directory)
        var screen = try host.waitFor("0:12 ready")
        XCTAssertTrue(screen.contains("1/2 最初の発表"), screen)
        XCTAssertNotNil(Self.timeOfDay(in: screen), "no time of day on the host:\n\(screen)")

        let speaker = try TmuxSession(
            width: 80, height: 24, command: podium("speaker --state \(quotedState)"),
            workingDirectory: scratch.directory)
        screen = try speaker.waitFor("not started · 0:12 planned")
        XCTAssertTrue(screen.contains("Next: Lightning talk · Bob"), screen)
        XCTAssertTrue(screen.contains("自己紹介"), "notes below the digits:\n\(screen)")
        XCTAssertNotNil(Self.timeOfDay(in: screen), "no time of day on the speaker view:\n\(screen)")

        // Count the bells each terminal rings.
        let hostBells = scratch.path("host-bells")
        let speakerBells = scratch.path("speaker-bells")
        try Self.countBells(of: host, into: hostBells)
        try Self.countBells(of: speaker, into: speakerBells)

        // The speaker view shows each phase in its colour as the host's timer runs.
        host.sendKey("Space")
        try Self.waitForDigits(on: speaker, colour: Self.green, blink: false, text: "used 0:")
        try Self.waitForDigits(on: speaker, colour: Self.yellow, blink: false, text: "used 0:")
        try Self.waitForDigits(on: speaker, colour: Self.red, blink: false, text: "used 0:")
        screen = try Self.waitForDigits(on: speaker, colour: Self.red, blink: true, text: "OVER TIME")
        XCTAssertTrue(screen.contains("of 0:12"), screen)
        let timer = try statusJSON(state)["timer"] as? [String: Any]
        XCTAssertEqual(timer?["phase"] as? String, "overtime")
        XCTAssertEqual(timer?["state"] as? String, "running")

        // The host: "+m:ss OVER TIME", flashing.
        screen = try host.waitUntil(timeout: 5, "overtime on the host") {
            $0.range(of: #"\+0:0[1-9] OVER TIME"#, options: .regularExpression) != nil
        }
        let overtimeLines = Self.lines(Self.captureStyled(host), containing: "OVER TIME")
        XCTAssertTrue(
            overtimeLines.contains { Self.cellStyles(in: $0).contains { $0.blink } },
            "the overtime is not flashing on the host: " + overtimeLines.map(Self.visible).joined(separator: " / "))

        // The host's terminal rang at warning, danger and zero; the speaker's never.
        try host.waitUntil(timeout: 3, "three bells") { _ in Self.count(hostBells) == 3 }
        XCTAssertEqual(Self.count(speakerBells), 0)

        // A canned cue from the event file, by its digit.
        host.sendText("m")
        screen = try host.waitFor("Message to the speaker")
        XCTAssertTrue(screen.contains("2  Please wrap up"), screen)
        XCTAssertTrue(screen.contains("t  free text"), screen)
        host.sendText("2")
        screen = try speaker.waitFor("Please wrap up")
        XCTAssertTrue(screen.contains("OVER TIME"), screen)
        try host.waitFor("msg: Please wrap up (0:0")
        XCTAssertEqual(try statusJSON(state)["message"] as? String, "Please wrap up")
        // Its age grows on the sender's screen.
        try host.waitUntil(timeout: 5, "the message's age") {
            $0.range(of: #"msg: Please wrap up \(0:0[2-9] ago\)"#, options: .regularExpression) != nil
        }
        // The speaker cannot clear it: the view is read-only.
        speaker.sendText("c")
        Thread.sleep(forTimeInterval: 1.5)
        XCTAssertTrue(speaker.capture().contains("Please wrap up"), speaker.capture())
        XCTAssertEqual(try statusJSON(state)["message"] as? String, "Please wrap up")
        // The host clears it: gone from both screens and the file.
        host.sendText("c")
        try speaker.waitUntil(timeout: 5, "message cleared on the speaker view") { !$0.contains("Please wrap up") }
        try host.waitUntil(timeout: 5, "message cleared on the host") { !$0.contains("msg:") }
        XCTAssertNil(try statusJSON(state)["message"] as? String)

        // The overrun pushes the evening: the drift line says so (ends are shown rounded to
        // the minute, so the first minute behind shows within about 70 s of overtime).
        screen = try host.waitFor("1 min behind", timeout: 90)
        XCTAssertTrue(screen.range(of: #"ends \d\d:\d\d \(planned \d\d:\d\d\)"#, options: .regularExpression) != nil, screen)

        // The rundown: planned, actual and projected times, and the overrun.
        host.sendText("R")
        screen = try host.waitFor("Rundown")
        for header in ["Plan", "Start", "Proj.", "Over"] {
            XCTAssertTrue(screen.contains(header), "no \(header) column:\n\(screen)")
        }
        let talkRow = screen.split(separator: "\n").first { $0.contains("> 1") && $0.contains("最初の発表") }
        XCTAssertNotNil(talkRow, screen)
        if let talkRow {
            // Over: "+m:ss" (the overtime so far).
            XCTAssertEqual(Self.matches(#"\+\d:\d\d"#, in: String(talkRow)), 1, String(talkRow))
            XCTAssertEqual(Self.matches(#"\d\d:\d\d"#, in: String(talkRow)), 4, "plan, start, projected start-end:\n\(talkRow)")
        }
        XCTAssertTrue(screen.contains("1 min behind"), screen)
        host.sendKey("Escape")
        try host.waitUntil(timeout: 5, "rundown closed") { !$0.contains("Rundown") }

        // n: on to the second session, on both screens.
        host.sendText("n")
        try host.waitFor("0:06 ready")
        screen = try speaker.waitFor("not started · 0:06 planned")
        XCTAssertTrue(screen.contains("2/2 Lightning talk"), screen)
        host.sendKey("Space")
        try speaker.waitFor("used 0:01 of 0:06")
        host.sendText("q")
        XCTAssertEqual(try host.waitForExit(), 0)
        speaker.sendText("q")
        XCTAssertEqual(try speaker.waitForExit(), 0)

        // The report tells the truth: the first session took over a minute more than planned.
        let markdown = try runPodium(["report", "--state", state])
        XCTAssertEqual(markdown.status, 0, markdown.stderr)
        let row = try XCTUnwrap(
            markdown.stdout.split(separator: "\n").first { $0.hasPrefix("| 1 |") }, markdown.stdout)
        let cells = row.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
        // #, Session, Speaker, Planned start, Actual start, Planned, Added, Actual, Over, …
        XCTAssertEqual(Array(cells.prefix(3)), ["1", "最初の発表", "登壇者A"], String(row))
        XCTAssertTrue(cells[3].range(of: #"^\d\d:\d\d$"#, options: .regularExpression) != nil, String(row))
        XCTAssertTrue(cells[4].range(of: #"^\d\d:\d\d$"#, options: .regularExpression) != nil, String(row))
        XCTAssertEqual(cells[5], "0:12")
        XCTAssertEqual(cells[6], "", "no time added")
        let took = try XCTUnwrap(Self.seconds(cells[7]), String(row))
        XCTAssertGreaterThan(took, 12, "the first session ran over its 12 s")
        XCTAssertEqual(cells[8], "+" + Self.clock(took - 12), String(row))
        XCTAssertTrue(markdown.stdout.contains("min behind"), markdown.stdout)
        let second = markdown.stdout.split(separator: "\n").first { $0.hasPrefix("| 2 |") }
        XCTAssertTrue(second?.contains("Lightning talk") == true, markdown.stdout)

        let csv = try runPodium(["report", "--format", "csv", "--state", state])
        XCTAssertEqual(csv.status, 0, csv.stderr)
        let records = csv.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        // Empty cells count ("added" is empty: no time added).
        let header = records.first?.split(separator: ",", omittingEmptySubsequences: false).map(String.init) ?? []
        let first = try XCTUnwrap(records.first { $0.hasPrefix("1,") }, csv.stdout)
            .split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        XCTAssertEqual(header.count, first.count, csv.stdout)
        func field(_ name: String) -> String? {
            header.firstIndex(of: name).map { first[$0] }
        }
        XCTAssertEqual(field("title"), "最初の発表")
        XCTAssertEqual(field("planned_length"), "0:12")
        XCTAssertEqual(field("added"), "")
        XCTAssertEqual(field("actual_length"), Self.clock(took))
        XCTAssertEqual(field("overrun"), "+" + Self.clock(took - 12))
        XCTAssertEqual(field("over"), "+" + Self.clock(took - 12))
        XCTAssertEqual(field("status"), "done")
    }

    // MARK: Restart mid-talk, exact time, restart

    func testAConsoleRestartedMidTalkResumesFromTheAnchor() throws {
        let scratch = try Scratch()
        let event = try writeShortEvent(scratch, firstMinutes: 2)
        let state = scratch.path("state.json")
        let command = podium("host --event \(TmuxSession.shellQuoted(event)) --state \(TmuxSession.shellQuoted(state))")
        let host = try TmuxSession(width: 100, height: 30, command: command, workingDirectory: scratch.directory)
        try host.waitFor("2:00 ready")
        host.sendKey("Space")
        try host.waitFor("1:58 left")
        // Quit while the timer runs; the timer goes on in the file.
        host.sendText("q")
        XCTAssertEqual(try host.waitForExit(), 0)
        try host.waitForUsableShell()
        let closedAt = Date()
        Thread.sleep(forTimeInterval: 3)
        var timer = try XCTUnwrap(statusJSON(state)["timer"] as? [String: Any])
        XCTAssertEqual(timer["state"] as? String, "running")

        // Started again (the same event file, as a host does): the same second as the anchor
        // gives, not 2:00 again and not where it was when the console closed.
        let closedFor = Int(Date().timeIntervalSince(closedAt).rounded(.down))
        host.sendText("clear; " + command + "; echo EXIT:$?")
        host.sendKey("Enter")
        let screen = try host.waitUntil(timeout: 5, "the timer again") {
            $0.contains("Q&A") && Self.leftSeconds(in: $0) != nil
        }
        let shown = try XCTUnwrap(Self.leftSeconds(in: screen), screen)
        timer = try XCTUnwrap(statusJSON(state)["timer"] as? [String: Any])
        let fromAnchor = try XCTUnwrap(timer["remainingSeconds"] as? Int)
        XCTAssertLessThanOrEqual(abs(shown - fromAnchor), 1, "shown \(shown), anchor \(fromAnchor)")
        XCTAssertGreaterThanOrEqual(closedFor, 3)
        XCTAssertLessThanOrEqual(shown, 118 - closedFor + 1, "the time stood still while no console ran:\n\(screen)")
        XCTAssertEqual(timer["state"] as? String, "running")

        // t: an exact time. +3 minutes, then -1:30, then something that is not a time.
        host.sendText("t")
        try host.waitFor("Add time")
        host.sendText("+3")
        host.sendKey("Enter")
        try host.waitFor("+3:00")
        try host.waitUntil(timeout: 5, "allowed 5:00") { _ in
            ((try? statusJSON(state))?["timer"] as? [String: Any])?["allowedSeconds"] as? Int == 300
        }
        host.sendText("t")
        try host.waitFor("Add time")
        host.sendText("-1:30")
        host.sendKey("Enter")
        try host.waitUntil(timeout: 5, "allowed 3:30") { _ in
            ((try? statusJSON(state))?["timer"] as? [String: Any])?["allowedSeconds"] as? Int == 210
        }
        host.sendText("t")
        try host.waitFor("Add time")
        host.sendText("soon")
        host.sendKey("Enter")
        try host.waitFor("not a time")

        // 0 asks first: any other key keeps the session, y restarts it.
        host.sendText("0")
        try host.waitFor("Restart \"最初の発表\" from zero?")
        host.sendText("x")
        try host.waitFor("not restarted")
        XCTAssertEqual((try statusJSON(state)["timer"] as? [String: Any])?["state"] as? String, "running")
        host.sendText("0")
        try host.waitFor("from zero?")
        host.sendText("y")
        try host.waitFor("session restarted")
        try host.waitFor("2:00 ready")
        try host.waitUntil(timeout: 5, "restarted in the file") { _ in
            let timer = (try? statusJSON(state))?["timer"] as? [String: Any]
            return timer?["state"] as? String == "idle" && timer?["elapsedSeconds"] as? Int == 0
        }
        host.sendText("q")
        XCTAssertEqual(try host.waitForExit(), 0)
    }

    func testNoBellKeepsTheHostQuiet() throws {
        let scratch = try Scratch()
        let event = try writeShortEvent(scratch, firstMinutes: 0.1)
        let state = TmuxSession.shellQuoted(scratch.path("state.json"))
        let host = try TmuxSession(
            width: 100, height: 30,
            command: podium("host --no-bell --event \(TmuxSession.shellQuoted(event)) --state \(state)"),
            workingDirectory: scratch.directory)
        try host.waitFor("0:06 ready")
        let bells = scratch.path("bells")
        try Self.countBells(of: host, into: bells)
        host.sendKey("Space")
        try host.waitFor("+0:01 OVER TIME", timeout: 10)
        Thread.sleep(forTimeInterval: 0.5)
        XCTAssertEqual(Self.count(bells), 0, "the bell rang with --no-bell")
        host.sendText("q")
        XCTAssertEqual(try host.waitForExit(), 0)
    }

    /// The host's big digits show whole minutes ("4m"), so they stay the same while
    /// the "m:ss left" line below counts; `--big-seconds` makes them count seconds too.
    func testTheHostsBigDigitsShowWholeMinutesUnlessAskedForSeconds() throws {
        for bigSeconds in [false, true] {
            let scratch = try Scratch()
            let event = try writeShortEvent(scratch, firstMinutes: 5)
            let state = TmuxSession.shellQuoted(scratch.path("state.json"))
            let host = try TmuxSession(
                width: 100, height: 30,
                command: podium("host --no-bell \(bigSeconds ? "--big-seconds " : "")--event \(TmuxSession.shellQuoted(event)) --state \(state)"),
                workingDirectory: scratch.directory)
            try host.waitFor("5:00 ready")
            host.sendKey("Space")
            // The reverse-video cells (the digits) above the "left" line, at two seconds.
            func digits(at time: String) throws -> [Bool] {
                var mask: [Bool] = []
                try host.waitUntil(timeout: 10, "\(time) left") { _ in
                    let styled = Self.captureStyled(host)
                    guard styled.contains(time + " left") else { return false }
                    let top = styled.components(separatedBy: "\n").prefix { !$0.contains(" left") }.joined(separator: "\n")
                    mask = Self.cellStyles(in: top).map(\.reverse)
                    return true
                }
                return mask
            }
            let first = try digits(at: "4:58")
            let second = try digits(at: "4:56")
            XCTAssertTrue(first.contains(true), "no big digits drawn")
            if bigSeconds {
                XCTAssertNotEqual(first, second, "--big-seconds: the digits should count seconds")
            } else {
                XCTAssertEqual(first, second, "the big digits changed within a minute")
            }
            host.sendText("q")
            XCTAssertEqual(try host.waitForExit(), 0)
        }
    }

    // MARK: Helpers

    static let red = 31, green = 32, yellow = 33

    /// Appends a line to `file` whenever the pane's terminal rings its bell (tmux's
    /// alert-bell hook fires for a detached session's window).
    static func countBells(of tmux: TmuxSession, into file: String) throws {
        FileManager.default.createFile(atPath: file, contents: nil)
        try runTmux(tmux, ["set-hook", "-g", "alert-bell", "run-shell 'echo bell >> \(file)'"])
    }

    static func count(_ file: String) -> Int {
        let text = (try? String(contentsOfFile: file, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").count
    }

    @discardableResult
    static func runTmux(_ tmux: TmuxSession, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["tmux", "-L", tmux.socket] + arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw TmuxError(message: "tmux \(arguments.joined(separator: " ")) failed")
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// The pane with its attributes as SGR sequences (`capture-pane -e`).
    static func captureStyled(_ tmux: TmuxSession) -> String {
        (try? runTmux(tmux, ["capture-pane", "-e", "-p", "-t", tmux.session])) ?? ""
    }

    /// A styled capture printable in a failure message: ESC as "^[".
    static func visible(_ styled: String) -> String {
        styled.replacingOccurrences(of: "\u{1B}", with: "^[")
    }

    static func lines(_ text: String, containing needle: String) -> [String] {
        text.components(separatedBy: "\n").filter { $0.contains(needle) }
    }

    struct CellStyle: Hashable {
        var foreground: Int?
        var reverse: Bool
        var blink: Bool
    }

    /// The style of every printed cell of a `capture-pane -e` text, from its SGR sequences.
    static func cellStyles(in text: String) -> [CellStyle] {
        var styles: [CellStyle] = []
        var current = CellStyle(foreground: nil, reverse: false, blink: false)
        var scalars = Array(text.unicodeScalars)[...]
        while let scalar = scalars.popFirst() {
            if scalar == "\u{1B}", scalars.first == "[" {
                scalars.removeFirst()
                var parameters = ""
                while let next = scalars.popFirst(), !(next.properties.isAlphabetic) {
                    parameters.unicodeScalars.append(next)
                }
                var codes = parameters.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) ?? 0 }[...]
                while let code = codes.popFirst() {
                    switch code {
                    case 0: current = CellStyle(foreground: nil, reverse: false, blink: false)
                    case 5: current.blink = true
                    case 7: current.reverse = true
                    case 25: current.blink = false
                    case 27: current.reverse = false
                    case 30...37: current.foreground = code
                    case 39: current.foreground = nil
                    case 38, 48: codes = codes.first == 5 ? codes.dropFirst(2) : codes.dropFirst(4)
                    default: break
                    }
                }
            } else if scalar != "\n" {
                styles.append(current)
            }
        }
        return styles
    }

    /// Waits until the speaker view's big digits (reverse-video cells; no message is shown
    /// meanwhile) are all in `colour`, flashing or not, and the screen shows `text`.
    @discardableResult
    static func waitForDigits(on tmux: TmuxSession, colour: Int, blink: Bool, text: String) throws -> String {
        var last = ""
        do {
            try tmux.waitUntil(timeout: 10, "digits in colour \(colour)\(blink ? ", flashing" : "")") { screen in
                last = captureStyled(tmux)
                // Above the notes box only: the notes highlight their current cue in reverse too.
                let top = last.components(separatedBy: "\n").prefix { !$0.contains("Notes") }.joined(separator: "\n")
                let digits = Set(cellStyles(in: top).filter(\.reverse))
                return screen.contains(text) && digits == [CellStyle(foreground: colour, reverse: true, blink: blink)]
            }
        } catch {
            throw TmuxError(message: "\(error)\nstyled:\n\(visible(last))")
        }
        return tmux.capture()
    }

    static func matches(_ pattern: String, in text: String) -> Int {
        let expression = try! NSRegularExpression(pattern: pattern)
        return expression.numberOfMatches(in: text, range: NSRange(text.startIndex..., in: text))
    }

    /// "HH:MM" somewhere on the screen.
    static func timeOfDay(in screen: String) -> String? {
        screen.range(of: #"\b[0-2]\d:[0-5]\d\b"#, options: .regularExpression).map { String(screen[$0]) }
    }

    /// Seconds of the "m:ss left" the timer pane prints.
    static func leftSeconds(in screen: String) -> Int? {
        guard let range = screen.range(of: #"\d+:\d\d left"#, options: .regularExpression) else { return nil }
        return seconds(String(screen[range].dropLast(5)))
    }

    /// "1:05" → 65.
    static func seconds(_ clock: String) -> Int? {
        let parts = clock.split(separator: ":").compactMap { Int($0) }
        guard parts.count == 2 else { return nil }
        return parts[0] * 60 + parts[1]
    }

    static func clock(_ seconds: Int) -> String {
        "\(seconds / 60):" + (seconds % 60 < 10 ? "0" : "") + "\(seconds % 60)"
    }
}
