import XCTest
@testable import PodiumText

/// `canBreak` answers two ASCII characters without hashing them; the answer is the one the
/// kinsoku sets and widths give.
final class CanBreakTests: XCTestCase {
    func testASCIIPairsFollowTheRules() {
        let ascii = (0x20...0x7E).map { Character(Unicode.Scalar(UInt8($0))) }
        for previous in ascii {
            for next in ascii {
                let expected: Bool
                if next == " " {
                    expected = previous != " "
                } else if TextLayout.noLineStart.contains(next) {
                    expected = false
                } else if previous == " " {
                    expected = true
                } else {
                    expected = !TextLayout.noLineEnd.contains(previous)
                        && (DisplayWidth.cells(of: previous) >= 2 || DisplayWidth.cells(of: next) >= 2)
                }
                XCTAssertEqual(TextLayout.canBreak(before: next, after: previous), expected, "\(previous)\(next)")
            }
        }
        // Mixed with wide characters, the general rules still apply.
        XCTAssertTrue(TextLayout.canBreak(before: "日", after: "a"))
        XCTAssertFalse(TextLayout.canBreak(before: "。", after: "a"))
        XCTAssertFalse(TextLayout.canBreak(before: "b", after: "「"))
    }
}
