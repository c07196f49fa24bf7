import Foundation
import PodiumCore
import PodiumText

/// The panes a console can focus.
public enum Pane: String, Sendable {
    case queue, notes
}

/// What the bottom input line is asking for.
public enum InputPurpose: Equatable, Sendable {
    case addQuestion
    /// The asker's name for the question being typed (`draft`), from Ctrl-O in the ask line.
    case askAuthor(draft: String)
    case editQuestion(id: String)
    case dismissReason(id: String)
    case message
    /// A message that stays across sessions until cleared.
    case eventMessage
    case adjustTime
    case search
    case label(id: String)
    case assign(id: String)
}

/// A box shown over the panes.
public enum Overlay: Equatable, Sendable {
    case help
    case rundown
    case messagePalette
    case confirmRestart(session: String)
    /// `n` on the last session: end the event?
    case confirmEndEvent(session: String)
    /// One question in full (text, original, aliases, history), scrolled by `scroll` lines.
    case question(id: String, scroll: Int)
    /// The earlier texts of the notes shown (`shownNoteVersions`), one of them selected.
    case noteVersions(selected: Int)
    /// `Q`: the audience page's URL and QR code, the stage screens (`podium serve`).
    case audience
}

/// Everything that belongs to one console and is not shared: selection, focus, overlays, the
/// input line. The shared state lives in `shared`; the console changes it only through actions.
public struct ConsoleModel: Sendable {
    public var role: Role
    /// "role@host", recorded with every change.
    public var actor: String
    public var shared: PodiumState
    public var focus: Pane
    public var selectedQuestionID: String?
    public var queueScroll: Int = 0
    public var notesScroll: Int = 0
    /// The first key line shown by the help overlay when the keys do not fit the terminal.
    public var helpScroll: Int = 0
    /// True while the user scrolled the notes by hand: then the current cue is not followed.
    public var notesScrolledByHand = false
    public var showHostNotes = false
    public var showNextSessionNotes = false
    public var overlay: Overlay?
    /// What a running `podium serve` said last (read by the loop while the audience box is open).
    public var presence: ServePresence?
    public var input: InputPurpose?
    public var editor = LineEditor("", maximumLength: Question.maximumLength)
    /// Characters refused since the input line was last edited because the line was full (a
    /// paste longer than a question may be): Enter then sends nothing, so no text is cut.
    public var inputRefused = 0
    /// A line for the status bar: the result of the last key, or an error.
    public var notice: String?
    public var noticeIsError = false
    /// A persistent problem with the state file (shown until it clears).
    public var storeProblem: String?
    /// Another machine's clock differs from this one's (`ClockSkew`): shown until it is fixed.
    public var clockWarning: String?
    /// Where the questions typed with `a` come from (Tab in the ask line changes it) and who
    /// asked them (Ctrl-O): kept for the next question, as a moderator often types several
    /// from the same chat.
    public var askSource: QuestionSource = .venue
    public var askAuthor = ""
    /// The question marked as a duplicate, waiting for the original to be chosen.
    public var mergeSourceID: String?
    public var query = QueueQuery()
    /// This console's last changes and how to undo them, for `z`.
    public var undoStack = UndoStack()
    /// Time zone in which the time of day is shown (tests pin it).
    public var timeZone: TimeZone = .current
    /// Draw borders and bars in ASCII.
    public var ascii = false
    /// The language of what this console says (its person's, not shared with other consoles).
    public var language: Language = .en
    /// Big digits of the timer pane with seconds ("3:25"), not whole minutes ("3m").
    public var bigSeconds = false
    /// The terminal size, set by the loop before each frame (the model owns the window size,
    /// so keys such as PgDn know how far the notes can scroll).
    public var width = 80
    public var height = 24

    public init(role: Role, actor: String, shared: PodiumState) {
        self.role = role
        self.actor = actor
        self.shared = shared
        self.focus = .queue
    }

    /// Whether this console may change the timer and the rundown.
    public var controlsTimer: Bool { role == .host }
    /// Whether this console may change questions, messages and notes.
    public var controlsQueue: Bool { role == .host || role == .moderator }

    /// The questions in the order and filter this console shows, worked out afresh.
    public var visibleQuestions: [Question] {
        query.apply(to: shared)
    }

    /// The same list, remembered in the loop's memos while the questions stay the same.
    public func visibleQuestions(_ memos: ConsoleMemos) -> [Question] {
        memos.queue.visible(shared, query)
    }

