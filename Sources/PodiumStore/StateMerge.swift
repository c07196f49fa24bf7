import Foundation
import PodiumCore

/// Merges diverged copies of the state (a sync tool's conflict copies, a backup) so that
/// nothing is lost. Pure and deterministic: the result does not depend on the order of the
/// copies.
///
/// - Questions: the union by id. For a question in several copies, the version edited last
///   (`updatedAt`, then `updatedBy`, then text) wins, but votes from every copy count (the
///   later version's value for the same voter), and histories and aliases are unioned.
/// - Notes: per session, the later `updatedAt` wins; the other texts are kept in
///   `previousVersions`.
/// - Message: the one sent last (a message cleared in one copy may come back: better than
///   losing one).
/// - Event, current session and timers: from the copy written last (`updatedAt`, then
///   `revision`); timers only the other copies know are kept.
/// - `revision` is the highest plus one.
public enum StateMerge {
    /// `copies` must not be empty.
    public static func merge(_ copies: [PodiumState]) -> PodiumState {
        precondition(!copies.isEmpty, "StateMerge.merge needs at least one copy")
        let ordered = copies.sorted(by: isOlder)
        var result = ordered[ordered.count - 1]

        var timers: [String: SessionTimer] = [:]
        for copy in ordered {
            for (id, timer) in copy.timers { timers[id] = timer }
        }
        result.timers = timers

        var questionVersions: [String: [Question]] = [:]
        for copy in ordered {
            for question in copy.questions { questionVersions[question.id, default: []].append(question) }
        }
        result.questions = QuestionList(questionVersions.values.map(mergeQuestion).sorted {
            ($0.askedAt, $0.id) < ($1.askedAt, $1.id)
        })

        result.message = ordered.compactMap(\.message).max {
            ($0.sentAt, $0.sentBy, $0.text) < ($1.sentAt, $1.sentBy, $1.text)
        }

        // Every message sent in either copy, once, in the order sent; the event ended when the
        // first copy says it did.
        var seenMessages = Set<String>()
        result.messageLog = ordered.flatMap(\.messageLog)
            .sorted { ($0.sentAt, $0.sentBy, $0.text) < ($1.sentAt, $1.sentBy, $1.text) }
            .filter { seenMessages.insert("\($0.sentAt.timeIntervalSince1970)|\($0.sentBy)|\($0.text)").inserted }
        result.endedAt = ordered.compactMap(\.endedAt).min()
        // A person blocked in either copy stays blocked.
        result.blockedPeople = Array(Set(ordered.flatMap(\.blockedPeople))).sorted()

        var noteVersions: [String: [SessionNotes]] = [:]
        for copy in ordered {
            for (id, notes) in copy.notes { noteVersions[id, default: []].append(notes) }
        }
        result.notes = noteVersions.mapValues(mergeNotes)

        result.schemaVersion = PodiumState.currentSchemaVersion
        result.revision = (copies.map(\.revision).max() ?? 0) + 1
        return result
    }

    // MARK: Records

    private static func mergeQuestion(_ versions: [Question]) -> Question {
        let ordered = versions.sorted(by: isOlder)
        var winner = ordered[ordered.count - 1]
        var votes: [String: Int] = [:]
        var history: [QuestionChange] = []
        var aliases = winner.aliases
        for version in ordered {
            for (voter, vote) in version.votes { votes[voter] = vote }
            history += version.history
            for alias in version.aliases where !aliases.contains(alias) { aliases.append(alias) }
        }
        // The winner's own vote for a voter beats an older version's.
        for (voter, vote) in winner.votes { votes[voter] = vote }
        winner.votes = votes
        winner.aliases = aliases
        // Set when the question is asked and never changed: any copy that has it knows it.
        winner.sourceMessageID = winner.sourceMessageID ?? ordered.compactMap(\.sourceMessageID).last
        winner.history = unique(history.sorted { ($0.at, $0.by, $0.what) < ($1.at, $1.by, $1.what) })
        return winner
    }

    private static func mergeNotes(_ versions: [SessionNotes]) -> SessionNotes {
        let ordered = versions.sorted {
            ($0.updatedAt, $0.updatedBy, $0.speaker, $0.host)
                < ($1.updatedAt, $1.updatedBy, $1.speaker, $1.host)
        }
        var winner = ordered[ordered.count - 1]
        var kept: [SessionNotes.Version] = []
        for version in ordered {
            kept += version.previousVersions
            for kind in [SessionNotes.Kind.speaker, .host] {
                let text = version.text(kind)
                if !text.isEmpty, text != winner.text(kind) {
                    kept.append(.init(text: text, savedAt: version.updatedAt, savedBy: version.updatedBy, kind: kind))
                }
            }
        }
        winner.previousVersions = unique(kept.sorted {
            ($0.savedAt, $0.savedBy, $0.text) < ($1.savedAt, $1.savedBy, $1.text)
        })
        return winner
    }

    // MARK: Order

    private static func isOlder(_ a: PodiumState, _ b: PodiumState) -> Bool {
        if a.updatedAt != b.updatedAt { return a.updatedAt < b.updatedAt }
        if a.revision != b.revision { return a.revision < b.revision }
        return encodedPrecedes(a, b)
    }

    private static func isOlder(_ a: Question, _ b: Question) -> Bool {
        if a.updatedAt != b.updatedAt { return a.updatedAt < b.updatedAt }
        if a.updatedBy != b.updatedBy { return a.updatedBy < b.updatedBy }
        if a.text != b.text { return a.text < b.text }
        return encodedPrecedes(a, b)
    }

    /// The last tie-break: compare the JSON of both (sorted keys), so that even records that
    /// differ only in untimed fields are ordered the same way every time.
    private static func encodedPrecedes<T: Encodable>(_ a: T, _ b: T) -> Bool {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .secondsSince1970
        let left = (try? encoder.encode(a)) ?? Data()
        let right = (try? encoder.encode(b)) ?? Data()
        return left.lexicographicallyPrecedes(right)
    }

    /// Drops adjacent duplicates of a sorted array.
    private static func unique<T: Equatable>(_ sorted: [T]) -> [T] {
        var result: [T] = []
        for item in sorted where result.last != item { result.append(item) }
        return result
    }
}
