import PodiumCore
import PodiumText
import XCTest
@testable import PodiumUI

final class MarkdownRendererTests: XCTestCase {
    /// Notes as a speaker at a Tokyo meetup writes them.
    static let talkNotes = """
        # Kubernetes 入門
        初めての方向けに、Pod から Deployment までを**30分**で説明します。

        ## 流れ
        - [0:00] 自己紹介と今日のゴール
        - [5:00] Pod とは何か: `kubectl get pods` を見せる
        - [15:00] *デモ*: Deployment のローリングアップデート
        - [25:00] 質疑応答
        1. スライドは [connpass](https://connpass.com/event/1) に掲載
        2. アンケートのお願い (the survey form link goes in the chat, please don't forget it)

        ### Links
        See [the docs](https://kubernetes.io/docs/) and _Kubernetes the hard way_.
        > Wi-Fi は会場の掲示を参照
        ---
        ```
        kubectl apply -f deploy.yaml
        ```
        """

    // MARK: Goldens

    func testGoldenNotesAtWidth20() {
        assertGolden(pane(width: 20, height: 40, elapsed: 7 * 60), named: "notes-ja-w20")
    }

    func testGoldenNotesAtWidth40() {
        assertGolden(pane(width: 40, height: 28, elapsed: 16 * 60 + 30), named: "notes-ja-w40")
    }

    func testGoldenNotesAtWidth80() {
        assertGolden(pane(width: 80, height: 24, elapsed: nil), named: "notes-ja-w80")
    }

    func testGoldenScrolledHostNotes() {
        var screen = Screen(width: 30, height: 8)
        let result = NotesPane.render(
            into: &screen, rect: Rect(x: 0, y: 0, width: 30, height: 8),
            notes: Self.talkNotes, title: "Notes · next: LT 大会", elapsedSeconds: nil, scroll: 3,
            focused: true)
        XCTAssertEqual(result.scroll, 3)
        assertGolden(screen, named: "notes-scrolled-w30")
    }

    private func pane(width: Int, height: Int, elapsed: Int?) -> Screen {
        var screen = Screen(width: width, height: height)
        NotesPane.render(
            into: &screen, rect: Rect(x: 0, y: 0, width: width, height: height),
            notes: Self.talkNotes, title: "Notes", elapsedSeconds: elapsed, scroll: 0,
            focused: false)
        return screen
    }

    // MARK: Blocks

    func testEveryRowFitsItsWidth() {
        for width in 1...50 {
            for line in MarkdownRenderer.render(Self.talkNotes, width: width, elapsedSeconds: 600) {
                XCTAssertLessThanOrEqual(
                    DisplayWidth.cells(of: line.text), max(width, 2), "width \(width): \(line.text)")
            }
        }
    }

    func testBulletsWrapWithHangingIndent() {
        let rows = MarkdownRenderer.render(
            "- one two three four five six\n  * nested item wraps too", width: 14)
        XCTAssertEqual(rows.map(\.text), [
            "- one two", "  three four", "  five six",
            "  - nested", "    item wraps", "    too",
        ])
        XCTAssertEqual(rows.map(\.sourceLine), [0, 0, 0, 1, 1, 1])
    }

    func testNumberedItemsHangUnderTheirText() {
        let rows = MarkdownRenderer.render("10. アンケートのお願いをします", width: 14)
        XCTAssertEqual(rows.map(\.text), ["10. アンケート", "    のお願いを", "    します"])
    }

    func testJapaneseWrapsBetweenCharactersAndKeepsPunctuationOffLineStarts() {
        let rows = MarkdownRenderer.render("今日は晴れです。明日は雨です。", width: 8)
        XCTAssertEqual(rows.map(\.text), ["今日は晴", "れです。", "明日は雨", "です。"])
        let tight = MarkdownRenderer.render("あいう。", width: 6)
        XCTAssertEqual(tight.map(\.text), ["あい", "う。"])
    }

