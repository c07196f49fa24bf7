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
        var lines: [(String, Style)] = []
        guard let presence = model.presence, presence.isFresh(at: now), let url = presence.audienceURL else {
            lines = [
                ("Audience page", Style(.title, bold: true)),
                ("", Style(.normal)),
                ("podium serve is not running on this state file.", Style(.warning, bold: true)),
                ("Start it on this machine: podium serve --state FILE", Style(.normal)),
                ("Then phones open its URL; this box shows it with a QR code.", Style(.dim)),
                ("", Style(.normal)),
                ("any key closes", Style(.dim)),
            ]
            for (index, (text, style)) in lines.enumerated() where index < screen.height {
                screen.put(TextLayout.truncate(text, toWidth: screen.width - 2), x: 1, y: index, style: style)
            }
            return
        }
        var header = "Audience page: " + url
        if presence.urls.count > 1 { header += "  (also " + presence.urls.dropFirst().joined(separator: " ") + ")" }
        screen.put(TextLayout.truncate(Sanitizer.line(header), toWidth: screen.width - 2), x: 1, y: 0, style: Style(.title, bold: true))
        let stages = presence.stages.isEmpty
            ? "no stage screen connected (open \(url)stage on the projector)"
            : "\(presence.stages.count) stage screen\(presence.stages.count == 1 ? "" : "s") following: "
                + presence.stages.map { "\($0.address) since \(TimerPane.timeOfDay($0.since, model.timeZone))" }.joined(separator: ", ")
        let stageStyle = presence.stages.isEmpty ? Style(.warning, bold: true) : Style(.good, bold: true)
        var footer = "\(presence.audience) audience page\(presence.audience == 1 ? "" : "s") open · any key closes"
        if let question = model.selectedQuestion, asker(of: question) != nil {
            footer = "b: block who asked the selected question · " + footer
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
                screen.put("(a larger terminal shows the QR code)", x: 1, y: 2, style: Style(.dim))
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
            say("the selected question was not asked from the audience page: nobody to block")
            return
        }
        output.actions.append(.blockPerson(person))
        say("blocked the person who asked \"\(TextLayout.truncate(Sanitizer.line(question.text), toWidth: 30))\": their open questions are dismissed, new ones refused")
    }
}
