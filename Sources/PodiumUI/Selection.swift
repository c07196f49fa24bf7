import Foundation
import PodiumCore
import PodiumText

/// The selected question: moving it, keeping it on a listed question, following it when the
/// question leaves the list.
extension ConsoleModel {
    /// When the selected question leaves the list (dismissed, merged, answered in the triage
    /// view…), the selection moves to the next question below it (or above), not to the top.
    ///
    /// A key must cost ≤ 2 ms with 10,000 questions: whether a question is listed depends on
    /// that question alone (and the current session), so only the questions the actions touch
    /// can leave the list. Actions that touch none (the timer, votes, pins, messages, notes)
    /// cost nothing here; the others are applied to a small state holding just the touched
    /// questions, instead of to a copy of all of them followed by the whole queue query.
    mutating func followSelection(after actions: [Action], now: Date, memos: ConsoleMemos) {
        guard !actions.isEmpty, let id = selectedQuestionID else { return }
        var touched: Set<String> = []
        var whole = false
        for action in actions {
            switch Self.listEffect(of: action) {
            case .none: continue
            case .question(let touchedID): touched.insert(touchedID)
            case .live(let touchedID):
                // Putting one live takes the one on stage off it.
                touched.insert(touchedID)
                for question in shared.questions where question.status == .live { touched.insert(question.id) }
            case .whole: whole = true
            }
        }
        guard whole || touched.contains(id) else { return }
        let before = visibleQuestions(memos)
        // Through the buffers, questions are read in place, never copied.
        let found = before.withUnsafeBufferPointer { list in list.indices.first { list[$0].id == id } }
        guard let index = found else { return }
        let context = ActionContext(now: now, actor: actor)
        let listed: (String) -> Bool
        if whole {
            var after = shared
            for action in actions { reduce(&after, action, context: context) }
            let visible = Set(query.apply(to: after).map(\.id))
            listed = { visible.contains($0) }
        } else {
            var small = shared
            small.questions = QuestionList(touched.compactMap { memos.queue.index(ofQuestion: $0, in: shared) }
                .sorted().map { shared.questions[$0] })
            for action in actions { reduce(&small, action, context: context) }
            let kept = Set(small.questions.filter { query.matches($0, in: small) }.map(\.id))
            listed = { !touched.contains($0) || kept.contains($0) }
        }
        guard !listed(id) else { return }
        if let next = before[(index + 1)...].first(where: { listed($0.id) })
            ?? before[..<index].last(where: { listed($0.id) }) {
            selectedQuestionID = next.id
        }
    }

    private enum ListEffect {
        /// Cannot take any question out of the list (it may reorder it).
        case none
        /// May take this question out of the list.
        case question(String)
        /// May take this question and the one on stage out of the list.
        case live(String)
        /// May change the whole list (another session, merges that follow chains).
        case whole
    }

    private static func listEffect(of action: Action) -> ListEffect {
        switch action {
        case .guarded(let inner, _):
            return listEffect(of: inner)
        case .startTimer, .pauseTimer, .adjustTime, .restartSession, .addQuestion, .vote, .setPinned,
             .moveQuestion, .assign, .setEditing, .sendMessage, .clearMessage, .setNotes:
            return .none
        case .approve(let id), .dismiss(let id, _), .restore(let id), .markAnswered(let id),
             .editText(let id, _), .setLabels(let id, _), .setStatus(let id, _):
            return .question(id)
        case .putLive(let id):
            return .live(id)
        case .nextSession, .nextSessionAndStart, .previousSession, .goToSession, .endEvent,
             .mergeQuestion, .unmergeQuestion, .loadEvent, .blockPerson:
            return .whole
        }
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