    func testHeadingsAreStyledAndUnderlined() {
        let rows = MarkdownRenderer.render("# 入門 #\n## Two\n### Three", width: 20)
        XCTAssertEqual(rows.map(\.text), ["入門", "────", "Two", "───", "Three"])
        XCTAssertEqual(rows[0].runs, [StyledRun("入門", Style(.title, bold: true))])
        XCTAssertEqual(rows[1].rule, 4)
        XCTAssertEqual(rows[2].runs, [StyledRun("Two", Style(.accent, bold: true))])
        XCTAssertEqual(rows[4].runs, [StyledRun("Three", Style(.normal, bold: true))])
        XCTAssertEqual(MarkdownRenderer.render("#hashtag", width: 20).map(\.text), ["#hashtag"])
    }

    func testBlankLinesKeptAndFinalNewlineAddsNoRow() {
        XCTAssertEqual(MarkdownRenderer.render("a\n\n\nb\n", width: 10).map(\.text), ["a", "", "", "b"])
    }

    // MARK: Inline

    func testBoldEmphasisAndCodeSpans() {
        let rows = MarkdownRenderer.render("run **kubectl** *now* with `get -o yaml` _here_", width: 80)
        XCTAssertEqual(rows.map(\.text), ["run kubectl now with get -o yaml here"])
        XCTAssertEqual(rows[0].runs, [
            StyledRun("run ", .normal), StyledRun("kubectl", Style(.normal, bold: true)),
            StyledRun(" ", .normal), StyledRun("now", Style(.title)),
            StyledRun(" with ", .normal), StyledRun("get -o yaml", Style(.accent)),
            StyledRun(" ", .normal), StyledRun("here", Style(.title)),
        ])
    }

    func testMarkersThatAreNotMarkupStayLiteral() {
        let rows = MarkdownRenderer.render(
            "snake_case_name, 2 * 3 * 4, **unclosed, `tick, \\*escaped\\*, ***both***", width: 80)
        XCTAssertEqual(rows.map(\.text), ["snake_case_name, 2 * 3 * 4, **unclosed, `tick, *escaped*, both"])
        XCTAssertEqual(rows[0].runs.last, StyledRun("both", Style(.title, bold: true)))
        // A code span keeps markup characters as they are.
        XCTAssertEqual(MarkdownRenderer.render("`**not bold**`", width: 40)[0].runs,
                       [StyledRun("**not bold**", Style(.accent))])
    }

    func testLinksShowTextAndAddress() {
        let rows = MarkdownRenderer.render(
            "スライドは [connpass](https://connpass.com/e/1) と [https://x.jp](https://x.jp)", width: 80)
        XCTAssertEqual(rows.map(\.text), ["スライドは connpass <https://connpass.com/e/1> と https://x.jp"])
        XCTAssertTrue(rows[0].runs.contains(StyledRun("<https://connpass.com/e/1>", Style(.dim))))
        XCTAssertTrue(rows[0].runs.contains(StyledRun("https://x.jp", Style(.accent))))
        XCTAssertEqual(MarkdownRenderer.render("[not a link] (x)", width: 40).map(\.text), ["[not a link] (x)"])
    }

    func testStylesSurviveWrapping() {
        let rows = MarkdownRenderer.render("aaa **bold words here** tail", width: 10)
        XCTAssertEqual(rows.map(\.text), ["aaa bold", "words here", "tail"])
        XCTAssertEqual(rows[1].runs, [StyledRun("words here", Style(.normal, bold: true))])
        XCTAssertEqual(rows[2].runs, [StyledRun("tail", .normal)])
    }

    // MARK: Hostile text

    func testHostileTextIsInert() {
        let hostile = "# Title\u{1B}]0;pwned\u{07}\n- \u{1B}[2J\u{1B}[31mred\u{9B}31m **b\u{202E}old**\r\n[1:00] \u{1B}]52;c;AAAA\u{07}"
        var screen = Screen(width: 40, height: 10)
        NotesPane.render(
            into: &screen, rect: Rect(x: 0, y: 0, width: 40, height: 10), notes: hostile,
            title: "Notes\u{1B}[2J", elapsedSeconds: 90, scroll: 0, focused: false)
        for cell in screen.cells {
            if case .text(let grapheme) = cell.glyph {
                for scalar in grapheme.unicodeScalars {
                    XCTAssertFalse(Sanitizer.isUnsafe(scalar), "unsafe scalar U+\(String(scalar.value, radix: 16))")
                }
            }
        }
        let text = screen.text
        XCTAssertTrue(text.contains("␛]0;pwned␇"), text)
        XCTAssertTrue(text.contains("␛[2J␛[31mred"), text)
        XCTAssertTrue(text.contains("␛]52;c;AAAA␇"), text)
        // CR LF is one line break: the cue is on the third line.
        XCTAssertEqual(PacingCues.parse(hostile).map(\.line), [2])
    }

