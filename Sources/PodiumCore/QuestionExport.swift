import Foundation
import PodiumText

/// The formats of `podium export --format csv|json|md`.
public enum ExportFormat: String, CaseIterable, Sendable {
    case csv, json, md

    /// Accepts "csv", "json", "md" and "markdown".
    public init?(name: String) {
        switch name.lowercased() {
        case "csv": self = .csv
        case "json": self = .json
        case "md", "markdown": self = .md
        default: return nil
        }
    }
}

/// One question as exported. Every string is sanitised (`Sanitizer.line`): an export holds no
/// control characters, whatever was typed or imported.
public struct ExportedQuestion: Codable, Equatable, Sendable {
    public var id: String
    public var status: String
    public var votes: Int
    public var pinned: Bool
    public var sessionID: String
    public var sessionTitle: String
    public var source: String
    public var author: String
    public var text: String
    public var originalText: String?
    public var askedAt: String
    public var updatedAt: String
    public var updatedBy: String
    public var answeredAt: String?
    public var dismissedAt: String?
    public var dismissReason: String?
    public var mergedInto: String?
    public var aliases: [String]
    public var labels: [String]
    public var assignee: String?
}

/// The export document (JSON).
public struct ExportDocument: Codable, Equatable, Sendable {
    public var event: String
    public var exportedAt: String
    public var questions: [ExportedQuestion]
}

/// `podium export`: every question (merged duplicates too, marked by `mergedInto`), with
/// status, votes, session, source, times and answers; during or after the event. Pure.
public enum QuestionExport {
    /// The export in `format`. Times are written in `timeZone` with their offset.
    public static func render(
        _ state: PodiumState, format: ExportFormat, exportedAt: Date,
        timeZone: TimeZone = TimeZone(secondsFromGMT: 0)!
    ) -> String {
        switch format {
        case .csv: return csv(state, timeZone: timeZone)
        case .json: return json(state, exportedAt: exportedAt, timeZone: timeZone)
        case .md: return markdown(state, exportedAt: exportedAt, timeZone: timeZone)
        }
    }

    /// The questions as exported, in session order (as planned), then in order of asking.
    public static func records(
        _ state: PodiumState, timeZone: TimeZone = TimeZone(secondsFromGMT: 0)!
    ) -> [ExportedQuestion] {
        var sessionOrder: [String: Int] = [:]
        for (index, session) in state.event.sessions.enumerated() where sessionOrder[session.id] == nil {
            sessionOrder[session.id] = index
        }
        let sorted = state.questions.sorted { a, b in
            let aOrder = sessionOrder[a.sessionID ?? ""] ?? Int.max
            let bOrder = sessionOrder[b.sessionID ?? ""] ?? Int.max
            if aOrder != bOrder { return aOrder < bOrder }
            if a.askedAt != b.askedAt { return a.askedAt < b.askedAt }
            return a.id < b.id
        }
        let line = Sanitizer.line
        return sorted.map { question in
            let sessionID = question.sessionID ?? ""
            let answered = question.status == .answered
                ? question.history.last { $0.what == "answered" }?.at : nil
            let dismissed = question.status == .dismissed
                ? question.history.last { $0.what.hasPrefix("dismissed") }?.at : nil
            return ExportedQuestion(
                id: line(question.id),
                status: question.status.rawValue,
                votes: question.voteCount,
                pinned: question.pinned,
                sessionID: line(sessionID),
                sessionTitle: line(state.event.session(withID: sessionID)?.title ?? ""),
                source: question.source.rawValue,
                author: line(question.author),
                text: line(question.text),
                originalText: question.originalText.map(line),
                askedAt: timestamp(question.askedAt, timeZone),
                updatedAt: timestamp(question.updatedAt, timeZone),
                updatedBy: line(question.updatedBy),
                answeredAt: answered.map { timestamp($0, timeZone) },
                dismissedAt: dismissed.map { timestamp($0, timeZone) },
                dismissReason: question.status == .dismissed ? question.dismissReason.map(line) : nil,
                mergedInto: question.mergedInto.map(line),
                aliases: question.aliases.map(line),
                labels: question.labels.map(line),
                assignee: question.assignee.map(line))
        }
    }

    // MARK: CSV

    public static let csvHeader = [
        "id", "session", "session_title", "status", "votes", "pinned", "source", "author", "text",
        "original_text", "asked_at", "updated_at", "updated_by", "answered_at", "dismissed_at",
        "dismiss_reason", "merged_into", "aliases", "labels", "assignee",
    ]

    /// RFC 4180 with CRLF row ends; text cells are neutralised against spreadsheet formulas.
    /// Opens in Excel as UTF-8 when `byteOrderMark` is set (the import ignores it).
    public static func csv(
        _ state: PodiumState, timeZone: TimeZone = TimeZone(secondsFromGMT: 0)!,
        byteOrderMark: Bool = false
    ) -> String {
        var out = byteOrderMark ? "\u{FEFF}" : ""
        out += Sanitizer.csvRecord(csvHeader)
        for record in records(state, timeZone: timeZone) {
            let cells: [String] = [
                csvCell(record.id), csvCell(record.sessionID), csvCell(record.sessionTitle),
                record.status, String(record.votes), record.pinned ? "true" : "false",
                record.source, csvCell(record.author), csvCell(record.text),
                csvCell(record.originalText ?? ""), record.askedAt, record.updatedAt,
                csvCell(record.updatedBy), record.answeredAt ?? "", record.dismissedAt ?? "",
                csvCell(record.dismissReason ?? ""), csvCell(record.mergedInto ?? ""),
                csvCell(record.aliases.joined(separator: " | ")),
                csvCell(record.labels.joined(separator: ", ")), csvCell(record.assignee ?? ""),
            ]
            out += Sanitizer.csvRecord(cells)
        }
        return out
    }

