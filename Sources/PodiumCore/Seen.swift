import Foundation
import PodiumText

/// What a person saw when they acted: the parts of the shared state their action relies on.
///
/// Several people act on one file. A console applies its action at once on its own copy, and
/// again under the lock to the freshest copy on disk; between the two, someone else may have
/// changed the same question. The action then takes effect only where what its person saw
/// still holds, and says what it left alone ("not undone: bob dismissed it at 19:42").
public struct Seen: Codable, Equatable, Sendable {
    /// The named questions as they were seen.
    public var questions: [String: SeenQuestion]
    /// The question(s) on stage as seen (for putting another one live).
    public var live: [String]
    /// The message on the speaker's screen as seen (for clearing it): when it was sent.
    public var messageSentAt: Date?
    /// The action undoes an earlier one of this console: what is "seen" is what that action
    /// set, and the undo takes effect only while it still holds.
    public var isUndo: Bool

    public init(questions: [String: SeenQuestion] = [:], live: [String] = [], messageSentAt: Date? = nil, isUndo: Bool = false) {
        self.questions = questions
        self.live = live
        self.messageSentAt = messageSentAt
        self.isUndo = isUndo
    }

    /// What `action` relies on in `state`; nil when it relies on nothing that another person
    /// could change underneath (votes, timer intents that name their session, notes with
    /// their own `basedOn`).
    public static func capture(for action: Action, in state: PodiumState, isUndo: Bool = false) -> Seen? {
        func snapshot(_ ids: [String]) -> [String: SeenQuestion] {
            var result: [String: SeenQuestion] = [:]
            for id in ids { if let question = state.question(id) { result[id] = SeenQuestion(question) } }
            return result
        }
        switch action {
        case .approve(let id), .dismiss(let id, _), .restore(let id), .markAnswered(let id),
             .setStatus(let id, _), .editText(let id, _), .setPinned(let id, _), .setLabels(let id, _),
             .assign(let id, _):
            return Seen(questions: snapshot([id]), isUndo: isUndo)
        case .putLive(let id):
            let live = state.questions.filter { $0.status == .live && $0.mergedInto == nil }.map(\.id)
            return Seen(questions: snapshot([id]), live: live, isUndo: isUndo)
        case .mergeQuestion(let duplicate, let into):
            return Seen(questions: snapshot([duplicate, into]), isUndo: isUndo)
        case .unmergeQuestion(let duplicate):
            return Seen(questions: snapshot([duplicate]), isUndo: isUndo)
        case .clearMessage:
            return Seen(messageSentAt: state.message?.sentAt, isUndo: isUndo)
        case .guarded(let inner, _):
            return capture(for: inner, in: state, isUndo: isUndo)
        case .vote, .moveQuestion, .setEditing, .addQuestion, .startTimer, .pauseTimer,
             .adjustTime, .restartSession, .nextSession, .previousSession, .goToSession,
             .nextSessionAndStart, .endEvent, .sendMessage, .setNotes, .loadEvent, .blockPerson:
            return nil
        }
    }

    /// Why `action` must be left alone in `state`, or nil when what was seen still holds (or
    /// the action would change nothing anyway: someone else already did the same).
    func conflict(for action: Action, in state: PodiumState, context: ActionContext) -> Notice? {
        let verb = isUndo ? Msg.refusedUndo : Self.refusal(for: action)
        func changed(_ id: String, _ field: (SeenQuestion) -> AnyHashable) -> Notice? {
            guard let seen = questions[id], let now = state.question(id) else { return nil }
            guard field(seen) != field(SeenQuestion(now)) else { return nil }
            return Notice(.refusedBecause, Notice(verb), Self.lastChange(of: now, notBy: context.actor))
        }
        switch action {
        case .approve(let id), .dismiss(let id, _), .restore(let id), .markAnswered(let id),
             .setStatus(let id, _), .putLive(let id):
            return changed(id) { [$0.status.rawValue, $0.mergedInto ?? ""] }
        case .editText(let id, _): return changed(id) { $0.text }
        case .setPinned(let id, _): return changed(id) { $0.pinned }
        case .setLabels(let id, _): return changed(id) { $0.labels }
        case .assign(let id, _): return changed(id) { $0.assignee ?? "" }
        case .mergeQuestion(let duplicate, let into):
            return changed(duplicate) { $0.mergedInto ?? "" } ?? changed(into) { $0.status.rawValue }
        case .unmergeQuestion(let duplicate): return changed(duplicate) { $0.mergedInto ?? "" }
        case .clearMessage:
            guard let message = state.message, message.sentAt != messageSentAt else { return nil }
            return Notice(
                .messageKept, Notice(verbatim: Actor.shortName(message.sentBy)), Notice(verbatim: message.text),
                Notice(verbatim: TimeText.timeOfDay(message.sentAt, calendar: .localGregorian)))
        default:
            return nil
        }
    }

