import Foundation
import PodiumText

/// One session of the rundown: planned, actual and projected times.
public struct ScheduleRow: Equatable, Sendable {
    public enum Status: String, Equatable, Sendable {
        /// Started, and before the current one.
        case done
        /// On stage now (running, paused or not started yet).
        case current
        /// Still to come (also one already begun when the host went back before it).
        case upcoming
        /// Passed over without ever being started.
        case skipped
    }

    public var sessionID: String
    public var title: String
    public var speaker: String?
    public var status: Status
    /// Planned start from the event's start time and the planned lengths before (nil without
    /// any start time). For a run hours away from the event's start (a rehearsal) the plan is
    /// counted from the first actual start, so that the drift means something.
    public var plannedStart: Date?
    /// The event's own clock time for this session: `start` plus the planned lengths before,
    /// whatever day and hour the event really ran (the plan from the first actual start
    /// without a start time). What the report calls the planned start.
    public var scheduledStart: Date?
    public var plannedEnd: Date?
    /// Planned length, in seconds.
    public var plannedSeconds: Int
    /// Minutes added or taken by the host, in seconds, as they count: never more taken than
    /// the planned length (so planned + added = allowed).
    public var addedSeconds: Int
    /// Planned plus added, never below zero: the time the timer counted down.
    public var allowedSeconds: Int
    public var actualStart: Date?
    public var actualEnd: Date?
    /// Seconds the timer ran (pauses excluded), at the time of the projection.
    public var actualSeconds: Int?
    /// Where the session starts and ends given what happened so far (actual times for a
    /// session that is done; nil for a skipped one).
    public var projectedStart: Date?
    public var projectedEnd: Date?

    /// Seconds over the planned length (negative: shorter). For a done session what it took;
    /// for the current one what it will take if it ends on its timer (or now, in overtime);
    /// nil for upcoming and skipped sessions.
    public var overrunSeconds: Int?
    /// Whole seconds taken beyond the allowed time (planned plus added), by the rounding rule
    /// of `TimeText`: for a done session what it took minus what it was allowed (negative: it
    /// ended early); for the current one the overtime the timer shows, once it is in overtime
    /// (nil before). The same number as the big digits and the line under them.
    public var overtimeSeconds: Int?
}

/// The whole rundown projected at one moment.
public struct ScheduleProjection: Equatable, Sendable {
    public var rows: [ScheduleRow]
    public var currentIndex: Int?
    /// When the first session was planned to start (nil: no start time and nothing started).
    public var plannedStart: Date?
    public var plannedEnd: Date?
    public var projectedEnd: Date?
    /// Whether the planned times come from the event's start time (false: from the first
    /// actual start, or there are none).
    public var hasEventStartTime: Bool
    /// Projected end minus planned end, in seconds: positive = behind schedule.
    public var driftSeconds: Int
    /// Used to show times of day.
    public var calendar: Calendar
    /// When the host ended the event: every time is an actual one, nothing is forecast.
    public var endedAt: Date?
    /// The event's own planned start (its `start` on the day it ran), when the plan was counted
    /// from the first actual start instead (a run hours away from it); nil otherwise.
    public var rebasedFrom: Date?

    /// Drift in whole minutes as shown: the shown end minus the shown planned end (times of day
    /// are the minute a clock shows, `TimeText.timeOfDay`).
    public var driftMinutes: Int {
        guard let plannedEnd, let projectedEnd else { return 0 }
        let shownEnd = Schedule.minuteStart(projectedEnd)
        return Int((shownEnd.timeIntervalSince(Schedule.minuteStart(plannedEnd)) / 60).rounded())
    }

    /// How far the schedule is off, as a value for views to word; nil without a start time.
    public enum Drift: Equatable, Sendable {
        case onTime
        case behind(minutes: Int)
        case ahead(minutes: Int)
    }