    // MARK: Pacing cues

    func testCueLinesHighlightCurrentAndDimPassed() {
        let notes = "[0:00] Hello\n- [5:00] Pod\n[15:00] Demo"
        let rows = MarkdownRenderer.render(notes, width: 30, elapsedSeconds: 6 * 60)
        XCTAssertEqual(rows.map(\.text), ["  [0:00] Hello", "> [5:00] Pod", "  [15:00] Demo"])
        XCTAssertTrue(rows[0].runs.allSatisfy { $0.style.color == .dim })
        XCTAssertEqual(rows[1].runs.first, StyledRun("> ", Style(.live, bold: true)))
        XCTAssertTrue(rows[1].runs.dropFirst().allSatisfy { $0.style.reverse })
        XCTAssertFalse(rows[2].runs.contains { $0.style.reverse || $0.style.color == .dim })
        XCTAssertTrue(rows[2].runs.contains(StyledRun("[15:00]", Style(.accent, bold: true))))
        // Without a time nothing is current or passed; the bullet shows.
        let idle = MarkdownRenderer.render(notes, width: 30)
        XCTAssertEqual(idle.map(\.text), ["  [0:00] Hello", "- [5:00] Pod", "  [15:00] Demo"])
        XCTAssertFalse(idle.flatMap(\.runs).contains { $0.style.reverse || $0.style.color == .dim })
    }

    func testFencedCodeIsNotParsed() {
        let rows = MarkdownRenderer.render("```\n[1:00] **x**\n```\nafter", width: 30, elapsedSeconds: 120)
        XCTAssertEqual(rows.map(\.text), ["  [1:00] **x**", "after"])
        XCTAssertEqual(rows[0].runs.last?.style, Style(.accent))
        XCTAssertEqual(rows.map(\.sourceLine), [1, 3])
    }

    // MARK: Pane: scrolling

    func longNotes(cueAt line: Int, count: Int = 60) -> String {
        (0..<count).map { $0 == line ? "[10:00] ここでデモ" : "line \($0)" }.joined(separator: "\n")
    }

    func testScrollIsClampedAndReported() {
        var screen = Screen(width: 30, height: 12)
        let rect = Rect(x: 0, y: 0, width: 30, height: 12)
        let notes = longNotes(cueAt: 40)
        var result = NotesPane.render(
            into: &screen, rect: rect, notes: notes, title: "Notes", elapsedSeconds: nil,
            scroll: 1000, focused: true)
        XCTAssertEqual(result.lineCount, 60)
        XCTAssertEqual(result.visibleLines, 10)
        XCTAssertEqual(result.maxScroll, 50)
        XCTAssertEqual(result.scroll, 50)
        XCTAssertEqual(screen.lines()[1], "│line 50                     │")
        XCTAssertTrue(screen.lines()[11].contains(" 51-60/60 "), screen.lines()[11])

        result = NotesPane.render(
            into: &screen, rect: rect, notes: notes, title: "Notes", elapsedSeconds: nil,
            scroll: -5, focused: true)
        XCTAssertEqual(result.scroll, 0)
        XCTAssertEqual(screen.lines()[1], "│line 0                      │")
        XCTAssertTrue(screen.lines()[11].contains(" 1-10/60 "))

        // Short notes: nothing to scroll, no indicator.
        result = NotesPane.render(
            into: &screen, rect: rect, notes: "short", title: "Notes", elapsedSeconds: nil,
            scroll: 3, focused: false)
        XCTAssertEqual(result.scroll, 0)
        XCTAssertEqual(result.maxScroll, 0)
        XCTAssertEqual(screen.lines()[11], "└────────────────────────────┘")
    }

