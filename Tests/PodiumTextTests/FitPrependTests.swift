import PodiumText
import XCTest

/// `TextLayout.fit` gives exactly the width asked for, also when the text ends with a
/// prepended concatenation mark (Arabic U+0600…U+0605 and the like): it joins the next space
/// into its grapheme, and that space is not drawn. Found by the `wrap` fuzz target.
final class FitPrependTests: XCTestCase {
    func testFitIsExactAfterAPrependedConcatenationMark() {
        for mark in ["\u{0600}", "\u{0601}", "\u{06DD}", "\u{070F}", "\u{110BD}"] {
            for text in ["\u{FFFD}" + mark, mark, "abc" + mark, "漢" + mark] {
                for width in [1, 2, 3, 5, 36] {
                    let fitted = TextLayout.fit(text, toWidth: width)
                    XCTAssertEqual(DisplayWidth.cells(of: fitted), width, "\(text.unicodeScalars.map { String($0.value, radix: 16) }) at \(width)")
                }
            }
        }
    }
}
