import Foundation
import PodiumCore
import PodiumText

/// The speaker's read-only screen (`podium speaker`): the time left in big digits filling most
/// of the terminal in the phase's colour, the host's message, the question being asked, the
/// next session, the time of day, and the speaker notes when there is room. Host notes are
/// never shown here.
public enum SpeakerView {
    public static let minimumWidth = 30
    public static let minimumHeight = 10

    /// Renders the speaker view. `notesLines`, when given, replaces the speaker notes of the
    /// current session (e.g. notes already laid out with pacing cues); lines wider than the
    /// screen are cut. Times of day are shown in `timeZone`.
    public static func render(
        state: PodiumState, now: Date, width: Int, height: Int, notesLines: [String]? = nil,
        timeZone: TimeZone = .current, notesMemo: MarkdownMemo? = nil, language: Language = .en
    ) -> Screen {
        var screen = Screen(width: width, height: height)
        guard width >= minimumWidth, height >= minimumHeight else {
            let text = language.t(.tooSmall, minimumWidth, minimumHeight)
            let lines = TextLayout.wrap(text, width: max(1, width))
            let top = max(0, (height - lines.count) / 2)
            for (offset, line) in lines.enumerated() where top + offset < height {
                let x = max(0, (width - DisplayWidth.cells(of: line)) / 2)
                screen.put(line, x: x, y: top + offset, style: Style(.warning, bold: true))
            }
            return screen
        }

        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let reading = state.reading(at: now)
        let session = state.currentSession
        let small = height < 16
        let large = height >= 24

        // Header: session title and speaker on the left, time of day on the right.
        let clock = TimeText.timeOfDay(now, calendar: calendar)
        let clockX = width - DisplayWidth.cells(of: clock) - 1
        screen.put(clock, x: clockX, y: 0, style: Style(.accent, bold: true))
        var position = ""
        if let index = state.currentSessionIndex {
            position = "\(index + 1)/\(state.event.sessions.count) "
        }
        let titleLimit = clockX - 2
        var used = screen.put(position, x: 1, y: 0, maxWidth: titleLimit, style: Style(.dim))
        let title = Sanitizer.line(session?.title ?? language.t(.noSession))
        used += screen.put(
            TextLayout.truncate(title, toWidth: titleLimit - used), x: 1 + used, y: 0,
            style: Style(.title, bold: true))
        if let speaker = session?.speaker, !speaker.isEmpty, titleLimit - used > 6 {
            let text = TextLayout.truncate(" · " + Sanitizer.line(speaker), toWidth: titleLimit - used)
            screen.put(text, x: 1 + used, y: 0, style: Style(.dim))
        }
        var top = 1

        // The message to the speaker: reversed, across the whole width, centred.
        if let message = state.message {
            let lines = Array(
                TextLayout.wrap(Sanitizer.line(message.text), width: width - 4)
                    .prefix(small ? 2 : (large ? 4 : 3)))
            let padding = large ? 1 : 0
            let blockHeight = lines.count + 2 * padding
            let style = Style(.warning, bold: true, reverse: true)
            screen.fill(Rect(x: 0, y: top, width: width, height: blockHeight), style: style)
            for (offset, line) in lines.enumerated() {
                let x = max(2, (width - DisplayWidth.cells(of: line)) / 2)
                screen.put(line, x: x, y: top + padding + offset, maxWidth: width - 2 - x, style: style)
            }
            top += blockHeight
        }

        // Under the digits: the status, the live question, the next session; the notes get
        // what is left at the bottom when there is room.
        var questionLines: [String] = []
        if let question = state.liveQuestion {
            // On a panel, the panelist the moderator assigned it to answers it.
            let panelist = question.assignee.map { "→ " + Sanitizer.line($0) + ": " } ?? ""
            questionLines = Array(
                TextLayout.wrap(panelist + Sanitizer.line(question.text),
                                width: width - 2 - DisplayWidth.cells(of: language.t(.speakerQuestion))).prefix(small ? 2 : 3))
        }
        let gap = large ? 1 : 0
        let below = 1 + (questionLines.isEmpty ? 0 : questionLines.count + gap)
            + (state.nextSession == nil ? 0 : 1)
        let available = height - top - below
        let digitsText = TimeText.reading(reading)
        var digitsRows = available
        var notesRows = 0
        let notes = notesLines ?? speakerNotes(state, width: width - 4)
        if !notes.isEmpty, !small {
            let target = max(5, available * 2 / 3)
            if let layout = BigDigits.layout(digitsText, width: width - 2, height: target) {
                let slack = available - layout.height - 1
                if slack >= 3 {
                    notesRows = min(slack, notes.count + 2 + gap)
                    digitsRows = available - notesRows
                }
            }
        }
        let digitsRect = Rect(x: 1, y: top, width: width - 2, height: digitsRows)
        BigDigits.draw(digitsText, into: &screen, rect: digitsRect, style: BigDigits.style(for: reading.phase))
        var y = top + digitsRows

        let status = statusText(reading, ended: state.endedAt != nil, language: language)
        screen.put(
            TextLayout.truncate(status, toWidth: width - 2),
            x: max(1, (width - DisplayWidth.cells(of: status)) / 2), y: y,
            style: reading.phase == .overtime ? Style(.danger, bold: true) : Style(.dim))
        y += 1 + gap
        if !questionLines.isEmpty {
            let label = language.t(.speakerQuestion)
            screen.put(label, x: 1, y: y, style: Style(.live, bold: true, reverse: true))
            for (offset, line) in questionLines.enumerated() {
                screen.put(line, x: 1 + DisplayWidth.cells(of: label), y: y + offset, style: Style(.live, bold: true))
            }
            y += questionLines.count
        }
        if let next = state.nextSession {
            var text = language.t(.speakerNext, Sanitizer.line(next.title))
            if let speaker = next.speaker, !speaker.isEmpty { text += " · " + Sanitizer.line(speaker) }
            screen.put(TextLayout.truncate(text, toWidth: width - 2), x: 1, y: y, style: Style(.dim))
            y += 1
        }
        if notesRows > 0 {
            let box = Rect(x: 0, y: height - notesRows + gap, width: width, height: notesRows - gap)
            if notesLines == nil, let text = state.notes[state.currentSessionID]?.speaker {
                // The same Markdown rendering and pacing cues as the consoles' notes pane.
                let timer = state.currentTimer
                NotesPane.render(
                    into: &screen, rect: box, notes: text, title: language.t(.notesTitle),
                    elapsedSeconds: timer.status == .idle ? nil : Int(timer.elapsed(at: now)),
                    scroll: 0, focused: false, memo: notesMemo, language: language)
            } else {
                screen.box(box, title: language.t(.notesTitle))
                for (offset, line) in notes.prefix(box.inner.height).enumerated() {
                    screen.put(
                        TextLayout.truncate(Sanitizer.line(line), toWidth: box.inner.width - 2),
                        x: box.inner.x + 1, y: box.inner.y + offset)
                }
            }
        }
        return screen
    }

