import Foundation
import PodiumConsole
import PodiumCore
import PodiumStore
import PodiumTerminal
import PodiumText
import PodiumUI

/// A console in the real terminal: loads the state, opens the terminal, and runs the
/// `ConsoleLoop` on it, waiting with poll() on the keyboard, the state file's directory watch
/// and the signal pipe. The loop and its policy live in PodiumConsole, where tests run them.
final class ConsoleRunner {
    let store: StateStore
    let role: Role
    let eventToLoad: Event?
    let ascii: Bool
    let bellEnabled: Bool
    let bigSeconds: Bool
    let actor: String

    init(store: StateStore, role: Role, event: Event?, ascii: Bool, bell: Bool, bigSeconds: Bool = false, name: String? = nil) {
        self.store = store
        self.role = role
        self.eventToLoad = event
        self.ascii = ascii
        self.bellEnabled = bell
        self.bigSeconds = bigSeconds
        self.actor = actorName(role, name: name)
    }

    func run() throws {
        // Everything that can fail on input is checked before the terminal is taken.
        let state = try prepareState()
        let terminal: Terminal
        do {
            terminal = try Terminal.open(ascii: ascii, language: processLanguage)
        } catch let error as TerminalError {
            throw CommandFailure(message: error.message, status: ExitStatus.noTerminal)
        }
        defer { terminal.close() }
        let signals = try SignalWatcher()

        let session = ConsoleSession(store: store, role: role, actor: actor, state: state, language: processLanguage)
        session.model.ascii = ascii || terminal.asciiLines
        session.model.bigSeconds = bigSeconds
        session.checkClocks(state, now: Date())
        var banners: [String] = []
        if let warning = terminal.localeWarning { banners.append(warning) }
        let conflicts = store.conflictCopies()
        if !conflicts.isEmpty, role != .speaker {
            banners.append(ConsoleLoop.conflictBanner(conflicts, path: store.path, language: processLanguage))
        }
        let unsaved = UnsavedChanges.files(nextTo: store.path)
        if !unsaved.isEmpty, role != .speaker {
            banners.append(processLanguage.t(unsaved.count == 1 ? .unsavedFoundOne : .unsavedFound, unsaved.count, unsaved.map { Sanitizer.line($0) }.joined(separator: " ")))
        }
        if !banners.isEmpty { session.model.say(banners.joined(separator: " · ")) }

        let editorName = Self.editorCommand()
        let editor = ConsoleEditor(name: editorName) { file in
            let status = Self.runInShell("\(editorName) \"$1\"", argument: file)
            // Ctrl-C / Ctrl-Z typed in the editor reached podium too (same process group): they
            // were the editor's. Others (SIGTERM, SIGHUP, SIGWINCH) go back to the loop.
            for signal in signals.pendingSignals() where ![SIGINT, SIGQUIT, SIGTSTP, SIGCONT].contains(signal) {
                raise(signal)
            }
            return status
        }
        let loop = ConsoleLoop(
            session: session, backend: terminal, clock: { Date() }, changes: store, editor: editor,
            bell: bellEnabled, knownConflicts: conflicts)
        let end = loop.run { timeout in
            let descriptors = [terminal.inputDescriptor, store.watchDescriptor, signals.descriptor].filter { $0 >= 0 }
            let ready = Poller.wait(descriptors, timeoutMilliseconds: timeout)
            var wakeup = Wakeup(
                keys: ready.contains(terminal.inputDescriptor),
                files: store.watchDescriptor >= 0 && ready.contains(store.watchDescriptor),
                timedOut: ready.isEmpty)
            if ready.contains(signals.descriptor) {
                for signal in signals.pendingSignals() {
                    if let status = terminal.respond(to: signal) {
                        wakeup.termination = status
                        break
                    }
                }
                wakeup.repaint = true
            }
            return wakeup
        }
        switch end {
        case .quit, .inputClosed:
            return
        case .unsaved(let message):
            throw CommandFailure(message: message, status: ExitStatus.storeFailure)
        case .signal(let status, let unsaved):
            if let unsaved { printError(unsaved) }
            exit(status)
        }
    }

    /// Loads the state file (unless the command already did: `store.state`); the host's run
    /// with an event creates it or updates its event.
    private func prepareState() throws -> PodiumState {
        let existing = try store.state ?? store.load()
        let now = Date()
        let context = ActionContext(now: now, actor: actor)
        if let event = eventToLoad, role == .host {
            if existing == nil {
                return try store.commit([.loadEvent(event)], context: context, create: PodiumState(event: event, now: now))
            }
            if existing?.event != event {
                return try store.commit([.loadEvent(event)], context: context)
            }
        }
        guard let existing else {
            throw CommandFailure(message: processLanguage.t(.noStateFileYet, store.path), status: ExitStatus.badInput)
        }
        return existing
    }

    static func editorCommand() -> String {
        let environment = ProcessInfo.processInfo.environment
        for name in ["VISUAL", "EDITOR"] {
            if let value = environment[name], !value.trimmingCharacters(in: .whitespaces).isEmpty { return value }
        }
        for candidate in ["sensible-editor", "editor", "nano", "vim", "vi"] {
            for directory in (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
                if FileManager.default.isExecutableFile(atPath: "\(directory)/\(candidate)") { return candidate }
            }
        }
        return "vi"
    }

    /// Runs `sh -c command` with the terminal's standard streams, and waits. The editor runs
    /// in this process's group (the terminal's foreground group, so it may read the terminal:
    /// Foundation's `Process` would start it in a group of its own, where an editor reading the
    /// keyboard gets EIO or is stopped), with default signal dispositions and no inherited
    /// descriptors beyond 0, 1, 2. If the editor is stopped (Ctrl-Z), podium stops too, so the
    /// shell gets the terminal back; after `fg` both continue.
    static func runInShell(_ command: String, argument: String) -> Int32 {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGQUIT, SIGTSTP, SIGTTIN, SIGTTOU, SIGCONT, SIGWINCH, SIGTERM, SIGHUP, SIGPIPE, SIGCHLD] {
            sigaddset(&defaults, signal)
        }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigmask(&attributes, &mask)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // The state file's watch, the signal pipe, a lock: none of the editor's business.
        let open = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        for fd in open.compactMap({ Int32($0) }) where fd > 2 {
            posix_spawn_file_actions_addclose(&actions, fd)
        }

        let argv: [UnsafeMutablePointer<CChar>?] =
            ["/bin/sh", "-c", command, "podium-editor", argument].map { (word: String) in strdup(word) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] =
            ProcessInfo.processInfo.environment.map { (name: String, value: String) in strdup("\(name)=\(value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid = pid_t()
        guard posix_spawn(&pid, "/bin/sh", &actions, &attributes, argv, envp) == 0 else { return 127 }
        var status: Int32 = 0
        while true {
            if waitpid(pid, &status, WUNTRACED) < 0 {
                if errno == EINTR { continue }
                return 127
            }
            if status & 0xFF == 0x7F {
                // WIFSTOPPED: stopped with the editor, continued with it.
                kill(getpid(), SIGSTOP)
                kill(pid, SIGCONT)
                continue
            }
            // WIFEXITED ? WEXITSTATUS : 128 + WTERMSIG
            return status & 0x7F == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        }
    }
}
