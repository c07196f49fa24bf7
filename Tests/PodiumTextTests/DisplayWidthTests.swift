import XCTest
@testable import PodiumText

final class DisplayWidthTests: XCTestCase {
    /// (text, cells, display form) for the table of cases.
    static let cases: [(text: String, cells: Int, form: String, note: String)] = [
        ("abc", 3, "abc", "ASCII"),
        ("かな", 4, "かな", "hiragana"),
        ("漢字", 4, "漢字", "kanji"),
        ("！", 2, "！", "full-width exclamation"),
        ("ｶﾅ", 2, "ｶﾅ", "half-width katakana"),
        ("한국어", 6, "한국어", "Hangul syllables"),
        ("\u{1112}\u{1161}\u{11AB}", 2, "\u{1112}\u{1161}\u{11AB}", "Hangul conjoining jamo"),
        ("é", 1, "é", "precomposed e acute"),
        ("e\u{0301}", 1, "e\u{0301}", "e + combining acute"),
        ("Ä\u{0308}\u{0323}", 1, "Ä\u{0308}\u{0323}", "stacked accents"),
        ("👍", 2, "👍", "emoji"),
        ("👍🏽", 2, "👍", "emoji + skin tone: modifier dropped"),
        ("👨‍👩‍👧", 2, "👨", "ZWJ family: first member"),
        ("🏳️‍🌈", 1, "🏳", "rainbow flag: white flag text form"),
        ("🇯🇵", 2, "🇯🇵", "flag: two regional indicators, 1 + 1"),
        ("❤️", 1, "❤", "VS16 heart: text form, one cell (deviation, see DisplayWidth)"),
        ("❤", 1, "❤", "heart without selector"),
        ("☺️", 1, "☺", "VS16 smiley"),
        ("1️⃣", 1, "1", "keycap: base"),
        ("😀\u{FE0F}", 2, "😀", "default-emoji + VS16"),
        ("\t", 1, "\t", "tab: one cell, sanitised to a space"),
        ("a\tb", 3, "a\tb", "tab between letters"),
        ("\u{1B}", 1, "\u{1B}", "ESC: one cell (␛)"),
        ("\u{200B}", 0, "\u{200B}", "zero-width space"),
        ("…", 1, "…", "ellipsis (ambiguous, narrow)"),
        ("│", 1, "│", "box drawing (ambiguous, narrow)"),
        ("・", 2, "・", "katakana middle dot"),
        ("\u{1FAE8}", 1, "\u{FFFD}", "Unicode 15 emoji, unknown to glibc 2.36: drawn as U+FFFD"),
        ("\u{1F3FD}", 2, "\u{1F3FD}", "lone skin tone, as glibc draws it"),
        ("Swift 6 と Knative", 18, "Swift 6 と Knative", "mixed"),
    ]

    func testWidthTable() {
        for c in Self.cases {
            XCTAssertEqual(DisplayWidth.cells(of: c.text), c.cells, "cells of \(c.note)")
            let form = c.text.map { DisplayWidth.displayForm(of: $0) }.joined()
            XCTAssertEqual(form, c.form, "display form of \(c.note)")
            // The display form measures the same as the text.
            XCTAssertEqual(DisplayWidth.cells(of: form), c.cells, "form width of \(c.note)")
        }
    }

    func testZalgoIsCappedToCursesLimit() {
        let tower = Character("Z" + String(repeating: "\u{0301}\u{0316}", count: 200))
        let form = DisplayWidth.displayForm(of: tower)
        XCTAssertEqual(form.unicodeScalars.count, DisplayWidth.maximumScalarsPerGrapheme)
        XCTAssertEqual(DisplayWidth.cells(of: tower), 1)
    }

    func testUnsafeScalarsCountTheirReplacementWidth() {
        for text in HostileStrings.all {
            XCTAssertEqual(DisplayWidth.cells(of: text), DisplayWidth.cells(of: Sanitizer.line(text)),
                           "width must not change by sanitising: \(text.debugDescription.prefix(60))")
        }
        // A control absorbs a following lone modifier once it is a visible picture: never wider.
        XCTAssertEqual(DisplayWidth.cells(of: "\u{1E}\u{1F3FF}"), 3)
        XCTAssertEqual(DisplayWidth.cells(of: Sanitizer.line("\u{1E}\u{1F3FF}")), 1)
    }

    func testEveryGraphemeIsAtMostTwoCells() {
        let graphemes: [Character] = [
            "\u{1100}\u{1100}\u{1100}", "क\u{093E}\u{093E}", "🇯🇵", "👨‍👩‍👧", "e\u{0301}\u{0302}",
            Character("a" + String(repeating: "\u{093E}", count: 9)),
        ]
        for grapheme in graphemes {
            XCTAssertLessThanOrEqual(DisplayWidth.cells(of: grapheme), 2, "\(grapheme)")
        }
        XCTAssertEqual(DisplayWidth.displayForm(of: "\u{1100}\u{1100}\u{1161}"), "\u{1100}\u{1161}")
        XCTAssertEqual(DisplayWidth.cells(of: Character("\u{1F1EF}\u{1F1F5}")), 2)
    }
}
