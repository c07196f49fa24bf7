import Foundation
import XCTest

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `kill(2)`, under a name that `TmuxSession.kill()` does not shadow.
private func sendSignal(_ pid: pid_t, _ signal: Int32) -> Int32 {
    kill(pid, signal)
}

/// Why a tmux session could not do what a test asked; the message carries the last screen.
struct TmuxError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}

/// A real terminal for end-to-end tests: a detached tmux session on a private socket
/// (`tmux -L podium-test-<random> -f /dev/null`), with one pane running
/// `<command>; echo EXIT:$?; exec sh`, so a test can read the exit status and then check that
/// the shell is usable. Killed (with its server) in `deinit`.
///
///     try XCTSkipUnless(TmuxSession.isAvailable, "tmux is not installed")
///     let tmux = try TmuxSession(width: 80, height: 24,
///                                command: TmuxSession.shellQuoted(TmuxSession.podiumBinary().path))
///     try tmux.waitFor("Timer")
///     tmux.sendText("q")
///     XCTAssertEqual(try tmux.waitForExit(), 0)
///     try tmux.waitForUsableShell()
final class TmuxSession {
    let socket: String
    let session = "podium"
    let width: Int
    let height: Int
    private var killed = false

    /// Whether tmux is on PATH (tests should `XCTSkip` with a message when it is not).
    static var isAvailable: Bool { tmuxPath != nil }

    private static var tmuxPath: String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/tmux"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Starts `command` (a shell command line) in a new W×H pane.
    /// - environment: set in the pane, over `LANG=C.UTF-8 LC_ALL=C.UTF-8`. A `TERM` here becomes
    ///   tmux's `default-terminal` (tmux sets TERM itself); without one the pane has tmux's
    ///   default (`screen`).
    /// - workingDirectory: the pane's directory (default: the test process's).
    init(
        width: Int = 80, height: Int = 24, command: String,
        environment: [String: String] = [:], workingDirectory: URL? = nil
    ) throws {
        guard Self.isAvailable else { throw TmuxError(message: "tmux is not on PATH") }
        socket = "podium-test-\(UUID().uuidString.prefix(8).lowercased())"
        self.width = width
        self.height = height
        // `swift test` sets NO_COLOR=1 for its children; a pane is a person's terminal, with
        // colours unless a test asks for NO_COLOR (empty means unset).
        // English whatever the developer's PODIUM_LANG or config file say.
        var paneEnvironment = [
            "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "NO_COLOR": "", "PODIUM_LANG": "", "LC_MESSAGES": "",
            "XDG_CONFIG_HOME": "/nonexistent/podium-test-config",
        ]
        paneEnvironment.merge(environment) { _, new in new }
        let term = paneEnvironment.removeValue(forKey: "TERM")
        let directory = workingDirectory?.path ?? FileManager.default.currentDirectoryPath
        var arguments = [
            "start-server", ";",
            "set-option", "-g", "status", "off", ";",
            "set-option", "-g", "remain-on-exit", "on", ";",
            "set-option", "-g", "default-shell", "/bin/sh", ";",
            "set-option", "-g", "history-limit", "2000", ";",
        ]
        if let term { arguments += ["set-option", "-g", "default-terminal", term, ";"] }
        arguments += [
            "new-session", "-d", "-s", session, "-x", "\(width)", "-y", "\(height)", "-c", directory,
        ]
        for (name, value) in paneEnvironment.sorted(by: { $0.key < $1.key }) {
            arguments += ["-e", "\(name)=\(value)"]
        }
        arguments.append("\(command); echo EXIT:$?; exec sh")
        try tmux(arguments)
    }

    deinit {
        kill()
    }

    /// Ends the session and its private server. Safe to call more than once.
    func kill() {
        guard !killed else { return }
        killed = true
        _ = try? tmux(["kill-server"])
    }

    // MARK: Input

    /// Types text literally (`send-keys -l`): letters, Japanese, emoji, spaces.
    func sendText(_ text: String) {
        guard !text.isEmpty else { return }
        // tmux reads an argument ending in ";" as a command separator; "\;" is a literal one.
        let argument = text.hasSuffix(";") ? String(text.dropLast()) + "\\;" : text
        _ = try? tmux(["send-keys", "-t", session, "-l", "--", argument])
    }

    /// Presses keys by tmux name: "Enter", "Escape", "C-c", "Up", "PageDown", "BSpace",
    /// "F1", "Space", "BTab"…
    func sendKey(_ names: String...) {
        _ = try? tmux(["send-keys", "-t", session] + names)
    }

