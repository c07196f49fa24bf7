import Foundation
import PodiumText

/// An intent to change the shared state. Intents, not snapshots: a process persists its
/// actions by applying them to the freshest copy of the file, so two people acting in the same
/// second both count. Everything that varies (ids, times of asking) travels in the action, so
/// that applying it again to another copy gives the same result.
public indirect enum Action: Codable, Equatable, Sendable {
    // Timer and rundown. Timer actions name the session they are meant for: an intent made
    // for a session that is no longer current is applied to that session's record, or ignored
    // where that would be wrong (two hosts pressing "next" at once move on only once).
    case startTimer(session: String)
    case pauseTimer(session: String)
    case adjustTime(session: String, seconds: Int)
    case restartSession(session: String)
    case nextSession(from: String)
    /// Next session and start its timer at once (back-to-back talks).
    case nextSessionAndStart(from: String)
    case previousSession(from: String)
    case goToSession(String)
    /// `n` on the last session: the event is over; its end is recorded.
    case endEvent(from: String)

    // Questions.
    case addQuestion(Question)
    case approve(id: String)
    case dismiss(id: String, reason: String?)
    case restore(id: String)
    case putLive(id: String)
    case markAnswered(id: String)
    case vote(id: String, voter: String, delta: Int)
    case setPinned(id: String, pinned: Bool)
    case editText(id: String, text: String)
    case mergeQuestion(duplicate: String, into: String)
    case unmergeQuestion(duplicate: String)
    case moveQuestion(id: String, position: Double)
    case setLabels(id: String, labels: [String])
    case assign(id: String, to: String?)
    case setEditing(id: String, by: String?)
    /// Puts a question's triage state back as it was (undo).
    case setStatus(id: String, status: QuestionStatus)
    /// Blocks a person of the audience page (`podium serve`) by their id: their questions not
    /// yet asked are dismissed, and servers refuse their new ones.
    case blockPerson(String)

    // Messages to the speaker.
    case sendMessage(SpeakerMessage)
    case clearMessage

    // Notes. `basedOn` is the `updatedAt` of the text the editor started from: if the notes
    // changed since, the text being replaced is kept as a previous version.
    case setNotes(session: String, kind: SessionNotes.Kind, text: String, basedOn: Date?)

    // The event itself (the host's first run with --event).
    case loadEvent(Event)

    /// An action with what its person saw: applied only where that still holds (`Seen`).
    case guarded(Action, seen: Seen)

    /// The action without what its person saw.
    public var unguarded: Action {
        if case .guarded(let inner, _) = self { return inner.unguarded }
        return self
    }

    /// The action with what its person saw in `state` (unchanged when already guarded, or
    /// when it relies on nothing another person could change underneath).
    public func guarded(by state: PodiumState) -> Action {
        if case .guarded = self { return self }
        guard let seen = Seen.capture(for: self, in: state) else { return self }
        return .guarded(self, seen: seen)
    }
}

/// Who acts, and when: the context every action is applied in.
public struct ActionContext: Codable, Equatable, Sendable {
    public var now: Date
    /// "role@host", recorded in question histories and messages.
    public var actor: String

    public init(now: Date, actor: String) {
        self.now = now
        self.actor = actor
    }
}

/// What the loop must do after an action, besides saving: the reducer does no I/O itself.
public enum Effect: Equatable, Sendable {
    case bell
    /// A short note for the status line.
    case notice(Notice)
    /// The action was left alone (or cut short) because the state is no longer what its
    /// person saw: says what and why ("not undone: bob dismissed it at 19:42").
    case leftAlone(Notice)

    /// The text to show on the status line, in English.
    public var message: String? { message(.en) }

    /// The text to show on the status line, in the console's language.
    public func message(_ language: Language) -> String? {
        switch self {
        case .bell: return nil
        case .notice(let notice), .leftAlone(let notice): return notice.text(language)
        }
    }
}

/// A message of the catalog with its arguments, said in a language only when it is shown: the
/// reducer is pure and does not know who will read it. Arguments may be notices themselves
/// ("not approved: bob dismissed it at 19:42"); text from a string literal is shown as it is.
/// Two notices are equal when they say the same in English.
public struct Notice: Hashable, Sendable, ExpressibleByStringInterpolation, CustomStringConvertible {
    public let key: Msg?
    public let arguments: [Notice]
    private let verbatim: String

    public init(stringLiteral value: String) {
        key = nil
        arguments = []
        verbatim = value
    }

    /// Text shown as it is in every language (a title, a name, a time).
    public init(verbatim value: String) {
        self.init(stringLiteral: value)
    }

    public init(_ key: Msg, _ arguments: Notice...) {
        self.key = key
        self.arguments = arguments
        verbatim = ""
    }

    public func text(_ language: Language) -> String {
        guard let key else { return verbatim }
        return key.text(language, arguments.map { $0.text(language) })
    }

    public var description: String { text(.en) }

    public static func == (lhs: Notice, rhs: Notice) -> Bool { lhs.description == rhs.description }

    public func hash(into hasher: inout Hasher) { hasher.combine(description) }
}
