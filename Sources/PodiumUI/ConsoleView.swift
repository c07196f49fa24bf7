import Foundation
import PodiumCore
import PodiumText

/// Renders a whole console into a grid of cells. Pure: the same model, time and size always
/// give the same screen, so every screen is a golden text file in the tests.
public enum ConsoleView {
    public static let minimumWidth = 40
    public static let minimumHeight = 12

    /// `memos`: what the loop remembers between frames (`ConsoleMemos`); a fresh one gives the
    /// same screen.
    public static func render(
        _ model: ConsoleModel, memos: ConsoleMemos = ConsoleMemos(), now: Date, width: Int, height: Int
    ) -> Screen {
        if model.role == .speaker {
            var screen = SpeakerView.render(
                state: model.shared, now: now, width: width, height: height,
                timeZone: model.timeZone, notesMemo: memos.notes, language: model.language)
            if model.overlay == .help { drawHelp(model, into: &screen) }
            if model.overlay == .rundown { drawRundown(model, now: now, into: &screen) }
            // The speaker has no status line; a problem with the state file or the clocks
            // still must show.
            if let problem = model.storeProblem ?? model.clockWarning, height > 0 {
                drawWrapped(problem, bottom: height - 1, width: width, style: Style(.danger, bold: true, reverse: true), into: &screen)
            }
            return screen
        }
        var screen = Screen(width: width, height: height)
        guard width >= minimumWidth, height >= minimumHeight else {
            drawTooSmall(into: &screen, language: model.language)
            return screen
        }
        let layout = ConsoleLayout(role: model.role, width: width, height: height)
        TimerPane.draw(model, now: now, rect: layout.timer, compact: layout.compactTimer, into: &screen)
        QueuePane.draw(model, memos, now: now, rect: layout.queue, into: &screen)
        drawNotes(model, memos, now: now, rect: layout.notes, into: &screen)
        drawStatusLine(model, now: now, y: height - 1, width: width, into: &screen)
        switch model.overlay {
        case .help: drawHelp(model, into: &screen)
        case .rundown: drawRundown(model, now: now, into: &screen)
        case .messagePalette: drawPalette(model, into: &screen)
        case .noteVersions(let selected): drawNoteVersions(model, selected: selected, into: &screen)
        case .confirmRestart(let session):
            let title = model.shared.event.session(withID: session)?.title ?? session
            let l = model.language
            drawDialog([l.t(.restartQuestion, title), "", l.t(.restartChoice)], title: l.t(.restartTitle), into: &screen)
        case .confirmEndEvent(let session):
            let title = model.shared.event.session(withID: session)?.title ?? session
            let l = model.language
            drawDialog([l.t(.endEventLast, title), l.t(.endEventQuestion), "", l.t(.endEventChoice)],
                       title: l.t(.endEventTitle), into: &screen)
        case .question(let id, let scroll):
            QueuePane.drawFullQuestion(model, id: id, scroll: scroll, now: now, into: &screen)
        case .audience: AudienceOverlay.draw(model, now: now, into: &screen)
        case nil: break
        }
        return screen
    }

    static func drawTooSmall(into screen: inout Screen, language: Language = .en) {
        let message = language.t(.tooSmall, minimumWidth, minimumHeight)
        let lines = TextLayout.wrap(message, width: max(1, screen.width))
        for (index, line) in lines.enumerated() where index < screen.height {
            screen.put(line, x: 0, y: index, style: Style(.warning, bold: true))
        }
    }

