import Foundation

/// Undo for the question actions of one console (`z`).
///
/// An action is undone by other actions, applied like any intent to the freshest state, so that
/// an undo made by one moderator never wipes out what another did in the meantime.
public enum Undo {
    /// The actions that undo `action` as applied to `state` (the state just before it), in the
    /// order to apply them. Empty when there is nothing to undo: the action would not change
    /// anything, or it is not undoable (adding a question, timer, notes, messages, editing marks).
    public static func inverse(of action: Action, before state: PodiumState) -> [Action] {
        switch action {
        case .approve(let id), .markAnswered(let id), .restore(let id), .setStatus(let id, _):
            guard let question = state.question(id) else { return [] }
            return changesStatus(action, question) ? statusBack(question) : []

        case .dismiss(let id, let reason):
            guard let question = state.question(id), question.mergedInto == nil else { return [] }
            if question.status == .dismissed {
                let reason = reason.flatMap { $0.isEmpty ? nil : $0 }
                return reason == question.dismissReason
                    ? [] : [.dismiss(id: id, reason: question.dismissReason)]
            }
            return statusBack(question)

        case .putLive(let id):
            guard let question = state.question(id), question.mergedInto == nil,
                  question.status != .live
            else { return [] }
            // First take this one off the stage, then put the previous one back on it.
            var actions = statusBack(question)
            for other in state.questions where other.status == .live && other.id != id {
                actions += statusBack(other)
            }
            return actions

        case .vote(let id, let voter, let delta):
            guard let question = state.question(id) else { return [] }
            let previous = question.votes[voter] ?? 0
            guard previous != delta else { return [] }
            return [.vote(id: id, voter: voter, delta: previous)]

        case .setPinned(let id, let pinned):
            guard let question = state.question(id), question.pinned != pinned else { return [] }
            return [.setPinned(id: id, pinned: question.pinned)]

        case .editText(let id, let text):
            guard let question = state.question(id), question.text != text,
                  !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
            else { return [] }
            return [.editText(id: id, text: question.text)]

        case .mergeQuestion(let duplicate, _):
            guard let question = state.question(duplicate), question.mergedInto == nil else {
                return []
            }
            return [.unmergeQuestion(duplicate: duplicate)]

        case .unmergeQuestion(let duplicate):
            guard let target = state.question(duplicate)?.mergedInto else { return [] }
            return [.mergeQuestion(duplicate: duplicate, into: target)]

        case .moveQuestion(let id, let position):
            guard let question = state.question(id), question.position != position else {
                return []
            }
            return [.moveQuestion(id: id, position: question.position)]

        case .setLabels(let id, let labels):
            guard let question = state.question(id), question.labels != normalizedLabels(labels)
            else { return [] }
            return [.setLabels(id: id, labels: question.labels)]

        case .assign(let id, let person):
            guard let question = state.question(id),
                  question.assignee != person.flatMap({ $0.isEmpty ? nil : $0 })
            else { return [] }
            return [.assign(id: id, to: question.assignee)]

        case .guarded(let inner, _):
            return inverse(of: inner, before: state)

        case .addQuestion, .setEditing, .startTimer, .pauseTimer, .adjustTime, .restartSession,
             .nextSession, .nextSessionAndStart, .previousSession, .goToSession, .endEvent,
             .sendMessage, .clearMessage, .setNotes, .loadEvent, .blockPerson:
            return []
        }
    }

    /// Whether a status action would change the question (no undo entry for a no-op).
    private static func changesStatus(_ action: Action, _ question: Question) -> Bool {
        if case .setStatus(_, let status) = action { return question.status != status }
        guard question.mergedInto == nil else { return false }
        switch action {
        case .approve: return question.status != .approved && question.status != .live
        case .markAnswered: return question.status != .answered
        case .restore: return question.status == .dismissed
        default: return false
        }
    }

    /// The actions that put a question's triage state (status, dismissal) back as it is now.
    static func statusBack(_ question: Question) -> [Action] {
        if question.status == .dismissed {
            // Back to the state it was dismissed from, then dismissed again with its reason:
            // `dismiss` records that state as the one to restore.
            return [
                .setStatus(id: question.id, status: question.statusBeforeDismissal ?? .new),
                .dismiss(id: question.id, reason: question.dismissReason),
            ]
        }
        return [.setStatus(id: question.id, status: question.status)]
    }
}

/// What a console can undo with `z`: its own last actions, newest first.
public struct UndoStack: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        /// The actions that were done (together).
        public var actions: [Action]
        /// The actions that undo it, in order.
        public var inverse: [Action]
    }

    public private(set) var entries: [Entry] = []
    public let limit: Int

    public init(limit: Int = 100) {
        self.limit = max(1, limit)
    }

    public var isEmpty: Bool { entries.isEmpty }

    /// Records `actions` (undone together), about to be applied to `state`. Returns whether
    /// anything was recorded.
    ///
    /// Each undo action carries what these actions set (`Seen`, marked as an undo): applied
    /// later to a fresher state, it restores a field only while that field still holds what
    /// this console set, and says what it left alone otherwise ("not undone: bob dismissed it
    /// at 19:42"). An undo never erases what another person changed afterwards.
    @discardableResult
    public mutating func record(_ actions: [Action], before state: PodiumState, context: ActionContext) -> Bool {
        var after = state
        var inverse: [Action] = []
        for action in actions {
            inverse = Undo.inverse(of: action, before: after) + inverse
            // A rehearsal on a copy, to learn what the undo will see: nothing here is shown.
            _ = reduce(&after, action, context: context)
        }
        guard !inverse.isEmpty else { return false }
        var guardedInverse: [Action] = []
        for action in inverse {
            if let seen = Seen.capture(for: action, in: after, isUndo: true) {
                guardedInverse.append(.guarded(action, seen: seen))
            } else {
                guardedInverse.append(action)
            }
            _ = reduce(&after, action, context: context)
        }
        entries.append(Entry(actions: actions, inverse: guardedInverse))
        if entries.count > limit { entries.removeFirst(entries.count - limit) }
        return true
    }

    /// Records one action (see `record(_:before:context:)`).
    @discardableResult
    public mutating func record(_ action: Action, before state: PodiumState, context: ActionContext) -> Bool {
        record([action], before: state, context: context)
    }

    /// Takes the newest entry off the stack: apply its `inverse` actions in order.
    public mutating func pop() -> Entry? {
        entries.popLast()
    }
}