    /// One CSV cell from untrusted text: one line (`Sanitizer.line`, so a row is one physical
    /// line), then `Sanitizer.csvCell`: a leading = + - @ defused with a single quote (formula
    /// injection), quoted per RFC 4180 when needed.
    static func csvCell(_ text: String) -> String {
        Sanitizer.csvCell(Sanitizer.line(text))
    }

    // MARK: JSON

    /// Pretty-printed with sorted keys; strings sanitised, so the only control characters in
    /// the output are the line breaks of the layout.
    public static func json(
        _ state: PodiumState, exportedAt: Date, timeZone: TimeZone = TimeZone(secondsFromGMT: 0)!
    ) -> String {
        let document = ExportDocument(
            event: Sanitizer.line(state.event.title), exportedAt: timestamp(exportedAt, timeZone),
            questions: records(state, timeZone: timeZone))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(document) else { return "{}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    // MARK: Markdown

    /// A readable report: one section per session, one numbered item per question, in
    /// `language` (the words around the questions; the ids, sources and times stay as they are).
    public static func markdown(
        _ state: PodiumState, exportedAt: Date, timeZone: TimeZone = TimeZone(secondsFromGMT: 0)!,
        language l: Language = .en
    ) -> String {
        let all = records(state, timeZone: timeZone)
        var out = l.t(.exportTitle, markdownText(Sanitizer.line(state.event.title))) + "\n\n"
        out += l.t(all.count == 1 ? .exportSummaryOne : .exportSummary, timestamp(exportedAt, timeZone), all.count) + "\n"
        var currentSession: String?
        var number = 0
        for record in all {
            if record.sessionID != currentSession {
                currentSession = record.sessionID
                number = 0
                let title = record.sessionTitle.isEmpty ? l.t(.noSession) : record.sessionTitle
                out += "\n## \(markdownText(title))"
                out += record.sessionID.isEmpty ? "\n\n" : " (\(markdownText(record.sessionID)))\n\n"
            }
            number += 1
            let status = record.mergedInto == nil ? statusWord(record.status, l) : l.t(.exportMerged)
            var facts = ["**\(status)**"]
            facts.append(record.votes == 1 ? l.t(.oneVote) : l.t(.votes, record.votes))
            if record.pinned { facts.append(l.t(.exportPinned)) }
            facts.append(record.source)
            if !record.author.isEmpty { facts.append(markdownText(record.author)) }
            facts.append(l.t(.exportAsked, record.askedAt))
            facts.append("id \(markdownText(record.id))")
            out += "\(number). " + facts.joined(separator: " · ") + "\n"
            out += "   \(markdownText(record.text))\n"
            var details: [String] = []
            if let answered = record.answeredAt { details.append(l.t(.exportAnswered, answered)) }
            if let dismissed = record.dismissedAt {
                details.append(l.t(.exportDismissed, dismissed)
                    + (record.dismissReason.map { ": " + markdownText($0) } ?? ""))
            }
            if let original = record.originalText {
                details.append(l.t(.exportOriginally, markdownText(original)))
            }
            if !record.aliases.isEmpty {
                details.append(l.t(.exportAlsoAsked, record.aliases.map(markdownText).joined(separator: "; ")))
            }
            if !record.labels.isEmpty {
                details.append(l.t(.exportLabels, record.labels.map(markdownText).joined(separator: ", ")))
            }
            if let assignee = record.assignee { details.append(l.t(.exportAssigned, markdownText(assignee))) }
            if let target = record.mergedInto { details.append(l.t(.exportMergedInto, markdownText(target))) }
            details.append(l.t(.exportUpdated, record.updatedAt, markdownText(record.updatedBy)))
            for detail in details { out += "   - \(detail)\n" }
        }
        return out
    }

    /// A status as the Markdown export names it ("approved"; 承認 in Japanese).
    public static func statusWord(_ status: String, _ l: Language) -> String {
        switch QuestionStatus(rawValue: status) {
        case .new: return l.t(.exportNew)
        case .approved: return l.t(.exportApproved)
        case .live: return l.t(.exportLive)
        case .answered: return l.t(.exportAnsweredWord)
        case .dismissed: return l.t(.exportDismissedWord)
        case nil: return status
        }
    }

    /// Escapes Markdown syntax in (already sanitised) text, so a question renders as text.
    static func markdownText(_ text: String) -> String {
        var out = ""
        for character in text {
            if "\\`*_[]<>#|~!".contains(character) { out.append("\\") }
            out.append(character)
        }
        return out
    }

    // MARK: Times

    /// "2019-10-13T19:30:00+09:00" (or "…Z" in UTC).
    public static func timestamp(_ date: Date, _ timeZone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func two(_ value: Int?) -> String { TimeText.twoDigits(value ?? 0) }
        let offset = timeZone.secondsFromGMT(for: date)
        let zone: String
        if offset == 0 {
            zone = "Z"
        } else {
            let minutes = abs(offset) / 60
            zone = (offset < 0 ? "-" : "+") + two(minutes / 60) + ":" + two(minutes % 60)
        }
        return "\(c.year ?? 0)-\(two(c.month))-\(two(c.day))T\(two(c.hour)):\(two(c.minute)):\(two(c.second))"
            + zone
    }
}
