import CNcursesw
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns signals into a readable descriptor (a self-pipe written by a C signal handler), so
/// the event loop's `poll()` wakes up and handles them on its own thread, where it may call
/// ncurses. Create one per process, before or after `Terminal.open`.
///
/// Typical loop: `Poller.wait([terminal.inputDescriptor, watcher.descriptor], …)`, then
/// `for signal in watcher.pendingSignals() { if let status = terminal.respond(to: signal) {
/// exit(status) } }`.
///
/// All the C calls that touch the pipe live in this file: its storage is static per
/// translation unit (see shim.h).
public final class SignalWatcher {
    /// The signals watched by default: the ones that end the program (SIGTERM, SIGHUP from a
    /// closed ssh, SIGINT, and SIGQUIT, which would otherwise dump core over the screen and lose
    /// unsaved changes), job control (SIGTSTP, SIGCONT), and SIGWINCH: a resize then wakes
    /// the loop through this descriptor and `Terminal.respond(to:)` resizes curses (ncurses'
    /// own SIGWINCH handler, replaced here, could only report it from `readKeys`).
    public static let defaultSignals: [Int32] = [SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGTSTP, SIGCONT, SIGWINCH]

    /// The read end of the pipe: readable when a signal is pending.
    public let descriptor: Int32
    public let signals: [Int32]

    public init(signals: [Int32] = SignalWatcher.defaultSignals) throws {
        let fd = podium_signal_open()
        guard fd >= 0 else {
            throw TerminalError("podium could not watch signals: \(String(cString: strerror(errno)))")
        }
        for signal in signals where podium_signal_watch(signal) != 0 {
            throw TerminalError("podium could not watch signal \(signal): \(String(cString: strerror(errno)))")
        }
        descriptor = fd
        self.signals = signals
    }

    deinit {
        for signal in signals { _ = podium_signal_default(signal) }
    }

    /// The signals received since the last call, oldest first (drains the pipe; never blocks).
    public func pendingSignals() -> [Int32] {
        var result: [Int32] = []
        while true {
            let signal = podium_signal_next()
            if signal == 0 { break }
            result.append(Int32(signal))
        }
        return result
    }

    /// Whether a signal means "restore the terminal and exit".
    public static func isTermination(_ signal: Int32) -> Bool {
        signal == SIGTERM || signal == SIGHUP || signal == SIGINT || signal == SIGQUIT
    }

    /// The conventional exit status after a signal: 128 + its number.
    public static func exitStatus(for signal: Int32) -> Int32 {
        128 + signal
    }

    /// Stops the process now, as the default SIGTSTP action would; returns once continued.
    static func stopProcess() {
        _ = podium_stop_self()
    }
}
