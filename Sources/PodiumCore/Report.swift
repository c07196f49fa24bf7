import Foundation
import PodiumText

/// The event as it really happened: `podium report`, in Markdown (for a blog post or an event
/// page), CSV or JSON (for scripts). Pure: the state, the time of the report and a calendar
/// (time zone) go in, text comes out. Every piece of text from the state is sanitised, so no
/// control byte reaches the output. Durations follow the one rounding rule of `TimeText`, the
/// same as the screens: "Over" is what the timer showed as overtime.
public enum Report {
    /// One session's line of the report.
    public struct Line: Equatable, Sendable {
        public var number: Int
        public var sessionID: String
        public var title: String
        public var speaker: String
        public var status: ScheduleRow.Status
        /// "HH:MM": the event's own clock time (its start plus the planned lengths before),
        /// whatever day the event ran; "" without a start time.
        public var plannedStart: String
        public var actualStart: String
        public var actualEnd: String
        /// "m:ss" / "h:mm:ss"; actual is "" for a session never started.
        public var plannedLength: String
        public var actualLength: String
        /// Time the host added or took: "+2:00", "-1:00", "" when none.
        public var added: String
        /// "+m:ss" / "-m:ss" against the planned length, "" for a session never started.
        public var overrun: String
        /// "+m:ss" / "-m:ss" against the allowed time (planned plus added): the overtime the
        /// timer showed; "" for a session never started, or on stage and not in overtime.
        public var over: String
        public var asked: Int
        public var answered: Int
        public var dismissed: Int
        /// Duplicates merged into the questions asked (not counted in `asked`).
        public var merged: Int
        /// Messages sent to the speaker during this session.
        public var messages: [SpeakerMessage]
        /// The row it comes from (seconds, dates), for the JSON report.
        public var row: ScheduleRow?
    }

    /// The per-session lines, in rundown order (a last line "(no session)" holds questions of
    /// no known session, if any).
    public static func lines(_ state: PodiumState, now: Date? = nil, calendar: Calendar) -> [Line] {
        let now = now ?? state.updatedAt
        return lines(state, projection: Schedule.project(state, now: now, calendar: calendar))
    }

    static func lines(_ state: PodiumState, projection: ScheduleProjection) -> [Line] {
        let known = Set(state.event.sessions.map(\.id))
        var lines: [Line] = []
        for (index, row) in projection.rows.enumerated() {
            let counts = questionCounts(state) { $0 == row.sessionID }
            let started = row.actualSeconds != nil
            lines.append(Line(
                number: index + 1, sessionID: Sanitizer.line(row.sessionID),
                title: Sanitizer.line(row.title), speaker: Sanitizer.line(row.speaker ?? ""),
                status: row.status,
                plannedStart: row.scheduledStart.map { projection.timeOfDay($0) } ?? "",
                actualStart: row.actualStart.map { projection.timeOfDay($0) } ?? "",
                actualEnd: row.actualEnd.map { projection.timeOfDay($0) } ?? "",
                plannedLength: TimeText.clock(row.plannedSeconds),
                actualLength: started ? TimeText.clock(row.actualSeconds ?? 0) : "",
                added: row.addedSeconds == 0 ? "" : TimeText.signedClock(row.addedSeconds),
                overrun: started ? TimeText.signedClock((row.actualSeconds ?? 0) - row.plannedSeconds) : "",
                over: row.overtimeSeconds.map(TimeText.signedClock) ?? "",
                asked: counts.asked, answered: counts.answered, dismissed: counts.dismissed,
                merged: counts.merged, messages: state.messageLog.filter { $0.sessionID == row.sessionID }, row: row))
        }
        let orphan = questionCounts(state) { $0.map { !known.contains($0) } ?? true }
        if orphan.asked > 0 {
            lines.append(Line(
                number: lines.count + 1, sessionID: "", title: "(no session)", speaker: "",
                status: .skipped, plannedStart: "", actualStart: "", actualEnd: "",
                plannedLength: "", actualLength: "", added: "", overrun: "", over: "",
                asked: orphan.asked, answered: orphan.answered, dismissed: orphan.dismissed,
                merged: orphan.merged, messages: [], row: nil))
        }
        return lines
    }

