import Foundation
import PodiumCore
import Synchronization

/// Remembers the last queue list and counts of a console, so that a key costs about the same
/// with 100 or 10,000 questions (a key and its frame in ≤ 2 ms, flat as the queue
/// grows).
///
/// Each result remembers the question list it was worked out from (`base`), and
/// `QuestionList.changedIndices(since:)` finds what changed since by identity: unchanged
/// chunks and question boxes are still shared with `base`, changed ones never are (`base`
/// holds the old ones, so none is freed and its address reused). A change of one or a
/// few questions (a key, an action from disk, a new question) updates the result in place
/// instead of filtering and sorting 10,000 questions again. Anything else (the session on
/// stage, the query, questions removed, many changes) works it out afresh. Either way the
/// result is exactly what `QueueQuery.apply` and friends give (QueueMemoTests checks that
/// over random changes). The loop owns it (`ConsoleMemos`) and may ask about any state:
/// each answer is worked out from the state asked about and `base` alone, never from what
/// was asked last, so a state that went another way only makes the next answer a fresh one.
/// The `Mutex` keeps two threads from changing it at once.
final class QueueMemo: Sendable {
    private struct Results {
        var list: ListResult?
        var counts: CountsResult?
        var elsewhere: ElsewhereResult?
        var positions: PositionsResult?
    }

    private let results = Mutex(Results())

    /// Up to this many changed questions are applied one by one; more, and the result is
    /// worked out afresh (one pass is then cheaper than many insertions).
    static let incrementalLimit = 32

    private struct ListResult {
        var base: QuestionList
        var currentSessionID: String
        var query: QueueQuery
        var questions: [Question]
        /// The array index of each listed question, in list order.
        var indices: [Int]
    }

    private struct CountsResult {
        var base: QuestionList
        var currentSessionID: String
        var session: String?
        var counts: [QuestionStatus: Int]
    }

    private struct ElsewhereResult {
        var base: QuestionList
        var currentSessionID: String
        var count: Int
    }

    private struct PositionsResult {
        var base: QuestionList
        /// The first array index of each question id.
        var indexByID: [String: Int]
    }

    // MARK: The list

    /// The questions the list was last worked out from (tests look at it).
    var listBase: QuestionList? {
        results.withLock { $0.list?.base }
    }

    /// `query.apply(to: state)`, remembered.
    func visible(_ state: PodiumState, _ query: QueueQuery) -> [Question] {
        results.withLock { results in
            if var list = results.list, list.query == query, list.currentSessionID == state.currentSessionID,
               let changed = state.questions.changedIndices(since: list.base, limit: Self.incrementalLimit)
            {
                if !changed.isEmpty {
                    // Out of the memo first, so that its arrays change in place instead of being copied.
                    results.list = nil
                    Self.update(&list, state, changed)
                    results.list = list
                }
                return list.questions
            }
            let indices = query.listedIndices(in: state)
            let list = ListResult(
                base: state.questions, currentSessionID: state.currentSessionID, query: query,
                questions: indices.map { state.questions[$0] }, indices: indices)
            results.list = list
            return list.questions
        }
    }

    /// The list after the questions at `changed` changed or were added.
    private static func update(_ result: inout ListResult, _ state: PodiumState, _ changed: [Int]) {
        result.base = state.questions
        let matcher = QueueQuery.Matcher(result.query, currentSessionID: state.currentSessionID)
        let order = result.query.order
        // The list stays sorted throughout: each changed question leaves it and, if it is
        // still listed, goes back in at its place (found by binary search).
        for index in changed {
            if let position = result.indices.firstIndex(of: index) {
                result.indices.remove(at: position)
                result.questions.remove(at: position)
            }
            let question = state.questions[index]
            guard matcher.includes(question) else { continue }
            var low = 0, high = result.indices.count
            while low < high {
                let middle = (low + high) / 2
                if QueueQuery.precedes(
                    result.questions[middle], at: result.indices[middle], question, at: index, order: order)
                {
                    low = middle + 1
                } else {
                    high = middle
                }
            }
            result.indices.insert(index, at: low)
            result.questions.insert(question, at: low)
        }
    }

    // MARK: Counts

    /// `state.countsByStatus(session:)`, remembered.
    func counts(_ state: PodiumState, session: String?) -> [QuestionStatus: Int] {
        results.withLock { results in
            if var result = results.counts, result.session == session, result.currentSessionID == state.currentSessionID,
               let changed = state.questions.changedIndices(since: result.base, limit: Self.incrementalLimit)
            {
                guard !changed.isEmpty else { return result.counts }
                for index in changed {
                    if index < result.base.count, let status = PodiumState.countedStatus(of: result.base[index], session: session) {
                        result.counts[status, default: 0] -= 1
                        if result.counts[status] == 0 { result.counts[status] = nil }
                    }
                    if let status = PodiumState.countedStatus(of: state.questions[index], session: session) {
                        result.counts[status, default: 0] += 1
                    }
                }
                result.base = state.questions
                results.counts = result
                return result.counts
            }
            let fresh = state.countsByStatus(session: session)
            results.counts = CountsResult(
                base: state.questions, currentSessionID: state.currentSessionID, session: session, counts: fresh)
            return fresh
        }
    }

    // MARK: Open questions of other sessions

    /// `QueueQuery.openInOtherSessions(state)`, remembered.
    func openInOtherSessions(_ state: PodiumState) -> Int {
        results.withLock { results in
            let current = state.currentSessionID
            if var result = results.elsewhere, result.currentSessionID == current,
               let changed = state.questions.changedIndices(since: result.base, limit: Self.incrementalLimit)
            {
                guard !changed.isEmpty else { return result.count }
                for index in changed {
                    if index < result.base.count, QueueQuery.isOpenElsewhere(result.base[index], current: current) {
                        result.count -= 1
                    }
                    if QueueQuery.isOpenElsewhere(state.questions[index], current: current) { result.count += 1 }
                }
                result.base = state.questions
                results.elsewhere = result
                return result.count
            }
            let count = QueueQuery.openInOtherSessions(state)
            results.elsewhere = ElsewhereResult(base: state.questions, currentSessionID: current, count: count)
            return count
        }
    }

    // MARK: Where a question is

    /// `state.questionIndex(id)`, from a table kept up to date (ids never change, so a change
    /// of a few questions leaves it as it is; new questions are added to it).
    func index(ofQuestion id: String, in state: PodiumState) -> Int? {
        results.withLock { results in
            if var result = results.positions,
               let changed = state.questions.changedIndices(since: result.base, limit: Self.incrementalLimit),
               changed.allSatisfy({ $0 >= result.base.count || result.base[$0].id == state.questions[$0].id })
            {
                if !changed.isEmpty {
                    results.positions = nil  // so that the table changes in place
                    for index in changed where index >= result.base.count {
                        let id = state.questions[index].id
                        if result.indexByID[id] == nil { result.indexByID[id] = index }
                    }
                    result.base = state.questions
                    results.positions = result
                }
                return result.indexByID[id]
            }
            var table: [String: Int] = [:]
            table.reserveCapacity(state.questions.count)
            let questions = state.questions
            for index in questions.indices.reversed() { table[questions[index].id] = index }
            results.positions = PositionsResult(base: state.questions, indexByID: table)
            return table[id]
        }
    }
}
