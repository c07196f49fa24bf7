import Foundation
import PodiumCore
import PodiumStore
import PodiumText
import PodiumUI

/// What the loop's update step reacts to.
public enum ConsoleEvent: Equatable, Sendable {
    /// A key was read.
    case key(Key)
    /// A frame is about to be drawn at this size (`presence`: what a running `podium serve`
    /// says, read while the audience box is open): the selection and the notes' scroll settle.
    case frameDue(width: Int, height: Int, presence: ServePresence?)
    /// A frame is on screen as of now: time may have crossed a timer threshold, and unsaved
    /// actions may be due (`keysWaiting`: more keys of a burst are already there).
    case frameShown(keysWaiting: Bool)
    /// The file-change source reported a change of the state file.
    case fileChanged
    /// Nothing happened until the timeout: the once-a-second check, for folders whose changes
    /// the watch does not see (NFS, sync tools).
    case quietSecond
    /// The terminal was resized, continued or taken back: the next frame is drawn whole.
    case repaint
    /// A signal ends the program with this exit status (the terminal is already restored).
    case terminate(status: Int32)
    /// The keyboard hung up (a closed terminal or ssh).
    case inputClosed
}

/// What the update step asks the loop to do: all I/O of a console happens here, in the order
/// given, and nothing an update returns is dropped.
public enum ConsoleCommand: Equatable, Sendable {
    /// Write the unsaved actions (`force`: even within a second of a failed write).
    case persist(force: Bool)
    case bell
    /// Hand the terminal to `$EDITOR` with a session's notes, and save what comes back.
    case openEditor(session: String, kind: SessionNotes.Kind)
    /// A line for the status line.
    case notice(String)
    /// Take other processes' changes from the file.
    case reload
    /// Say so when a sync tool left a new conflict copy next to the file.
    case reportNewConflictCopies
    /// Draw the next frame whole.
    case repaint
    /// End if everything is saved; otherwise the first time say what would be lost, the second
    /// time end with the changes kept in a file of their own.
    case quit
    /// End now.
    case exit(ConsoleExit)
}

/// How a console's loop ended.
public enum ConsoleExit: Equatable, Sendable {
    /// `q` with everything saved.
    case quit
    /// The keyboard hung up.
    case inputClosed
    /// `q` twice with changes that could not be saved: where they are kept, how to write them.
    case unsaved(String)
    /// A signal: its exit status, and where unsaved changes were kept, if there were any.
    case signal(status: Int32, unsaved: String?)
}

/// What woke the loop (what `poll()` found ready, in the real console).
public struct Wakeup: Equatable, Sendable {
    /// Keys can be read from the backend.
    public var keys = false
    /// The file-change source has something to read.
    public var files = false
    /// Nothing was ready before the timeout.
    public var timedOut = false
    /// The terminal was resized, continued or taken back.
    public var repaint = false
    /// A signal ends the program with this status.
    public var termination: Int32?

    public init(keys: Bool = false, files: Bool = false, timedOut: Bool = false, repaint: Bool = false, termination: Int32? = nil) {
        self.keys = keys
        self.files = files
        self.timedOut = timedOut
        self.repaint = repaint
        self.termination = termination
    }

    public static let keys = Wakeup(keys: true)
    public static let files = Wakeup(files: true)
    public static let timedOut = Wakeup(timedOut: true)
}

/// Where the loop learns that the state file changed: the store's directory watch, or a fake.
public protocol FileChangeSource: AnyObject {
    /// A descriptor to wait on (-1: none; the loop then relies on its once-a-second check).
    var changeDescriptor: Int32 { get }
    /// Reads what is pending on the descriptor; true when the state file itself changed.
    func drainChanges() -> Bool
}

extension StateStore: FileChangeSource {
    public var changeDescriptor: Int32 { watchDescriptor }
    public func drainChanges() -> Bool { drainWatchEvents() }
}

/// The program that edits notes: its name (for messages) and a way to run it on a file that
/// returns its exit status. The real one runs `$EDITOR` in the terminal; tests write the file.
public struct ConsoleEditor {
    public let name: String
    public let run: (_ file: String) -> Int32

    public init(name: String, run: @escaping (_ file: String) -> Int32) {
        self.name = name
        self.run = run
    }
}

