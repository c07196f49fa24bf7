import XCTest
@testable import PodiumText

final class SanitizerTests: XCTestCase {
    static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return v < 0x20 || (0x7F...0x9F).contains(v) || (0x202A...0x202E).contains(v)
            || (0x2066...0x2069).contains(v) || v == 0x200E || v == 0x200F || v == 0x061C
            || v == 0x2028 || v == 0x2029
    }

    func testThereAreAtLeastFortyHostileStrings() {
        XCTAssertGreaterThanOrEqual(HostileStrings.all.count, 40)
        XCTAssertEqual(Set(HostileStrings.named.map(\.name)).count, HostileStrings.named.count)
    }

    func testEveryHostileStringIsInertAsALine() {
        for (name, text) in HostileStrings.named {
            let safe = Sanitizer.line(text)
            XCTAssertFalse(safe.unicodeScalars.contains(where: Self.isForbidden), "line: \(name)")
            XCTAssertTrue(Sanitizer.isSafeLine(safe), name)
            XCTAssertEqual(Sanitizer.line(safe), safe, "line is idempotent: \(name)")
        }
    }

    func testEveryHostileStringIsInertAsMultiline() {
        for (name, text) in HostileStrings.named {
            let safe = Sanitizer.multiline(text)
            XCTAssertFalse(safe.unicodeScalars.contains { $0 != "\n" && Self.isForbidden($0) }, "multiline: \(name)")
            XCTAssertEqual(Sanitizer.multiline(safe), safe, "multiline is idempotent: \(name)")
        }
    }

    func testEveryHostileStringIsInertAsACSVCell() {
        for (name, text) in HostileStrings.named {
            let cell = Sanitizer.csvCell(text)
            XCTAssertFalse(cell.unicodeScalars.contains { $0 != "\n" && Self.isForbidden($0) }, "csv: \(name)")
        }
    }

    func testReplacementsAreVisible() {
        XCTAssertEqual(Sanitizer.line("\u{1B}[2J"), "␛[2J")
        XCTAssertEqual(Sanitizer.line("\u{1B}]0;title\u{07}"), "␛]0;title␇")
        XCTAssertEqual(Sanitizer.line("a\u{0}b\u{7F}"), "a␀b␡")
        XCTAssertEqual(Sanitizer.line("\u{9B}2J"), "\u{FFFD}2J")
        XCTAssertEqual(Sanitizer.line("file\u{202E}gnp.exe"), "file\u{FFFD}gnp.exe")
        XCTAssertEqual(Sanitizer.line("a\tb\r\nc\u{2028}d"), "a b  c d")
        XCTAssertEqual(Sanitizer.multiline("a\r\nb\rc\nd\u{2029}e"), "a\nb\nc\nd\ne")
        XCTAssertEqual(Sanitizer.line("日本語 ok"), "日本語 ok")
    }

    func testDecodeReplacesInvalidUTF8() {
        XCTAssertEqual(Sanitizer.decode(Array("日本語".utf8)), "日本語")
        XCTAssertEqual(Sanitizer.decode([0x61, 0xFF, 0x62]), "a\u{FFFD}b")
        XCTAssertEqual(Sanitizer.decode([0xE3, 0x81]), "\u{FFFD}")
        for bytes in HostileStrings.invalidUTF8 {
            let text = Sanitizer.decode(bytes)
            XCTAssertTrue(Sanitizer.isSafeLine(Sanitizer.line(text)))
        }
        // Valid UTF-8 of U+009B (8-bit CSI) decodes, and `line` then neutralises it.
        XCTAssertEqual(Sanitizer.line(Sanitizer.decode([0xC2, 0x9B, 0x32, 0x4A])), "\u{FFFD}2J")
    }

    func testCSVCells() {
        XCTAssertEqual(Sanitizer.csvCell("plain"), "plain")
        XCTAssertEqual(Sanitizer.csvCell("質問です"), "質問です")
        XCTAssertEqual(Sanitizer.csvCell("=1+1"), "'=1+1")
        XCTAssertEqual(Sanitizer.csvCell("+1"), "'+1")
        XCTAssertEqual(Sanitizer.csvCell("-1"), "'-1")
        XCTAssertEqual(Sanitizer.csvCell("@SUM(A1)"), "'@SUM(A1)")
        XCTAssertEqual(Sanitizer.csvCell("  =cmd"), "'  =cmd")
        XCTAssertEqual(Sanitizer.csvCell("\t=cmd"), "' =cmd")
        XCTAssertEqual(Sanitizer.csvCell("a,b"), "\"a,b\"")
        XCTAssertEqual(Sanitizer.csvCell("say \"hi\""), "\"say \"\"hi\"\"\"")
        XCTAssertEqual(Sanitizer.csvCell("two\r\nlines"), "\"two\nlines\"")
        XCTAssertEqual(Sanitizer.csvCell("=HYPERLINK(\"x\",\"y\")"), "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"")
        XCTAssertEqual(Sanitizer.csvCell("\u{1B}]52;c;eA==\u{07}"), "␛]52;c;eA==␇")
        XCTAssertEqual(Sanitizer.csvRow(["a", "=b", "c,d"]), "a,'=b,\"c,d\"\r\n")
        XCTAssertEqual(Sanitizer.csvCell(""), "")
        XCTAssertEqual(Sanitizer.csvCell("5-3"), "5-3")
    }
}
