import Foundation
import PodiumCore
import PodiumText

/// The Q&A pane: the questions with status, votes, source and age; the selected one
/// highlighted and shown in full below the list.
public enum QueuePane {
    /// Four cells in either language ("LIVE", "出題").
    static func statusTag(_ question: Question, language: Language = .en) -> (String, Style) {
        if question.mergedInto != nil { return (language.t(.statusDuplicate), Style(.dim)) }
        switch question.status {
        case .new: return (language.t(.statusNew), Style(.incoming, bold: true))
        case .approved: return (language.t(.statusApproved), Style(.normal))
        case .live: return (language.t(.statusLive), Style(.live, bold: true, reverse: true))
        case .answered: return (language.t(.statusAnswered), Style(.dim))
        case .dismissed: return (language.t(.statusDismissed), Style(.dim))
        }
    }

    /// A status in words, as the pane title counts it.
    static func statusName(_ status: QuestionStatus, language: Language) -> String {
        switch status {
        case .new: return language.t(.countNew)
        case .approved: return language.t(.countQueue)
        case .live: return language.t(.countLive)
        case .answered: return language.t(.countDone)
        case .dismissed: return language.t(.countGone)
        }
    }

    /// "now", "3m", "1h", "2d": at most three cells.
    static func age(_ question: Question, now: Date, language: Language = .en) -> String {
        let seconds = Int(now.timeIntervalSince(question.askedAt))
        if seconds < 60 { return language.t(.ageNow) }
        if seconds < 3600 { return "\(seconds / 60)m" }
        if seconds < 86_400 { return "\(seconds / 3600)h" }
        return "\(min(99, seconds / 86_400))d"
    }

    /// The pane title: counts, then what is shown (filter, order, source, label, search,
    /// sessions) in brackets. Shorter forms when the pane is narrow.
    static func title(_ model: ConsoleModel, _ memos: ConsoleMemos, width: Int = .max) -> String {
        let query = model.query
        let session: String?
        switch query.session {
        case .current: session = model.shared.currentSessionID
        case .all: session = nil
        case .session(let id): session = id
        }
        let counts = model.statusCounts(session: session, memos)
        let l = model.language
        let order: [(QuestionStatus, String)] = [QuestionStatus.new, .approved, .live, .answered, .dismissed].map { ($0, statusName($0, language: l)) }
        var long: [String] = []
        var short: [String] = []
        for (status, name) in order {
            let count = counts[status] ?? 0
            if count > 0 || status == .new || status == .approved {
                long.append("\(name) \(count)")
                short.append("\(name.prefix(1))\(count)")
            }
        }
        var view = [query.filter.label(l)]
        if query.order != .position { view.append(l.t(.orderBy, query.order.label)) }
        if let source = query.source { view.append(source.tag) }
        if let label = query.label, !label.isEmpty { view.append("#" + label) }
        if !query.search.isEmpty { view.append("/" + query.search) }
        if query.session != .current { view.append(session == nil ? l.t(.allSessions) : l.t(.sessionPrefix, session ?? "")) }
        let shown = "[" + view.joined(separator: " ") + "]"
        let elsewhere = query.session == .current ? model.openQuestionsInOtherSessions(memos) : 0
        let others = elsewhere > 0 ? l.t(.earlierSessions, elsewhere) : ""
        let qa = l.t(.qaTitle)
        let candidates = [
            ([qa] + long).joined(separator: " · ") + " " + shown + others,
            qa + " " + short.joined(separator: " ") + " " + shown + others,
            qa + " " + short.joined(separator: " ") + " " + shown,
            qa + " " + shown,
        ]
        return candidates.first { DisplayWidth.cells(of: $0) + 2 <= width } ?? candidates[candidates.count - 1]
    }

