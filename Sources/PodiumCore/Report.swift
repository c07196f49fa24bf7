import Foundation
import PodiumText

/// The event as it really happened: `podium report`, in Markdown (for a blog post or an event
/// page) or CSV. Pure: the state, the time of the report and a calendar (time zone) go in, text
/// comes out. Every piece of text from the state is sanitised, so no control byte reaches the
/// output.
public enum Report {
    /// One session's line of the report.
    public struct Line: Equatable, Sendable {
        public var number: Int
        public var sessionID: String
        public var title: String
        public var speaker: String
        public var status: ScheduleRow.Status
        /// "HH:MM" or "" when unknown.
        public var plannedStart: String
        public var actualStart: String
        public var actualEnd: String
        /// "m:ss" / "h:mm:ss"; actual is "" for a session never started.
        public var plannedLength: String
        public var actualLength: String
        /// "+m:ss" / "-m:ss" against the planned length, "" for a session never started.
        public var overrun: String
        public var asked: Int
        public var answered: Int
        public var dismissed: Int
    }

    /// The per-session lines, in rundown order (a last line "(no session)" holds questions of
    /// no known session, if any).
    public static func lines(_ state: PodiumState, now: Date? = nil, calendar: Calendar) -> [Line] {
        let now = now ?? state.updatedAt
        let projection = Schedule.project(state, now: now, calendar: calendar)
        let known = Set(state.event.sessions.map(\.id))
        var lines: [Line] = []
        for (index, row) in projection.rows.enumerated() {
            let counts = questionCounts(state) { $0 == row.sessionID }
            let started = row.actualStart != nil
            lines.append(Line(
                number: index + 1, sessionID: Sanitizer.line(row.sessionID),
                title: Sanitizer.line(row.title), speaker: Sanitizer.line(row.speaker ?? ""),
                status: row.status,
                plannedStart: row.plannedStart.map { projection.timeOfDay($0) } ?? "",
                actualStart: row.actualStart.map { projection.timeOfDay($0) } ?? "",
                actualEnd: row.actualEnd.map { projection.timeOfDay($0) } ?? "",
                plannedLength: TimeText.clock(row.plannedSeconds),
                actualLength: started ? TimeText.clock(row.actualSeconds ?? 0) : "",
                overrun: started ? signedClock((row.actualSeconds ?? 0) - row.plannedSeconds) : "",
                asked: counts.asked, answered: counts.answered, dismissed: counts.dismissed))
        }
        let orphan = questionCounts(state) { $0.map { !known.contains($0) } ?? true }
        if orphan.asked > 0 {
            lines.append(Line(
                number: lines.count + 1, sessionID: "", title: "(no session)", speaker: "",
                status: .skipped, plannedStart: "", actualStart: "", actualEnd: "",
                plannedLength: "", actualLength: "", overrun: "",
                asked: orphan.asked, answered: orphan.answered, dismissed: orphan.dismissed))
        }
        return lines
    }

    /// The report in Markdown: a header (title, date, venue, planned start), a table of the
    /// sessions, the total drift and the question totals.
    public static func markdown(_ state: PodiumState, now: Date? = nil, calendar: Calendar) -> String {
        let now = now ?? state.updatedAt
        let projection = Schedule.project(state, now: now, calendar: calendar)
        let rows = lines(state, now: now, calendar: calendar)
        var out = "# " + markdownText(state.event.title) + "\n\n"
        var facts: [String] = []
        if let date = state.event.date, !date.isEmpty { facts.append("Date: " + markdownText(date)) }
        if let venue = state.event.venue, !venue.isEmpty { facts.append("Venue: " + markdownText(venue)) }
        if let start = state.event.start, !start.isEmpty {
            facts.append("Planned start: " + markdownText(start))
        }
        if !facts.isEmpty { out += facts.joined(separator: " · ") + "\n\n" }

        out += "| # | Session | Speaker | Planned start | Actual start | Planned | Actual | Overrun | Asked | Answered | Dismissed |\n"
        out += "|---:|---|---|---|---|---:|---:|---:|---:|---:|---:|\n"
        for line in rows {
            let actualStart = line.status == .skipped && line.sessionID != "" ? "skipped" : line.actualStart
            let cells = [
                "\(line.number)", markdownCell(line.title), markdownCell(line.speaker),
                line.plannedStart, actualStart, line.plannedLength, line.actualLength, line.overrun,
                "\(line.asked)", "\(line.answered)", "\(line.dismissed)",
            ]
            out += "| " + cells.joined(separator: " | ") + " |\n"
        }
        out += "\n"
        out += "**Total drift:** " + driftText(projection) + "\n\n"
        let totals = questionCounts(state) { _ in true }
        out += "**Questions:** \(totals.asked) asked, \(totals.answered) answered, \(totals.dismissed) dismissed"
        if totals.merged > 0 { out += " (\(totals.merged) duplicates merged)" }
        out += "\n"
        return out
    }