    static func drawNotes(_ model: ConsoleModel, _ memos: ConsoleMemos, now: Date, rect: Rect, into screen: inout Screen) {
        guard rect.height >= 3 else { return }
        let state = model.shared
        let (sessionID, kind) = model.shownNotes
        let notes = state.notes[sessionID]
        let l = model.language
        var title = l.t(model.showHostNotes ? .hostNotesTitle : .notesTitle)
        if model.showNextSessionNotes, let next = state.nextSession { title += l.t(.nextNotesSuffix, next.title) }
        // Earlier texts of these notes (kept by every save; `podium notes versions` lists them).
        let earlier = notes?.previousVersions.filter { ($0.kind ?? .speaker) == kind }.count ?? 0
        if earlier > 0 { title += l.t(.earlierVersionsSuffix, earlier) }
        let elapsed = sessionID == state.currentSessionID && state.currentTimer.status != .idle
            ? Int(state.currentTimer.elapsed(at: now)) : nil
        NotesPane.render(
            into: &screen, rect: rect, notes: notes?.text(kind) ?? "", title: title,
            elapsedSeconds: elapsed, scroll: model.notesScroll,
            // The model decided where the notes are scrolled (`followNotesCue`): drawn as is.
            focused: model.focus == .notes, followCurrentCue: false,
            memo: memos.notes, pacingInMinutes: true, language: l)
    }

    static func drawStatusLine(_ model: ConsoleModel, now: Date, y: Int, width: Int, into screen: inout Screen) {
        screen.fill(Rect(x: 0, y: y, width: width, height: 1), style: Style(.inverse, reverse: true))
        if let purpose = model.input {
            let prompt = promptText(purpose, model: model)
            let used = screen.put(prompt, x: 0, y: y, style: Style(.accent, bold: true, reverse: true))
            var room = width - used - 1
            if let notice = model.notice, model.noticeIsError {
                // An error about the line (too long) shows on it, at the right, while typing.
                let text = TextLayout.truncate(" " + notice + " ", toWidth: max(0, min(DisplayWidth.cells(of: " " + notice + " "), width - used - 12)))
                let cells = DisplayWidth.cells(of: text)
                if cells > 0 {
                    screen.put(text, x: width - cells, y: y, style: Style(.danger, bold: true, reverse: true))
                    room -= cells
                }
            }
            let visible = model.editor.visible(width: max(1, room))
            screen.put(visible.text, x: used, y: y, style: Style(.inverse, reverse: true))
            screen.cursor = (used + visible.cursorColumn, y)
            return
        }
        if let problem = model.storeProblem {
            drawWrapped(problem, bottom: y, width: width, style: Style(.danger, bold: true, reverse: true), into: &screen)
            return
        }
        if let notice = model.notice {
            drawWrapped(notice, bottom: y, width: width, style: Style(model.noticeIsError ? .danger : .accent, bold: true, reverse: true), into: &screen)
            return
        }
        if let warning = model.clockWarning {
            screen.put(" " + warning, x: 0, y: y, style: Style(.warning, bold: true, reverse: true))
            return
        }
        let hints = KeyBinding.statusHints(model.role, model.language)
        screen.put(hints, x: 0, y: y, style: Style(.inverse, reverse: true))
    }

    /// A message on the status line that does not fit on one row takes more rows above it
    /// (up to a third of the screen), wrapped between words: advice such as
    /// `mv podium.json podium.json.bad` is never cut in the middle of the command.
    static func drawWrapped(_ text: String, bottom y: Int, width: Int, style: Style, into screen: inout Screen) {
        let lines = DisplayWidth.cells(of: text) + 1 <= width ? [text] : TextLayout.wrap(text, width: max(1, width - 1))
        let rows = min(lines.count, max(1, (y + 1) / 3))
        for (offset, line) in lines.prefix(rows).enumerated() {
            let row = y - rows + 1 + offset
            screen.fill(Rect(x: 0, y: row, width: width, height: 1), style: style)
            let shown = offset == rows - 1 && lines.count > rows ? TextLayout.truncate(line + "…", toWidth: width - 1) : line
            screen.put(" " + shown, x: 0, y: row, maxWidth: width, style: style)
        }
    }