    /// What an empty list says: why it is empty, and where the other questions are.
    static func emptyHint(_ model: ConsoleModel, _ memos: ConsoleMemos) -> String {
        let total = model.shared.questions.count
        let query = model.query
        let narrowed = query.filter != .triage || !query.search.isEmpty || query.label != nil
            || query.source != nil || query.session != .current
        let l = model.language
        guard total > 0, narrowed || model.openQuestionsInOtherSessions(memos) > 0 else {
            return l.t(model.controlsQueue ? .noQuestionsYetAdd : .noQuestionsYet)
        }
        var what = l.t(.noQuestionsIn, query.filter.label(l))
        if !query.search.isEmpty { what += l.t(.matching, Sanitizer.line(query.search)) }
        if let label = query.label { what += l.t(.labelled, Sanitizer.line(label)) }
        if let source = query.source { what += l.t(.fromSource, source.rawValue) }
        var how: [String] = []
        if query.filter != .triage { how.append(l.t(.hintOtherViews)) }
        if !query.search.isEmpty || query.label != nil { how.append(l.t(.hintEscClears)) }
        if query.source != nil { how.append(l.t(.hintOtherSources)) }
        if query.session == .current, model.openQuestionsInOtherSessions(memos) > 0 { how.append(l.t(.hintAllSessions)) }
        return what + l.t(.inOtherViews, total) + (how.isEmpty ? "" : " (" + how.joined(separator: ", ") + ")")
    }

    /// The selected question's text (with aliases) and its meta line (source, author, votes,
    /// labels, who edits it…), each wrapped to `width`, cut to `maximum` lines together: the meta
    /// lines stay, the text's last kept line points to `i` (the full view).
    static func detailLines(
        _ model: ConsoleModel, _ memos: ConsoleMemos, _ question: Question, width: Int, maximum: Int
    ) -> (text: [String], meta: [String]) {
        var text = question.text
        if !question.aliases.isEmpty { text += model.language.t(.alsoAsked, question.aliases.joined(separator: " / ")) }
        // Wrapped once per text, meta line and width, not every second.
        let meta = metaLine(model, question)
        let wrapped = memos.detail.wrap(text, meta, width: width) {
            (TextLayout.wrap(Sanitizer.multiline(text), width: width), TextLayout.wrap(meta, width: width))
        }
        var textLines = wrapped.text
        var metaLines = wrapped.meta
        guard textLines.count + metaLines.count > maximum else { return (textLines, metaLines) }
        metaLines = Array(metaLines.prefix(max(1, maximum / 2)))
        let room = max(1, maximum - metaLines.count)
        if textLines.count > room {
            let more = model.language.t(.readAll)
            let last = TextLayout.truncate(textLines[room - 1] + "…", toWidth: width - DisplayWidth.cells(of: more)) + more
            textLines = Array(textLines.prefix(room - 1)) + [last]
        }
        return (textLines, metaLines)
    }

    static func metaLine(_ model: ConsoleModel, _ question: Question) -> String {
        // What matters most first: a narrow pane may show only the first line of it.
        let l = model.language
        var meta: [String] = []
        if let reason = question.dismissReason { meta.append(l.t(.metaDismissed, reason)) }
        if let target = question.mergedInto {
            meta.append(l.t(.metaMergedInto, model.shared.question(target).map { TextLayout.truncate(Sanitizer.line($0.text), toWidth: 30) } ?? target))
        }
        if let editor = question.editingBy, model.input != .editQuestion(id: question.id) {
            meta.append(l.t(.metaEditing, editor))
        }
        meta.append(question.source.rawValue)
        if !question.author.isEmpty { meta.append(Sanitizer.line(question.author)) }
        meta.append(question.voteCount == 1 ? l.t(.oneVote) : l.t(.votes, question.voteCount))
        if question.originalText != nil { meta.append(l.t(.metaEdited)) }
        if !question.labels.isEmpty { meta.append("#" + question.labels.joined(separator: " #")) }
        if let who = question.assignee { meta.append("→ " + who) }
        if let session = question.sessionID, session != model.shared.currentSessionID {
            meta.append(l.t(.metaSession, model.shared.event.session(withID: session)?.title ?? session))
        }
        return Sanitizer.line(meta.joined(separator: " · "))
    }

