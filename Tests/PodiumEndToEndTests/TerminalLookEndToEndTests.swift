import Foundation
import XCTest

/// How the console looks in terminals set up differently: borders, colours.
final class TerminalLookEndToEndTests: XCTestCase {
    override func setUpWithError() throws {
        try requireTmux()
    }

    private func start(_ scratch: Scratch, prefix: String = "", arguments: String = "", environment: [String: String] = [:]) throws -> TmuxSession {
        let event = try scratch.writeTestEvent()
        let binary = TmuxSession.shellQuoted(TmuxSession.podiumBinary().path)
        let command = "\(prefix)\(binary) host --event \(TmuxSession.shellQuoted(event)) --state \(TmuxSession.shellQuoted(scratch.path("state.json"))) \(arguments)"
        let session = try TmuxSession(width: 80, height: 24, command: command, environment: environment, workingDirectory: scratch.directory)
        try session.waitFor("Notes")
        return session
    }

    /// TERM=xterm-256color inside tmux: the terminal ignores the DEC line-graphics switch, so
    /// borders must go out as Unicode box characters, not `lqqk` and `x`.
    func testBordersAreUnicodeUnderXtermInsideTmux() throws {
        let scratch = try Scratch()
        let tmux = try start(scratch, prefix: "env TERM=xterm-256color ")
        let screen = tmux.capture()
        let rows = screen.split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertTrue(rows[0].hasPrefix("┌ Timer"), screen)
        XCTAssertTrue(rows[0].contains("─┐"), screen)
        XCTAssertTrue(rows[1].hasPrefix("│"), screen)
        XCTAssertTrue(rows.contains { $0.hasPrefix("└") && $0.hasSuffix("┘") }, screen)
        XCTAssertFalse(screen.contains("lqq") || screen.contains("qqk") || rows[1].hasPrefix("x"), screen)
        tmux.sendText("q")
        XCTAssertEqual(try tmux.waitForExit(), 0)
    }

    /// `--ascii` keeps plain ASCII borders.
    func testAsciiBordersWhenAsked() throws {
        let scratch = try Scratch()
        let tmux = try start(scratch, prefix: "env TERM=xterm-256color ", arguments: "--ascii")
        let screen = tmux.capture()
        XCTAssertTrue(screen.hasPrefix("+ Timer"), screen)
        XCTAssertFalse(screen.contains("┌") || screen.contains("│"), screen)
        tmux.sendText("q")
        XCTAssertEqual(try tmux.waitForExit(), 0)
    }

    /// NO_COLOR: no colour reaches the terminal; bold and reverse still mark the states.
    func testNoColorSendsNoColour() throws {
        for noColor in [false, true] {
            let scratch = try Scratch()
            // `swift test` runs its tests with NO_COLOR=1 already: unset it for the colour run.
            let tmux = try start(scratch, prefix: noColor ? "env NO_COLOR=1 " : "env -u NO_COLOR ")
            // A question put live: the LIVE row is shown with reverse (and green with colours).
            tmux.sendText("a")
            try tmux.waitFor("Ask [")
            tmux.sendText("colour test")
            tmux.sendKey("Enter")
            try tmux.waitFor("question added")
            tmux.sendKey("Enter")
            try tmux.waitFor("LIVE")
            // A running timer: its digits are green with colours.
            tmux.sendKey("Space")
            try tmux.waitFor("left")
            let escaped = tmux.captureWithEscapes()
            let parameters = Self.sgrParameters(escaped)
            let colours = parameters.filter { (30...49).contains($0) && $0 != 39 && $0 != 49 || (90...107).contains($0) }
            if noColor {
                XCTAssertEqual(colours, [], escaped)
                XCTAssertTrue(parameters.contains(7), "reverse still shows the live question\n\(escaped)")
                XCTAssertTrue(parameters.contains(1), "bold still shows\n\(escaped)")
            } else {
                XCTAssertFalse(colours.isEmpty, "colours expected without NO_COLOR\n\(escaped)")
            }
            tmux.sendText("q")
            XCTAssertEqual(try tmux.waitForExit(), 0)
        }
    }

    /// Every SGR parameter in a `capture-pane -e` text.
    static func sgrParameters(_ text: String) -> Set<Int> {
        var result = Set<Int>()
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index + 1 < scalars.count {
            if scalars[index] == "\u{1B}", scalars[index + 1] == "[" {
                var end = index + 2
                var body = ""
                while end < scalars.count, !(0x40...0x7E).contains(scalars[end].value) {
                    body.unicodeScalars.append(scalars[end])
                    end += 1
                }
                if end < scalars.count, scalars[end] == "m" {
                    for part in body.split(separator: ";") { if let number = Int(part) { result.insert(number) } }
                }
                index = end
            }
            index += 1
        }
        return result
    }
}