    /// The report as CSV (RFC 4180, CR LF line ends): a header record, one record per session,
    /// and a last "total" record whose overrun is the event's drift.
    public static func csv(_ state: PodiumState, now: Date? = nil, calendar: Calendar) -> String {
        let now = now ?? state.updatedAt
        let projection = Schedule.project(state, now: now, calendar: calendar)
        let rows = lines(state, now: now, calendar: calendar)
        var out = Sanitizer.csvRow([
            "number", "session_id", "title", "speaker", "status", "planned_start", "actual_start",
            "actual_end", "planned_length", "actual_length", "overrun", "asked", "answered",
            "dismissed",
        ])
        for line in rows {
            // Our own values ("-1:30") are not formulas: quote them without the ' prefix.
            out += [
                "\(line.number)", Sanitizer.csvCell(line.sessionID), Sanitizer.csvCell(line.title),
                Sanitizer.csvCell(line.speaker), line.sessionID.isEmpty ? "" : line.status.rawValue,
                line.plannedStart, line.actualStart, line.actualEnd, line.plannedLength,
                line.actualLength, quotedValue(line.overrun),
                "\(line.asked)", "\(line.answered)", "\(line.dismissed)",
            ].joined(separator: ",") + "\r\n"
        }
        let totals = questionCounts(state) { _ in true }
        let drift = projection.plannedEnd == nil ? "" : signedClock(projection.driftSeconds)
        out += [
            "", "", "total", "", "", projection.timeOfDayOrEmpty(projection.plannedStart),
            projection.timeOfDayOrEmpty(projection.rows.compactMap(\.actualStart).min()),
            projection.timeOfDayOrEmpty(projection.projectedEnd), "", "", quotedValue(drift),
            "\(totals.asked)", "\(totals.answered)", "\(totals.dismissed)",
        ].joined(separator: ",") + "\r\n"
        return out
    }

    /// "+2:30", "-0:45", "+0:00".
    public static func signedClock(_ seconds: Int) -> String {
        (seconds < 0 ? "-" : "+") + TimeText.clock(seconds)
    }

    // MARK: Helpers

    /// The drift for the report: "7 min behind · ends 21:07 (planned 21:00)" while the event
    /// runs, "ended 21:07, 7 min behind (planned 21:00)" once the last session is done.
    static func driftText(_ projection: ScheduleProjection) -> String {
        guard projection.plannedEnd != nil, projection.projectedEnd != nil else {
            return "no start time"
        }
        let allDone = !projection.rows.isEmpty
            && projection.rows.allSatisfy { $0.status == .done || $0.status == .skipped }
        var text = projection.summaryLine
        if allDone { text = text.replacingOccurrences(of: "· ends", with: "· ended") }
        return text + " (" + signedClock(projection.driftSeconds) + ")"
    }

    struct Counts {
        var asked = 0, answered = 0, dismissed = 0, merged = 0
    }

    /// Questions of the sessions matched: asked counts distinct questions (merged duplicates
    /// are counted in `merged`, not twice).
    static func questionCounts(_ state: PodiumState, session matches: (String?) -> Bool) -> Counts {
        var counts = Counts()
        for question in state.questions where matches(question.sessionID) {
            if question.mergedInto != nil {
                counts.merged += 1
                continue
            }
            counts.asked += 1
            if question.status == .answered { counts.answered += 1 }
            if question.status == .dismissed { counts.dismissed += 1 }
        }
        return counts
    }

    /// Text for Markdown prose: one line, sanitised.
    static func markdownText(_ text: String) -> String {
        Sanitizer.line(text)
    }

    /// Text for a Markdown table cell: one line, sanitised, `|` and `\` escaped.
    static func markdownCell(_ text: String) -> String {
        Sanitizer.line(text)
            .replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "|", with: "\\|")
    }

    /// A value of our own in a CSV cell: quoted only when needed (never with the ' prefix).
    static func quotedValue(_ value: String) -> String {
        value.contains(where: { $0 == "," || $0 == "\"" }) ? "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : value
    }
}

extension ScheduleProjection {
    func timeOfDayOrEmpty(_ date: Date?) -> String {
        date.map { timeOfDay($0) } ?? ""
    }
}