    /// The drift in whole minutes as shown (`driftMinutes`); nil when there is no plan to
    /// measure it against (no start time and nothing started).
    public var drift: Drift? {
        guard plannedEnd != nil, projectedEnd != nil else { return nil }
        let minutes = driftMinutes
        return minutes == 0 ? .onTime : minutes > 0 ? .behind(minutes: minutes) : .ahead(minutes: -minutes)
    }

    /// Whether `projectedEnd` is what happened (the host ended the event), not a forecast.
    public var endIsActual: Bool { endedAt != nil }

    /// When the session after the current one is projected to start (nil: none).
    public var nextStart: Date? {
        guard let currentIndex, currentIndex + 1 < rows.count else { return nil }
        return rows[currentIndex + 1].projectedStart
    }

    /// "7 min behind · ends 21:07 (planned 21:00)", "on time · ends 21:00",
    /// "3 min ahead · ends 20:57 (planned 21:00)", or "no start time". After the end of the
    /// event: "7 min behind · ended 21:07 (planned 21:00)", an actual time, not a forecast.
    public var summaryLine: String { summaryLine(.en) }

    public func summaryLine(_ language: Language) -> String {
        let parts = summaryParts(language)
        return parts.ends.isEmpty ? parts.how : parts.how + " · " + parts.ends + parts.planned
    }

    /// The summary in three pieces, so that a narrow pane can drop the planned end:
    /// "7 min behind", "ends 21:07", " (planned 21:00)"; the last two empty for "no start time".
    public func summaryParts(_ language: Language) -> (how: String, ends: String, planned: String) {
        guard let plannedEnd, let projectedEnd else { return (language.t(.driftNoStart), "", "") }
        let minutes = driftMinutes
        let end = timeOfDay(projectedEnd)
        let ends = language.t(endedAt == nil ? .driftEnds : .driftEnded, end)
        if minutes == 0 { return (language.t(.driftOnTime), ends, "") }
        let how = minutes > 0 ? language.t(.driftBehind, minutes) : language.t(.driftAhead, -minutes)
        return (how, ends, language.t(.driftPlanned, timeOfDay(plannedEnd)))
    }

    /// "HH:MM" in the projection's calendar, or "--:--".
    public func timeOfDay(_ date: Date?) -> String {
        guard let date else { return "--:--" }
        return TimeText.timeOfDay(date, calendar: calendar)
    }
}

/// Projects the rundown from the plan, what really happened and the timer now.
///
/// - After the end of the event (`endedAt`) nothing is projected: every session that started
///   is done with its actual times, the others are skipped, and the end is the actual one.
/// - Planned starts follow from `event.start` ("HH:MM") on the event's day and the planned
///   lengths. The day is the one (of three around it) nearest to the first actual start, else
///   the event's `date` ("YYYY-MM-DD"), else `now`. Without a start time the plan begins at the
///   first actual start.
/// - A session before the current one is done (it keeps its actual times) or skipped (never
///   started). The current one ends when its timer runs out, or now if it is in overtime (so
///   overtime pushes everything after it). Every later session starts when the one before ends
///   (`max(now, end)`) and lasts its planned length plus any time added, less what it already
///   ran (after the host went back). A session that ran short pulls the rest earlier only once
///   the host moves on.
public enum Schedule {
    /// A first start this far from the planned start is taken as a rehearsal.
    public static let rehearsalGap: TimeInterval = 3 * 3600

