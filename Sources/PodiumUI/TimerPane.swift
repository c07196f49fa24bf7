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

    static func statusWord(_ reading: TimerReading) -> String {
        switch (reading.status, reading.phase) {
        case (.idle, _): return "ready"
        case (.paused, _): return "PAUSED"
        case (.running, .overtime): return "OVER TIME"
        case (.running, _): return "left"
        }
    }

    static func timeOfDay(_ now: Date, _ timeZone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.hour, .minute], from: now)
        return TimeText.twoDigits(parts.hour ?? 0) + ":" + TimeText.twoDigits(parts.minute ?? 0)
    }

    static func driftLine(_ model: ConsoleModel, now: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = model.timeZone
        return Schedule.project(model.shared, now: now, calendar: calendar).summaryLine
    }

    public static func draw(_ model: ConsoleModel, now: Date, rect: Rect, compact: Bool, into screen: inout Screen) {
        let state = model.shared
        let reading = state.reading(at: now)
        let style = phaseStyle(reading.phase)
        let time = TimeText.reading(reading)
        let index = (state.currentSessionIndex ?? 0) + 1
        let session = state.currentSession
        let clock = timeOfDay(now, model.timeZone)
        // The event's title rides in the border: every row inside is worth a digit.
        screen.box(rect, title: "Timer · " + state.event.title)
        let inner = rect.inner
        guard inner.width > 4, inner.height > 0 else { return }
        let x = inner.x
        let w = inner.width

        if compact {
            // Line 1: time, status, session. Line 2: clock, drift, next.
            var used = screen.put(time, x: x, y: inner.y, style: style)
            used += screen.put(" " + statusWord(reading) + " ", x: x + used, y: inner.y, maxWidth: w - used, style: style)
            screen.put("\(index)/\(state.event.sessions.count) " + (session?.title ?? ""), x: x + used, y: inner.y, maxWidth: w - used, style: Style(.normal, bold: true))
            if inner.height >= 2 {
                var line = clock + " · " + driftLine(model, now: now)
                if let next = state.nextSession { line += " · next: " + next.title }
                screen.put(line, x: x, y: inner.y + 1, maxWidth: w, style: Style(.dim))
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
        if rowsLeft >= reserved + 3, let big = BigDigits.layout(time, width: w, height: min(rowsLeft - reserved, 10)) {
            BigDigits.draw(time, into: &screen, rect: Rect(x: x, y: y, width: w, height: big.height), style: style)
            y += big.height
            // The time as text too: for screen readers, captures and a glance at the numbers.
            line(time + " " + statusWord(reading) + " · " + TimeText.clock(reading.allowedSeconds) + " planned", style)
        } else {
            line(time + "  " + statusWord(reading), style)
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
        var clockLine = clock
        if let next = state.nextSession { clockLine += " · next: " + next.title }
        line(clockLine, Style(.dim))
        line(driftLine(model, now: now), Style(.accent))
        if let message = state.message, y < bottom {
            let age = Int(now.timeIntervalSince(message.sentAt))
            line("msg: " + message.text + " (" + TimeText.clock(max(0, age)) + " ago)", Style(.warning))
        }
    }
}
