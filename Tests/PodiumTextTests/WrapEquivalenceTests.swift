import XCTest
@testable import PodiumText

/// `TextLayout.wrap` gives the lines it gave before it cut them as slices of the text.
final class WrapEquivalenceTests: XCTestCase {
    static let pieces: [String] = [
        "a", "word", " ", " ", "  ", "日本語", "。", "、", "「", "」", "(", ")", "[", ".", ",", "!",
        "👍🏽", "e\u{301}", " \u{301}", "\n", "\r\n", "\u{2028}", "\u{85}", "…", "ｱ", "x-y", "\t", "%",
    ]

    func testSameLinesAsTheReference() {
        var random = SplitMix64(state: 3)
        var differences = 0
        for _ in 0..<20_000 {
            let count = Int(random.next() % 16)
            let text = (0..<count).map { _ in Self.pieces[Int(random.next() % UInt64(Self.pieces.count))] }.joined()
            let width = Int(random.next() % 12)
            let expected = ReferenceWrap.wrap(text, width: width)
            let actual = TextLayout.wrap(text, width: width)
            if actual != expected {
                differences += 1
                if differences <= 3 { XCTFail("width \(width), \(text.debugDescription): \(actual) instead of \(expected)") }
            }
        }
        XCTAssertEqual(differences, 0)
    }
}