/// The console's event loop, on any terminal backend: draw when the screen changed, ring the
/// bell when a running timer crosses a threshold, persist unsaved actions (after the frame, a
/// burst of keys in one write), take other processes' changes, hand the terminal to the editor,
/// quit. Each event goes through `update`, which returns commands; `execute` carries them out.
///
/// The real console calls `run(wait:)` with a `poll()` on the terminal, the file watch and the
/// signal pipe; tests call `step` with what woke it, and read the frames their backend kept.
public final class ConsoleLoop {
    public let session: ConsoleSession
    public let backend: TerminalBackend
    /// What the loop remembers between keys and frames (handed to update and rendering).
    public let memos = ConsoleMemos()
    private let clock: () -> Date
    private let newID: () -> String
    private let changes: FileChangeSource
    private let editor: ConsoleEditor

    /// Set when a command ended the loop.
    public private(set) var exit: ConsoleExit?
    private var lastScreen: Screen?
    /// The sync-conflict copies already reported on the status line.
    private var knownConflicts: Set<String>

    public init(
        session: ConsoleSession, backend: TerminalBackend, clock: @escaping () -> Date, changes: FileChangeSource,
        editor: ConsoleEditor, bell: Bool, knownConflicts: [String] = [], newID: @escaping () -> String = Question.newID
    ) {
        self.session = session
        self.backend = backend
        self.clock = clock
        self.changes = changes
        self.editor = editor
        self.newID = newID
        self.knownConflicts = Set(knownConflicts)
        // Watch from now on: a change made before the first wait is then seen by it.
        _ = changes.changeDescriptor
        session.state.bellEnabled = bell
        session.state.rememberPhase(now: clock())
    }

    /// Runs until a command ends it. `wait` blocks until something is ready or the given
    /// milliseconds pass, and says what woke it.
    public func run(wait: (_ timeoutMilliseconds: Int32) -> Wakeup) -> ConsoleExit {
        while true {
            let timeout = refresh()
            if let exit = turn(wait(timeout)) { return exit }
        }
    }

    /// One turn as tests drive it: handle what woke the loop, then draw (unless it ended).
    @discardableResult
    public func step(_ wakeup: Wakeup) -> ConsoleExit? {
        if let exit = turn(wakeup) { return exit }
        refresh()
        return nil
    }

    /// Draws the screen if it changed, then does what follows a frame (the bell, a due write).
    /// Returns the milliseconds until the screen may next change by itself.
    @discardableResult
    public func refresh() -> Int32 {
        let now = clock()
        let size = backend.size
        let presence = session.model.overlay == .audience ? ServePresence.read(forState: session.store.path) : nil
        execute(session.state.update(.frameDue(width: size.width, height: size.height, presence: presence), now: now, newID: newID, memos: memos))
        let screen = ConsoleView.render(session.model, memos: memos, now: now, width: size.width, height: size.height)
        if screen != lastScreen {
            backend.draw(screen)
            lastScreen = screen
        }
        // Keys first: while more keys wait (a burst), they are handled and drawn before the
        // write, and the whole burst then goes in one write (no key waits for the disk).
        send(.frameShown(keysWaiting: !session.pending.isEmpty && backend.keysWaiting))
        return session.state.timeout(now: clock())
    }

    /// Handles what woke the loop, in the order the real console always did: a terminating
    /// signal, a repaint, the keys, then the file (or, when nothing woke it, the quiet second).
    public func turn(_ wakeup: Wakeup) -> ConsoleExit? {
        if let status = wakeup.termination { return send(.terminate(status: status)) }
        if wakeup.repaint, let exit = send(.repaint) { return exit }
        if wakeup.keys {
            for key in backend.readKeys() {
                if let exit = send(.key(key)) { return exit }
            }
            if backend.inputClosed, let exit = send(.inputClosed) { return exit }
        }
        if wakeup.files {
            if changes.drainChanges(), let exit = send(.fileChanged) { return exit }
        } else if wakeup.timedOut, let exit = send(.quietSecond) {
            return exit
        }
        return exit
    }

    /// Runs one event through `update` and carries out its commands.
    @discardableResult
    public func send(_ event: ConsoleEvent) -> ConsoleExit? {
        execute(update(event, now: clock()))
        return exit
    }

    /// `ConsoleState.update` on this console's state, with this loop's ids and memos (tests
    /// call it to see what an event asks for).
    public func update(_ event: ConsoleEvent, now: Date) -> [ConsoleCommand] {
        session.state.update(event, now: now, newID: newID, memos: memos)
    }

    /// The reducer's effects as commands (`ConsoleState.commands(for:)`).
    public func commands(for effects: [Effect]) -> [ConsoleCommand] {
        session.state.commands(for: effects)
    }