    private static func refusal(for action: Action) -> Msg {
        switch action {
        case .approve: return .refusedApprove
        case .dismiss: return .refusedDismiss
        case .restore: return .refusedRestore
        case .markAnswered: return .refusedAnswered
        case .setStatus: return .refusedStatus
        case .putLive: return .refusedLive
        case .editText: return .refusedEdit
        case .setPinned: return .refusedPin
        case .setLabels: return .refusedLabels
        case .assign: return .refusedAssign
        case .mergeQuestion: return .refusedMerge
        case .unmergeQuestion: return .refusedUnmerge
        default: return .refusedOther
        }
    }

    /// "bob dismissed it at 19:42": the latest change to the question made by someone else.
    static func lastChange(of question: Question, notBy actor: String) -> Notice {
        guard let change = question.history.last(where: { $0.by != actor }) ?? question.history.last else {
            return Notice(.changedMeanwhile)
        }
        return Notice(
            .someoneDid, Notice(verbatim: Actor.shortName(change.by)), Self.pastTense(change.what),
            Notice(verbatim: TimeText.timeOfDay(change.at, calendar: .localGregorian)))
    }

    /// A history entry ("dismissed: spam", "approved", "live") as a phrase about the question.
    /// The history keeps English words (it is stored, and shared by every console).
    private static func pastTense(_ what: String) -> Notice {
        switch what {
        case "live": return Notice(.didLive)
        case "approved": return Notice(.didApprove)
        case "answered": return Notice(.didAnswer)
        case "restored": return Notice(.didRestore)
        case "edited": return Notice(.didEdit)
        case "pinned": return Notice(.didPin)
        case "unpinned": return Notice(.didUnpin)
        case "moved": return Notice(.didMove)
        case "asked": return Notice(.didAsk)
        default:
            if what.hasPrefix("dismissed") { return Notice(.didDismiss) }
            if what.hasPrefix("merged into") { return Notice(.didMergeInto) }
            return Notice(.didChange, Notice(verbatim: what))
        }
    }
}

/// The fields of a question that actions rely on, as seen.
public struct SeenQuestion: Codable, Equatable, Sendable {
    public var status: QuestionStatus
    public var mergedInto: String?
    public var text: String
    public var pinned: Bool
    public var labels: [String]
    public var assignee: String?

    public init(_ question: Question) {
        status = question.status
        mergedInto = question.mergedInto
        text = question.text
        pinned = question.pinned
        labels = question.labels
        assignee = question.assignee
    }
}

/// Who acted, as people say it: "bob" for "moderator:bob@laptop".
public enum Actor {
    public static func shortName(_ actor: String) -> String {
        var name = Substring(actor)
        if let colon = name.firstIndex(of: ":") { name = name[name.index(after: colon)...] }
        if let at = name.lastIndex(of: "@") { name = name[..<at] }
        return name.isEmpty ? actor : String(name)
    }
}

extension Calendar {
    /// The Gregorian calendar in this machine's time zone: times of day in what actions say.
    static var localGregorian: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .current
        return calendar
    }
}