    public static func project(_ state: PodiumState, now: Date, calendar: Calendar) -> ScheduleProjection {
        let sessions = state.event.sessions
        let endedAt = state.endedAt
        // After the end, timers are read at the end: nothing runs on.
        let now = endedAt.map { min(now, $0) } ?? now
        let currentIndex = endedAt == nil ? state.currentSessionIndex : nil
        let firstActualStart = sessions.compactMap { state.timers[$0.id]?.actualStart }.min()

        // The plan.
        var planBase: Date? = nil
        var scheduledBase: Date? = nil
        var hasStartTime = false
        if let text = state.event.start, let minutes = EventFile.parseTimeOfDay(text) {
            // The event's date counts only when it is about today: the bundled examples carry
            // the dates of past events, and a plan years away helps nobody.
            let dated = eventDate(state.event.date, calendar: calendar)
                .map { $0.addingTimeInterval(Double(minutes * 60)) }
                .flatMap { abs($0.timeIntervalSince(now)) < 36 * 3600 ? $0 : nil }
            let anchor = firstActualStart ?? dated ?? now
            planBase = nearestTimeOfDay(minutes: minutes, to: anchor, calendar: calendar)
            // Nothing started, no date, and the nearest start long past (04:40 for a 19:00
            // event): the host is preparing the next one, not 580 minutes late for the last.
            if firstActualStart == nil, dated == nil, let base = planBase,
               now.timeIntervalSince(base) > Schedule.rehearsalGap {
                planBase = calendar.date(byAdding: .day, value: 1, to: base)
            }
            scheduledBase = planBase
            // A run hours away from the planned start is a rehearsal: plan from its real start
            // (or from now, while nothing has started and the dated start is long past).
            if let first = firstActualStart, let base = planBase,
               abs(first.timeIntervalSince(base)) > Schedule.rehearsalGap {
                planBase = first
            } else if firstActualStart == nil, let base = planBase, now.timeIntervalSince(base) > Schedule.rehearsalGap {
                planBase = now
            }
            hasStartTime = true
        } else if let firstActualStart {
            // Base the plan on the first session actually started, at its planned offset.
            let firstIndex = sessions.firstIndex { state.timers[$0.id]?.actualStart == firstActualStart } ?? 0
            let offset = sessions[..<firstIndex].reduce(0) { $0 + $1.plannedSeconds }
            planBase = firstActualStart.addingTimeInterval(-Double(offset))
            scheduledBase = planBase
        }

        var rows: [ScheduleRow] = []
        var plannedCursor = planBase
        var scheduledCursor = scheduledBase
        // End of the previous session as projected, for chaining.
        var previousEnd: Date? = nil
        for (index, session) in sessions.enumerated() {
            let timer = state.timer(for: session.id)
            let allowedSeconds = timer.allowedSeconds(planned: session.plannedSeconds)
            let used = TimeText.wholeSeconds(timer.elapsed(at: now))
            var row = ScheduleRow(
                sessionID: session.id, title: session.title, speaker: session.speaker,
                status: .upcoming, plannedStart: plannedCursor, scheduledStart: scheduledCursor,
                plannedEnd: plannedCursor?.addingTimeInterval(Double(session.plannedSeconds)),
                plannedSeconds: session.plannedSeconds,
                addedSeconds: allowedSeconds - session.plannedSeconds, allowedSeconds: allowedSeconds,
                actualStart: timer.actualStart, actualEnd: timer.actualEnd,
                actualSeconds: timer.actualStart == nil && timer.status == .idle ? nil : used,
                projectedStart: nil, projectedEnd: nil, overrunSeconds: nil, overtimeSeconds: nil)
            plannedCursor = row.plannedEnd
            scheduledCursor = scheduledCursor?.addingTimeInterval(Double(session.plannedSeconds))

            let allowed = Double(allowedSeconds)
            if let endedAt {
                // The event is over: what happened, nothing more.
                if let start = timer.actualStart {
                    row.status = .done
                    row.projectedStart = start
                    row.projectedEnd = timer.actualEnd.map { min($0, endedAt) }
                        ?? start.addingTimeInterval(timer.elapsed(at: now))
                    row.actualEnd = row.projectedEnd
                    row.overrunSeconds = used - session.plannedSeconds
                    row.overtimeSeconds = used - allowedSeconds
                } else {
                    row.status = .skipped
                }
            } else if index == currentIndex {
                row.status = .current
                if timer.status == .idle {
                    // Not started: it starts now, or at its planned time if that is later and
                    // nothing has happened yet.
                    var start = max(now, previousEnd ?? now)
                    if firstActualStart == nil, let planned = row.plannedStart { start = max(start, planned) }
                    row.projectedStart = start
                    row.projectedEnd = start.addingTimeInterval(max(0, allowed))
                    row.actualSeconds = nil
                } else {
                    let remaining = allowed - timer.elapsed(at: now)
                    row.projectedStart = timer.actualStart ?? now
                    row.projectedEnd = now.addingTimeInterval(max(0, remaining))
                    // If it ends on its timer, or now when in overtime.
                    row.overrunSeconds = max(allowedSeconds, used) - session.plannedSeconds
                    if used >= allowedSeconds { row.overtimeSeconds = used - allowedSeconds }
                }
                previousEnd = row.projectedEnd
            } else if let start = timer.actualStart, currentIndex.map({ index < $0 }) ?? true {
                // Done: it happened before the session on stage now.
                row.status = .done
                row.projectedStart = start
                let took = timer.elapsed(at: now)
                let end = timer.actualEnd ?? start.addingTimeInterval(took)
                row.projectedEnd = end
                row.overrunSeconds = used - session.plannedSeconds
                row.overtimeSeconds = used - allowedSeconds
                previousEnd = max(previousEnd ?? end, end)
            } else if let currentIndex, index < currentIndex {
                row.status = .skipped
            } else {
                // Still to come. One already begun (the host went back) needs only what is
                // left of its time.
                row.status = .upcoming
                let start = max(now, previousEnd ?? row.plannedStart ?? now)
                row.projectedStart = start
                row.projectedEnd = start.addingTimeInterval(max(0, allowed - timer.elapsed(at: now)))
                previousEnd = row.projectedEnd
            }
            rows.append(row)
        }

        let plannedEnd = plannedCursor
        var projectedEnd = rows.compactMap(\.projectedEnd).max()
        if let endedAt, projectedEnd == nil { projectedEnd = endedAt }
        var drift = 0
        if let plannedEnd, let projectedEnd {
            drift = TimeText.wholeSeconds(projectedEnd.timeIntervalSince(plannedEnd))
        }
        return ScheduleProjection(
            rows: rows, currentIndex: currentIndex, plannedStart: planBase,
            plannedEnd: planBase == nil ? nil : plannedEnd,
            projectedEnd: planBase == nil ? nil : projectedEnd,
            hasEventStartTime: hasStartTime, driftSeconds: drift, calendar: calendar,
            endedAt: endedAt,
            rebasedFrom: hasStartTime && scheduledBase != planBase ? scheduledBase : nil)
    }

