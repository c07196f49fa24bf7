import Foundation
import PodiumCore
import PodiumStore
import PodiumTerminal
import PodiumText
import PodiumUI

/// The single-threaded event loop of a console. It waits with poll() on the keyboard, the
/// state file's directory watch and the signal pipe, with a timeout up to the next whole second
/// of a running timer; it draws only when the screen changed. A key's action is applied to
/// memory and drawn first, then persisted under the store's lock.
final class ConsoleRunner {
    let store: StateStore
    let role: Role
    let eventToLoad: Event?
    let ascii: Bool
    let bellEnabled: Bool
    let bigSeconds: Bool
    let actor: String

    private var lastPhase: TimerPhase?
    private var lastPhaseSession: String?
    /// The sync-conflict copies already reported on the status line.
    private var knownConflicts: Set<String> = []

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

        let session = ConsoleSession(store: store, role: role, actor: actor, state: state)
        session.model.ascii = ascii || terminal.asciiLines
        session.model.bigSeconds = bigSeconds
        session.checkClocks(state, now: Date())
        var banners: [String] = []
        if let warning = terminal.localeWarning { banners.append(warning) }
        let conflicts = store.conflictCopies()
        knownConflicts = Set(conflicts)
        if !conflicts.isEmpty, role != .speaker {
            banners.append(conflictBanner(conflicts))
        }
        let unsaved = UnsavedChanges.files(nextTo: store.path)
        if !unsaved.isEmpty, role != .speaker {
            banners.append(processLanguage.t(unsaved.count == 1 ? .unsavedFoundOne : .unsavedFound, unsaved.count, unsaved.map { Sanitizer.line($0) }.joined(separator: " ")))
        }
        if !banners.isEmpty { session.model.say(banners.joined(separator: " · ")) }
        lastPhase = state.reading(at: Date()).phase
        lastPhaseSession = state.currentSessionID

