import Foundation
import PodiumCore
import PodiumText

/// The Timer pane: event, session, remaining time, progress, time of day, next session, drift.
public enum TimerPane {
    public static func phaseStyle(_ phase: TimerPhase, bold: Bool = true) -> Style {
        switch phase {
        case .idle: return Style(.dim, bold: bold)
        case .normal: return Style(.good, bold: bold)
        case .warning: return Style(.warning, bold: bold)
        case .danger: return Style(.danger, bold: bold)
        case .overtime: return Style(.danger, bold: bold, blink: true)
        }
    }

    static func statusWord(_ reading: TimerReading, ended: Bool = false, language: Language = .en) -> String {
        if ended { return language.t(.wordEnded) }
        switch (reading.status, reading.phase) {
        case (.idle, _): return language.t(.wordReady)
        case (.paused, _): return language.t(.wordPaused)
        case (.running, .overtime): return language.t(.wordOvertime)
        case (.running, _): return language.t(.wordLeft)
        }
    }

    static func timeOfDay(_ now: Date, _ timeZone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return TimeText.timeOfDay(now, calendar: calendar)
    }

    /// The drift: "7 min behind", "ends 21:07", " (planned 21:00)" (`Schedule.summaryParts`).
    static func driftParts(_ model: ConsoleModel, now: Date) -> (how: String, ends: String, planned: String) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = model.timeZone
        return Schedule.project(model.shared, now: now, calendar: calendar).summaryParts(model.language)
    }

    /// The clock and the drift on one line of `width` cells, dropping first the planned end,
    /// then the clock, so that the drift itself always shows; the next session follows when
    /// the whole drift fits.
    static func clockAndDrift(
        clock: String, drift: (how: String, ends: String, planned: String), next: String?, width: Int,
        language: Language = .en
    ) -> String {
        let (how, ends, planned) = drift
        let summary = ends.isEmpty ? how : how + " · " + ends + planned
        let full = clock + " · " + summary
        if DisplayWidth.cells(of: full) <= width {
            return next.map { full + " · " + language.t(.nextPrefix, $0) } ?? full
        }
        let short = ends.isEmpty ? how : how + " · " + ends
        for candidate in [clock + " · " + short, short] where DisplayWidth.cells(of: candidate) <= width {
            return candidate
        }
        return how
    }

    /// "msg: Please wrap up (0:42 ago)": the message as its sender sees it.
    static func messageLine(_ message: SpeakerMessage, now: Date, language: Language = .en) -> String {
        let age = Int(now.timeIntervalSince(message.sentAt).rounded(.down))
        return language.t(.messageLine, Sanitizer.line(message.text), TimeText.clock(max(0, age)))
    }

    public static func draw(_ model: ConsoleModel, now: Date, rect: Rect, compact: Bool, into screen: inout Screen) {
        let state = model.shared
        let reading = state.reading(at: now)
        let ended = state.endedAt != nil
        let style = phaseStyle(reading.phase)
        let time = TimeText.reading(reading)
        let index = (state.currentSessionIndex ?? 0) + 1
        let session = state.currentSession
        let clock = timeOfDay(now, model.timeZone)
        // The event's title rides in the border: every row inside is worth a digit.
        let l = model.language
        screen.box(rect, title: l.t(.timerTitle, state.event.title))
        let inner = rect.inner
        guard inner.width > 4, inner.height > 0 else { return }
        let x = inner.x
        let w = inner.width

        if compact {
            // Line 1: time, status, session. Line 2: clock, drift, next.
            // A message to the speaker comes before the session: its sender watches its age.
            var used = screen.put(time, x: x, y: inner.y, style: style)
            used += screen.put(" " + statusWord(reading, ended: ended, language: l) + " ", x: x + used, y: inner.y, maxWidth: w - used, style: style)
            if let message = state.message, used < w {
                used += screen.put(messageLine(message, now: now, language: l) + " ", x: x + used, y: inner.y, maxWidth: w - used, style: Style(.warning, bold: true))
            }
            if used < w {
                screen.put("\(index)/\(state.event.sessions.count) " + (session?.title ?? ""), x: x + used, y: inner.y, maxWidth: w - used, style: Style(.normal, bold: true))
            }
            if inner.height >= 2 {
                let line = clockAndDrift(
                    clock: clock, drift: driftParts(model, now: now), next: state.nextSession?.title, width: w,
                    language: l)
                screen.put(line, x: x, y: inner.y + 1, maxWidth: w, style: Style(.accent))
            }
            return
        }

        var y = inner.y
        let bottom = inner.maxY
        func line(_ text: String, _ style: Style = .normal) {
            guard y < bottom else { return }
            screen.put(text, x: x, y: y, maxWidth: w, style: style)
            y += 1
        }
        line("\(index)/\(state.event.sessions.count) " + (session?.title ?? "—"), Style(.normal, bold: true))
        if let speaker = session?.speaker, !speaker.isEmpty { line(speaker, Style(.dim)) }
        // The time itself: big digits when there is room, otherwise one bold line.
        // Rows kept below the digits: the time as text, the bar, clock and next, the drift
        // (always visible to the host), and the message when there is one.
        let reserved = 4 + (state.message == nil ? 0 : 1)
        let rowsLeft = bottom - y
        // Whole minutes unless asked for seconds (`--big-seconds`): the line below has them,
        // and big digits that change every second cost most of what is sent to the terminal.
        let bigTime = model.bigSeconds ? time : TimeText.minutes(reading)
        if rowsLeft >= reserved + 3, let big = BigDigits.layout(bigTime, width: w, height: min(rowsLeft - reserved, 10)) {
            BigDigits.draw(bigTime, into: &screen, rect: Rect(x: x, y: y, width: w, height: big.height), style: style)
            y += big.height
            // The time as text too: for screen readers, captures and a glance at the numbers.
            line(time + " " + statusWord(reading, ended: ended, language: l) + " · " + l.t(.planned, TimeText.clock(reading.allowedSeconds)), style)
        } else {
            line(time + "  " + statusWord(reading, ended: ended, language: l), style)
        }
        // Progress bar.
        if y < bottom {
            let barWidth = w
            let filled = Int((reading.progress * Double(barWidth)).rounded(.down))
            for column in 0..<barWidth {
                screen.line(column < filled ? .block : .lightShade, x: x + column, y: y,
                            style: column < filled ? style : Style(.dim))
            }
            y += 1
        }
        // The drift on a line of its own when it fits; otherwise "N min behind" joins the
        // clock and "ends HH:MM (planned HH:MM)" gets the line (the next session gives way).
        let parts = driftParts(model, now: now)
        let summary = parts.ends.isEmpty ? parts.how : parts.how + " · " + parts.ends + parts.planned
        var clockLine = clock
        var drift = summary
        if DisplayWidth.cells(of: summary) > w {
            clockLine += " · " + parts.how
            drift = DisplayWidth.cells(of: parts.ends + parts.planned) <= w ? parts.ends + parts.planned : parts.ends
        }
        if let next = state.nextSession { clockLine += " · " + l.t(.nextPrefix, next.title) }
        line(clockLine, Style(.dim))
        line(drift, Style(.accent))
        if let message = state.message, y < bottom {
            line(messageLine(message, now: now, language: l), Style(.warning, bold: true))
        }
    }
}
