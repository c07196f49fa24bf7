import PodiumCore
import PodiumText

/// What the notes pane drew, so that the console can scroll it (PgUp / PgDn) next time.
public struct NotesPaneResult: Equatable, Sendable {
    /// The scroll offset used: the one asked for, clamped to the notes, or moved to keep the
    /// current pacing cue in view. Keep it as the pane's scroll.
    public var scroll: Int
    /// Rows of rendered notes in all.
    public var lineCount: Int
    /// Rows shown at once (the inside of the box): a page for PgUp / PgDn.
    public var visibleLines: Int
    /// The largest useful scroll offset.
    public var maxScroll: Int
    /// The pacing cues read against the elapsed time, when it was given and there are cues.
    public var pacing: PacingStatus?

    public init(scroll: Int, lineCount: Int, visibleLines: Int, maxScroll: Int, pacing: PacingStatus?) {
        self.scroll = scroll
        self.lineCount = lineCount
        self.visibleLines = visibleLines
        self.maxScroll = maxScroll
        self.pacing = pacing
    }
}

/// The notes pane: a box with a title, the notes rendered as Markdown inside, scrollable, with
/// the pacing cues highlighted. Pure.
public enum NotesPane {
    /// Draws the pane on `rect`.
    ///
    /// - `title`: "Notes", "Notes · next: <title>", "Host notes"… (sanitised, cut to fit).
    /// - `elapsedSeconds`: the current session's elapsed time, to highlight the cue whose time
    ///   has come; nil for notes of another session or a timer that has not started.
    /// - `scroll`: the first row shown; clamped to `0...maxScroll`.
    /// - `followCurrentCue`: when true (the default) and the current cue's row is outside the
    ///   visible rows, the scroll moves so that it shows (one row of context above it when
    ///   there is room). A console lets the user scroll away by passing false for a while
    ///   after a manual scroll (keep passing `elapsedSeconds` so that the highlight stays).
    /// - `focused`: the border is drawn in the accent colour.
    /// - `memo`: remembers the layout between frames (a console passes its own).
    /// - `pacingInMinutes`: the summary counts in whole minutes ("in 3 min", "+2 min"), and in
    ///   seconds only in the last minute before the next cue (`coarseSummary`). The host's and
    ///   moderators' consoles use it, so that their screens do not change every second for it
    ///   (fewer bytes sent to the terminal); the speaker view keeps the seconds.
    ///
    /// The bottom border shows the pacing summary ("next [15:00] Demo in 2:10") on the left and,
    /// when the notes do not fit, the rows shown ("1-8/40") on the right.
    @discardableResult
    public static func render(
        into screen: inout Screen, rect: Rect, notes: String, title: String,
        elapsedSeconds: Int?, scroll: Int, focused: Bool, followCurrentCue: Bool = true,
        memo: MarkdownMemo? = nil, pacingInMinutes: Bool = false, language: Language = .en
    ) -> NotesPaneResult {
        let inner = rect.inner
        guard rect.width >= 2, rect.height >= 2 else {
            return NotesPaneResult(scroll: 0, lineCount: 0, visibleLines: 0, maxScroll: 0, pacing: nil)
        }
        screen.fill(rect)
        let borderStyle = focused ? Style(.accent, bold: true) : Style(.dim)
        screen.box(rect, title: Sanitizer.line(title), style: borderStyle)

        let renderer = memo?.renderer(markdown: notes, width: max(1, inner.width), elapsedSeconds: elapsedSeconds)
            ?? MarkdownRenderer(markdown: notes, width: max(1, inner.width), elapsedSeconds: elapsedSeconds)
        let visible = inner.height
        let count = renderer.lines.count
        let maxScroll = max(0, count - visible)
        var offset = min(max(0, scroll), maxScroll)
        if followCurrentCue, visible > 0, let rows = renderer.currentCueRows,
           rows.lowerBound < offset || rows.lowerBound >= offset + visible {
            let context = visible >= 4 ? 1 : 0
            offset = min(max(0, rows.lowerBound - context), maxScroll)
        }

        if notes.allSatisfy({ $0 == " " || $0 == "\n" || $0 == "\r" || $0 == "\t" }) {
            screen.put(language.t(.noNotes), x: inner.x + 1, y: inner.y, maxWidth: max(0, inner.width - 1), style: Style(.dim))
        } else {
            renderer.draw(into: &screen, rect: inner, scroll: offset)
        }

        // Bottom border: pacing on the left, position on the right.
        let bottom = rect.maxY - 1
        var rightEdge = rect.maxX - 1  // the corner
        if count > visible, visible > 0 {
            let last = min(count, offset + visible)
            let position = " \(offset + 1)-\(last)/\(count) "
            let cells = DisplayWidth.cells(of: position)
            if cells <= rect.width - 2 {
                rightEdge -= cells
                screen.put(position, x: rightEdge, y: bottom, style: borderStyle)
            }
        }
        if let pacing = renderer.pacing {
            let room = rightEdge - (rect.x + 1)
            if room > 4 {
                let text = pacingInMinutes
                    ? coarseSummary(pacing, language: language) { MarkdownRenderer.plainText($0.text) }
                    : pacing.summary(language: language) { MarkdownRenderer.plainText($0.text) }
                let summary = TextLayout.truncate(" " + text + " ", toWidth: room)
                let style = pacing.untilNext == nil ? Style(.warning, bold: true) : Style(.accent)
                screen.put(summary, x: rect.x + 1, y: bottom, maxWidth: room, style: style)
            }
        }
        return NotesPaneResult(
            scroll: offset, lineCount: count, visibleLines: visible, maxScroll: maxScroll,
            pacing: renderer.pacing)
    }

    /// `PacingStatus.summary` in whole minutes: "[10:00] Intro +2 min · next [15:00] Demo in
    /// 3 min"; "now" for the first minute after a cue; seconds ("in 0:42") only in the last
    /// minute before the next cue. Minutes are rounded up before a cue (never late) and down
    /// after one.
    public static func coarseSummary(_ pacing: PacingStatus, language: Language = .en, text: (PacingCue) -> String) -> String {
        func describe(_ cue: PacingCue) -> String {
            let words = Sanitizer.line(text(cue))
            return words.isEmpty ? cue.marker : cue.marker + " " + words
        }
        var parts: [String] = []
        if let current = pacing.current, let since = pacing.sinceCurrent {
            parts.append(since < 60 ? language.t(.cueNow, describe(current)) : language.t(.cueLate, describe(current), since / 60))
        }
        if let next = pacing.next, let until = pacing.untilNext {
            let when = until <= 60 ? TimeText.clock(until) : language.t(.minutes, (until + 59) / 60)
            parts.append(language.t(.cueNext, describe(next), when))
        } else if pacing.current != nil {
            parts.append(language.t(.lastCue))
        }
        return parts.joined(separator: " · ")
    }
}