    func testCurrentCueIsKeptInView() {
        var screen = Screen(width: 60, height: 12)
        let rect = Rect(x: 0, y: 0, width: 60, height: 12)
        let notes = longNotes(cueAt: 40)
        let result = NotesPane.render(
            into: &screen, rect: rect, notes: notes, title: "Notes", elapsedSeconds: 11 * 60,
            scroll: 0, focused: false)
        XCTAssertEqual(result.scroll, 39, "the cue shows with one row of context above it")
        XCTAssertEqual(result.pacing?.current?.line, 40)
        let lines = screen.lines()
        XCTAssertTrue(lines[1].hasPrefix("│line 39 "), lines[1])
        XCTAssertTrue(lines[2].hasPrefix("│> [10:00] ここでデモ "), lines[2])
        XCTAssertTrue(lines[11].contains(" [10:00] ここでデモ +1:00 · last cue "), lines[11])
        XCTAssertTrue(lines[11].hasSuffix(" 40-49/60 ┘"), lines[11])

        // Already in view: the scroll asked for stays.
        let inView = NotesPane.render(
            into: &screen, rect: rect, notes: notes, title: "Notes", elapsedSeconds: 11 * 60,
            scroll: 35, focused: false)
        XCTAssertEqual(inView.scroll, 35)

        // Scrolled away by hand: the console turns following off, the highlight stays.
        let away = NotesPane.render(
            into: &screen, rect: rect, notes: notes, title: "Notes", elapsedSeconds: 11 * 60,
            scroll: 0, focused: false, followCurrentCue: false)
        XCTAssertEqual(away.scroll, 0)
        XCTAssertNotNil(away.pacing?.current)

        // Before the cue's time there is no current cue: no jump.
        let early = NotesPane.render(
            into: &screen, rect: rect, notes: notes, title: "Notes", elapsedSeconds: 60,
            scroll: 0, focused: false)
        XCTAssertEqual(early.scroll, 0)
        XCTAssertTrue(screen.lines()[11].contains("next [10:00] ここでデモ in 9:00"), screen.lines()[11])
    }

    func testCueNearTheEndIsShownWithoutScrollingPastTheEnd() {
        var screen = Screen(width: 60, height: 12)
        let result = NotesPane.render(
            into: &screen, rect: Rect(x: 0, y: 0, width: 60, height: 12),
            notes: longNotes(cueAt: 58), title: "Notes", elapsedSeconds: 700, scroll: 0,
            focused: false)
        XCTAssertEqual(result.scroll, 50)
        XCTAssertTrue(screen.lines()[9].hasPrefix("│> [10:00]"), screen.lines()[9])
    }

    func testEmptyNotesSayso() {
        var screen = Screen(width: 20, height: 4)
        let result = NotesPane.render(
            into: &screen, rect: Rect(x: 0, y: 0, width: 20, height: 4), notes: "",
            title: "Host notes", elapsedSeconds: 30, scroll: 0, focused: false)
        XCTAssertEqual(screen.lines(), [
            "┌ Host notes ──────┐",
            "│ (no notes)       │",
            "│                  │",
            "└──────────────────┘",
        ])
        XCTAssertNil(result.pacing)
    }
}

extension MarkdownRendererTests {
    func testPaneSummaryShowsCueTextWithoutMarkup() {
        var screen = Screen(width: 90, height: 5)
        let result = NotesPane.render(
            into: &screen, rect: Rect(x: 0, y: 0, width: 90, height: 5),
            notes: "[1:00] **Demo** of `kubectl`\n[3:00] [Q&A](https://x.jp)", title: "Notes",
            elapsedSeconds: 100, scroll: 0, focused: false)
        XCTAssertEqual(result.pacing?.current?.text, "**Demo** of `kubectl`")
        XCTAssertTrue(
            screen.lines()[4].contains(" [1:00] Demo of kubectl +0:40 · next [3:00] Q&A <https://x.jp> in 1:20 "),
            screen.lines()[4])
    }
}
