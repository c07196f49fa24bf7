import Foundation
import PodiumCore
import PodiumText

/// Keys while a box is open over the panes (help, rundown, palette, confirmations, a
/// question in full, note versions, the audience box): each box reads its own few keys.
extension ConsoleModel {
    mutating func handleOverlay(_ overlay: Overlay, _ key: Key, now: Date, output: inout ConsoleOutput) {
        switch overlay {
        case .help:
            // When the keys do not fit (80×24 has room for about half), j k Space PgDn PgUp
            // scroll them; any other key closes the help, as before.
            let lineCount = ConsoleView.helpLines(self).count
            let window = ConsoleView.helpPage(lineCount: lineCount, height: height)
            let scrolls = window != nil
            let page = window ?? lineCount
            let maximum = max(0, lineCount - page)
            switch key {
            case .character("j") where scrolls, .down where scrolls: helpScroll = min(maximum, helpScroll + 1)
            case .character("k") where scrolls, .up where scrolls: helpScroll = max(0, helpScroll - 1)
            case .character(" ") where scrolls, .pageDown where scrolls: helpScroll = min(maximum, helpScroll + page)
            case .pageUp where scrolls: helpScroll = max(0, helpScroll - page)
            case .resize: helpScroll = min(helpScroll, maximum)
            default:
                // q and Esc close the help like any other key; only a console with no
                // overlay quits on q.
                self.overlay = nil
            }
        case .rundown:
            self.overlay = nil
        case .audience:
            audienceKey(key, output: &output)
        case .question(let id, let scroll):
            let page = max(1, height - 6)
            let maximum = max(0, QueuePane.fullQuestionLines(self, id: id, now: now).count - page)
            switch key {
            case .character("j"), .down: self.overlay = .question(id: id, scroll: min(maximum, scroll + 1))
            case .character("k"), .up: self.overlay = .question(id: id, scroll: max(0, scroll - 1))
            case .pageDown, .character(" "): self.overlay = .question(id: id, scroll: min(maximum, scroll + page))
            case .pageUp: self.overlay = .question(id: id, scroll: max(0, scroll - page))
            case .resize: break
            default: self.overlay = nil
            }
        case .confirmRestart(let session):
            confirm(key, .restartSession(session: session), yes: .sessionRestarted, no: .notRestarted, output: &output)
        case .confirmEndEvent(let session):
            confirm(key, .endEvent(from: session), yes: .eventEndedFinal, no: .eventGoesOn, output: &output)
        case .noteVersions(let selected):
            let versions = shownNoteVersions
            switch key {
            case .character("j"), .down: self.overlay = .noteVersions(selected: min(versions.count - 1, selected + 1))
            case .character("k"), .up: self.overlay = .noteVersions(selected: max(0, selected - 1))
            case .resize: break
            case .enter:
                self.overlay = nil
                guard versions.indices.contains(selected) else { return }
                let shown = shownNotes
                let notes = shared.notes[shown.session]
                let version = versions[selected]
                guard notes?.text(shown.kind) != version.text else {
                    say(.notesSameText)
                    return
                }
                output.actions.append(.setNotes(
                    session: shown.session, kind: shown.kind, text: version.text, basedOn: notes?.updatedAt))
                say(.restoredVersion, TimerPane.timeOfDay(version.savedAt, timeZone), version.savedBy)
            default:
                self.overlay = nil
            }
        case .messagePalette:
            self.overlay = nil
            switch key {
            case .character(let character) where character.isNumber:
                let index = (Int(String(character)) ?? 0) - 1
                if cues.indices.contains(index) {
                    output.actions.append(.sendMessage(SpeakerMessage(
                        text: cues[index], sentBy: actor, sentAt: now,
                        sessionID: shared.currentSessionID)))
                    say(.sentCue, cues[index])
                }
            case .character("t"), .character("m"), .enter:
                beginInput(.message)
            case .character("g"):
                // A message for the whole event is a deliberate choice: it stays across sessions.
                beginInput(.eventMessage)
            case .character("c"):
                output.actions.append(.clearMessage)
            default:
                break
            }
        }
    }

    /// A yes/no box: y (or Y) does it, any other key leaves things as they are; the box
    /// closes either way.
    private mutating func confirm(_ key: Key, _ action: Action, yes: Msg, no: Msg, output: inout ConsoleOutput) {
        overlay = nil
        guard key == .character("y") || key == .character("Y") else { return say(no) }
        output.actions.append(action)
        say(yes)
    }
}