    /// The report in Markdown: a header (title, date, venue, planned start), a table of the
    /// sessions, the total drift, the question totals and the messages sent to the speaker.
    public static func markdown(_ state: PodiumState, now: Date? = nil, calendar: Calendar, language l: Language = .en) -> String {
        let now = now ?? state.updatedAt
        let projection = Schedule.project(state, now: now, calendar: calendar)
        let rows = lines(state, projection: projection)
        var out = "# " + markdownText(state.event.title) + "\n\n"
        var facts: [String] = []
        if let date = state.event.date, !date.isEmpty { facts.append(l.t(.reportDate, markdownText(date))) }
        if let venue = state.event.venue, !venue.isEmpty { facts.append(l.t(.reportVenue, markdownText(venue))) }
        if let start = state.event.start, !start.isEmpty {
            facts.append(l.t(.reportPlannedStart, markdownText(start)))
        }
        if let endedAt = state.endedAt { facts.append(l.t(.reportEnded, projection.timeOfDay(endedAt))) }
        if !facts.isEmpty { out += facts.joined(separator: " · ") + "\n\n" }

        out += l.t(.reportHeader) + "\n"
        out += "|---:|---|---|---|---|---:|---:|---:|---:|---:|---:|---:|\n"
        for line in rows {
            let actualStart = line.status == .skipped && line.sessionID != "" ? l.t(.skipped) : line.actualStart
            let cells = [
                "\(line.number)", markdownCell(line.sessionID.isEmpty ? l.t(.noSession) : line.title), markdownCell(line.speaker),
                line.plannedStart, actualStart, line.plannedLength, line.added, line.actualLength,
                line.over, "\(line.asked)", "\(line.answered)", "\(line.dismissed)",
            ]
            out += "| " + cells.joined(separator: " | ") + " |\n"
        }
        out += "\n"
        out += l.t(.reportOverLegend) + "\n\n"
        out += l.t(.reportTotalDrift, driftText(projection, language: l)) + "\n\n"
        let totals = questionCounts(state) { _ in true }
        out += l.t(.reportQuestions, totals.asked, totals.answered, totals.dismissed)
        if totals.merged > 0 { out += l.t(.reportMerged, totals.merged) }
        out += "\n"
        let known = Set(state.event.sessions.map(\.id))
        let eventWide = state.messageLog.filter { $0.sessionID.map { !known.contains($0) } ?? true }
        if !state.messageLog.isEmpty {
            out += "\n## " + l.t(.reportMessages) + "\n\n"
            for line in rows where !line.messages.isEmpty {
                out += "- " + markdownText(line.title) + ": " + messageList(line.messages, projection) + "\n"
            }
            if !eventWide.isEmpty {
                out += "- " + l.t(.reportWholeEvent) + ": " + messageList(eventWide, projection) + "\n"
            }
        }
        return out
    }

    /// The report as CSV (RFC 4180, CR LF line ends): a header record, one record per session,
    /// and a last "total" record whose overrun is the event's drift.
    public static func csv(_ state: PodiumState, now: Date? = nil, calendar: Calendar, language l: Language = .en) -> String {
        let now = now ?? state.updatedAt
        let projection = Schedule.project(state, now: now, calendar: calendar)
        let rows = lines(state, projection: projection)
        var out = Sanitizer.csvRow([
            "number", "session_id", "title", "speaker", "status", "planned_start", "actual_start",
            "actual_end", "planned_length", "added", "actual_length", "overrun", "over", "asked",
            "answered", "dismissed", "messages",
        ])
        for line in rows {
            // Our own values ("-1:30") are not formulas: quote them without the ' prefix.
            out += Sanitizer.csvRecord([
                "\(line.number)", Sanitizer.csvCell(line.sessionID), Sanitizer.csvCell(line.sessionID.isEmpty ? l.t(.noSession) : line.title),
                Sanitizer.csvCell(line.speaker), line.sessionID.isEmpty ? "" : line.status.rawValue,
                line.plannedStart, line.actualStart, line.actualEnd, line.plannedLength,
                Sanitizer.csvValue(line.added), line.actualLength, Sanitizer.csvValue(line.overrun),
                Sanitizer.csvValue(line.over), "\(line.asked)", "\(line.answered)", "\(line.dismissed)",
                "\(line.messages.count)",
            ])
        }
        let totals = questionCounts(state) { _ in true }
        let drift = projection.plannedEnd == nil ? "" : TimeText.signedClock(projection.driftSeconds)
        out += Sanitizer.csvRecord([
            "", "", l.t(.reportTotal), "", state.endedAt == nil ? "" : l.t(.reportEndedWord),
            projection.timeOfDayOrEmpty(projection.rows.first?.scheduledStart),
            projection.timeOfDayOrEmpty(projection.rows.compactMap(\.actualStart).min()),
            projection.timeOfDayOrEmpty(projection.projectedEnd), "", "", "", Sanitizer.csvValue(drift), "",
            "\(totals.asked)", "\(totals.answered)", "\(totals.dismissed)", "\(state.messageLog.count)",
        ])
        return out
    }