    static func promptText(_ purpose: InputPurpose, model: ConsoleModel) -> String {
        let l = model.language
        switch purpose {
        case .addQuestion:
            let who = model.askAuthor.isEmpty ? "" : " · " + TextLayout.truncate(model.askAuthor, toWidth: 16)
            return l.t(.promptAsk, model.askSource.rawValue + who)
        case .askAuthor: return l.t(.promptAskedBy)
        case .editQuestion: return l.t(.promptEdit)
        case .dismissReason: return l.t(.promptDismiss)
        case .message: return l.t(.promptMessage)
        case .eventMessage: return l.t(.promptEventMessage)
        case .adjustTime: return l.t(.promptAdjust)
        case .search: return l.t(.promptSearch)
        case .label: return l.t(.promptLabels)
        case .assign: return l.t(.promptAssign)
        }
    }

    /// The help overlay's lines: every key of the role, then how to close it.
    public static func helpLines(_ model: ConsoleModel) -> [String] {
        let entries = keyTable.filter { $0.roles.contains(model.role) }
        // The speaker's console types nothing: no input line.
        let lineEntries = model.role == .speaker ? [] : lineKeyTable
        let keyWidth = entries.map { DisplayWidth.cells(of: $0.label) }.max() ?? 0
        var lines = entries.map { TextLayout.fit($0.label, toWidth: keyWidth) + "  " + $0.action(model.language) }
        if !lineEntries.isEmpty {
            // Aligned on their own: their labels are longer, and the keys above keep their room.
            let lineKeyWidth = lineEntries.map { DisplayWidth.cells(of: $0.label) }.max() ?? 0
            lines += ["", model.language.t(.lineKeysTitle)]
            lines += lineEntries.map { TextLayout.fit($0.label, toWidth: lineKeyWidth) + "  " + $0.message.text(model.language) }
        }
        lines.append("")
        lines.append(model.language.t(.helpClose))
        return lines
    }

    /// How many help lines show at once at a terminal height when they do not all fit (one row
    /// of the box goes to the "more" line); nil when they fit and nothing scrolls.
    static func helpPage(lineCount: Int, height: Int) -> Int? {
        guard lineCount > height - 4, height > 6 else { return nil }
        return height - 5
    }

    static func drawHelp(_ model: ConsoleModel, into screen: inout Screen) {
        let lines = helpLines(model)
        let title = model.language.t(.keysTitle, model.role.rawValue)
        guard let page = helpPage(lineCount: lines.count, height: screen.height) else {
            drawDialog(lines, title: title, into: &screen)
            return
        }
        // Too many to show at once: a window of them and a line saying how to see the rest.
        let first = min(model.helpScroll, max(0, lines.count - page))
        var shown = Array(lines[first..<min(lines.count, first + page)])
        shown.append(model.language.t(.helpMore, first + 1, first + shown.count, lines.count))
        drawDialog(shown, title: title, into: &screen)
    }

    static func drawPalette(_ model: ConsoleModel, into screen: inout Screen) {
        var lines = model.cues.prefix(9).enumerated().map { "\($0.offset + 1)  \($0.element)" }
        let l = model.language
        lines.append(l.t(.paletteText))
        lines.append(l.t(.paletteEvent))
        if model.shared.message != nil { lines.append(l.t(.paletteClear)) }
        drawDialog(lines, title: l.t(.paletteTitle), into: &screen)
    }