        var lastScreen: Screen?
        while true {
            let now = Date()
            session.model.keepSelectionValid()
            let size = terminal.size
            if session.model.overlay == .audience { session.model.presence = ServePresence.read(forState: store.path) }
            session.model.width = size.width
            session.model.height = size.height
            session.model.followNotesCue(now: now)
            let screen = ConsoleView.render(session.model, now: now, width: size.width, height: size.height)
            if screen != lastScreen {
                terminal.draw(screen)
                lastScreen = screen
            }
            ringBellIfThresholdCrossed(session.model.shared, now: now, terminal: terminal)
            // Keys first: while more keys wait (a burst), they are handled and drawn before the
            // write, and the whole burst then goes in one write (no key waits for the disk).
            if !session.pending.isEmpty, !keysWaiting(session, terminal) { session.persist(now: Date()) }

            let descriptors = [terminal.inputDescriptor, store.watchDescriptor, signals.descriptor].filter { $0 >= 0 }
            let ready = Poller.wait(descriptors, timeoutMilliseconds: timeout(session, now: Date()))

            if ready.contains(signals.descriptor) {
                for signal in signals.pendingSignals() {
                    if let status = terminal.respond(to: signal) {
                        // A question being edited here must not stay marked on other consoles.
                        if case .editQuestion(let id) = session.model.input { session.apply([.setEditing(id: id, by: nil)], now: Date()) }
                        session.persist(now: Date(), force: true)
                        if !session.pending.isEmpty { printError(session.keepUnsaved()) }
                        exit(status)
                    }
                }
                lastScreen = nil
            }
            if ready.contains(terminal.inputDescriptor) {
                for key in terminal.readKeys() {
                    if key == .resize { lastScreen = nil }
                    let output = session.handle(key, now: Date())
                    if output.quit {
                        session.persist(now: Date(), force: true)
                        if session.pending.isEmpty { return }
                        // Never lose changes silently: the first q says so, a second q quits
                        // without them (exit status 3).
                        if session.quitArmed {
                            throw CommandFailure(message: session.keepUnsaved(), status: ExitStatus.storeFailure)
                        }
                        session.quitArmed = true
                        session.model.storeProblem = session.quitWarning + (session.model.storeProblem ?? "")
                        continue
                    }
                    if let edit = output.editNotes {
                        editNotes(session: edit.session, kind: edit.kind, console: session, terminal: terminal, signals: signals)
                        lastScreen = nil
                    }
                }
                if terminal.inputClosed { return }
            }
            if store.watchDescriptor >= 0, ready.contains(store.watchDescriptor) {
                if store.drainWatchEvents() { session.reload(now: Date()) }
            } else if ready.isEmpty {
                // The once-a-second fallback for folders that inotify does not see (NFS, sync).
                session.reload(now: Date())
                reportNewConflictCopies(session)
            }
        }
    }

    private func conflictBanner(_ conflicts: [String]) -> String {
        processLanguage.t(conflicts.count == 1 ? .conflictsFoundOne : .conflictsFound, conflicts.count, store.path, conflicts.map { Sanitizer.line($0) }.joined(separator: " "))
    }

    /// A sync tool may leave a conflict copy at any time during the event: say so when a new
    /// one appears (checked with the once-a-second fallback; the speaker only reads).
    private func reportNewConflictCopies(_ session: ConsoleSession) {
        guard role != .speaker, let conflicts = store.conflictCopiesIfFolderChanged() else { return }
        let current = Set(conflicts)
        defer { knownConflicts = current }
        if !current.subtracting(knownConflicts).isEmpty { session.model.say(conflictBanner(conflicts)) }
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

    /// Whether keys are waiting to be read, while the oldest unsaved action is younger than a
    /// quarter of a second (a key held down must not keep a change off the disk for long).
    private func keysWaiting(_ session: ConsoleSession, _ terminal: Terminal) -> Bool {
        guard let oldest = session.pending.first?.context.now, Date().timeIntervalSince(oldest) < 0.25 else {
            return false
        }
        return Poller.wait([terminal.inputDescriptor], timeoutMilliseconds: 0).contains(terminal.inputDescriptor)
    }

    /// Milliseconds until the screen may next change by itself.
    private func timeout(_ session: ConsoleSession, now: Date) -> Int32 {
        if !session.pending.isEmpty { return 1000 }
        let timer = session.model.shared.currentTimer
        guard timer.status == .running else { return 1000 }
        let elapsed = timer.elapsed(at: now)
        let untilNextSecond = 1 - (elapsed - elapsed.rounded(.down))
        return Int32(max(1, min(1000, (untilNextSecond * 1000).rounded(.up) + 2)))
    }

    static func urgency(_ phase: TimerPhase) -> Int {
        switch phase {
        case .idle, .normal: return 0
        case .warning: return 1
        case .danger: return 2
        case .overtime: return 3
        }
    }

    private func ringBellIfThresholdCrossed(_ state: PodiumState, now: Date, terminal: Terminal) {
        let phase = state.reading(at: now).phase
        defer {
            lastPhase = phase
            lastPhaseSession = state.currentSessionID
        }
        guard bellEnabled, role == .host, lastPhaseSession == state.currentSessionID,
              let lastPhase, Self.urgency(phase) > Self.urgency(lastPhase)
        else { return }
        // Only moving towards zero rings: adding a minute (danger back to warning) is silent.
        if phase == .warning || phase == .danger || phase == .overtime { terminal.bell() }
    }

    /// Hands the terminal to $VISUAL / $EDITOR with the notes, and saves what comes back.
    /// The editor starts from the newest text on disk; if someone else saved these notes while
    /// it was open, this save still wins and their text is kept as a previous version (the
    /// reducer does that, `basedOn` tells it), and the status line says so.
    private func editNotes(session: String, kind: SessionNotes.Kind, console: ConsoleSession, terminal: Terminal, signals: SignalWatcher) {
        guard role != .speaker else {
            console.model.say(.readOnly)
            return
        }
        console.reload(now: Date())
        var model: ConsoleModel {
            get { console.model }
            set { console.model = newValue }
        }
        let notes = model.shared.notes[session]
        let original = notes?.text(kind) ?? ""
        let directory = FileManager.default.temporaryDirectory
        let file = directory.appendingPathComponent("podium-\(kind.rawValue)-notes-\(getpid())-\(session.filter { $0.isASCII && ($0.isLetter || $0.isNumber) }).md")
        do {
            try Data(original.utf8).write(to: file, options: .atomic)
        } catch {
            model.sayError(.editorTempFailed, error.localizedDescription)
            return
        }
        defer { try? FileManager.default.removeItem(at: file) }
        let editor = Self.editorCommand()
        terminal.suspend()
        let status = Self.runInShell("\(editor) \"$1\"", argument: file.path)
        terminal.resume()
        // Ctrl-C / Ctrl-Z typed in the editor reached podium too (same process group): they
        // were the editor's. Others (SIGTERM, SIGHUP, SIGWINCH) go back to the loop.
        for signal in signals.pendingSignals() where ![SIGINT, SIGQUIT, SIGTSTP, SIGCONT].contains(signal) {
            raise(signal)
        }
        guard status == 0 else {
            model.sayError(.editorFailed, editor, status)
            return
        }
        guard let data = FileManager.default.contents(atPath: file.path) else {
            model.sayError(.editorReadBack, file.path)
            return
        }
        let edited = Sanitizer.decode([UInt8](data))
        // An editor adding the final newline is not a change.
        guard NotesMarkdown.normalized(edited) != NotesMarkdown.normalized(original) else {
            model.say(.notesUnchanged)
            return
        }
        // Take what others saved while the editor was open, so the save lands on it.
        console.reload(now: Date())
        let current = model.shared.notes[session]
        console.apply([.setNotes(session: session, kind: kind, text: edited, basedOn: notes?.updatedAt)], now: Date())
        if let current, current.text(kind) != original {
            model.say(.notesSavedConcurrent, current.updatedBy, session)
        } else {
            model.say(.notesSaved)
        }
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