    public static func draw(_ model: ConsoleModel, _ memos: ConsoleMemos, now: Date, rect: Rect, into screen: inout Screen) {
        let focused = model.focus == .queue
        screen.box(rect, title: title(model, memos, width: rect.width), style: Style(focused ? .accent : .dim))
        let inner = rect.inner
        guard inner.width > 8, inner.height > 0 else { return }
        let questions = model.visibleQuestions(memos)
        if questions.isEmpty {
            screen.put(emptyHint(model, memos), x: inner.x, y: inner.y, maxWidth: inner.width, style: Style(.dim))
            return
        }
        // Detail of the selected question at the bottom: in full, wrapped. The list keeps at
        // least two rows (one on small panes); a text longer than that still is cut with a
        // pointer to `i`, which shows it all.
        let selected = model.selectedQuestion
        // Small panes: no rule above the detail (its text is bold).
        let rule = inner.height >= 8 ? 1 : 0
        var detailLines: [String] = []
        var metaCount = 0
        if let selected, inner.height >= 4 {
            let (text, meta) = Self.detailLines(model, memos, selected, width: inner.width, maximum: inner.height - 2 - rule)
            detailLines = text + meta
            metaCount = meta.count
        }
        let listHeight = inner.height - (detailLines.isEmpty ? 0 : detailLines.count + rule)
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
        // What the list hides, above as well as below.
        let above = top
        let below = max(0, questions.count - top - listHeight)
        if above > 0 || below > 0 {
            let l = model.language
            let parts = (above > 0 ? [l.t(.moreAbove, above)] : []) + (below > 0 ? [l.t(.moreBelow, below)] : [])
            let text = " " + parts.joined(separator: " · ") + " "
            let cells = min(DisplayWidth.cells(of: text), rect.width - 4)
            screen.put(text, x: rect.maxX - 2 - cells, y: rect.maxY - 1, maxWidth: cells, style: Style(.dim))
        }
        if !detailLines.isEmpty {
            let y = inner.y + listHeight
            if rule > 0 {
                for column in inner.x..<inner.maxX { screen.line(.horizontal, x: column, y: y, style: Style(.dim)) }
            }
            for (offset, line) in detailLines.enumerated() {
                let isMeta = offset >= detailLines.count - metaCount
                screen.put(line, x: inner.x, y: y + rule + offset, maxWidth: inner.width, style: isMeta ? Style(.dim) : Style(.normal, bold: true))
            }
        }
    }

    static func drawRow(_ question: Question, model: ConsoleModel, now: Date, selected: Bool, x: Int, y: Int, width: Int, into screen: inout Screen) {
        let base = selected ? Style(.selected, reverse: true) : Style.normal
        if selected { screen.fill(Rect(x: x, y: y, width: width, height: 1), style: base) }
        let (tag, tagStyle) = statusTag(question, language: model.language)
        var used = screen.put(tag, x: x, y: y, style: selected ? base : tagStyle)
        let marker = (question.pinned ? "^" : " ") + (model.mergeSourceID == question.id ? "M" : (question.editingBy != nil ? "e" : " "))
        used += screen.put(marker, x: x + used, y: y, style: base)
        // Right side, in columns: author, source, votes, age.
        let authorWidth = width >= 60 ? 10 : (width >= 48 ? 6 : 0)
        var right = " "
        if authorWidth > 0 { right += TextLayout.fit(Sanitizer.line(question.author), toWidth: authorWidth) + " " }
        let votes = String(question.voteCount)
        let age = age(question, now: now, language: model.language)
        right += TextLayout.fit(question.source.tag, toWidth: 3)
            + String(repeating: " ", count: max(1, 4 - votes.count)) + votes
            + " " + String(repeating: " ", count: max(0, 3 - DisplayWidth.cells(of: age))) + age
        let rightWidth = DisplayWidth.cells(of: right)
        let textWidth = width - used - rightWidth
        if textWidth > 3 {
            screen.put(TextLayout.truncate(Sanitizer.line(question.text), toWidth: textWidth), x: x + used, y: y, maxWidth: textWidth, style: base)
            screen.put(right, x: x + width - rightWidth, y: y, style: selected ? base : Style(.dim))
        } else {
            screen.put(Sanitizer.line(question.text), x: x + used, y: y, maxWidth: width - used, style: base)
        }
    }