    // MARK: Time helpers

    /// The start of the minute a clock shows for `date` (as `TimeText.timeOfDay`).
    static func minuteStart(_ date: Date) -> Date {
        Date(timeIntervalSince1970: (date.timeIntervalSince1970 / 60).rounded(.down) * 60)
    }

    /// Midnight of "YYYY-MM-DD" (or "YYYY/MM/DD") in the calendar's time zone.
    static func eventDate(_ text: String?, calendar: Calendar) -> Date? {
        guard let text else { return nil }
        let parts = text.split { !$0.isNumber }.compactMap { Int($0) }
        guard parts.count >= 3, parts[0] > 1900 else { return nil }
        return calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2]))
    }

    /// The time of day `minutes` after midnight on the day before, of, or after `anchor`,
    /// whichever is nearest to it.
    static func nearestTimeOfDay(minutes: Int, to anchor: Date, calendar: Calendar) -> Date? {
        let midnight = calendar.startOfDay(for: anchor)
        let candidates = [-1, 0, 1].compactMap { days -> Date? in
            guard let day = calendar.date(byAdding: .day, value: days, to: midnight) else { return nil }
            return calendar.date(byAdding: .minute, value: minutes, to: day)
        }
        return candidates.min { abs($0.timeIntervalSince(anchor)) < abs($1.timeIntervalSince(anchor)) }
    }
}
