import Foundation
import PodiumCore
import PodiumText
import PodiumUI
import XCTest

/// The consoles in Japanese: golden screens at 80×24 and 40×12, every row exactly the width
/// in cells, no English word of Podium's own left on them.
final class JapaneseScreenTests: XCTestCase {
    // The English goldens' fixture: the same event, questions and times.
    private let fixture = ConsoleViewTests(name: "fixture", testClosure: { _ in })

    private func japanese(_ role: Role, select: String? = "q1", runningFor seconds: Double = 95) -> (ConsoleModel, Date) {
        let (state, now) = fixture.meetupState(runningFor: seconds)
        var model = fixture.model(state, role: role, select: select)
        model.language = .ja
        return (model, now)
    }

    /// Every row `width` cells wide (wide characters two cells), and the screen `height` rows.
    private func assertExactWidth(_ screen: Screen, _ name: String, file: StaticString = #filePath, line: UInt = #line) {
        let rows = screen.lines()
        XCTAssertEqual(rows.count, screen.height, name, file: file, line: line)
        for (index, row) in rows.enumerated() {
            XCTAssertEqual(DisplayWidth.cells(of: row), screen.width, "\(name) row \(index): \(row)", file: file, line: line)
        }
    }

    /// Podium's own English words that must not show in Japanese (user content is English
    /// here too: titles such as "Opening", so only Podium's words are checked).
    private func assertNoEnglishOfPodium(_ screen: Screen, _ name: String, file: StaticString = #filePath, line: UInt = #line) {
        let text = screen.text
        for word in ["Timer", "Notes", "Q&A", " left", "planned", "next:", "help", "quit", "Keys", "Rundown",
                     "Session", "behind", "on time", "ends ", "votes", "NEW", "LIVE", "Any key", "PAUSED", "used "] {
            XCTAssertFalse(text.contains(word), "\(name) still says \"\(word)\":\n\(text)", file: file, line: line)
        }
    }

    private func check(_ screen: Screen, _ name: String, file: StaticString = #filePath, line: UInt = #line) {
        assertGolden(screen, named: name, file: file, line: line)
        assertExactWidth(screen, name, file: file, line: line)
        assertNoEnglishOfPodium(screen, name, file: file, line: line)
    }

    func testHost() {
        for (width, height) in [(80, 24), (40, 12)] {
            let (model, now) = japanese(.host)
            let screen = ConsoleView.render(model, now: now, width: width, height: height)
            check(screen, "ja-host-\(width)x\(height)")
            XCTAssertTrue(screen.text.contains("タイマー"), screen.text)
        }
    }

    func testModerator() {
        for (width, height) in [(80, 24), (40, 12)] {
            let (model, now) = japanese(.moderator, select: "q2")
            check(ConsoleView.render(model, now: now, width: width, height: height), "ja-moderator-\(width)x\(height)")
        }
    }

    func testSpeaker() {
        for (width, height) in [(80, 24), (40, 12)] {
            let (model, now) = japanese(.speaker)
            let screen = ConsoleView.render(model, now: now, width: width, height: height)
            check(screen, "ja-speaker-\(width)x\(height)")
            XCTAssertTrue(screen.text.contains("経過"), screen.text)
        }
    }

    func testHelp() {
        for (width, height) in [(80, 24), (40, 12)] {
            var (model, now) = japanese(.host)
            model.width = width
            model.height = height
            _ = model.handle(.character("?"), now: now)
            let screen = ConsoleView.render(model, now: now, width: width, height: height)
            check(screen, "ja-help-\(width)x\(height)")
            XCTAssertTrue(screen.text.contains("キー (host)"), screen.text)
        }
    }

    func testRundown() {
        for (width, height) in [(80, 24), (40, 12)] {
            var (model, now) = japanese(.host)
            _ = model.handle(.character("R"), now: now)
            let screen = ConsoleView.render(model, now: now, width: width, height: height)
            check(screen, "ja-rundown-\(width)x\(height)")
            XCTAssertTrue(screen.text.contains("進行表"), screen.text)
        }
    }

    /// Notices and the full question overlay speak the console's language too.
    func testNoticesAndOverlays() {
        var (model, now) = japanese(.host, select: "q3")
        _ = model.handle(.character("y"), now: now)
        XCTAssertEqual(model.notice, "承認しました")
        _ = model.handle(.character("m"), now: now)
        let palette = ConsoleView.render(model, now: now, width: 80, height: 24)
        XCTAssertTrue(palette.text.contains("登壇者への伝言"), palette.text)
        XCTAssertTrue(palette.text.contains("まとめに入ってください"), palette.text)
        assertExactWidth(palette, "palette")
        _ = model.handle(.character("2"), now: now)
        XCTAssertEqual(model.shared.message?.text ?? "", "")  // the loop applies it; the notice says it
        XCTAssertEqual(model.notice, "送りました: まとめに入ってください (セッション終了まで)")
        _ = model.handle(.character("i"), now: now)
        let full = ConsoleView.render(model, now: now, width: 40, height: 12)
        XCTAssertTrue(full.text.contains("質問"), full.text)
        assertExactWidth(full, "full question")
        // English consoles are unchanged by all this.
        var english = model
        english.language = .en
        english.overlay = nil
        _ = english.handle(.character("y"), now: now)
        XCTAssertEqual(english.notice, "approved")
    }
}
