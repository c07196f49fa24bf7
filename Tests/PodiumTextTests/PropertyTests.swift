import XCTest
@testable import PodiumText

/// Seeded random strings over an alphabet of awkward graphemes and scalars.
final class PropertyTests: XCTestCase {
    static let alphabet: [String] = [
        "a", "Z", " ", " ", "  ", "漢", "字", "か", "。", "、", "」", "「", "ー", "ｶ", "！", "한",
        "e\u{0301}", "\u{0301}", "👍", "🏽", "\u{200D}", "👨", "🇯", "🇵", "❤", "\u{FE0F}", "\u{20E3}",
        "\t", "\n", "\r", "\u{1B}", "[", "\u{9B}", "\u{202E}", "\u{2028}", "\u{0}", "\u{7F}",
        "\u{200B}", "…", "\u{1FAE8}", "word", "ABCDEFGHIJKLMNOP",
    ]

    static func randomString(_ generator: inout SplitMix64, maxPieces: Int) -> String {
        let pieces = Int.random(in: 0...maxPieces, using: &generator)
        var text = ""
        for _ in 0..<pieces { text += alphabet.randomElement(using: &generator)! }
        return text
    }

    func testTruncateAndWrapNeverExceedTheWidth() {
        var generator = SplitMix64(state: 20_190_722)
        for _ in 0..<1_500 {
            let raw = Self.randomString(&generator, maxPieces: 40)
            let width = Int.random(in: 1...30, using: &generator)
            for text in [raw, Sanitizer.line(raw), Sanitizer.multiline(raw)] {
                let cut = TextLayout.truncate(text, toWidth: width)
                XCTAssertLessThanOrEqual(DisplayWidth.cells(of: cut), width, "truncate \(text.debugDescription) to \(width)")
                XCTAssertTrue(text.hasPrefix(cut) || cut.last == TextLayout.ellipsis)
                XCTAssertEqual(DisplayWidth.cells(of: TextLayout.fit(text, toWidth: width)), width)
                let lines = TextLayout.wrap(text, width: width)
                for line in lines {
                    XCTAssertLessThanOrEqual(DisplayWidth.cells(of: line), width, "wrap \(text.debugDescription) at \(width): \(line.debugDescription)")
                }
            }
            // Round trip on sanitised single-paragraph text (the way the UI wraps notes).
            let safe = Sanitizer.line(raw)
            if width >= 2 {
                WrapTests.assertRoundTrip(safe, TextLayout.wrap(safe, width: width))
            }
            XCTAssertLessThanOrEqual(DisplayWidth.cells(of: safe), DisplayWidth.cells(of: raw), raw.debugDescription)
            for character in raw + safe {
                XCTAssertTrue((0...2).contains(DisplayWidth.cells(of: character)), character.debugDescription)
            }
        }
    }

    func testSanitisedTextIsAlwaysSafe() {
        var generator = SplitMix64(state: 4)
        for _ in 0..<2_000 {
            let raw = Self.randomString(&generator, maxPieces: 30)
            let safe = Sanitizer.line(raw)
            XCTAssertFalse(safe.unicodeScalars.contains(where: SanitizerTests.isForbidden), raw.debugDescription)
            XCTAssertEqual(safe.unicodeScalars.count, raw.unicodeScalars.count, "one replacement per scalar")
        }
    }

    func testLineEditorKeepsItsInvariants() {
        var generator = SplitMix64(state: 99)
        for _ in 0..<300 {
            var editor = LineEditor(maximumLength: 25)
            for _ in 0..<40 {
                switch Int.random(in: 0..<9, using: &generator) {
                case 0, 1, 2: editor.insert(Self.randomString(&generator, maxPieces: 3))
                case 3: editor.backspace()
                case 4: editor.delete()
                case 5: editor.left()
                case 6: editor.right()
                case 7: Bool.random(using: &generator) ? editor.home() : editor.end()
                default: Bool.random(using: &generator) ? editor.killToEnd() : editor.deleteWordBackward()
                }
                XCTAssertTrue((0...editor.count).contains(editor.cursor))
                XCTAssertLessThanOrEqual(editor.count, 25)
                XCTAssertEqual(Array(editor.text), editor.characters, "characters stay segmented like the text")
                XCTAssertTrue(Sanitizer.isSafeLine(editor.text))
                let width = Int.random(in: 1...12, using: &generator)
                LineEditorTests.assertView(editor, width: width)
            }
        }
    }
}