    // MARK: Carrying out

    /// Carries out commands in order; stops at one that ends the loop.
    public func execute(_ commands: [ConsoleCommand]) {
        for command in commands where exit == nil {
            switch command {
            case .persist(let force):
                session.persist(now: clock(), force: force)
            case .bell:
                backend.bell()
            case .openEditor(let notes, let kind):
                editNotes(session: notes, kind: kind)
                lastScreen = nil
            case .notice(let text):
                session.model.say(text)
            case .reload:
                session.reload(now: clock())
            case .reportNewConflictCopies:
                reportNewConflictCopies()
            case .repaint:
                lastScreen = nil
            case .quit:
                quitIfSaved()
            case .exit(.signal(let status, _)) where !session.pending.isEmpty:
                exit = .signal(status: status, unsaved: session.keepUnsaved())
            case .exit(let how):
                exit = how
            }
        }
    }

    /// Never lose changes silently: with everything saved, `q` quits; otherwise the first `q`
    /// says what would be lost, and a second one quits with them kept in a file of their own.
    private func quitIfSaved() {
        if session.pending.isEmpty {
            exit = .quit
        } else if session.quitArmed {
            exit = .unsaved(session.keepUnsaved())
        } else {
            session.quitArmed = true
            session.model.storeProblem = session.quitWarning + (session.model.storeProblem ?? "")
        }
    }

    /// A sync tool may leave a conflict copy at any time during the event: say so when a new
    /// one appears (the speaker only reads).
    private func reportNewConflictCopies() {
        guard session.role != .speaker, let conflicts = session.store.conflictCopiesIfFolderChanged() else { return }
        let current = Set(conflicts)
        defer { knownConflicts = current }
        if !current.subtracting(knownConflicts).isEmpty {
            session.model.say(Self.conflictBanner(conflicts, path: session.store.path, language: session.model.language))
        }
    }

    /// The status line about sync-conflict copies next to the state file.
    public static func conflictBanner(_ conflicts: [String], path: String, language: Language) -> String {
        language.t(conflicts.count == 1 ? .conflictsFoundOne : .conflictsFound, conflicts.count, path, conflicts.map { Sanitizer.line($0) }.joined(separator: " "))
    }

    /// Hands the terminal to the editor with the notes, and saves what comes back. The editor
    /// starts from the newest text on disk; if someone else saved these notes while it was
    /// open, this save still wins and their text is kept as a previous version (the reducer
    /// does that, `basedOn` tells it), and the status line says so.
    private func editNotes(session notesSession: String, kind: SessionNotes.Kind) {
        guard session.role != .speaker else {
            session.model.say(.readOnly)
            return
        }
        session.reload(now: clock())
        let notes = session.model.shared.notes[notesSession]
        let original = notes?.text(kind) ?? ""
        let directory = FileManager.default.temporaryDirectory
        let safeName = notesSession.filter { $0.isASCII && ($0.isLetter || $0.isNumber) }
        let file = directory.appendingPathComponent("podium-\(kind.rawValue)-notes-\(getpid())-\(safeName).md")
        do {
            try Data(original.utf8).write(to: file, options: .atomic)
        } catch {
            session.model.sayError(.editorTempFailed, error.localizedDescription)
            return
        }
        defer { try? FileManager.default.removeItem(at: file) }
        backend.suspend()
        let status = editor.run(file.path)
        backend.resume()
        guard status == 0 else {
            session.model.sayError(.editorFailed, editor.name, status)
            return
        }
        guard let data = FileManager.default.contents(atPath: file.path) else {
            session.model.sayError(.editorReadBack, file.path)
            return
        }
        let edited = Sanitizer.decode([UInt8](data))
        // An editor adding the final newline is not a change.
        guard NotesMarkdown.normalized(edited) != NotesMarkdown.normalized(original) else {
            session.model.say(.notesUnchanged)
            return
        }
        // Take what others saved while the editor was open, so the save lands on it.
        session.reload(now: clock())
        let current = session.model.shared.notes[notesSession]
        let effects = session.apply([.setNotes(session: notesSession, kind: kind, text: edited, basedOn: notes?.updatedAt)], now: clock())
        execute(commands(for: effects))
        if let current, current.text(kind) != original {
            session.model.say(.notesSavedConcurrent, current.updatedBy, notesSession)
        } else {
            session.model.say(.notesSaved)
        }
    }
}
