import Foundation
import PodiumText
import XCTest

#if canImport(Glibc)
import Glibc
#endif

/// Issue 4 end to end: every string of `HostileStrings` goes in through `podium ask`, the state
/// file and `podium import`, and comes out inert on the host console in tmux (pane title,
/// cursor, clipboard, alternate screen, borders and colours untouched), in `status`,
/// `status --json`, `report`, the exports and every error message. Japanese typed into the
/// input line arrives intact; 1,001 characters are refused, never cut; a C locale still works.
final class HostileTextEndToEndTests: XCTestCase {
    override func setUpWithError() throws {
        try requireTmux()
        // wcwidth below measures as tmux does (tmux runs with C.UTF-8).
        setlocale(LC_CTYPE, "C.UTF-8")
    }

    // MARK: Helpers

    override func recordFailure(withDescription description: String, inFile filePath: String, atLine lineNumber: Int, expected: Bool) {
        if let path = ProcessInfo.processInfo.environment["HOSTILE_FAILURE_LOG"],
           let handle = FileHandle(forWritingAtPath: path) {
            handle.seekToEndOfFile()
            handle.write(Data("\(lineNumber): \(description.debugDescription)\n".utf8))
            handle.closeFile()
        }
        super.recordFailure(withDescription: description, inFile: filePath, atLine: lineNumber, expected: expected)
    }

    /// Runs a test body and reports a thrown error (with the last screen it carries) as a
    /// failure here: this XCTest does not always print the description of an error thrown out
    /// of a test method.
    private func reporting(_ body: () throws -> Void, file: StaticString = #filePath, line: UInt = #line) {
        do { try body() } catch { XCTFail("\(error)", file: file, line: line) }
    }

    private var binary: String { TmuxSession.shellQuoted(TmuxSession.podiumBinary().path) }

    private static func hostile(_ name: String) -> String {
        guard let entry = HostileStrings.named.first(where: { $0.name == name }) else {
            fatalError("no hostile string named \(name)")
        }
        return entry.text
    }

    /// A host console on `state` (created from the test event when it does not exist).
    private func startHost(
        _ scratch: Scratch, state: String, width: Int = 100, height: Int = 30,
        environment: [String: String] = [:]
    ) throws -> TmuxSession {
        let event = try scratch.writeTestEvent(minutes: 2)
        let tmux = try TmuxSession(
            width: width, height: height,
            command: "\(binary) host --event \(TmuxSession.shellQuoted(event)) --state \(TmuxSession.shellQuoted(state))",
            environment: environment, workingDirectory: scratch.directory)
        try tmux.waitFor("Q&A", timeout: 10)
        return tmux
    }

    /// A state file made the way a user makes one: the host's first run, then quit.
    private func makeStateFile(_ scratch: Scratch) throws -> String {
        let state = scratch.path("state.json")
        let host = try startHost(scratch, state: state)
        host.sendText("q")
        XCTAssertEqual(try host.waitForExit(), 0)
        host.kill()
        return state
    }

