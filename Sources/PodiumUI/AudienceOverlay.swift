import Foundation
import PodiumCore
import PodiumText

/// `Q` in a staff console: the audience page of `podium serve` — its URL and a QR code to put
/// on the projector, the stage screens following now — and `b` to block the person who asked
/// the selected question from the page.
public enum AudienceOverlay {
    /// The person who asked a question from the page (the server records them as "web:ID").
    public static func asker(of question: Question) -> String? {
        guard let by = question.history.first?.by, by.hasPrefix("web:") else { return nil }
        return String(by.dropFirst(4))
    }

    static func draw(_ model: ConsoleModel, now: Date, into screen: inout Screen) {
        let rect = Rect(x: 0, y: 0, width: screen.width, height: screen.height)
        screen.fill(rect)
        let l = model.language
        var lines: [(String, Style)] = []
        guard let presence = model.presence, presence.isFresh(at: now), let url = presence.audienceURL else {
            lines = [
                (l.t(.audienceTitle), Style(.title, bold: true)),
                ("", Style(.normal)),
                (l.t(.audienceNotRunning), Style(.warning, bold: true)),
                (l.t(.audienceStartIt), Style(.normal)),
                (l.t(.audienceThenPhones), Style(.dim)),
                ("", Style(.normal)),
                (l.t(.anyKeyCloses), Style(.dim)),
            ]
            for (index, (text, style)) in lines.enumerated() where index < screen.height {
                screen.put(TextLayout.truncate(text, toWidth: screen.width - 2), x: 1, y: index, style: style)
            }
            return
        }
        var header = l.t(.audienceHeader, url)
        if presence.urls.count > 1 { header += l.t(.audienceAlso, presence.urls.dropFirst().joined(separator: " ")) }
        screen.put(TextLayout.truncate(Sanitizer.line(header), toWidth: screen.width - 2), x: 1, y: 0, style: Style(.title, bold: true))
        let stages = presence.stages.isEmpty
            ? l.t(.audienceNoStage, url)
            : l.t(presence.stages.count == 1 ? .audienceStagesOne : .audienceStages, presence.stages.count)
                + presence.stages.map { l.t(.audienceStageSince, $0.address, TimerPane.timeOfDay($0.since, model.timeZone)) }.joined(separator: ", ")
        let stageStyle = presence.stages.isEmpty ? Style(.warning, bold: true) : Style(.good, bold: true)
        var footer = l.t(presence.audience == 1 ? .audiencePagesOpenOne : .audiencePagesOpen, presence.audience)
        if let question = model.selectedQuestion, asker(of: question) != nil {
            footer = l.t(.audienceBlockHint) + footer
        }
        // The code below the URL, centred, with as much quiet zone as fits (4 is the standard).
        let room = screen.height - 4
        if let code = QRCode(url) {
            var quiet = 4
            while quiet > 1 && (code.size + 2 * quiet + 1) / 2 > room { quiet -= 1 }
            let qr = code.halfBlockLines(quietZone: quiet)
            if qr.count <= room, qr[0].count <= screen.width {
                let x = (screen.width - qr[0].count) / 2
                for (index, line) in qr.enumerated() { screen.put(line, x: x, y: 2 + index, style: Style(.normal)) }
            } else {
                screen.put(TextLayout.truncate(l.t(.audienceLargerQR), toWidth: screen.width - 2), x: 1, y: 2, style: Style(.dim))
            }
        }
        screen.put(TextLayout.truncate(stages, toWidth: screen.width - 2), x: 1, y: screen.height - 2, style: stageStyle)
        screen.put(TextLayout.truncate(footer, toWidth: screen.width - 2), x: 1, y: screen.height - 1, style: Style(.dim))
    }
}

extension ConsoleModel {
    /// A key while the audience box is open: `b` blocks the selected question's asker (the
    /// page's person); any key closes the box.
    mutating func audienceKey(_ key: Key, output: inout ConsoleOutput) {
        overlay = nil
        guard key == .character("b") else { return }
        guard let question = selectedQuestion, let person = AudienceOverlay.asker(of: question) else {
            say(.audienceNotFromPage)
            return
        }
        output.actions.append(.blockPerson(person))
        say(.audienceBlocked, TextLayout.truncate(Sanitizer.line(question.text), toWidth: 30))
    }
}
