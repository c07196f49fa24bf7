import Foundation
import XCTest

/// A mistyped command is named as such, not answered with the host console's usage.
final class UnknownCommandEndToEndTests: XCTestCase {
    func testAMistypedCommandIsNamedWithTheNearestOne() throws {
        let typo = try runPodium(["hots", "--state", "/nonexistent/podium.json"])
        XCTAssertEqual(typo.status, 2)
        XCTAssertEqual(typo.stdout, "")
        XCTAssertTrue(typo.stderr.contains("'hots' is not a command. Did you mean 'host'?"), typo.stderr)
        XCTAssertTrue(typo.stderr.contains("moderate"), typo.stderr)
        XCTAssertFalse(typo.stderr.contains("Usage: podium host"), typo.stderr)

        let nonsense = try runPodium(["frob"])
        XCTAssertEqual(nonsense.status, 2)
        XCTAssertTrue(nonsense.stderr.contains("'frob' is not a command."), nonsense.stderr)
        XCTAssertFalse(nonsense.stderr.contains("Did you mean"), nonsense.stderr)

        // In Japanese when the locale says so.
        let japanese = try runPodium(["hots"], environment: ["LANG": "ja_JP.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""])
        XCTAssertEqual(japanese.status, 2)
        XCTAssertTrue(japanese.stderr.contains("'hots' というコマンドはありません。 'host' のことですか？"), japanese.stderr)

        // Hostile bytes in the word reach stderr only as visible text.
        let hostile = try runPodium(["\u{1B}]0;pwned\u{07}"])
        XCTAssertEqual(hostile.status, 2)
        XCTAssertFalse(hostile.stderr.contains("\u{1B}"), hostile.stderr)
    }

    func testCommandsAndOptionsStillParse() throws {
        let help = try runPodium(["help", "status"])
        XCTAssertEqual(help.status, 0, help.stderr)
        let version = try runPodium(["--help"])
        XCTAssertEqual(version.status, 0, version.stderr)
    }
}
