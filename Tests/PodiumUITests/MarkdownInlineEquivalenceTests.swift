import PodiumCore
import PodiumText
import XCTest
@testable import PodiumUI

/// The linear inline parser gives the very runs the quadratic one gave (`ReferenceInline`),
/// on every short line made of the characters the rules look at.
final class MarkdownInlineEquivalenceTests: XCTestCase {
    static let alphabet: [Character] = [
        "*", "*", "_", "_", "`", "`", "[", "]", "(", ")", "\\", " ", " ", "a", "b", "日", "<", ">",
        "#", "1", "\u{1FEF}",
    ]

    /// Emphasis alone, where nested openers and their closers are skipped.
    static let emphasis: [Character] = ["*", "*", "*", "_", "_", " ", " ", "a", "\\", "`"]

    func testSameRunsAsTheReferenceOnRandomLines() {
        var random = SplitMix64(state: 12)
        let bases = [Style.normal, Style(.normal, bold: true), Style(.accent, bold: true)]
        var differences = 0
        for index in 0..<90_000 {
            let alphabet = index % 3 == 2 ? Self.emphasis : Self.alphabet
            let length = Int(random.next() % (index % 3 == 2 ? 40 : 28))
            let line = String((0..<length).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] })
            let base = bases[index % bases.count]
            let expected = ReferenceInline.inline(line, base: base)
            let actual = MarkdownRenderer.inline(line, base: base)
            if actual != expected {
                differences += 1
                if differences <= 5 { XCTFail("\(line.debugDescription): \(actual) instead of \(expected)") }
            }
        }
        XCTAssertEqual(differences, 0)
    }

    func testSameRunsAsTheReferenceOnWrittenExamples() {
        let lines = [
            "run **kubectl** *now* with `get -o yaml` _here_",
            "snake_case_name, 2 * 3 * 4, **unclosed, `tick, \\*escaped\\*, ***both***",
            "*a _b *c* d_ e* and **x __y__ z** [l *m*](u) [[n]](v) [o](<p>)",
            "``code with ` inside`` and ``` three ``` `` ` ``",
            "*outer **inner** still* __a *b* c__ _d **e** f_",
            "[a](b c) [a]() [](x) [x](x) \\[no](link) [y]\\(z)",
            "日本語の*強調*と**太字**と`コード`と[リンク](https://example.jp)",
            "*a\\**", "**a*", "*a**", "***a***", "**a**b**", "_a_b_", "a_b_ c", "*a *b c* d*",
        ]
        for line in lines {
            XCTAssertEqual(MarkdownRenderer.inline(line, base: .normal), ReferenceInline.inline(line, base: .normal), line)
        }
    }

    /// What the pathological notes of the scaling test show: nothing closes, so the text comes
    /// out as written, unstyled; where spans do close, each one is found.
    func testPathologicalNotesRenderAsWritten() {
        for (name, unit) in MarkdownScalingTests.patterns where ["unclosed *", "unclosed **", "unclosed _", "unclosed [", "mixed * and _ openers"].contains(name) {
            let notes = MarkdownScalingTests.note(unit, bytes: 50_000)
            let runs = MarkdownRenderer.inline(notes, base: .normal)
            XCTAssertEqual(runs, [StyledRun(notes, .normal)], name)
        }
        // Backtick runs of two lengths: what pairs is what the reference pairs.
        let ticks = MarkdownScalingTests.note("``a ```b ", bytes: 3_000)
        let code = MarkdownRenderer.inline(ticks, base: .normal)
        XCTAssertEqual(code, ReferenceInline.inline(ticks, base: .normal))
        XCTAssertGreaterThan(code.filter { $0.style == MarkdownRenderer.codeStyle }.count, 200)
        // Links among brackets: each [x](y) is a link, the rest stays literal.
        let links = MarkdownScalingTests.note("[x](y) [a] (b) [[c] ", bytes: 20_000)
        let text = MarkdownRenderer.inline(links, base: .normal).map(\.text).joined()
        XCTAssertEqual(text, links.replacingOccurrences(of: "[x](y)", with: "x <y>"))
        // Rows of a 100 KB note: every character drawn once, and no row wider than the pane.
        let big = MarkdownScalingTests.note("note *a **b _c [d ]e ", bytes: 100_000)
        let rows = MarkdownRenderer.render(big, width: 80)
        XCTAssertEqual(rows.map(\.text).joined().filter { $0 != " " }, big.filter { $0 != " " })
        XCTAssertTrue(rows.allSatisfy { DisplayWidth.cells(of: $0.text) <= 80 })
    }
}

/// Whole notes laid out as before: blocks, prefixes, wrapping and styles across rows.
final class MarkdownLayoutEquivalenceTests: XCTestCase {
    static let pieces = [
        "# ", "## ", "- ", "  - ", "1. ", "> ", "[1:00] ", "- [2:00] ", "```", "---", "  ",
        "word ", "two words ", "**bold text** ", "*em* ", "`code span` ", "[link](https://x.jp) ",
        "日本語の文章です。", "「括弧」", "長い長い長い長い長い", "x", " ", "_u_ ", "\\* ", "a_b ",
        "👍🏽 ", "e\u{301} ", "…", "(", ")",
    ]

    func testSameRowsAsTheReferenceOnRandomNotes() {
        var random = SplitMix64(state: 7)
        var differences = 0
        for index in 0..<6_000 {
            let lineCount = 1 + Int(random.next() % 5)
            var lines: [String] = []
            for _ in 0..<lineCount {
                let count = Int(random.next() % 9)
                lines.append((0..<count).map { _ in Self.pieces[Int(random.next() % UInt64(Self.pieces.count))] }.joined())
            }
            let notes = lines.joined(separator: "\n")
            let width = 1 + Int(random.next() % 30)
            let elapsed: Int? = index % 2 == 0 ? nil : Int(random.next() % 200)
            let expected = ReferenceRenderer.render(notes, width: width, elapsedSeconds: elapsed)
            let actual = MarkdownRenderer.render(notes, width: width, elapsedSeconds: elapsed)
            if actual != expected {
                differences += 1
                if differences <= 3 {
                    XCTFail("width \(width), \(notes.debugDescription):\n\(actual.map(\.runs))\ninstead of\n\(expected.map(\.runs))")
                }
            }
        }
        XCTAssertEqual(differences, 0)
    }
}