    /// Under the digits: what the timer is doing, in words. In overtime it names the overtime
    /// itself, the number the digits show ("OVER TIME +0:13 · used 0:23 of 0:10"): the same
    /// whole seconds, never a second number to reconcile.
    static func statusText(_ reading: TimerReading, ended: Bool = false, language: Language = .en) -> String {
        let allowed = TimeText.clock(reading.allowedSeconds)
        let used = TimeText.clock(reading.elapsedSeconds)
        let usage = language.t(.speakerUsed, used, allowed)
        let over = reading.phase == .overtime ? language.t(.wordOvertime) + " " + TimeText.reading(reading) + " · " : ""
        if ended { return language.t(.speakerEventEnded) + over + usage }
        switch reading.status {
        case .idle:
            return language.t(.speakerNotStarted, allowed)
        case .paused:
            return language.t(.speakerPaused) + over + usage
        case .running:
            return over + usage
        }
    }

    /// The current session's speaker notes, wrapped (never the host notes).
    static func speakerNotes(_ state: PodiumState, width: Int) -> [String] {
        guard let text = state.notes[state.currentSessionID]?.speaker else { return [] }
        let clean = Sanitizer.multiline(text).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !clean.isEmpty else { return [] }
        // Only the number of lines matters for the layout: count them as the pane draws them.
        return MarkdownRenderer.render(clean, width: max(1, width)).map(\.text)
    }
}