    /// "+2:30", "-0:45", "+0:00".
    public static func signedClock(_ seconds: Int) -> String {
        TimeText.signedClock(seconds)
    }

    /// The report as JSON for scripts: fixed English keys (never translated), whole seconds
    /// for durations, ISO 8601 times with their offset for what happened, "HH:MM" for the
    /// event's own planned clock times. The fields are listed in the README.
    public static func json(_ state: PodiumState, now: Date? = nil, calendar: Calendar) -> String {
        let now = now ?? state.updatedAt
        let projection = Schedule.project(state, now: now, calendar: calendar)
        let rows = lines(state, projection: projection)
        let zone = calendar.timeZone
        func stamp(_ date: Date?) -> String? { date.map { QuestionExport.timestamp($0, zone) } }
        func messages(_ list: [SpeakerMessage]) -> [ReportJSON.Message] {
            list.map { ReportJSON.Message(text: Sanitizer.line($0.text), sentBy: Sanitizer.line($0.sentBy), sentAt: QuestionExport.timestamp($0.sentAt, zone), session: Nullable($0.sessionID.map(Sanitizer.line))) }
        }
        let totals = questionCounts(state) { _ in true }
        let document = ReportJSON(
            event: .init(
                title: Sanitizer.line(state.event.title), date: Nullable(state.event.date.map(Sanitizer.line)),
                venue: Nullable(state.event.venue.map(Sanitizer.line)), plannedStart: Nullable(state.event.start.map(Sanitizer.line))),
            generatedAt: QuestionExport.timestamp(now, zone),
            ended: state.endedAt != nil, endedAt: Nullable(stamp(state.endedAt)),
            sessions: rows.compactMap { line in
                guard let row = line.row else { return nil }
                return ReportJSON.Session(
                    number: line.number, id: line.sessionID, title: line.title,
                    speaker: Nullable(line.speaker.isEmpty ? nil : line.speaker), status: row.status.rawValue,
                    plannedStart: Nullable(line.plannedStart.isEmpty ? nil : line.plannedStart),
                    actualStart: Nullable(stamp(row.actualStart)), actualEnd: Nullable(stamp(row.actualEnd)),
                    plannedSeconds: row.plannedSeconds, addedSeconds: row.addedSeconds,
                    allowedSeconds: row.allowedSeconds, actualSeconds: Nullable(row.actualSeconds),
                    overrunSeconds: Nullable(row.actualSeconds.map { $0 - row.plannedSeconds }),
                    overSeconds: Nullable(row.overtimeSeconds),
                    questions: .init(asked: line.asked, answered: line.answered, dismissed: line.dismissed, merged: line.merged),
                    messages: messages(line.messages))
            },
            unassignedQuestions: Nullable(rows.first { $0.row == nil }.map {
                .init(asked: $0.asked, answered: $0.answered, dismissed: $0.dismissed, merged: $0.merged)
            }),
            schedule: .init(
                plannedStart: Nullable(projection.plannedStart.map { projection.timeOfDay($0) }),
                plannedEnd: Nullable(projection.plannedEnd.map { projection.timeOfDay($0) }),
                actualStart: Nullable(stamp(projection.rows.compactMap(\.actualStart).min())),
                end: Nullable(stamp(projection.projectedEnd)), endIsActual: state.endedAt != nil,
                driftSeconds: Nullable(projection.plannedEnd == nil ? nil : projection.driftSeconds),
                timedFromFirstStart: projection.rebasedFrom != nil),
            questions: .init(asked: totals.asked, answered: totals.answered, dismissed: totals.dismissed, merged: totals.merged),
            messages: messages(state.messageLog))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(document) else { return "{}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    // MARK: Helpers

    /// The drift for the report: "7 min behind · ends 21:07 (planned 21:00)" while the event
    /// runs, "7 min behind · ended 21:07 (planned 21:00)" once it is over. A run hours away
    /// from the planned start is timed from its first start, and says so.
    static func driftText(_ projection: ScheduleProjection, language: Language = .en) -> String {
        guard projection.plannedEnd != nil, projection.projectedEnd != nil else {
            return language.t(.driftNoStart)
        }
        let allDone = !projection.rows.isEmpty
            && projection.rows.allSatisfy { $0.status == .done || $0.status == .skipped }
        var parts = projection.summaryParts(language)
        if allDone, let end = projection.projectedEnd { parts.ends = language.t(.driftEnded, projection.timeOfDay(end)) }
        var text = parts.how + " · " + parts.ends + parts.planned
        text += " (" + signedClock(projection.driftSeconds) + ")"
        if projection.rebasedFrom != nil, let start = projection.plannedStart {
            text += language.t(.reportTimedFromFirst, projection.timeOfDay(start))
        }
        return text
    }

    /// "19:42 Please wrap up (host:ken@laptop); 19:50 …"
    static func messageList(_ messages: [SpeakerMessage], _ projection: ScheduleProjection) -> String {
        messages.map {
            projection.timeOfDay($0.sentAt) + " " + markdownCell($0.text) + " (" + markdownCell($0.sentBy) + ")"
        }.joined(separator: "; ")
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

}

extension ScheduleProjection {
    func timeOfDayOrEmpty(_ date: Date?) -> String {
        date.map { timeOfDay($0) } ?? ""
    }
}

/// The document `podium report --format json` prints. Keys are fixed English names for
/// scripts; they are never translated.
struct ReportJSON: Encodable {
    struct EventInfo: Encodable {
        var title: String
        var date: Nullable<String>
        var venue: Nullable<String>
        var plannedStart: Nullable<String>
    }

    struct Counts: Encodable {
        var asked: Int
        var answered: Int
        var dismissed: Int
        var merged: Int
    }

    struct Message: Encodable {
        var text: String
        var sentBy: String
        var sentAt: String
        var session: Nullable<String>
    }

    struct Session: Encodable {
        var number: Int
        var id: String
        var title: String
        var speaker: Nullable<String>
        var status: String
        var plannedStart: Nullable<String>
        var actualStart: Nullable<String>
        var actualEnd: Nullable<String>
        var plannedSeconds: Int
        var addedSeconds: Int
        var allowedSeconds: Int
        var actualSeconds: Nullable<Int>
        var overrunSeconds: Nullable<Int>
        var overSeconds: Nullable<Int>
        var questions: Counts
        var messages: [Message]
    }

    struct Schedule: Encodable {
        var plannedStart: Nullable<String>
        var plannedEnd: Nullable<String>
        var actualStart: Nullable<String>
        var end: Nullable<String>
        var endIsActual: Bool
        var driftSeconds: Nullable<Int>
        var timedFromFirstStart: Bool
    }

    var event: EventInfo
    var generatedAt: String
    var ended: Bool
    var endedAt: Nullable<String>
    var sessions: [Session]
    var unassignedQuestions: Nullable<Counts>
    var schedule: Schedule
    var questions: Counts
    var messages: [Message]
}

/// An optional written as `null` when absent (the synthesized encoding leaves the key out):
/// every key is in every report.
struct Nullable<Wrapped: Encodable>: Encodable {
    var value: Wrapped?

    init(_ value: Wrapped?) { self.value = value }

    func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        if let value { try container.encode(value) } else { try container.encodeNil() }
    }
}