    /// The earlier texts of the notes shown, newest first, and the start of the selected one.
    static func drawNoteVersions(_ model: ConsoleModel, selected: Int, into screen: inout Screen) {
        let versions = model.shownNoteVersions
        let shown = model.shownNotes
        // Each version is named by its first line that the current text does not have.
        let current = Set((model.shared.notes[shown.session]?.text(shown.kind) ?? "").split(separator: "\n"))
        var lines = versions.enumerated().map { index, version in
            let versionLines = version.text.split(separator: "\n")
            let firstLine = (versionLines.first { !current.contains($0) } ?? versionLines.first).map(String.init) ?? model.language.t(.versionEmpty)
            return (index == selected ? "> " : "  ") + "\(index + 1)  "
                + TimerPane.timeOfDay(version.savedAt, model.timeZone) + "  " + version.savedBy + "  " + firstLine
        }
        if versions.indices.contains(selected) {
            lines.append("")
            lines += versions[selected].text.split(separator: "\n", omittingEmptySubsequences: false)
                .prefix(6).map { "  │ " + $0 }
        }
        lines.append("")
        lines.append(model.language.t(.versionsHint))
        drawDialog(lines, title: model.language.t(model.showHostNotes ? .hostNoteVersionsTitle : .noteVersionsTitle), into: &screen)
    }

    static func drawRundown(_ model: ConsoleModel, now: Date, into screen: inout Screen) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = model.timeZone
        let projection = Schedule.project(model.shared, now: now, calendar: calendar)
        let rect = Rect(x: 1, y: 1, width: screen.width - 2, height: screen.height - 2)
        screen.fill(rect)
        RundownView.render(projection: projection, state: model.shared, now: now, into: &screen, rect: rect, language: model.language)
    }

    /// A centred box with lines of text, cut to the screen.
    static func drawDialog(_ lines: [String], title: String, into screen: inout Screen) {
        let widest = lines.map { DisplayWidth.cells(of: $0) }.max() ?? 0
        let width = min(screen.width - 2, max(widest, DisplayWidth.cells(of: title) + 2) + 4)
        let height = min(screen.height - 2, lines.count + 2)
        let rect = Rect(x: (screen.width - width) / 2, y: (screen.height - height) / 2, width: width, height: height)
        screen.fill(rect)
        screen.box(rect, title: title, style: Style(.accent))
        for (index, line) in lines.prefix(height - 2).enumerated() {
            screen.put(line, x: rect.x + 2, y: rect.y + 1 + index, maxWidth: width - 4)
        }
        if lines.count > height - 2 {
            screen.put("…", x: rect.maxX - 3, y: rect.maxY - 1, style: Style(.accent))
        }
    }
}

/// Where the three panes go for a role and a terminal size.
public struct ConsoleLayout: Equatable, Sendable {
    public var timer: Rect
    public var queue: Rect
    public var notes: Rect
    /// A timer of one or two lines (moderators, small terminals).
    public var compactTimer: Bool

    public init(role: Role, width: Int, height: Int) {
        let body = height - 1  // the status line
        if role == .moderator {
            // Queue first: a compact timer on top, the queue large, notes small below.
            let timerHeight = 4
            let notesHeight = body >= 18 ? max(4, body / 5) : 0
            timer = Rect(x: 0, y: 0, width: width, height: timerHeight)
            queue = Rect(x: 0, y: timerHeight, width: width, height: body - timerHeight - notesHeight)
            notes = Rect(x: 0, y: body - notesHeight, width: width, height: notesHeight)
            compactTimer = true
        } else if width >= 70 {
            // Timer and queue side by side, notes below.
            let topHeight = max(9, (body * 3) / 5)
            let timerWidth = max(32, width * 2 / 5)
            timer = Rect(x: 0, y: 0, width: timerWidth, height: topHeight)
            queue = Rect(x: timerWidth, y: 0, width: width - timerWidth, height: topHeight)
            notes = Rect(x: 0, y: topHeight, width: width, height: body - topHeight)
            compactTimer = false
        } else {
            // Narrow: stacked.
            let timerHeight = 4
            let remaining = body - timerHeight
            let queueHeight = max(3, (remaining * 3) / 5)
            timer = Rect(x: 0, y: 0, width: width, height: timerHeight)
            queue = Rect(x: 0, y: timerHeight, width: width, height: queueHeight)
            notes = Rect(x: 0, y: timerHeight + queueHeight, width: width, height: remaining - queueHeight)
            compactTimer = true
        }
    }
}
