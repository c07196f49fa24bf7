import XCTest
@testable import PodiumText

final class TruncateTests: XCTestCase {
    static let cases: [(text: String, width: Int, expected: String)] = [
        ("hello", 10, "hello"),
        ("hello", 5, "hello"),
        ("hello", 4, "hel…"),
        ("hello", 1, "…"),
        ("hello", 0, ""),
        ("かなかな", 8, "かなかな"),
        ("かなかな", 7, "かなか…"),
        ("かなかな", 6, "かな…"),   // か would end at 6, then no room for …: wide char left out
        ("漢字です", 5, "漢字…"),
        ("漢", 1, "…"),
        ("！！！", 4, "！…"),
        ("ｶﾅｶﾅ", 3, "ｶﾅ…"),
        ("한국어입니다", 7, "한국어…"),
        ("e\u{0301}e\u{0301}e\u{0301}", 2, "e\u{0301}…"),
        ("👍🏽👍🏽", 3, "👍🏽…"),
        ("👨‍👩‍👧👨‍👩‍👧", 4, "👨‍👩‍👧👨‍👩‍👧"),
        ("👨‍👩‍👧👨‍👩‍👧x", 4, "👨‍👩‍👧…"),
        ("🇯🇵🇯🇵", 3, "🇯🇵…"),
        ("❤️❤️❤️", 3, "❤️❤️❤️"),
        ("❤️❤️❤️❤️", 3, "❤️❤️…"),
        ("a\tb\tc", 4, "a\tb…"),
    ]

    func testTruncationTable() {
        for c in Self.cases {
            let cut = TextLayout.truncate(c.text, toWidth: c.width)
            XCTAssertEqual(cut, c.expected, "truncate \(c.text.debugDescription) to \(c.width)")
            XCTAssertLessThanOrEqual(DisplayWidth.cells(of: cut), max(0, c.width))
        }
    }

    func testFitPadsToExactWidth() {
        for c in Self.cases where c.width > 0 {
            let fitted = TextLayout.fit(c.text, toWidth: c.width)
            XCTAssertEqual(DisplayWidth.cells(of: fitted), c.width, "fit \(c.text.debugDescription)")
        }
        XCTAssertEqual(TextLayout.fit("漢字", toWidth: 5), "漢字 ")
        XCTAssertEqual(TextLayout.fit("漢字です", toWidth: 5), "漢字…")
    }
}
