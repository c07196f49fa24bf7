import Foundation
import PodiumText
import XCTest

/// The message catalog: every message in both languages, the same arguments in both, and
/// every message used somewhere in the sources.
final class CatalogTests: XCTestCase {
    func testEveryMessageHasBothLanguages() {
        for message in Msg.allCases {
            let english = message.text(.en)
            let japanese = message.text(.ja)
            XCTAssertFalse(english.trimmingCharacters(in: .whitespaces).isEmpty, "\(message) has no English")
            XCTAssertFalse(japanese.trimmingCharacters(in: .whitespaces).isEmpty, "\(message) has no Japanese")
            // A message without an entry reads as its key in both languages: caught here.
            XCTAssertTrue(
                japanese.unicodeScalars.contains { $0.value >= 0x3000 } || Self.sameInBothLanguages.contains(message),
                "\(message): the Japanese is not Japanese: \(japanese)")
            XCTAssertEqual(Self.placeholders(english), Self.placeholders(japanese), "\(message): arguments differ")
        }
    }

    /// Messages that read the same in both languages: only punctuation around arguments.
    static let sameInBothLanguages: Set<Msg> = [.refusedBecause]

    func testEveryMessageIsUsed() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Sources")
        var text = ""
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)
        while let file = files?.nextObject() as? URL {
            guard file.pathExtension == "swift", file.lastPathComponent != "Catalog.swift" else { continue }
            text += try String(contentsOf: file, encoding: .utf8)
        }
        XCTAssertFalse(text.isEmpty)
        for message in Msg.allCases {
            let used = text.range(of: "\\.\(message.rawValue)\\b", options: .regularExpression) != nil
            XCTAssertTrue(used, "\(message) is in the catalog but used nowhere")
        }
    }

    func testArgumentsAreFilledInTheirOrder() {
        XCTAssertEqual(Language.en.t(.questionTitleScroll, 1, 20, 38), "Question 1-20/38 · j k scroll")
        XCTAssertEqual(Language.ja.t(.speakerUsed, "1:00", "5:00"), "5:00 中 1:00 経過")
    }

    func testTheLanguageComesFromTheFlagTheVariableOrTheLocale() {
        XCTAssertEqual(Language.resolve(environment: [:]), .en)
        XCTAssertEqual(Language.resolve(environment: ["LANG": "ja_JP.UTF-8"]), .ja)
        XCTAssertEqual(Language.resolve(environment: ["LANG": "ja_JP.UTF-8", "LC_MESSAGES": "C"]), .en)
        XCTAssertEqual(Language.resolve(environment: ["LANG": "C.UTF-8", "LC_ALL": "ja_JP.UTF-8"]), .ja)
        XCTAssertEqual(Language.resolve(environment: ["LANG": "ja_JP.UTF-8", "LC_ALL": ""]), .ja)
        XCTAssertEqual(Language.resolve(environment: ["LANG": "C.UTF-8", "PODIUM_LANG": "ja"]), .ja)
        XCTAssertEqual(Language.resolve(configured: .ja, environment: ["LANG": "C.UTF-8"]), .ja)
        XCTAssertEqual(Language.resolve(configured: .ja, environment: ["PODIUM_LANG": "en"]), .en)
        XCTAssertEqual(Language.resolve(flag: .en, environment: ["PODIUM_LANG": "ja", "LANG": "ja_JP.UTF-8"]), .en)
    }

    static func placeholders(_ text: String) -> [String] {
        var found: [String] = []
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            found.append(String(rest[open...close]))
            rest = rest[rest.index(after: close)...]
        }
        return found.sorted()
    }
}
