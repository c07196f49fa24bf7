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

/// What `podium serve` tells the person who started it, in their language.
final class ServeAnnouncementEndToEndTests: XCTestCase {
    private func serveOutput(language: String) throws -> String {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("serve-lang-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let state = scratch.appendingPathComponent("podium.json").path
        let event = scratch.appendingPathComponent("event.yaml")
        try "title: 勉強会\nsessions:\n  - {id: a, title: Opening, minutes: 5}\n".write(to: event, atomically: true, encoding: .utf8)
        XCTAssertEqual(try runPodium(["init", "--event", event.path, "--state", state]).status, 0)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/timeout")
        process.arguments = ["3", TmuxSession.podiumBinary().path, "serve", "--state", state, "--listen", "127.0.0.1:0"]
        var env = ProcessInfo.processInfo.environment
        for name in ["LC_ALL", "LC_MESSAGES", "PODIUM_LANG"] { env[name] = nil }
        env["LANG"] = language
        env["XDG_CONFIG_HOME"] = "/nonexistent/podium-test-config"
        process.environment = env
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    func testServeSpeaksTheLocalesLanguage() throws {
        let japanese = try serveOutput(language: "ja_JP.UTF-8")
        XCTAssertTrue(japanese.contains("podium serve: 参加者: http://127.0.0.1:"), japanese)
        XCTAssertTrue(japanese.contains("コンソールで承認してください"), japanese)
        XCTAssertFalse(japanese.contains("audience:"), japanese)
        let english = try serveOutput(language: "C.UTF-8")
        XCTAssertTrue(english.contains("podium serve: audience: http://127.0.0.1:"), english)
        XCTAssertFalse(english.contains("参加者"), english)
    }
}
