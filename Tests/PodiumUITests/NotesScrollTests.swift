import Foundation
import PodiumCore
import PodiumText
import PodiumUI
import XCTest

/// Where the notes are scrolled is the model's: the view draws `notesScroll` and nothing else,
/// so that the keys go on from what the screen shows.
final class NotesScrollTests: XCTestCase {
    private let start = Date(timeIntervalSince1970: 1_559_293_200)  // 2019-05-31 09:00 UTC

    /// 40 rows of notes with a cue at 5:00 on row 30; the session's timer running.
    private func model() -> ConsoleModel {
        var lines = (1...40).map { "- line \($0)" }
        lines[29] = "- [05:00] Demo"
        let event = Event(
            title: "Notes", date: "2019-05-31", venue: "Tokyo", start: "09:00",
            sessions: [Session(id: "one", title: "One", speaker: "A", plannedSeconds: 1800, notes: lines.joined(separator: "\n"))])
        var state = PodiumState(event: event, now: start)
        reduce(&state, .startTimer(session: "one"), context: ActionContext(now: start, actor: "host@test"))
        var model = ConsoleModel(role: .host, actor: "host@test", shared: state)
        model.timeZone = TimeZone(identifier: "UTC")!
        model.width = 80
        model.height = 24
        return model
    }

    /// The first notes row shown, from the position on the notes box's bottom border ("29-36/40").
    private func firstShownRow(_ model: ConsoleModel, now: Date) -> Int? {
        let screen = ConsoleView.render(model, now: now, width: 80, height: 24)
        let notes = ConsoleLayout(role: .host, width: 80, height: 24).notes
        let border = screen.lines()[notes.maxY - 1]
        guard let match = border.range(of: #" [0-9]+-[0-9]+/[0-9]+ "#, options: .regularExpression) else { return nil }
        return Int(border[match].dropFirst().prefix { $0 != "-" })
    }

    /// The notes followed the current cue down the page; PgDn must go on down from there, not
    /// jump back up to the top (it used to: the view moved to the cue, the model never knew).
    func testPageDownAfterTheNotesFollowedACueGoesDown() throws {
        var model = model()
        let now = start.addingTimeInterval(330)
        model.followNotesCue(now: now)  // as the console's loop does before each frame
        let followed = try XCTUnwrap(firstShownRow(model, now: now))
        XCTAssertGreaterThan(followed, 20, "the notes show the current cue (row 30)")
        _ = model.handle(.pageDown, now: now)
        model.followNotesCue(now: now)
        let after = try XCTUnwrap(firstShownRow(model, now: now))
        XCTAssertGreaterThan(after, followed, "PgDn scrolled the notes up")
    }

    /// The view draws the model's scroll: it does not move to the cue on its own.
    func testTheViewDrawsTheModelsScroll() throws {
        var model = model()
        let now = start.addingTimeInterval(330)
        XCTAssertEqual(try XCTUnwrap(firstShownRow(model, now: now)), 1)
        model.notesScroll = 3
        XCTAssertEqual(try XCTUnwrap(firstShownRow(model, now: now)), 4)
    }
}
