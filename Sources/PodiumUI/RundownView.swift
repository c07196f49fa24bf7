import Foundation
import PodiumCore
import PodiumText

/// The rundown overlay: every session with planned, actual and projected times, its length and
/// overtime, the current one marked, and the drift summary at the bottom. "Len" is the allowed
/// time (planned plus added, marked + or -) and "Over" is took minus Len, by the rounding rule
/// of `TimeText`: the overtime the timer shows. After the end of the event nothing is projected.
public enum RundownView {
    struct Column: Sendable {
        var header: Msg
        var width: Int
        /// Lower goes first when the screen is narrow.
        var priority: Int
        var value: @Sendable (ScheduleRow, ScheduleProjection, Language) -> String
    }

    static let columns: [Column] = [
        Column(header: .colPlan, width: 5, priority: 9) { row, p, _ in p.timeOfDay(row.plannedStart) },
        Column(header: .colStart, width: 7, priority: 8) { row, p, l in
            row.status == .skipped ? l.t(.skipped) : row.actualStart.map { p.timeOfDay($0) } ?? ""
        },
        Column(header: .colEnd, width: 5, priority: 4) { row, p, _ in row.actualEnd.map { p.timeOfDay($0) } ?? "" },
        Column(header: .colProjected, width: 11, priority: 7) { row, p, _ in
            guard row.status == .current || row.status == .upcoming, let start = row.projectedStart else {
                return ""
            }
            return p.timeOfDay(start) + "-" + p.timeOfDay(row.projectedEnd)
        },
        Column(header: .colLength, width: 7, priority: 5) { row, _, _ in
            TimeText.clock(row.allowedSeconds)
                + (row.addedSeconds == 0 ? "" : (row.addedSeconds > 0 ? "+" : "-"))
        },
        Column(header: .colTook, width: 7, priority: 3) { row, _, _ in
            row.actualSeconds.map { TimeText.clock($0) } ?? ""
        },
        Column(header: .colOver, width: 7, priority: 6) { row, _, _ in
            row.overtimeSeconds.map(TimeText.signedClock) ?? ""
        },
    ]

    /// Draws the rundown in a box on `rect`. Rows scroll to keep the current session in view.
    public static func render(
        projection: ScheduleProjection, state: PodiumState, now: Date,
        into screen: inout Screen, rect: Rect, language: Language = .en
    ) {
        guard rect.width >= 20, rect.height >= 5 else { return }
        screen.fill(rect)
        screen.box(rect, title: language.t(.rundownTitle), style: Style(.accent), titleStyle: Style(.title, bold: true))
        let inner = rect.inner
        let left = inner.x + 1
        let usable = inner.width - 2
        // Marker (2) and number (3) first, then the title, then the columns that fit.
        let fixed = 5
        var shown = columns
        func needed(_ list: [Column]) -> Int { list.reduce(0) { $0 + $1.width + 1 } }
        while !shown.isEmpty, usable - fixed - needed(shown) < 12 {
            let drop = shown.indices.min { shown[$0].priority < shown[$1].priority }!
            shown.remove(at: drop)
        }
        let titleWidth = max(1, usable - fixed - needed(shown))

        func drawRow(_ y: Int, marker: String, number: String, title: String, cells: [String], style: Style) {
            screen.put(marker, x: left, y: y, maxWidth: 2, style: style)
            screen.put(number, x: left + 2, y: y, maxWidth: 3, style: style)
            screen.put(TextLayout.truncate(title, toWidth: titleWidth), x: left + fixed, y: y, style: style)
            var x = left + fixed + titleWidth
            for (column, text) in zip(shown, cells) {
                x += 1
                screen.put(TextLayout.truncate(text, toWidth: column.width), x: x, y: y, style: style)
                x += column.width
            }
        }

        drawRow(inner.y, marker: "", number: "#", title: language.t(.colSession), cells: shown.map { language.t($0.header) },
                style: Style(.dim, bold: true))
        // Rows between the header and the summary line.
        let rowsTop = inner.y + 1
        let rowsHeight = inner.height - 2
        let rows = projection.rows
        var first = 0
        if rows.count > rowsHeight, let current = projection.currentIndex {
            first = min(max(0, current - rowsHeight / 2), rows.count - rowsHeight)
        }
        for (offset, index) in (first..<min(rows.count, first + max(0, rowsHeight))).enumerated() {
            let row = rows[index]
            let style: Style
            switch row.status {
            case .current: style = Style(.selected, bold: true, reverse: true)
            case .done, .skipped: style = Style(.dim)
            case .upcoming: style = Style()
            }
            if row.status == .current {
                screen.fill(Rect(x: inner.x, y: rowsTop + offset, width: inner.width, height: 1), style: style)
            }
            drawRow(rowsTop + offset, marker: row.status == .current ? ">" : "",
                    number: "\(index + 1)", title: Sanitizer.line(row.title),
                    cells: shown.map { $0.value(row, projection, language) }, style: style)
        }
        let summary = projection.summaryLine(language)
        let summaryStyle = projection.driftMinutes > 0 ? Style(.warning, bold: true) : Style(.good, bold: true)
        screen.put(TextLayout.truncate(summary, toWidth: usable), x: left, y: inner.maxY - 1, style: summaryStyle)
        _ = state
        _ = now
    }
}
