import Foundation
import PodiumCore
import PodiumText
import PodiumUI
import XCTest

/// Golden screens of the consoles: every pane border in its column with Japanese text,
/// overtime, the narrow layout and the too-small message.
final class ConsoleViewTests: XCTestCase {
    private let utc = TimeZone(identifier: "UTC")!
    private let start = Date(timeIntervalSince1970: 1_548_925_200)  // 2019-01-31 09:00 UTC

    func meetupState(runningFor seconds: Double, questions: Bool = true) -> (PodiumState, Date) {
        let event = Event(
            title: "Kubernetes Meetup Tokyo #15 — KubeCon 2018 Recap", date: "2019-01-31",
            venue: "Google Tokyo", start: "09:00", warningSeconds: 120, dangerSeconds: 60,
            sessions: [
                Session(id: "opening", title: "開会・会場案内 (Opening)", speaker: "運営チーム", plannedSeconds: 300,
                        notes: "# Opening\n- Welcome, Wi-Fi\n- [03:00] 最初の登壇者を紹介する", hostNotes: "Wi-Fi: GoogleGuest"),
                Session(id: "overview", title: "KubeCon + CloudNativeCon North America 2018 Overview", speaker: "Speaker A", plannedSeconds: 900),
            ])
        var state = PodiumState(event: event, now: start)
        let context = ActionContext(now: start, actor: "host@test")
        reduce(&state, .startTimer(session: "opening"), context: context)
        if questions {
            let texts: [(String, QuestionSource, String)] = [
                ("Kubernetes はなぜ etcd を使っているか", .venue, "会場"),
                ("StatefulSets には今回触れられなかったが、どういう扱いなのか", .satellite, "大阪"),
                ("Virtual Kubelet とか k3s みたいなエッジで活用する動きがコミュニティでは感じられるが、どう見ている?", .youtube, "👍🏽 viewer"),
                ("スケーラビリティに関して", .zoom, "zoom-user"),
            ]
            for (index, item) in texts.enumerated() {
                reduce(&state, .addQuestion(Question(id: "q\(index)", text: item.0, author: item.2, source: item.1,
                                                     askedAt: start.addingTimeInterval(Double(index) * 30))), context: context)
            }
            reduce(&state, .approve(id: "q0"), context: context)
            reduce(&state, .approve(id: "q1"), context: context)
            reduce(&state, .putLive(id: "q0"), context: context)
            reduce(&state, .vote(id: "q2", voter: "a", delta: 1), context: context)
            reduce(&state, .vote(id: "q2", voter: "b", delta: 1), context: context)
        }
        return (state, start.addingTimeInterval(seconds))
    }

    func model(_ state: PodiumState, role: Role = .host, select: String? = "q1") -> ConsoleModel {
        var model = ConsoleModel(role: role, actor: "\(role.rawValue)@test", shared: state)
        model.timeZone = utc
        model.selectedQuestionID = select
        return model
    }

    /// A frame as the console's loop draws it: the model told the size and the time first (the
    /// notes follow the current cue in the model), then drawn.
    func frame(_ model: ConsoleModel, now: Date, width: Int, height: Int) -> Screen {
        var model = model
        model.width = width
        model.height = height
        model.followNotesCue(now: now)
        return ConsoleView.render(model, now: now, width: width, height: height)
    }

    func testHost80x24Running() {
        let (state, now) = meetupState(runningFor: 95)
        let screen = ConsoleView.render(model(state), now: now, width: 80, height: 24)
        assertGolden(screen, named: "console-host-80x24")
        assertBordersAligned(screen)
    }

    /// `--big-seconds`: the big digits count seconds as the speaker view does ("3:25").
    func testHost80x24RunningWithBigSeconds() {
        let (state, now) = meetupState(runningFor: 95)
        var model = model(state)
        model.bigSeconds = true
        let screen = ConsoleView.render(model, now: now, width: 80, height: 24)
        assertGolden(screen, named: "console-host-80x24-big-seconds")
        XCTAssertNotEqual(screen, ConsoleView.render(self.model(state), now: now, width: 80, height: 24))
        // B flips it for this console alone: no action goes to the shared state.
        var toggled = self.model(state)
        XCTAssertEqual(toggled.handle(.character("B"), now: now).actions, [])
        XCTAssertEqual(ConsoleView.render(toggled, now: now, width: 80, height: 24).lines().dropLast(), screen.lines().dropLast())
        _ = toggled.handle(.character("B"), now: now)
        XCTAssertFalse(toggled.bigSeconds)
    }