    /// Runs a tmux command on the session's private server (display, show-options…).
    @discardableResult
    private func tmuxCommand(_ session: TmuxSession, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["tmux", "-L", session.socket, "-f", "/dev/null", "-u"] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["TMUX"] = nil
        environment["LANG"] = "C.UTF-8"
        environment["LC_ALL"] = "C.UTF-8"
        process.environment = environment
        // The server runs already (this never forks one), so a file for the output is enough.
        let output = NSTemporaryDirectory() + "hostile-tmux-\(UUID().uuidString).out"
        FileManager.default.createFile(atPath: output, contents: nil)
        defer { try? FileManager.default.removeItem(atPath: output) }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: output))
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try handle.close()
        let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
        guard process.terminationStatus == 0 else {
            throw TmuxError(message: "tmux \(arguments.joined(separator: " ")) failed: \(text)")
        }
        return text
    }

    private func paneFormat(_ session: TmuxSession, _ format: String) throws -> String {
        try tmuxCommand(session, ["display-message", "-p", "-t", session.session, format])
            .trimmingCharacters(in: .newlines)
    }

    /// The pane with trailing spaces kept (`-N`), one string per row.
    private func fullRows(_ session: TmuxSession) throws -> [String] {
        let text = try tmuxCommand(session, ["capture-pane", "-p", "-N", "-t", session.session])
        var rows = text.components(separatedBy: "\n")
        if rows.last == "" { rows.removeLast() }
        return rows
    }

    /// Scalars that must never reach a terminal or an output: C0 controls (except LF, and CR
    /// when `allowCR`), DEL, C1, bidi embeddings/overrides/isolates/marks, LS/PS. Each as
    /// "U+XXXX at scalar N".
    private func forbiddenScalars(in text: String, allowCR: Bool = false) -> [String] {
        var found: [String] = []
        for (offset, scalar) in text.unicodeScalars.enumerated() {
            let value = scalar.value
            let bad: Bool
            switch value {
            case 0x0A: bad = false
            case 0x0D: bad = !allowCR
            case 0x00...0x1F, 0x7F...0x9F: bad = true
            case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C, 0x2028, 0x2029: bad = true
            default: bad = false
            }
            if bad {
                found.append(String(format: "U+%04X at scalar %d", value, offset))
                if found.count >= 5 { break }
            }
        }
        return found
    }

    /// Asserts that raw output bytes hold no ESC and no forbidden scalar, and are valid UTF-8.
    private func assertInert(
        _ data: Data, _ label: String, allowCRLF: Bool = false,
        file: StaticString = #filePath, line: UInt = #line
    ) {
        XCTAssertFalse(data.contains(0x1B), "\(label): an ESC byte", file: file, line: line)
        guard let text = String(data: data, encoding: .utf8) else {
            XCTFail("\(label): not valid UTF-8", file: file, line: line)
            return
        }
        XCTAssertEqual(forbiddenScalars(in: text, allowCR: allowCRLF), [], "\(label)", file: file, line: line)
        if allowCRLF {
            // A CR only as the end of a CSV row.
            let bytes = [UInt8](data)
            for index in bytes.indices where bytes[index] == 0x0D {
                if index + 1 >= bytes.count || bytes[index + 1] != 0x0A {
                    XCTFail("\(label): a CR that does not end a row at byte \(index)", file: file, line: line)
                    break
                }
            }
        }
    }

    /// Runs podium and returns raw stdout and stderr bytes (so nothing is lost in decoding).
    private func runRaw(
        _ arguments: [String], stdin: Data? = nil, environment: [String: String] = [:]
    ) throws -> (status: Int32, stdout: Data, stderr: Data) {
        let process = Process()
        process.executableURL = TmuxSession.podiumBinary()
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["LANG"] = "C.UTF-8"
        env.merge(environment) { _, new in new }
        process.environment = env
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("hostile-io-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        // Files, not pipes: a 10,000-character export never fills a pipe buffer.
        let outURL = directory.appendingPathComponent("out")
        let errURL = directory.appendingPathComponent("err")
        let inURL = directory.appendingPathComponent("in")
        try (stdin ?? Data()).write(to: inURL)
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)
        let input = try FileHandle(forReadingFrom: inURL)
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        try input.close()
        return (process.terminationStatus, try Data(contentsOf: outURL), try Data(contentsOf: errURL))
    }

    /// Whether `podium ask` accepts the text (as it trims and counts).
    private static func askable(_ text: String) -> Bool {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return !trimmed.isEmpty && trimmed.count <= 1_000
    }

    /// JSON for one `ask -` line (a NUL travels as \u0000).
    private static func jsonLine(_ object: [String: String]) throws -> String {
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }

    // MARK: Putting hostile text in

    /// (b) Writes hostile text straight into the state file: the event title, session titles
    /// and speaker, both kinds of notes, the message to the speaker and one question per
    /// hostile string (with hostile authors, labels, an assignee, an original text and
    /// aliases). Replaced atomically with a higher revision, so a running console reloads it.
    private func writeHostileStateFile(_ path: String, notes writeNotes: Bool = true) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        guard var root = try JSONSerialization.jsonObject(with: data) as? [String: Any],
            var event = root["event"] as? [String: Any],
            var sessions = event["sessions"] as? [[String: Any]], sessions.count >= 2,
            var notes = root["notes"] as? [String: Any],
            var talkNotes = notes["talk"] as? [String: Any],
            let revision = root["revision"] as? Int
        else { throw TmuxError(message: "the state file format changed: update this test") }
        let all = HostileStrings.all
        let now = Date().timeIntervalSince1970
        event["title"] = "Event " + Self.hostile("OSC 2 title, ST") + Self.hostile("CSI clear screen")
        sessions[0]["title"] = Self.hostile("OSC 0 title, BEL") + " talk"
        sessions[0]["speaker"] = Self.hostile("bidi override U+202E") + Self.hostile("OSC 52 clipboard write")
        sessions[1]["title"] = Self.hostile("CSI alternate screen off")
        event["sessions"] = sessions
        event["venue"] = Self.hostile("DCS")
        root["event"] = event
        if writeNotes {
            talkNotes["speaker"] = all.joined(separator: "\n")
            talkNotes["host"] = all.reversed().joined(separator: "\n")
            notes["talk"] = talkNotes
            root["notes"] = notes
        }
        root["message"] = ["text": Self.hostile("mixed everything"), "sentBy": Self.hostile("OSC 0 title, BEL"), "sentAt": now]
        var questions = root["questions"] as? [[String: Any]] ?? []
        for (index, text) in all.enumerated() {
            var question: [String: Any] = [
                "id": "sf-\(index)", "text": text, "author": all[(index + 7) % all.count],
                "source": "other", "sessionID": "talk", "status": "new", "votes": [String: Int](),
                "pinned": false, "position": now + Double(index) / 1000,
                "labels": [all[(index + 3) % all.count]], "aliases": [String](),
                "askedAt": now + Double(index) / 1000, "updatedAt": now,
                "updatedBy": all[(index + 11) % all.count],
                "history": [["at": now, "by": all[(index + 13) % all.count], "what": "asked"]],
            ]
            if index % 3 == 0 { question["assignee"] = all[(index + 5) % all.count] }
            if index % 4 == 0 { question["originalText"] = all[(index + 9) % all.count] }
            if index % 5 == 0 { question["aliases"] = [all[(index + 17) % all.count]] }
            questions.append(question)
        }
        root["questions"] = questions
        root["revision"] = revision + 1
        root["updatedAt"] = now
        let out = try JSONSerialization.data(withJSONObject: root, options: [.prettyPrinted, .sortedKeys])
        try out.write(to: URL(fileURLWithPath: path), options: .atomic)
    }

    /// Puts every hostile string into the current session's speaker and host notes (one per
    /// line), replacing the file atomically with a higher revision.
    private func writeHostileNotes(_ path: String) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        guard var root = try JSONSerialization.jsonObject(with: data) as? [String: Any],
            var notes = root["notes"] as? [String: Any],
            var talkNotes = notes["talk"] as? [String: Any],
            let revision = root["revision"] as? Int
        else { throw TmuxError(message: "the state file format changed: update this test") }
        talkNotes["speaker"] = HostileStrings.all.joined(separator: "\n")
        talkNotes["host"] = HostileStrings.all.reversed().joined(separator: "\n")
        notes["talk"] = talkNotes
        root["notes"] = notes
        root["revision"] = revision + 1
        let out = try JSONSerialization.data(withJSONObject: root, options: [.prettyPrinted, .sortedKeys])
        try out.write(to: URL(fileURLWithPath: path), options: .atomic)
    }

    /// (a) Every string `ask` accepts, through `ask -` as JSON lines (with hostile authors);
    /// the others (10,000 characters, only spaces) are refused one by one with exit 2.
    private func askEveryHostileString(_ state: String) throws {
        let all = HostileStrings.all
        var lines: [String] = []
        for (index, text) in all.enumerated() where Self.askable(text) {
            lines.append(try Self.jsonLine(["text": text, "author": String(all[(index + 1) % all.count].prefix(200)), "source": "zoom"]))
        }
        let added = try runRaw(["ask", "-", "--state", state], stdin: Data((lines.joined(separator: "\n") + "\n").utf8))
        XCTAssertEqual(added.status, 0, String(decoding: added.stderr, as: UTF8.self))
        XCTAssertTrue(String(decoding: added.stdout, as: UTF8.self).contains("added \(lines.count) questions"))
        assertInert(added.stdout, "ask - stdout")
        for text in all where !Self.askable(text) {
            let refused = try runRaw(["ask", "-", "--state", state], stdin: Data((try Self.jsonLine(["text": text]) + "\n").utf8))
            XCTAssertEqual(refused.status, 2, "a refused question must exit 2")
            let message = String(decoding: refused.stderr, as: UTF8.self)
            XCTAssertTrue(message.contains("at most 1000") || message.contains("empty"), message)
            assertInert(refused.stderr, "ask refused stderr")
        }
    }

    /// (c) A CSV holding every hostile string (and one with invalid UTF-8 bytes), imported with
    /// --skip-bad: the rows over 1,000 characters and a row with a hostile source are reported
    /// on stderr, sanitised.
    private func importEveryHostileString(_ state: String, _ scratch: Scratch) throws -> Int {
        func cell(_ text: String) -> String { "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        let all = HostileStrings.all
        var csv = Data("text,author,source\r\n".utf8)
        for (index, text) in all.enumerated() {
            csv += Data((cell(text) + "," + cell(all[(index + 2) % all.count]) + ",discord\r\n").utf8)
        }
        for bytes in HostileStrings.invalidUTF8 {
            csv += Data("\"invalid ".utf8) + Data(bytes) + Data(" bytes\",import,venue\r\n".utf8)
        }
        csv += Data((cell("a question from nowhere") + ",x," + cell(Self.hostile("OSC 0 title, BEL")) + "\r\n").utf8)
        let file = scratch.path("hostile.csv")
        try csv.write(to: URL(fileURLWithPath: file))
        let result = try runRaw(["import", file, "--skip-bad", "--state", state])
        let stderr = String(decoding: result.stderr, as: UTF8.self)
        XCTAssertEqual(result.status, 0, stderr)
        XCTAssertTrue(stderr.contains("skipped:"), stderr)
        XCTAssertTrue(stderr.contains("␛]0;pwned title␇"), "the hostile source should be quoted inert: \(stderr)")
        assertInert(result.stdout, "import stdout")
        assertInert(result.stderr, "import stderr")
        let stdout = String(decoding: result.stdout, as: UTF8.self)
        // Rows that decode to the same text (two truncated sequences, each one U+FFFD) are one.
        let invalid = Set(HostileStrings.invalidUTF8.map { String(decoding: $0, as: UTF8.self) })
        let expected = all.filter(Self.askable).count + invalid.count
        XCTAssertTrue(stdout.contains("imported \(expected) questions"), stdout)
        return expected
    }

    /// A state holding hostile text from all three routes; returns its path.
    private func makeHostileState(_ scratch: Scratch) throws -> String {
        let state = try makeStateFile(scratch)
        try writeHostileStateFile(state)
        try askEveryHostileString(state)
        _ = try importEveryHostileString(state, scratch)
        return state
    }

    /// The questions of the state file as stored (raw, unsanitised).
    private func storedQuestions(_ state: String) throws -> [[String: Any]] {
        let data = try Data(contentsOf: URL(fileURLWithPath: state))
        let root = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        return root?["questions"] as? [[String: Any]] ?? []
    }

    // MARK: The console

    /// What a user can read of a text on screen, for comparing a stored text with the pane:
    /// printable ASCII, the control pictures, U+FFFD and Japanese; spaces and everything tmux
    /// and ncurses may draw differently (emoji, combining marks) left out.
    private static func readable(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x21...0x7E, 0x2400...0x2421, 0xFFFD, 0x3041...0x30FF, 0x4E00...0x9FFF, 0x3001, 0x3002:
                out.append(scalar)
            default:
                continue
            }
        }
        return String(out)
    }

    /// glibc's `wcwidth` (not exported by the Glibc module), as tmux measures characters.
    private static let wcwidth: @convention(c) (Int32) -> Int32 = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "wcwidth") else {
            fatalError("no wcwidth in libc")
        }
        return unsafeBitCast(symbol, to: (@convention(c) (Int32) -> Int32).self)
    }()

    /// A captured row as the terminal's cells, measured as tmux measures (glibc `wcwidth`): a
    /// wide character fills its cell and an empty one after it, zero-width scalars join the
    /// cell before.
    private static func terminalCells(_ row: String) -> [String] {
        var cells: [String] = []
        var lastFilled = -1
        for scalar in row.unicodeScalars {
            let width = Int(Self.wcwidth(Int32(bitPattern: scalar.value)))
            if width == 0, lastFilled >= 0 {
                cells[lastFilled].unicodeScalars.append(scalar)
                continue
            }
            lastFilled = cells.count
            cells.append(String(scalar))
            if width == 2 { cells.append("") }
        }
        return cells
    }

    /// Where the vertical pane borders are, row by row (terminal columns).
    private static func borderColumns(_ rows: [String]) -> [[Int]] {
        rows.map { row in
            terminalCells(row).enumerated().compactMap { "│┌┐└┘├┤".contains($0.element) ? $0.offset : nil }
        }
    }

    /// Checks one screen of the host console: no control or bidi scalar and no ncurses
    /// `^[` caret form reached the pane, every row is exactly the pane's width (in terminal
    /// cells), the pane borders are in their columns (`borders`, from a screen before any
    /// hostile text; with an overlay only the outer ones), the terminal is still on the
    /// alternate screen, nothing scrolled into the history, the title is unchanged and no
    /// clipboard buffer was set.
    private func assertScreenIntact(
        _ tmux: TmuxSession, title: String, width: Int, height: Int, _ label: String,
        borders: [[Int]]? = nil, overlay: Bool = false,
        file: StaticString = #filePath, line: UInt = #line
    ) throws {
        let rows = try fullRows(tmux)
        let screen = rows.joined(separator: "\n")
        XCTAssertEqual(rows.count, height, "\(label): rows\n\(screen)", file: file, line: line)
        XCTAssertEqual(forbiddenScalars(in: screen), [], "\(label)\n\(screen)", file: file, line: line)
        XCTAssertFalse(screen.contains("^["), "\(label): an ESC reached ncurses\n\(screen)", file: file, line: line)
        for (number, row) in rows.enumerated() {
            let cells = Self.terminalCells(row).count
            if cells != width {
                XCTFail("\(label): row \(number) is \(cells) cells wide, not \(width):\n\(screen)", file: file, line: line)
                break
            }
        }
        if let borders {
            let now = Self.borderColumns(rows)
            // The last two rows are the Notes box's bottom and the status line.
            for number in 0..<min(borders.count, now.count, height - 2) {
                var expected = borders[number]
                if overlay { expected = expected.filter { $0 == 0 || $0 == width - 1 } }
                let missing = expected.filter { !now[number].contains($0) }
                if !missing.isEmpty {
                    XCTFail("\(label): row \(number) lost its border at column(s) \(missing):\n\(screen)", file: file, line: line)
                    break
                }
            }
        }
        let borders = "┌┐└┘│├┤┬┴─"
        if let top = rows.first, let last = top.last, let first = top.first {
            XCTAssertTrue(borders.contains(first) && borders.contains(last), "\(label): top row \(top)", file: file, line: line)
        }
        // The status line is the last row; the row above it is the Notes box's bottom border.
        if rows.count >= 2 {
            let bottom = rows[rows.count - 2]
            XCTAssertTrue(bottom.hasPrefix("└") && bottom.hasSuffix("┘"), "\(label): bottom border \(bottom)\n\(screen)", file: file, line: line)
        }
        XCTAssertEqual(try paneFormat(tmux, "#{pane_title}"), title, "\(label): the pane title changed", file: file, line: line)
        XCTAssertEqual(try paneFormat(tmux, "#{alternate_on}"), "1", "\(label): left the alternate screen", file: file, line: line)
        XCTAssertEqual(try paneFormat(tmux, "#{history_size}"), "0", "\(label): the screen scrolled", file: file, line: line)
        XCTAssertEqual(try tmuxCommand(tmux, ["list-buffers"]), "", "\(label): a clipboard buffer was set", file: file, line: line)
    }

    /// The SGR parameters of the pane (`capture-pane -e`): only those Podium asks for (bold,
    /// dim, underline, reverse and the eight colours), never blink (the timer is idle),
    /// 256-colour or truecolour ones, which only a hostile string could bring.
    private func assertOnlyPodiumColours(_ tmux: TmuxSession, _ label: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let text = try tmuxCommand(tmux, ["capture-pane", "-p", "-e", "-t", tmux.session])
        let allowed: Set<Int> = Set([0, 1, 2, 4, 7, 22, 24, 27, 39, 49]).union(30...37).union(40...47).union(90...97).union(100...107)
        var scalars = Array(text.unicodeScalars)
        var index = 0
        var seen = Set<Int>()
        while index < scalars.count {
            defer { index += 1 }
            guard scalars[index] == "\u{1B}" else { continue }
            guard index + 1 < scalars.count, scalars[index + 1] == "[" else {
                XCTFail("\(label): an escape sequence other than CSI in the pane: \(String(String.UnicodeScalarView(scalars[index..<min(scalars.count, index + 12)])).debugDescription)", file: file, line: line)
                return
            }
            var end = index + 2
            while end < scalars.count, !(0x40...0x7E).contains(scalars[end].value) { end += 1 }
            guard end < scalars.count else { break }
            let body = String(String.UnicodeScalarView(scalars[(index + 2)..<end]))
            if scalars[end] == "m" {
                for part in body.split(separator: ";", omittingEmptySubsequences: false) {
                    seen.insert(Int(part) ?? 0)
                }
            }
            index = end
        }
        scalars = []
        XCTAssertTrue(seen.isSubset(of: allowed), "\(label): SGR parameters Podium never asks for: \(seen.subtracting(allowed).sorted())", file: file, line: line)
    }

    /// (1) Hostile text from the state file, `ask -` and `import` reaches a running host
    /// console; it shows inert in every pane and, question by question, in the full view.
    func testHostileTextShowsInertOnTheHostConsole() {
        reporting {
            let scratch = try Scratch()
            let state = scratch.path("state.json")
            let width = 100
            let height = 30
            let tmux = try startHost(scratch, state: state, width: width, height: height)
            // With set-clipboard on, an OSC 52 that reached tmux would create a paste buffer.
            try tmuxCommand(tmux, ["set-option", "-g", "set-clipboard", "on"])
            try tmux.waitFor("Notes")
            let title = try paneFormat(tmux, "#{pane_title}")
            let borders = Self.borderColumns(try fullRows(tmux))
            XCTAssertEqual(borders[1].count, 4, "two panes side by side expected:\n\(tmux.capture())")
            XCTAssertEqual(try tmuxCommand(tmux, ["list-buffers"]), "")
            XCTAssertEqual(try paneFormat(tmux, "#{cursor_flag}"), "0", "the cursor shows outside the input line")

            // In while the console runs: it reloads each change.
            // (The notes come later: they are laid out on every frame, which in a debug build
            // makes each key take seconds with 70 hostile lines, 4 of them 10,000 characters.)
            try writeHostileStateFile(state, notes: false)
            // (Waiting for the title in any form, so a broken sanitiser fails the checks below.)
            try tmux.waitUntil(timeout: 10, "the hostile event title") { $0.contains("Event ") && $0.contains("pwned title") }
            try askEveryHostileString(state)
            _ = try importEveryHostileString(state, scratch)
            let stored = try storedQuestions(state)
            let total = stored.filter { $0["mergedInto"] == nil }.count
            XCTAssertGreaterThan(total, 3 * 40)
            try tmux.waitFor("new \(total)", timeout: 10)
            try assertScreenIntact(tmux, title: title, width: width, height: height, "the queue", borders: borders)
            try assertOnlyPodiumColours(tmux, "the queue")
            XCTAssertEqual(try paneFormat(tmux, "#{cursor_flag}"), "0", "a hostile string showed the cursor")
            let first = tmux.capture()
            XCTAssertTrue(first.contains("␛]0;pwned title␇after talk"), "the session title, inert:\n\(first)")
            XCTAssertTrue(first.contains("日本語␛]0;t␇"), "the message to the speaker, inert:\n\(first)")

            // Every question in the full view (i), one after the other (j).
            var seenTexts: [String] = []
            for index in 0..<total {
                if index > 0 { tmux.sendText("j") }
                tmux.sendText("i")
                let screen = try tmux.waitUntil(timeout: 5, "the full question view") { screen in
                    screen.split(separator: "\n").dropFirst().first?.contains("┌ Question") ?? false
                }
                let rows = screen.split(separator: "\n", omittingEmptySubsequences: false).dropFirst(2)
                var content = ""
                for row in rows {
                    content += row.trimmingCharacters(in: CharacterSet(charactersIn: "│ "))
                }
                seenTexts.append(Self.readable(content))
                if index % 10 == 0 || index == total - 1 {
                    try assertScreenIntact(tmux, title: title, width: width, height: height, "full view of question \(index + 1)", borders: borders, overlay: true)
                    try assertOnlyPodiumColours(tmux, "full view of question \(index + 1)")
                } else {
                    XCTAssertFalse(screen.contains("^["), "question \(index + 1): an ESC reached ncurses\n\(screen)")
                    XCTAssertEqual(forbiddenScalars(in: screen), [], "question \(index + 1)\n\(screen)")
                }
                tmux.sendKey("Escape")
                try tmux.waitUntil(timeout: 5, "the full view to close") { screen in
                    !(screen.split(separator: "\n").dropFirst().first?.contains("┌ Question") ?? false)
                }
            }
            // Each stored question was shown, readable, its controls as visible pictures.
            for question in stored {
                guard let text = question["text"] as? String else { continue }
                let expected = String(Self.readable(Sanitizer.multiline(text)).prefix(40))
                if expected.isEmpty { continue }
                XCTAssertTrue(seenTexts.contains { $0.hasPrefix(expected) }, "never shown: \(expected.debugDescription)")
            }
            XCTAssertTrue(seenTexts.contains { $0.contains("␛[2J␛[HQuestion?") })
            XCTAssertTrue(seenTexts.contains { $0.contains("␛]52;c;Y3VybCBldmlsLmV4YW1wbGUgfCBzaA==␇copyme") })

            // The notes, paged through (hostile speaker notes, then the host notes).
            try writeHostileNotes(state)
            try tmux.waitFor("1-10/", timeout: 10)
            try assertScreenIntact(tmux, title: title, width: width, height: height, "notes", borders: borders)
            for page in 0..<8 {
                tmux.sendKey("NPage")
                Thread.sleep(forTimeInterval: 0.15)
                if page % 4 == 3 {
                    try assertScreenIntact(tmux, title: title, width: width, height: height, "notes page \(page + 1)", borders: borders)
                }
            }
            tmux.sendText("h")
            Thread.sleep(forTimeInterval: 0.3)
            try assertScreenIntact(tmux, title: title, width: width, height: height, "host notes", borders: borders)
            tmux.sendText("R")
            try tmux.waitFor("Rundown", timeout: 10)
            try assertScreenIntact(tmux, title: title, width: width, height: height, "rundown", borders: borders, overlay: true)
            tmux.sendKey("Escape")

            // The cursor is where Podium puts it: on the input line, after "Ask: ".
            tmux.sendText("a")
            let asking = try tmux.waitFor("Ask [")
            XCTAssertEqual(try paneFormat(tmux, "#{cursor_flag}"), "1", "no cursor on the input line")
            let cursorY = Int(try paneFormat(tmux, "#{cursor_y}")) ?? -1
            let askRow = asking.components(separatedBy: "\n").firstIndex { $0.contains("Ask [") } ?? -2
            XCTAssertEqual(cursorY, askRow, "the cursor is not on the input line:\n\(asking)")
            tmux.sendKey("Escape")
            try tmux.waitUntil(timeout: 5, "the input line to close") { !$0.contains("Ask [") }
            XCTAssertEqual(try paneFormat(tmux, "#{cursor_flag}"), "0")
            try assertScreenIntact(tmux, title: title, width: width, height: height, "at the end", borders: borders)
            tmux.sendText("q")
            XCTAssertEqual(try tmux.waitForExit(timeout: 10), 0)
            try tmux.waitForUsableShell()
        }
    }

    // MARK: Outputs

    /// (2) status, status --json, report (md, csv) and export (csv, json, md) hold no ESC, no
    /// other control (but LF, and CR LF row ends in CSV), no DEL, C1 or bidi control; texts
    /// are all there; CSV cells never start a formula.
    func testStatusReportAndExportsAreInert() {
        reporting {
            let scratch = try Scratch()
            let state = try makeHostileState(scratch)
            // One `ask` per call too, for every string an argument can carry (not NUL).
            var asked = 0
            for text in HostileStrings.all where Self.askable(text) && !text.unicodeScalars.contains("\u{0}") {
                // After "--", so a text starting with "-" is not taken for an option.
                let result = try runRaw(["ask", "--author", Self.hostile("OSC 8 hyperlink"), "--state", state, "--", text])
                XCTAssertEqual(result.status, 0, String(decoding: result.stderr, as: UTF8.self))
                assertInert(result.stdout, "ask stdout")
                asked += 1
            }
            XCTAssertGreaterThan(asked, 40)

            let outputs: [(args: [String], csv: Bool)] = [
                (["status"], false), (["status", "--json"], false), (["report"], false),
                (["report", "--format", "csv"], true), (["export", "--format", "csv"], true),
                (["export", "--format", "json"], false), (["export", "--format", "md"], false),
            ]
            for output in outputs {
                let result = try runRaw(output.args + ["--state", state])
                let label = output.args.joined(separator: " ")
                XCTAssertEqual(result.status, 0, "\(label): \(String(decoding: result.stderr, as: UTF8.self))")
                XCTAssertGreaterThan(result.stdout.count, 100, label)
                assertInert(result.stdout, label, allowCRLF: output.csv)
                XCTAssertFalse(result.stdout.contains(0x09), "\(label): a tab")
                assertInert(result.stderr, label + " stderr")
            }

            // Every stored text is in status --json, whole, sanitised as one line.
            let stored = try storedQuestions(state)
            let status = try runRaw(["status", "--json", "--state", state])
            let json = try JSONSerialization.jsonObject(with: status.stdout) as? [String: Any] ?? [:]
            let shown = Dictionary(uniqueKeysWithValues: questions(in: json).compactMap { question -> (String, String)? in
                guard let id = question["id"] as? String, let text = question["text"] as? String else { return nil }
                return (id, text)
            })
            XCTAssertEqual(shown.count, stored.count)
            for question in stored {
                guard let id = question["id"] as? String, let text = question["text"] as? String else { continue }
                XCTAssertEqual(shown[id], Sanitizer.line(text), "question \(id) in status --json")
            }
            XCTAssertTrue(shown.values.contains(String(repeating: "x", count: 10_000)), "the 10,000-character line is cut")
            XCTAssertEqual(json["event"] as? String, Sanitizer.line("Event " + Self.hostile("OSC 2 title, ST") + Self.hostile("CSI clear screen")))

            // CSV: one record per question (no row broken by a newline), no formula anywhere.
            let export = try runRaw(["export", "--format", "csv", "--state", state])
            let records = Self.parseCSV(String(decoding: export.stdout, as: UTF8.self))
            XCTAssertEqual(records.count, stored.count + 1, "header + one record per question")
            let header = records.first ?? []
            XCTAssertTrue(records.allSatisfy { $0.count == header.count }, "a record with a different number of cells")
            for record in records.dropFirst() {
                for (column, value) in record.enumerated() {
                    XCTAssertFalse(Sanitizer.startsLikeFormula(value), "export \(header[column]): \(value.prefix(40).debugDescription)")
                }
            }
            XCTAssertTrue(records.contains { $0.contains("'=HYPERLINK(\"https://evil.example\",\"click\")") }, "the formula is kept, neutralised")
            let report = try runRaw(["report", "--format", "csv", "--state", state])
            let reportRecords = Self.parseCSV(String(decoding: report.stdout, as: UTF8.self))
            let reportHeader = reportRecords.first ?? []
            for record in reportRecords.dropFirst() {
                for name in ["session_id", "title", "speaker"] {
                    guard let column = reportHeader.firstIndex(of: name), column < record.count else { continue }
                    XCTAssertFalse(Sanitizer.startsLikeFormula(record[column]), "report \(name): \(record[column])")
                }
            }
        }
    }

    /// RFC 4180 records (quoted cells with "" for a quote, CR LF row ends).
    private static func parseCSV(_ text: String) -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var cell = ""
        var quoted = false
        var scalars = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        func next() -> Unicode.Scalar? {
            if let scalar = pending { pending = nil; return scalar }
            return scalars.next()
        }
        while let scalar = next() {
            if quoted {
                if scalar == "\"" {
                    if let following = next() {
                        if following == "\"" { cell.unicodeScalars.append("\"") } else { quoted = false; pending = following }
                    } else { quoted = false }
                } else {
                    cell.unicodeScalars.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"": quoted = true
            case ",": record.append(cell); cell = ""
            case "\r": continue
            case "\n": record.append(cell); records.append(record); record = []; cell = ""
            default: cell.unicodeScalars.append(scalar)
            }
        }
        if !cell.isEmpty || !record.isEmpty { record.append(cell); records.append(record) }
        return records
    }

    /// (b) A state file with invalid UTF-8 inside a question's text is reported as corrupt with
    /// the file and the place, exit 2, and is never overwritten.
    func testInvalidUTF8InTheStateFileIsReportedAndNeverOverwritten() {
        reporting {
            let scratch = try Scratch()
            let good = try makeStateFile(scratch)
            _ = try runRaw(["ask", "placeholder question", "--state", good])
            let text = try String(contentsOfFile: good, encoding: .utf8)
            let lines = text.components(separatedBy: "\n")
            guard let lineIndex = lines.firstIndex(where: { $0.contains("\"placeholder question\"") }),
                let range = lines[lineIndex].range(of: "placeholder question")
            else { return XCTFail("the question is not in the file:\n\(text)") }
            let column = lines[lineIndex].utf8.distance(from: lines[lineIndex].startIndex, to: range.lowerBound) + 1
            for (number, bytes) in HostileStrings.invalidUTF8.enumerated() {
                // The valid one (U+009B written as UTF-8) loads; it is checked with the others.
                let isValid = String(bytes: bytes, encoding: .utf8) != nil
                let name = "invalid-\(number).json"
                let path = scratch.path(name)
                var data = Data(text.utf8)
                let prefix = lines[..<lineIndex].joined(separator: "\n") + "\n" + String(lines[lineIndex][..<range.lowerBound])
                let offset = prefix.utf8.count
                data.replaceSubrange(offset..<(offset + "placeholder".utf8.count), with: Data(bytes))
                try data.write(to: URL(fileURLWithPath: path))
                let before = try Data(contentsOf: URL(fileURLWithPath: path))
                var info = stat()
                stat(path, &info)
                let inode = info.st_ino
                for command in [["status"], ["status", "--json"], ["ask", "another"], ["export"], ["report"], ["host"]] {
                    let result = try runRaw(command + ["--state", path])
                    let label = "\(command.joined(separator: " ")) on \(name)"
                    assertInert(result.stderr, label + " stderr")
                    assertInert(result.stdout, label + " stdout", allowCRLF: command == ["export"])
                    if isValid {
                        if command == ["host"] { continue }  // no terminal here: exits 4
                        XCTAssertEqual(result.status, 0, "\(label): \(String(decoding: result.stderr, as: UTF8.self))")
                        continue
                    }
                    let message = String(decoding: result.stderr, as: UTF8.self)
                    XCTAssertEqual(result.status, 2, "\(label): \(message)")
                    XCTAssertTrue(message.contains("\(name):\(lineIndex + 1):"), "\(label) should name the line: \(message)")
                    XCTAssertTrue(message.contains("invalid UTF-8"), "\(label): \(message)")
                    XCTAssertTrue(message.contains("left untouched"), "\(label): \(message)")
                    XCTAssertGreaterThanOrEqual(column, 1)
                    XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path)), before, "\(label) changed the file")
                    stat(path, &info)
                    XCTAssertEqual(info.st_ino, inode, "\(label) replaced the file")
                }
            }
            // The host console on such a file says why and never opens.
            let bad = scratch.path("invalid-0.json")
            let host = try TmuxSession(command: "\(binary) host --state \(TmuxSession.shellQuoted(bad))", workingDirectory: scratch.directory)
            XCTAssertEqual(try host.waitForExit(), 2)
            let screen = host.capture()
            XCTAssertTrue(screen.contains("invalid-0.json:\(lineIndex + 1):"), screen)
            XCTAssertFalse(screen.contains("Q&A"), screen)
        }
    }

    /// (2) Error messages quote hostile input (a source, a session, a file name, a bad value)
    /// inert, from podium's own checks and from the argument parser alike.
    func testErrorMessagesAreInert() {
        reporting {
            let scratch = try Scratch()
            let state = try makeStateFile(scratch)
            let osc = Self.hostile("OSC 0 title, BEL")
            let csi = Self.hostile("8-bit CSI U+009B")
            let bidi = Self.hostile("bidi override U+202E")
            let cases: [(args: [String], stdin: Data?, expect: String)] = [
                (["ask", "hi", "--source", osc + csi], nil, "␛]0;pwned title␇"),
                (["ask", "hi", "--session", osc + bidi], nil, "␛]0;pwned title␇"),
                (["ask", "-"], Data((try Self.jsonLine(["text": "hi", "source": osc]) + "\n").utf8), "␛]0;pwned title␇"),
                (["ask", "hi", "--no-such-option" + osc], nil, "␛]0;pwned title␇"),
                (["ask", "hi", "extra " + osc], nil, "␛]0;pwned title␇"),
                (["status", "--state", scratch.path("missing" + osc + ".json")], nil, "␛]0;pwned title␇"),
                (["export", "--format", "xls" + osc], nil, "␛]0;pwned title␇"),
            ]
            for item in cases {
                var args = item.args
                if !args.contains("--state") { args += ["--state", state] }
                let result = try runRaw(args, stdin: item.stdin)
                let label = item.args.joined(separator: " ").debugDescription
                XCTAssertEqual(result.status, 2, "\(label): \(String(decoding: result.stderr, as: UTF8.self))")
                assertInert(result.stderr, label + " stderr")
                assertInert(result.stdout, label + " stdout")
                XCTAssertTrue(String(decoding: result.stderr, as: UTF8.self).contains(item.expect), "\(label): \(String(decoding: result.stderr, as: UTF8.self))")
            }

            // An event file with a hostile name, title and bad value, and an error.
            let eventName = "event" + osc + ".yaml"
            let event = try scratch.write(eventName, """
                title: "\\e]0;pwned title\\a\\x9b2J"
                sessions:
                  - title: "\\e[2J talk"
                    minutes: "\\e]52;c;Y3VybA==\\a"
                """)
            let result = try runRaw(["host", "--event", event, "--state", scratch.path("new.json")])
            let message = String(decoding: result.stderr, as: UTF8.self)
            XCTAssertEqual(result.status, 2, message)
            XCTAssertTrue(message.contains("event␛]0;pwned title␇after.yaml:4:"), message)
            assertInert(result.stderr, "event file error")
            XCTAssertFalse(FileManager.default.fileExists(atPath: scratch.path("new.json")))

            // An import refused as a whole quotes its bad values inert.
            let csv = try scratch.write("bad.csv", "text,source,votes\r\nhello,\"\(osc)\",\"\(bidi)\"\r\n")
            let refused = try runRaw(["import", csv, "--state", state])
            XCTAssertEqual(refused.status, 2)
            assertInert(refused.stderr, "import error")
            XCTAssertTrue(String(decoding: refused.stderr, as: UTF8.self).contains("bad.csv:2:"))
        }
    }

    // MARK: Typing

    /// (3) Japanese and emoji typed into the input line arrive byte for byte; 1,001 characters
    /// are refused with a message, by the console and by `podium ask`, and nothing is added.
    func testJapaneseTypedArrivesIntactAndLongInputIsRefused() {
        reporting {
            let scratch = try Scratch()
            let state = scratch.path("state.json")
            let tmux = try startHost(scratch, state: state)
            // (tmux 3.3 draws a skin tone or a ZWJ sequence as separate emoji: wait for the kana.)
            let typed = [
                (text: "いつGA?ロードマップでてる?", shows: "ロードマップ"), ("👍🏽 ありがとう", "ありがとう"),
                ("カ\u{3099}ーナ 👨‍👩‍👧 🇯🇵 ❤️ é", "ーナ"),
            ]
            for (text, shows) in typed {
                tmux.sendText("a")
                try tmux.waitFor("Ask [")
                tmux.sendText(text)
                try tmux.waitFor(shows)
                tmux.sendKey("Enter")
                try tmux.waitFor("question added")
            }
            try tmux.waitUntil(timeout: 5, "saved") { _ in
                ((try? questions(in: statusJSON(state)).count) ?? 0) == typed.count
            }
            let saved = Set(try questions(in: statusJSON(state)).compactMap { ($0["text"] as? String).map { Array($0.utf8) } })
            XCTAssertEqual(saved, Set(typed.map { Array($0.0.utf8) }), "the typed text changed on its way")

            // 1,001 characters in the input line: refused, said so.
            let long = String(repeating: "あ", count: 1_001)
            tmux.sendText("a")
            try tmux.waitFor("Ask [")
            tmux.sendText(long)
            // A paste arrives as keys: the first 1,000 fit, the 1,001st is refused, the input
            // line says so, and Enter then sends nothing (the paste is never sent cut).
            let screen = try tmux.waitFor("at most 1000 characters, 1 not taken", timeout: 20)
            XCTAssertTrue(screen.contains("too long"), screen)
            tmux.sendKey("Enter")
            try tmux.waitFor("shorten it")
            XCTAssertTrue(tmux.capture().contains("Ask ["), "Enter closed the input line:\n\(tmux.capture())")
            tmux.sendKey("Escape")
            try tmux.waitUntil(timeout: 5, "input closed") { !$0.contains("Ask [") }
            Thread.sleep(forTimeInterval: 0.5)
            XCTAssertEqual(try questions(in: statusJSON(state)).count, typed.count, "a too-long question was added")

            // podium ask: exit 2, a message, nothing added; 1,000 are fine.
            let refused = try runRaw(["ask", long, "--state", state])
            XCTAssertEqual(refused.status, 2)
            let message = String(decoding: refused.stderr, as: UTF8.self)
            XCTAssertTrue(message.contains("1001 characters; at most 1000"), message)
            XCTAssertTrue(message.contains("nothing was added"), message)
            XCTAssertEqual(try questions(in: statusJSON(state)).count, typed.count)
            let accepted = try runRaw(["ask", String(long.dropLast()), "--state", state])
            XCTAssertEqual(accepted.status, 0)
            XCTAssertTrue(try questions(in: statusJSON(state)).contains { $0["text"] as? String == String(long.dropLast()) })
            tmux.sendText("q")
            XCTAssertEqual(try tmux.waitForExit(), 0)
        }
    }

    // MARK: Locales

    /// (4) Under LANG=C / LC_ALL=C podium switches to C.UTF-8 (present here): the console
    /// draws line graphics and Japanese, and typed Japanese arrives intact. Under C.UTF-8 the
    /// same holds, and hostile text stays inert in both.
    func testTheConsoleWorksWithCAndUTF8Locales() {
        reporting {
            for environment in [["LANG": "C", "LC_ALL": "C"], ["LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"], ["LANG": "", "LC_ALL": ""]] {
                let label = environment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
                let scratch = try Scratch()
                let state = scratch.path("state.json")
                let tmux = try startHost(scratch, state: state, environment: environment)
                let screen = try tmux.waitFor("Notes")
                XCTAssertTrue(screen.contains("テスト勉強会 #1"), "\(label):\n\(screen)")
                XCTAssertTrue(screen.contains("┌ Timer"), "\(label): no line graphics\n\(screen)")
                XCTAssertFalse(screen.contains("No UTF-8 locale"), "\(label): C.UTF-8 exists here\n\(screen)")
                let title = try paneFormat(tmux, "#{pane_title}")
                tmux.sendText("a")
                try tmux.waitFor("Ask [")
                let text = "いつGA?ロードマップでてる?"
                tmux.sendText(text)
                try tmux.waitFor("ロードマップ")
                tmux.sendKey("Enter")
                try tmux.waitFor("question added")
                let runAsk = try runRaw(["ask", "-", "--state", state], stdin: Data((try Self.jsonLine(["text": Self.hostile("mixed everything")]) + "\n").utf8), environment: environment)
                XCTAssertEqual(runAsk.status, 0, label)
                assertInert(runAsk.stdout, label)
                try tmux.waitFor("日本語␛]0;t␇", timeout: 10)
                try assertScreenIntact(tmux, title: title, width: 100, height: 30, label)
                let saved = try questions(in: statusJSON(state)).compactMap { $0["text"] as? String }
                XCTAssertTrue(saved.contains(text), "\(label): \(saved)")
                tmux.sendText("q")
                XCTAssertEqual(try tmux.waitForExit(), 0, label)
            }
        }
    }
}