    /// `shared.countsByStatus(session:)`, remembered while the questions stay the same.
    func statusCounts(session: String?, _ memos: ConsoleMemos) -> [QuestionStatus: Int] {
        memos.queue.counts(shared, session: session)
    }

    /// `QueueQuery.openInOtherSessions(shared)`, remembered while the questions stay the same.
    func openQuestionsInOtherSessions(_ memos: ConsoleMemos) -> Int {
        memos.queue.openInOtherSessions(shared)
    }

    /// The notes shown now: the session (current or next) and the kind (speaker or host).
    public var shownNotes: (session: String, kind: SessionNotes.Kind) {
        let session = showNextSessionNotes ? (shared.nextSession?.id ?? shared.currentSessionID) : shared.currentSessionID
        return (session, showHostNotes ? .host : .speaker)
    }

    /// Earlier texts of the notes shown, newest first (the kind shown: speaker or host notes).
    public var shownNoteVersions: [SessionNotes.Version] {
        let shown = shownNotes
        let versions = shared.notes[shown.session]?.previousVersions ?? []
        return versions.filter { ($0.kind ?? .speaker) == shown.kind }.reversed()
    }

    /// The notes shown, laid out as the view draws them (the pane's width, the pacing cues'
    /// states at `now`) through the loop's memo, so that a key or a frame after the last frame
    /// reuses its layout instead of laying out the whole notes again; and how many rows show.
    /// Nil when the pane has no room.
    func shownNotesLayout(now: Date, memos: ConsoleMemos) -> (renderer: MarkdownRenderer, visible: Int)? {
        let rect = ConsoleLayout(role: role, width: width, height: height).notes
        guard rect.height >= 3, rect.width >= 2 else { return nil }
        let (sessionID, kind) = shownNotes
        let timer = shared.currentTimer
        let elapsed = sessionID == shared.currentSessionID && timer.status != .idle ? Int(timer.elapsed(at: now)) : nil
        let text = shared.notes[sessionID]?.text(kind) ?? ""
        return (memos.notes.renderer(markdown: text, width: max(1, rect.width - 2), elapsedSeconds: elapsed), rect.height - 2)
    }

    /// How far the notes pane can scroll at the current size.
    public func maximumNotesScroll(now: Date, memos: ConsoleMemos = ConsoleMemos()) -> Int {
        guard let layout = shownNotesLayout(now: now, memos: memos) else { return 0 }
        return max(0, layout.renderer.lines.count - layout.visible)
    }

    /// Where the notes are scrolled is the model's alone (the view draws `notesScroll`): while
    /// the user has not scrolled them by hand and the current pacing cue's rows are out of
    /// view, they scroll to show it, with a row of context above when there is room. The loop
    /// calls it before each frame (the cue moves on with time), so that a key such as PgDn
    /// goes on from the row shown.
    public mutating func followNotesCue(now: Date, memos: ConsoleMemos = ConsoleMemos()) {
        guard !notesScrolledByHand, role != .speaker else { return }
        guard shownNotes.session == shared.currentSessionID, shared.currentTimer.status != .idle,
              let (renderer, visible) = shownNotesLayout(now: now, memos: memos), visible > 0,
              let rows = renderer.currentCueRows
        else { return }
        let maxScroll = max(0, renderer.lines.count - visible)
        let offset = min(max(0, notesScroll), maxScroll)
        if rows.lowerBound < offset || rows.lowerBound >= offset + visible {
            let context = visible >= 4 ? 1 : 0
            notesScroll = min(max(0, rows.lowerBound - context), maxScroll)
        }
    }

    /// The message palette: the event's cues, or the default ones in this console's language.
    public var cues: [String] {
        shared.event.cues == Event.defaultCues ? Event.defaultCues(language) : shared.event.cues
    }

    public var selectedQuestion: Question? {
        selectedQuestionID.flatMap { shared.question($0) }
    }
}

/// What the loop must do after a key.
public struct ConsoleOutput: Equatable, Sendable {
    /// Intents to apply to the shared state and persist.
    public var actions: [Action] = []
    public var quit = false
    /// Open the notes of a session in $EDITOR.
    public var editNotes: (session: String, kind: SessionNotes.Kind)?
    public var bell = false

    public init() {}

    public static func == (lhs: ConsoleOutput, rhs: ConsoleOutput) -> Bool {
        lhs.actions == rhs.actions && lhs.quit == rhs.quit && lhs.bell == rhs.bell
            && lhs.editNotes?.session == rhs.editNotes?.session
            && lhs.editNotes?.kind == rhs.editNotes?.kind
    }
}
