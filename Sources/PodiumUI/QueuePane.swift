import Foundation
import PodiumCore
import PodiumText

/// The Q&A pane: the questions with status, votes, source and age; the selected one
/// highlighted and shown in full below the list.
public enum QueuePane {
    static func statusTag(_ question: Question) -> (String, Style) {
        switch question.status {
        case .new: return ("NEW ", Style(.incoming, bold: true))
        case .approved: return ("ok  ", Style(.normal))
        case .live: return ("LIVE", Style(.live, bold: true, reverse: true))
        case .answered: return ("done", Style(.dim))
        case .dismissed: return ("gone", Style(.dim))
        }
    }

    /// "3m", "1h", "now".
    static func age(_ question: Question, now: Date) -> String {
        let seconds = Int(now.timeIntervalSince(question.askedAt))
        if seconds < 60 { return "now" }
        if seconds < 3600 { return "\(seconds / 60)m" }
        return "\(seconds / 3600)h"
    }

    static func title(_ model: ConsoleModel) -> String {
        let counts = model.shared.countsByStatus(session: model.shared.currentSessionID)
        var parts = ["Q&A"]
        let order: [(QuestionStatus, String)] = [(.new, "new"), (.approved, "queue"), (.live, "live"), (.answered, "done"), (.dismissed, "gone")]
        for (status, name) in order {
            let count = counts[status] ?? 0
            if count > 0 || status == .new || status == .approved { parts.append("\(name) \(count)") }
        }
        var title = parts.joined(separator: " · ")
        if model.query.filter != .triage || model.query.source != nil || !model.query.search.isEmpty {
            var view = [model.query.filter.label]
            if let source = model.query.source { view.append(source.tag) }
            if !model.query.search.isEmpty { view.append("/" + model.query.search) }
            title += " [" + view.joined(separator: " ") + "]"
        }
        return title
    }

    public static func draw(_ model: ConsoleModel, now: Date, rect: Rect, into screen: inout Screen) {
        let focused = model.focus == .queue
        screen.box(rect, title: title(model), style: Style(focused ? .accent : .dim))
        let inner = rect.inner
        guard inner.width > 8, inner.height > 0 else { return }
        let questions = model.visibleQuestions
        if questions.isEmpty {
            let hint = model.controlsQueue ? "No questions yet. Press a to add one." : "No questions yet."
            screen.put(hint, x: inner.x, y: inner.y, maxWidth: inner.width, style: Style(.dim))
            return
        }
        // Detail of the selected question at the bottom, when there is room.
        let selected = model.selectedQuestion
        var detailLines: [String] = []
        if let selected, inner.height >= 8 {
            var text = selected.text
            if !selected.aliases.isEmpty { text += "  (also: " + selected.aliases.joined(separator: " / ") + ")" }
            detailLines = TextLayout.wrap(Sanitizer.line(text), width: inner.width)
            var meta = [selected.source.rawValue]
            if !selected.author.isEmpty { meta.append(selected.author) }
            meta.append("\(selected.voteCount) votes")
            if !selected.labels.isEmpty { meta.append("#" + selected.labels.joined(separator: " #")) }
            if let who = selected.assignee { meta.append("→ " + who) }
            if let editor = selected.editingBy, editor != model.actor { meta.append("editing: " + editor) }
            if let reason = selected.dismissReason { meta.append("dismissed: " + reason) }
            detailLines.append(meta.joined(separator: " · "))
            let maximum = max(2, inner.height / 3)
            if detailLines.count > maximum {
                detailLines = Array(detailLines.prefix(maximum - 1)) + [TextLayout.truncate(detailLines[maximum - 1] + "…", toWidth: inner.width)]
            }
        }
        let listHeight = inner.height - (detailLines.isEmpty ? 0 : detailLines.count + 1)
        let selectedIndex = questions.firstIndex { $0.id == model.selectedQuestionID } ?? 0
        // Scroll so the selection stays visible.
        var top = min(max(0, model.queueScroll), max(0, questions.count - listHeight))
        if selectedIndex < top { top = selectedIndex }
        if selectedIndex >= top + listHeight { top = selectedIndex - listHeight + 1 }
        for row in 0..<listHeight {
            let index = top + row
            guard index < questions.count else { break }
            drawRow(questions[index], model: model, now: now, selected: questions[index].id == model.selectedQuestionID,
                    x: inner.x, y: inner.y + row, width: inner.width, into: &screen)
        }
        if top + listHeight < questions.count {
            screen.put(" +\(questions.count - top - listHeight) more ", x: rect.maxX - 12, y: rect.maxY - 1, maxWidth: 11, style: Style(.dim))
        }
        if !detailLines.isEmpty {
            let y = inner.y + listHeight
            for column in inner.x..<inner.maxX { screen.line(.horizontal, x: column, y: y, style: Style(.dim)) }
            for (offset, line) in detailLines.enumerated() {
                let isMeta = offset == detailLines.count - 1
                screen.put(line, x: inner.x, y: y + 1 + offset, maxWidth: inner.width, style: isMeta ? Style(.dim) : Style(.normal, bold: true))
            }
        }
    }

    static func drawRow(_ question: Question, model: ConsoleModel, now: Date, selected: Bool, x: Int, y: Int, width: Int, into screen: inout Screen) {
        let base = selected ? Style(.selected, reverse: true) : Style.normal
        if selected { screen.fill(Rect(x: x, y: y, width: width, height: 1), style: base) }
        let (tag, tagStyle) = statusTag(question)
        var used = screen.put(tag, x: x, y: y, style: selected ? base : tagStyle)
        let marker = (question.pinned ? "^" : " ") + (model.mergeSourceID == question.id ? "M" : (question.editingBy != nil ? "e" : " "))
        used += screen.put(marker, x: x + used, y: y, style: base)
        // Right side: source, votes, age.
        let right = " " + question.source.tag + " " + String(question.voteCount) + " " + age(question, now: now)
        let rightWidth = DisplayWidth.cells(of: right)
        let textWidth = width - used - rightWidth
        if textWidth > 3 {
            screen.put(TextLayout.truncate(Sanitizer.line(question.text), toWidth: textWidth), x: x + used, y: y, maxWidth: textWidth, style: base)
            screen.put(right, x: x + width - rightWidth, y: y, style: selected ? base : Style(.dim))
        } else {
            screen.put(Sanitizer.line(question.text), x: x + used, y: y, maxWidth: width - used, style: base)
        }
    }
}