    /// Every line of the full view of a question (`i`) for the model's screen size.
    public static func fullQuestionLines(_ model: ConsoleModel, id: String, now: Date) -> [String] {
        let l = model.language
        guard let question = model.shared.question(id) else { return [l.t(.questionGone)] }
        let width = max(10, model.width - 6)
        var lines = TextLayout.wrap(Sanitizer.multiline(question.text), width: width)
        lines.append("")
        // In words here ("30 分前"); the queue's column has only three cells ("30m").
        let seconds = Int(now.timeIntervalSince(question.askedAt))
        let asked = seconds < 60 ? l.t(.ageJustNow)
            : seconds < 3600 ? l.t(.ageMinutesAgo, seconds / 60)
            : seconds < 86_400 ? l.t(.ageHoursAgo, seconds / 3600)
            : l.t(.ageDaysAgo, min(99, seconds / 86_400))
        lines += TextLayout.wrap(metaLine(model, question) + " · " + statusName(question.status, language: l) + " · " + l.t(.askedAgo, asked), width: width)
        if let original = question.originalText {
            lines.append("")
            lines += TextLayout.wrap(l.t(.askedAs, Sanitizer.multiline(original)), width: width)
        }
        for alias in question.aliases {
            lines += TextLayout.wrap(l.t(.alsoAskedLine, Sanitizer.multiline(alias)), width: width)
        }
        lines.append("")
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = model.timeZone
        for change in question.history.suffix(20) {
            let clock = TimeText.timeOfDay(change.at, calendar: calendar)
            lines += TextLayout.wrap(clock + " " + Sanitizer.line(change.by) + ": " + Sanitizer.line(historyWords(change.what, l)), width: width)
        }
        return lines
    }

    /// What a change of a question's history says, in `language`: the state file keeps the
    /// reducer's English words ("merged into q-1"); a word it does not know stays as it is.
    static func historyWords(_ what: String, _ l: Language) -> String {
        guard l != .en else { return what }
        switch what {
        case "asked": return l.t(.histAsked)
        case "approved": return l.t(.histApproved)
        case "dismissed": return l.t(.histDismissed)
        case "dismissed: blocked": return l.t(.histDismissedBecause, l.t(.histBlocked))
        case "restored": return l.t(.histRestored)
        case "answered": return l.t(.histAnswered)
        case "pinned": return l.t(.histPinned)
        case "unpinned": return l.t(.histUnpinned)
        case "edited": return l.t(.histEdited)
        case "unmerged": return l.t(.histUnmerged)
        case "moved": return l.t(.histMoved)
        case "assigned to nobody": return l.t(.histAssignedNobody)
        case "live": return l.t(.histLive)
        case "back to the top of the queue (another question was put live)": return l.t(.histBackToTop)
        default: break
        }
        func after(_ prefix: String) -> String? {
            what.hasPrefix(prefix) ? String(what.dropFirst(prefix.count)) : nil
        }
        if let reason = after("dismissed: ") { return l.t(.histDismissedBecause, reason) }
        if let target = after("merged into ") { return l.t(.histMergedInto, target) }
        if let duplicate = after("merged ") { return l.t(.histMerged, duplicate) }
        if let duplicate = after("unmerged ") { return l.t(.histUnmergedFrom, duplicate) }
        if let labels = after("labels: ") { return l.t(.histLabels, labels) }
        if let person = after("assigned to ") { return l.t(.histAssigned, person) }
        if let rest = after("set to approved ("), rest.hasSuffix(" is live)") {
            return l.t(.histSetApprovedLive, rest.dropLast(" is live)".count))
        }
        if let status = after("set to "), let known = QuestionStatus(rawValue: status) {
            return l.t(.histSetTo, statusName(known, language: l))
        }
        if let voter = after("vote withdrawn ("), voter.hasSuffix(")") { return l.t(.histVoteWithdrawn, voter.dropLast()) }
        if let rest = after("vote "), let open = rest.range(of: " ("), rest.hasSuffix(")") {
            return l.t(.histVote, rest[..<open.lowerBound], rest[open.upperBound...].dropLast())
        }
        return what
    }

    /// The full view of a question over the panes, scrolled by `scroll` lines.
    static func drawFullQuestion(_ model: ConsoleModel, id: String, scroll: Int, now: Date, into screen: inout Screen) {
        let rect = Rect(x: 1, y: 1, width: max(4, screen.width - 2), height: max(3, screen.height - 3))
        screen.fill(rect)
        let lines = fullQuestionLines(model, id: id, now: now)
        let page = rect.height - 2
        let top = max(0, min(scroll, lines.count - page))
        var title = model.language.t(.questionTitle)
        if lines.count > page { title = model.language.t(.questionTitleScroll, top + 1, min(lines.count, top + page), lines.count) }
        screen.box(rect, title: title, style: Style(.accent))
        for (offset, line) in lines.dropFirst(top).prefix(page).enumerated() {
            screen.put(line, x: rect.x + 2, y: rect.y + 1 + offset, maxWidth: rect.width - 4)
        }
    }
}
