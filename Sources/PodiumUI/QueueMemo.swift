import Foundation
import PodiumCore

/// Remembers the last queue list and counts of a console, so that keys that do not change
/// the questions (j, k, space, every timer tick) do not filter and sort 10,000 questions
/// again (issue 7: a key and its frame in ≤ 2 ms, flat as the queue grows).
///
/// The key is the identity of the questions array's storage plus what else the result
/// depends on (current session, query). The memo holds a reference to that storage, so while
/// it is remembered it can neither be changed in place (copy-on-write sees a second owner) nor
/// freed and its address reused: the same address means the very same questions. Any change
/// to the questions, optimistic or from disk, makes a new storage and so a fresh computation.
/// Copies of a model share one memo; that is safe because the key decides the answer.
final class QueueMemo: @unchecked Sendable {
    private let lock = NSLock()
    private var listKey: Key?
    private var list: [Question] = []
    private var countsKey: Key?
    private var counts: [QuestionStatus: Int] = [:]
    private var elsewhereKey: Key?
    private var elsewhere = 0

    private struct Key {
        /// Held only to keep the storage alive and shared (see above).
        var questions: [Question]
        var currentSessionID: String
        var query: QueueQuery?
        var session: String??

        func matches(_ state: PodiumState, _ query: QueueQuery?, _ session: String??) -> Bool {
            state.questions.count == questions.count
                && QueueMemo.sameStorage(state.questions, questions)
                && state.currentSessionID == currentSessionID && self.query == query
                && self.session == session
        }
    }

    static func sameStorage(_ a: [Question], _ b: [Question]) -> Bool {
        a.withUnsafeBufferPointer { first in
            b.withUnsafeBufferPointer { second in first.baseAddress == second.baseAddress }
        }
    }

    private func key(_ state: PodiumState, _ query: QueueQuery?, _ session: String??) -> Key {
        Key(questions: state.questions, currentSessionID: state.currentSessionID, query: query, session: session)
    }

    /// `query.apply(to: state)`, remembered.
    func visible(_ state: PodiumState, _ query: QueueQuery) -> [Question] {
        lock.lock()
        defer { lock.unlock() }
        if let listKey, listKey.matches(state, query, nil) { return list }
        list = query.apply(to: state)
        listKey = key(state, query, nil)
        return list
    }

    /// `state.countsByStatus(session:)`, remembered.
    func counts(_ state: PodiumState, session: String?) -> [QuestionStatus: Int] {
        lock.lock()
        defer { lock.unlock() }
        if let countsKey, countsKey.matches(state, nil, .some(session)) { return counts }
        counts = Self.countsByStatus(state, session: session)
        countsKey = key(state, nil, .some(session))
        return counts
    }

    /// `QueueQuery.openInOtherSessions(state)`, remembered.
    func openInOtherSessions(_ state: PodiumState) -> Int {
        lock.lock()
        defer { lock.unlock() }
        if let elsewhereKey, elsewhereKey.matches(state, nil, nil) { return elsewhere }
        elsewhere = Self.openInOtherSessions(state)
        elsewhereKey = key(state, nil, nil)
        return elsewhere
    }

    /// `state.countsByStatus(session:)`, reading each question in place (no copies).
    static func countsByStatus(_ state: PodiumState, session: String?) -> [QuestionStatus: Int] {
        var counts: [QuestionStatus: Int] = [:]
        state.questions.withUnsafeBufferPointer { questions in
            for index in questions.indices where questions[index].mergedInto == nil {
                if let session, questions[index].sessionID != session { continue }
                counts[questions[index].status, default: 0] += 1
            }
        }
        return counts
    }

    /// `QueueQuery.openInOtherSessions(state)`, reading each question in place (no copies).
    static func openInOtherSessions(_ state: PodiumState) -> Int {
        let current = state.currentSessionID
        var count = 0
        state.questions.withUnsafeBufferPointer { questions in
            for index in questions.indices
            // `isOpen`, from the stored fields (calling it would copy the question).
            where questions[index].mergedInto == nil
                && (questions[index].status == .new || questions[index].status == .approved
                    || questions[index].status == .live)
                && (questions[index].sessionID ?? current) != current
            {
                count += 1
            }
        }
        return count
    }
}