    func testHost80x24Overtime() {
        let (state, now) = meetupState(runningFor: 365)
        let screen = ConsoleView.render(model(state), now: now, width: 80, height: 24)
        assertGolden(screen, named: "console-host-80x24-overtime")
        XCTAssertTrue(screen.text.contains("+1:05"), screen.text)
    }

    func testHostNarrow40x12() {
        let (state, now) = meetupState(runningFor: 250)
        let screen = frame(model(state), now: now, width: 40, height: 12)
        assertGolden(screen, named: "console-host-40x12")
        assertBordersAligned(screen)
    }

    func testModerator80x24() {
        let (state, now) = meetupState(runningFor: 95)
        let screen = ConsoleView.render(model(state, role: .moderator, select: "q2"), now: now, width: 80, height: 24)
        assertGolden(screen, named: "console-moderator-80x24")
        assertBordersAligned(screen)
    }

    /// At 80×24 the host's keys do not fit: the help shows a window of them, j / Space / k
    /// scroll it to every key, and any other key closes it.
    func testHelpScrollsWhenTheKeysDoNotFit() {
        let (state, now) = meetupState(runningFor: 10)
        var console = model(state)
        console.width = 80
        console.height = 24
        _ = console.handle(.character("?"), now: now)
        var screen = ConsoleView.render(console, now: now, width: 80, height: 24)
        assertGolden(screen, named: "console-help-80x24")
        XCTAssertTrue(screen.text.contains("start / pause the timer"))
        XCTAssertFalse(screen.text.contains("Any key closes this help."))
        var seen = Set(screen.lines())
        for key: Key in [.character(" "), .character(" "), .character("j"), .character(" ")] {
            _ = console.handle(key, now: now)
            XCTAssertEqual(console.overlay, .help)
            screen = ConsoleView.render(console, now: now, width: 80, height: 24)
            seen.formUnion(screen.lines())
        }
        let all = ConsoleView.helpLines(console).filter { !$0.isEmpty }
        for line in all { XCTAssertTrue(seen.contains { $0.contains(line) }, "never shown: \(line)") }
        _ = console.handle(.character("k"), now: now)
        XCTAssertEqual(console.overlay, .help)
        _ = console.handle(.character("x"), now: now)
        XCTAssertNil(console.overlay)
        // Where everything fits, every key closes it, j too.
        console.height = 60
        _ = console.handle(.character("?"), now: now)
        _ = console.handle(.character("j"), now: now)
        XCTAssertNil(console.overlay)
    }

    func testHelpOverlay() {
        let (state, now) = meetupState(runningFor: 10)
        var console = model(state)
        _ = console.handle(.character("?"), now: now)
        let screen = ConsoleView.render(console, now: now, width: 80, height: 40)
        assertGolden(screen, named: "console-help-80x40")
        XCTAssertTrue(screen.text.contains("start / pause the timer"))
    }

    func testInputLineWithJapanese() {
        let (state, now) = meetupState(runningFor: 10, questions: false)
        var console = model(state, select: nil)
        _ = console.handle(.character("a"), now: now)
        for character in "K8sクラスタでFaaSを使えるようにする意義は?" { _ = console.handle(.character(character), now: now) }
        let screen = ConsoleView.render(console, now: now, width: 60, height: 16)
        assertGolden(screen, named: "console-input-60x16")
        XCTAssertEqual(screen.cursor?.y, 15)
    }

    func testTooSmall() {
        let (state, now) = meetupState(runningFor: 10)
        let screen = ConsoleView.render(model(state), now: now, width: 39, height: 11)
        XCTAssertTrue(screen.text.contains("terminal too small (needs 40×12)"), screen.text)
    }

