import Foundation
import PodiumCore
import PodiumText

/// The selected question: moving it, keeping it on a listed question, following it when the
/// question leaves the list.
extension ConsoleModel {
    /// Applies actions to what this console shows, at once (the loop writes them after the
    /// frame), and returns what the reducer said. When the selected question leaves the list
    /// (dismissed, merged, answered in the triage view…), the selection moves to the next
    /// question below it (or above), not to the top.
    ///
    /// A key must cost ≤ 2 ms with 10,000 questions: the list shown before is the memo's (no
    /// copy), and whether a question is listed after depends on that question alone (and the
    /// current session), so only the selected question and, when it left, its neighbours are
    /// looked at, in the state the actions made.
    public mutating func show(_ actions: [Action], context: ActionContext, memos: ConsoleMemos = ConsoleMemos()) -> [Effect] {
        guard !actions.isEmpty else { return [] }
        let before = selectedQuestionID == nil ? nil : visibleQuestions(memos)
        var effects: [Effect] = []
        for action in actions { effects += reduce(&shared, action, context: context) }
        guard let id = selectedQuestionID, let before, !isListed(id, memos) else { return effects }
        // Through the buffer, questions are read in place, never copied.
        let found = before.withUnsafeBufferPointer { list in list.indices.first { list[$0].id == id } }
        guard let index = found else { return effects }
        if let next = before[(index + 1)...].first(where: { isListed($0.id, memos) })
            ?? before[..<index].last(where: { isListed($0.id, memos) }) {
            selectedQuestionID = next.id
        }
        return effects
    }

    /// Whether the question is in this console's list now.
    private func isListed(_ id: String, _ memos: ConsoleMemos) -> Bool {
        guard let index = memos.queue.index(ofQuestion: id, in: shared) else { return false }
        return query.matches(shared.questions[index], in: shared)
    }

    mutating func moveSelection(by offset: Int, memos: ConsoleMemos) {
        let list = visibleQuestions(memos)
        guard !list.isEmpty else { return }
        let current = list.firstIndex { $0.id == selectedQuestionID } ?? (offset > 0 ? -1 : list.count)
        moveSelection(toIndex: current + offset, memos: memos, in: list)
    }

    mutating func moveSelection(toIndex index: Int, memos: ConsoleMemos, in given: [Question]? = nil) {
        let list = given ?? visibleQuestions(memos)
        guard !list.isEmpty else { return }
        selectedQuestionID = list[max(0, min(list.count - 1, index))].id
    }

    /// Keeps the selection on a visible question after the list changed.
    public mutating func keepSelectionValid(memos: ConsoleMemos = ConsoleMemos()) {
        let list = visibleQuestions(memos)
        if let id = selectedQuestionID, list.contains(where: { $0.id == id }) { return }
        selectedQuestionID = list.first?.id
    }
}
