import XCTest
@testable import PodiumUI
import PodiumCore
import PodiumText

/// The notes layout remembered between frames gives exactly the rows of a fresh
/// layout, whatever changes: the time (a cue becomes current, then passed), the width, the text.
final class MarkdownMemoTests: XCTestCase {
    let notes = "# Talk\n- [00:00] 自己紹介\n- [01:00] **Demo** of `kubectl`\n\nSome text that wraps at a narrow width.\n- [02:00] Q&A\n"

    func testSameRowsAsAFreshLayout() {
        let memo = MarkdownMemo()
        var text = notes
        for (step, seconds) in [nil, 0, 1, 59, 60, 61, 119, 120, 500, 30].enumerated() {
            let width = step == 6 ? 12 : 40
            if step == 8 { text += "- [03:00] Wrap up\n" }
            let remembered = memo.renderer(markdown: text, width: width, elapsedSeconds: seconds)
            let fresh = MarkdownRenderer(markdown: text, width: width, elapsedSeconds: seconds)
            XCTAssertEqual(remembered.lines, fresh.lines, "elapsed \(String(describing: seconds)), width \(width)")
            XCTAssertEqual(remembered.pacing, fresh.pacing)
            XCTAssertEqual(remembered.cues, fresh.cues)
            XCTAssertEqual(remembered.width, fresh.width)
        }
    }

    func testTheConsoleDrawsTheSameScreenWithItsMemo() {
        var screen = Screen(width: 50, height: 10)
        var plain = Screen(width: 50, height: 10)
        let memo = MarkdownMemo()
        for seconds in [0, 59, 60, 61, 125] {
            NotesPane.render(into: &screen, rect: Rect(x: 0, y: 0, width: 50, height: 10), notes: notes,
                             title: "Notes", elapsedSeconds: seconds, scroll: 0, focused: false, memo: memo)
            NotesPane.render(into: &plain, rect: Rect(x: 0, y: 0, width: 50, height: 10), notes: notes,
                             title: "Notes", elapsedSeconds: seconds, scroll: 0, focused: false)
            XCTAssertEqual(screen, plain, "\(seconds) s")
        }
    }

    /// The consoles' notes footer counts whole minutes, seconds only in the last minute.
    func testCoarsePacingSummary() {
        let cues = PacingCues.parse("- [01:00] Intro\n- [05:00] Demo\n")
        func summary(_ elapsed: Int) -> String {
            NotesPane.coarseSummary(PacingCues.status(cues: cues, elapsedSeconds: elapsed)!) { $0.text }
        }
        XCTAssertEqual(summary(0), "next [1:00] Intro in 1:00")
        XCTAssertEqual(summary(18), "next [1:00] Intro in 0:42")
        XCTAssertEqual(summary(60), "[1:00] Intro now · next [5:00] Demo in 4 min")
        XCTAssertEqual(summary(119), "[1:00] Intro now · next [5:00] Demo in 4 min")
        XCTAssertEqual(summary(120), "[1:00] Intro +1 min · next [5:00] Demo in 3 min")
        XCTAssertEqual(summary(179), "[1:00] Intro +1 min · next [5:00] Demo in 3 min")
        XCTAssertEqual(summary(181), "[1:00] Intro +2 min · next [5:00] Demo in 2 min")
        XCTAssertEqual(summary(250), "[1:00] Intro +3 min · next [5:00] Demo in 0:50")
        XCTAssertEqual(summary(400), "[5:00] Demo +1 min · last cue")
        // From one second to the next, mostly nothing changes.
        let changes = (120..<239).filter { summary($0) != summary($0 + 1) }.count
        XCTAssertLessThanOrEqual(changes, 2)
    }

    /// The queue pane's detail wrap is remembered for one (text, meta, width), and computed
    /// again when any of them changes.
    func testDetailMemoRecomputesWhenItsKeyChanges() {
        let memo = DetailMemo()
        var calls = 0
        func wrap(_ text: String, _ meta: String, _ width: Int) -> [String] {
            memo.wrap(text, meta, width: width) {
                calls += 1
                return (TextLayout.wrap(text, width: width), TextLayout.wrap(meta, width: width))
            }.text
        }
        XCTAssertEqual(wrap("one two three", "web", 8), ["one two", "three"])
        XCTAssertEqual(wrap("one two three", "web", 8), ["one two", "three"])
        XCTAssertEqual(calls, 1)
        XCTAssertEqual(wrap("one two four", "web", 8), ["one two", "four"])
        XCTAssertEqual(wrap("one two four", "web", 20), ["one two four"])
        XCTAssertEqual(wrap("one two four", "slack", 20), ["one two four"])
        XCTAssertEqual(calls, 4)
    }
}