    /// Same as `sendKey`: keys by tmux name.
    func sendKeys(_ names: String...) {
        _ = try? tmux(["send-keys", "-t", session] + names)
    }

    /// Resizes the window (the program gets SIGWINCH).
    func resize(width: Int, height: Int) {
        _ = try? tmux(["resize-window", "-t", session, "-x", "\(width)", "-y", "\(height)"])
    }

    // MARK: Output

    /// The pane's text now, one line per row (tmux trims trailing spaces).
    func capture() -> String {
        (try? tmux(["capture-pane", "-p", "-t", session])) ?? ""
    }

    /// The pane's text with its attributes as SGR escapes (`capture-pane -e`).
    func captureWithEscapes() -> String {
        (try? tmux(["capture-pane", "-p", "-e", "-t", session])) ?? ""
    }

    /// Polls the screen every 50 ms until it contains `text`; returns that screen, or throws
    /// with the last screen in the message.
    @discardableResult
    func waitFor(_ text: String, timeout: TimeInterval = 5) throws -> String {
        try waitUntil(timeout: timeout, "\"\(text)\"") { $0.contains(text) }
    }

    /// Polls the screen every 50 ms until `predicate` holds; returns that screen, or throws with
    /// the last screen in the message.
    ///
    /// A capture can catch tmux half way through a frame (a dialog's title drawn, its lines not
    /// yet: seen once in CI). So a screen counts only when a second capture 30 ms later still
    /// satisfies `predicate`, and that later, complete screen is returned.
    @discardableResult
    func waitUntil(
        timeout: TimeInterval = 5, _ what: String = "the condition",
        _ predicate: (String) -> Bool
    ) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var screen = capture()
        while true {
            if predicate(screen) {
                Thread.sleep(forTimeInterval: 0.03)
                let settled = capture()
                if predicate(settled) { return settled }
                screen = settled
            }
            if Date() >= deadline {
                throw TmuxError(message: "timed out after \(timeout) s waiting for \(what); "
                    + "last screen:\n\(screen)")
            }
            Thread.sleep(forTimeInterval: 0.05)
            screen = capture()
        }
    }

    /// Waits for the command to end and returns its exit status (the `EXIT:n` line).
    func waitForExit(timeout: TimeInterval = 5) throws -> Int32 {
        let screen = try waitUntil(timeout: timeout, "the command to exit (EXIT:n)") {
            Self.exitLine(in: $0) != nil
        }
        return Self.exitLine(in: screen)!
    }

    private static func exitLine(in screen: String) -> Int32? {
        for line in screen.split(separator: "\n").reversed() {
            guard let range = line.range(of: "EXIT:") else { continue }
            let digits = line[range.upperBound...].prefix { $0.isNumber }
            if let status = Int32(digits) { return status }
        }
        return nil
    }

    /// After the command exited: checks that the shell in the pane is usable (the terminal is
    /// back in cooked mode with echo: icanon, echo, isig, icrnl, opost all on) by running
    /// `stty -a` there. Throws with the screen when it is not.
    func waitForUsableShell(timeout: TimeInterval = 5) throws {
        sendText("clear; stty -a | tr ' ;' '\\n\\n' | grep -x -e icanon -e echo -e isig "
            + "-e icrnl -e opost | sort | tr '\\n' ' '; echo :stty")
        sendKey("Enter")
        try waitFor("echo icanon icrnl isig opost :stty", timeout: timeout)
    }

    // MARK: The pane's process

    /// Whether the pane's process (the shell) has exited and tmux has its status
    /// (`remain-on-exit` keeps the pane).
    var paneIsDead: Bool { exitStatus != nil }

    /// The pane process's exit status once it is dead (128 + signal when a signal ended it),
    /// else nil. tmux marks a pane dead when its terminal closes, a moment before it learns the
    /// status; until then this is nil.
    var exitStatus: Int32? {
        guard let text = try? tmux([
            "display-message", "-p", "-t", session,
            "#{pane_dead}:#{pane_dead_status}:#{pane_dead_signal}",
        ]) else { return nil }
        let parts = text.trimmingCharacters(in: .whitespacesAndNewlines)
            .split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "1" else { return nil }
        if let status = Int32(parts[1]) { return status }
        if let signal = Int32(parts[2]) { return 128 + signal }
        return nil
    }

    /// A tmux format read for the pane, e.g. "#{alternate_on}" (1 while the program is on the
    /// alternate screen) or "#{cursor_flag}" (1 when the cursor is shown).
    func paneFormat(_ format: String) -> String {
        ((try? tmux(["display-message", "-p", "-t", session, format])) ?? "")
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The pid of the shell tmux started in the pane.
    var panePID: pid_t? {
        (try? tmux(["display-message", "-p", "-t", session, "#{pane_pid}"]))
            .flatMap { pid_t($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }

    /// The pid of the running command (the pane shell's child), if it is running.
    var commandPID: pid_t? {
        guard let parent = panePID else { return nil }
        return Self.children(of: parent).first
    }

    /// Sends a signal to the running command (e.g. SIGTERM, or SIGHUP as from a closed ssh).
    func signalCommand(_ signal: Int32) throws {
        guard let pid = commandPID else {
            throw TmuxError(message: "no command is running in the pane; screen:\n\(capture())")
        }
        _ = sendSignal(pid, signal)
    }

    private static func children(of parent: pid_t) -> [pid_t] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { entry -> pid_t? in
            guard let pid = pid_t(entry),
                let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                let close = stat.lastIndex(of: ")")
            else { return nil }
            // "pid (comm) state ppid ..."
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            guard fields.count > 1, pid_t(fields[1]) == parent else { return nil }
            return pid
        }.sorted()
    }

    // MARK: Finding the binary

    /// The built `podium` executable, next to the test bundle (`.build/debug/podium`), or
    /// `$PODIUM_BINARY` when set.
    static func podiumBinary() -> URL {
        builtProduct(named: "podium")
    }

    /// A built executable next to the test bundle.
    static func builtProduct(named name: String) -> URL {
        if name == "podium", let path = ProcessInfo.processInfo.environment["PODIUM_BINARY"] {
            return URL(fileURLWithPath: path)
        }
        var directories: [URL] = []
        let bundle = Bundle(for: TmuxSession.self).bundleURL
        directories += [bundle.deletingLastPathComponent(), bundle]
        if let executable = Bundle.main.executableURL {
            directories += [
                executable.deletingLastPathComponent(),
                executable.deletingLastPathComponent().deletingLastPathComponent(),
            ]
        }
        directories.append(
            URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
                .deletingLastPathComponent())
        for directory in directories {
            let candidate = directory.appendingPathComponent(name)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory),
                !isDirectory.boolValue,
                FileManager.default.isExecutableFile(atPath: candidate.path)
            {
                return candidate
            }
        }
        return directories[0].appendingPathComponent(name)
    }

    /// Quotes a word for the pane's shell: `'…'`, with `'` written as `'\''`.
    static func shellQuoted(_ word: String) -> String {
        "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    // MARK: Running tmux

    @discardableResult
    private func tmux(_ arguments: [String]) throws -> String {
        guard let path = Self.tmuxPath else { throw TmuxError(message: "tmux is not on PATH") }
        var environment = ProcessInfo.processInfo.environment
        environment["TMUX"] = nil
        environment["LANG"] = "C.UTF-8"
        environment["LC_ALL"] = "C.UTF-8"
        // Output goes to files, and tmux is started with posix_spawn closing every descriptor
        // above 2, not with Foundation's Process: the server that the first command forks
        // inherits the client's descriptors, and Process learns that its child exited from a
        // socket the child holds, which the long-lived server would keep open forever.
        let base = NSTemporaryDirectory() + "\(socket)-\(UUID().uuidString)"
        let outputPath = base + ".out"
        let errorPath = base + ".err"
        defer {
            unlink(outputPath)
            unlink(errorPath)
        }
        let status = try Self.spawn(
            path, ["-L", socket, "-f", "/dev/null", "-u"] + arguments,
            environment: environment, outputPath: outputPath, errorPath: errorPath)
        let output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        guard status == 0 else {
            let message = (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? ""
            throw TmuxError(message: "tmux \(arguments.first ?? "") failed: \(message)")
        }
        return output
    }

    /// Runs a program to its end with standard output and error in files; returns its status.
    private static func spawn(
        _ path: String, _ arguments: [String], environment: [String: String],
        outputPath: String, errorPath: String
    ) throws -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errorPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        // Every other descriptor this process has open (closefrom does not import into Swift).
        let open = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        for fd in open.compactMap({ Int32($0) }) where fd > 2 {
            posix_spawn_file_actions_addclose(&actions, fd)
        }
        let argv: [UnsafeMutablePointer<CChar>?] = ([path] + arguments).map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] =
            environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid = pid_t()
        let result = posix_spawn(&pid, path, &actions, nil, argv, envp)
        guard result == 0 else {
            throw TmuxError(message: "could not start \(path): \(String(cString: strerror(result)))")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { return -1 }
        }
        // WIFEXITED / WEXITSTATUS
        return status & 0x7F == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    }
}