    /// Every row of a box has its right border where the top border ends: no wide character
    /// pushed it.
    private func assertBordersAligned(_ screen: Screen, file: StaticString = #filePath, line: UInt = #line) {
        for y in 0..<screen.height {
            var x = 0
            for cell in (0..<screen.width).map({ screen[$0, y] }) {
                if case .text(let grapheme) = cell.glyph {
                    XCTAssertLessThanOrEqual(DisplayWidth.cells(of: Character(grapheme)), 2, file: file, line: line)
                }
                x += 1
            }
            XCTAssertEqual(x, screen.width, file: file, line: line)
            // Every line's display width equals the screen width.
            XCTAssertEqual(DisplayWidth.cells(of: screen.lines()[y]), screen.width, "row \(y): \(screen.lines()[y])", file: file, line: line)
        }
    }

    /// V lists the earlier texts of the notes shown, newest first; Enter restores the selected
    /// one through an action (the text it replaces is kept by the reducer).
    func testEarlierVersionsOfTheNotesCanBeRestoredFromTheConsole() {
        var (state, now) = meetupState(runningFor: 95)
        let opening = state.notes["opening"]!.speaker
        for (minute, text) in [(1.0, "# Opening\n- second text"), (2.0, "# Opening\n- third text")] {
            reduce(&state, .setNotes(session: "opening", kind: .speaker, text: text, basedOn: state.notes["opening"]!.updatedAt),
                   context: ActionContext(now: start + minute * 60, actor: "moderator:ken@laptop"))
        }
        var console = model(state, role: .moderator)
        XCTAssertEqual(console.shownNoteVersions.map(\.text), ["# Opening\n- second text", opening])
        _ = console.handle(.character("V"), now: now)
        _ = console.handle(.character("j"), now: now)
        let screen = ConsoleView.render(console, now: now, width: 80, height: 24)
        assertGolden(screen, named: "console-note-versions-80x24")
        let output = console.handle(.enter, now: now)
        XCTAssertEqual(output.actions, [.setNotes(session: "opening", kind: .speaker, text: opening, basedOn: state.notes["opening"]!.updatedAt)])
        XCTAssertNil(console.overlay)
        XCTAssertTrue(console.notice?.hasPrefix("restored the text saved") == true, console.notice ?? "")
        // Host notes have no earlier versions here: V says so instead of opening an empty list.
        console.showHostNotes = true
        _ = console.handle(.character("V"), now: now)
        XCTAssertNil(console.overlay)
        XCTAssertTrue(console.notice?.hasPrefix("no earlier versions") == true, console.notice ?? "")
    }
}

/// The README's key table is the key table that drives `?`: a key added, changed or removed
/// in `keyTable` fails here until the README says the same (`PODIUM_UPDATE_GOLDENS=1` rewrites
/// the table between its markers).
final class ReadmeKeyTableTests: XCTestCase {
    func testTheReadmeKeyTableIsTheKeyTable() throws {
        try check("keys: made from keyTable", KeyBinding.markdownTable())
    }

    func testTheReadmeInputLineTableIsTheLineKeyTable() throws {
        try check("line keys: made from lineKeyTable", LineKeyBinding.markdownTable())
    }

    private func check(_ marker: String, _ table: String) throws {
        let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("README.md")
        var text = try String(contentsOf: readme, encoding: .utf8)
        let start = "<!-- \(marker); PODIUM_UPDATE_GOLDENS=1 scripts/test rewrites it -->\n"
        let end = "\n<!-- /\(marker.prefix { $0 != ":" }) -->"
        guard let from = text.range(of: start), let to = text.range(of: end, range: from.upperBound..<text.endIndex) else {
            return XCTFail("README.md has no table between \(start) and \(end)")
        }
        if ProcessInfo.processInfo.environment["PODIUM_UPDATE_GOLDENS"] == "1" {
            text.replaceSubrange(from.upperBound..<to.lowerBound, with: table)
            try text.write(to: readme, atomically: true, encoding: .utf8)
            return
        }
        XCTAssertEqual(String(text[from.upperBound..<to.lowerBound]), table, "README.md's table (\(marker)) differs")
    }
}
