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

    /// The printable-ASCII fast paths give exactly what the grapheme walk gives.
    func testASCIIFastPathsMatchTheGraphemeWalk() {
        var generator = SplitMix64(state: 31)
        let printable = (0x20..<0x7F).map { Character(Unicode.Scalar(UInt8($0))) }
        for _ in 0..<2_000 {
            let text = String((0..<Int.random(in: 0...40, using: &generator)).map { _ in printable.randomElement(using: &generator)! })
            XCTAssertTrue(DisplayWidth.isPrintableASCII(text))
            XCTAssertEqual(DisplayWidth.cells(of: text), text.reduce(0) { $0 + DisplayWidth.cells(of: $1) })
            XCTAssertEqual(Sanitizer.line(text), text)
            for width in 0...42 {
                let expected = width <= 0 ? "" : TextLayout.truncateGraphemes(text, toWidth: width)
                XCTAssertEqual(TextLayout.truncate(text, toWidth: width), expected, "\(text) at \(width)")
            }
        }
        for text in ["tab\there", "caf\u{E9}", "\u{7F}", "日本", "a\u{1B}[31m"] {
            XCTAssertFalse(DisplayWidth.isPrintableASCII(text), text)
        }
    }

    /// Remembered shapes and truncations are the ones worked out afresh, for awkward text too.
    func testRememberedShapesMatchFreshOnes() {
        var generator = SplitMix64(state: 77)
        for _ in 0..<500 {
            let text = Self.randomString(&generator, maxPieces: 12)
            let fresh = Sanitizer.line(text).compactMap { character -> ShapedGrapheme? in
                let cells = DisplayWidth.cells(of: character)
                return cells == 0 ? nil : ShapedGrapheme(form: DisplayWidth.displayForm(of: character), cells: cells)
            }
            for _ in 0..<2 { XCTAssertEqual(DisplayWidth.lineShape(text), fresh) }
            let width = Int.random(in: 1...20, using: &generator)
            for _ in 0..<2 {
                XCTAssertEqual(TextLayout.truncate(text, toWidth: width), TextLayout.truncateGraphemes(text, toWidth: width))
            }
        }
    }
}
