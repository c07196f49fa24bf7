import Foundation
import XCTest

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A console that crashes, or is told to quit with SIGQUIT, leaves the terminal as it found
/// it: cooked mode with echo, the normal screen, the cursor shown.
final class CrashEndToEndTests: XCTestCase {
    override func setUpWithError() throws {
        try requireTmux()
    }

    private func startHost(_ scratch: Scratch) throws -> TmuxSession {
        let event = try scratch.writeTestEvent()
        let binary = TmuxSession.podiumBinary().path
        let session = try TmuxSession(
            width: 100, height: 30,
            command: "\(TmuxSession.shellQuoted(binary)) host --event \(TmuxSession.shellQuoted(event)) --state \(TmuxSession.shellQuoted(scratch.path("state.json")))",
            // The Swift runtime's backtracer would otherwise wait 30 s for a key after a crash
            // in a terminal; its report is printed either way.
            environment: ["SWIFT_BACKTRACE": "interactive=no"],
            workingDirectory: scratch.directory)
        try session.waitFor("Q&A")
        XCTAssertEqual(session.paneFormat("#{alternate_on}"), "1", "the console draws on the alternate screen")
        return session
    }

    /// The terminal after the console ended: the normal screen, the cursor shown, and a shell
    /// in cooked mode with echo (`stty -a` run in the same pane).
    private func assertRestored(_ tmux: TmuxSession, _ what: String) throws {
        XCTAssertEqual(tmux.paneFormat("#{alternate_on}"), "0", "\(what): still on the alternate screen:\n\(tmux.capture())")
        XCTAssertEqual(tmux.paneFormat("#{cursor_flag}"), "1", "\(what): the cursor is hidden")
        do {
            try tmux.waitForUsableShell()
        } catch {
            XCTFail("\(what): the terminal was not restored: \(error)")
        }
    }

    func testACrashRestoresTheTerminalAndStillEndsByTheSignal() throws {
        for (signal, name) in [(SIGABRT, "SIGABRT"), (SIGSEGV, "SIGSEGV")] {
            let scratch = try Scratch()
            let tmux = try startHost(scratch)
            try tmux.signalCommand(signal)
            // Ended by the signal, as without the handler (the shell reports 128 + N).
            XCTAssertEqual(try tmux.waitForExit(timeout: 30), 128 + signal, name)
            try assertRestored(tmux, name)
        }
    }

    func testSIGQUITEndsLikeSIGTERM() throws {
        let scratch = try Scratch()
        let tmux = try startHost(scratch)
        try tmux.signalCommand(SIGQUIT)
        XCTAssertEqual(try tmux.waitForExit(timeout: 10), 131)
        try assertRestored(tmux, "SIGQUIT")
        // No core dump, no backtrace: an ordinary exit.
        XCTAssertFalse(tmux.capture().contains("crashed"), tmux.capture())
    }
}
