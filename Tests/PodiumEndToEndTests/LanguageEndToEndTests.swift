import Foundation
import XCTest

/// The real binary speaking Japanese under LANG=ja_JP.UTF-8 (a locale not installed here: the
/// terminal still runs in C.UTF-8), and nothing of its own in Japanese under C.UTF-8.
final class LanguageEndToEndTests: XCTestCase {
    override func setUpWithError() throws {
        try requireTmux()
    }

    /// Podium's own Japanese words (user content here is Japanese too, so only these are checked).
    private let podiumJapanese = ["タイマー", "ノート", "残り", "ヘルプ", "終了", "予定", "キー", "承認しました", "状態ファイル", "全体のずれ"]

    private func environment(_ lang: String, _ scratch: Scratch) -> [String: String] {
        ["LANG": lang, "LC_ALL": "", "LC_MESSAGES": "", "PODIUM_LANG": "", "XDG_CONFIG_HOME": scratch.path("config")]
    }

    private func startHost(_ scratch: Scratch, environment: [String: String], arguments: String = "") throws -> TmuxSession {
        let event = try scratch.writeTestEvent()
        let binary = TmuxSession.shellQuoted(TmuxSession.podiumBinary().path)
        return try TmuxSession(
            width: 80, height: 24,
            command: "\(binary) host --event \(TmuxSession.shellQuoted(event)) --state \(TmuxSession.shellQuoted(scratch.path("state.json"))) \(arguments)",
            environment: environment, workingDirectory: scratch.directory)
    }

    func testJapaneseLocaleSpeaksJapanese() throws {
        let scratch = try Scratch()
        let env = environment("ja_JP.UTF-8", scratch)
        let tmux = try startHost(scratch, environment: env)
        var screen = try tmux.waitFor("ノート")
        XCTAssertTrue(screen.contains("┌ タイマー · テスト勉強会 #1"), screen)
        XCTAssertTrue(screen.contains("開始/停止"), screen)
        XCTAssertFalse(screen.contains("No UTF-8 locale") || screen.contains("UTF-8 のロケールがありません"), "C.UTF-8 was taken: \(screen)")
        tmux.sendText("a")
        try tmux.waitFor("質問 [venue]")
        tmux.sendText("日本語の質問")
        tmux.sendKey("Enter")
        try tmux.waitFor("質問を追加しました")
        tmux.sendText("y")
        try tmux.waitFor("承認しました")
        tmux.sendText("?")
        screen = try tmux.waitFor("キー (host)")
        XCTAssertTrue(screen.contains("タイマーの開始 / 一時停止"), screen)
        tmux.sendText("x")
        tmux.sendText("q")
        XCTAssertEqual(try tmux.waitForExit(), 0)

        // The report and an error speak it too; what machines read does not change.
        let state = scratch.path("state.json")
        let report = try runPodium(["report", "--state", state], environment: env)
        XCTAssertEqual(report.status, 0, report.stderr)
        XCTAssertTrue(report.stdout.contains("**全体のずれ:**"), report.stdout)
        XCTAssertTrue(report.stdout.contains("| # | セッション |"), report.stdout)
        let csv = try runPodium(["report", "--state", state, "--format", "csv"], environment: env)
        XCTAssertTrue(csv.stdout.hasPrefix("number,session_id,title,"), csv.stdout)
        let json = try runPodium(["status", "--json", "--state", state], environment: env)
        XCTAssertTrue(json.stdout.contains("\"approved\""), json.stdout)
        let missing = try runPodium(["moderate", "--state", scratch.path("none.json")], environment: env)
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.stderr.contains("状態ファイルがまだありません"), missing.stderr)
        // An event file's error: the same file:line:column, the words in Japanese.
        let bad = try scratch.write("bad.yaml", "title: x\nsessions:\n  - title: a\n    minutes: ten\n")
        let parse = try runPodium(["init", "--event", bad, "--state", scratch.path("other.json")], environment: env)
        XCTAssertEqual(parse.status, 2)
        XCTAssertTrue(parse.stderr.contains("bad.yaml:4:14: sessions[1].minutes は分の数"), parse.stderr)
        // --lang wins over the locale.
        let english = try runPodium(["report", "--state", state, "--lang", "en"], environment: env)
        XCTAssertTrue(english.stdout.contains("**Total drift:**"), english.stdout)
    }

    func testUTF8LocaleHasNoJapaneseOfPodiumsOwn() throws {
        let scratch = try Scratch()
        let env = environment("C.UTF-8", scratch)
        let tmux = try startHost(scratch, environment: env)
        var screen = try tmux.waitFor("Notes")
        XCTAssertTrue(screen.contains("テスト勉強会"), "user content stays: \(screen)")
        tmux.sendText("?")
        screen += try tmux.waitFor("Keys (host)")
        tmux.sendText("x")
        tmux.sendText("q")
        XCTAssertEqual(try tmux.waitForExit(), 0)
        let report = try runPodium(["report", "--state", scratch.path("state.json")], environment: env)
        let missing = try runPodium(["moderate", "--state", scratch.path("none.json")], environment: env)
        for text in [screen, report.stdout, missing.stderr] {
            for word in podiumJapanese {
                XCTAssertFalse(text.contains(word), "\"\(word)\" in:\n\(text)")
            }
        }
        // PODIUM_LANG and the config file choose too.
        var chosen = env
        chosen["PODIUM_LANG"] = "ja"
        XCTAssertTrue(try runPodium(["moderate", "--state", scratch.path("none.json")], environment: chosen).stderr.contains("状態ファイル"))
        try FileManager.default.createDirectory(atPath: scratch.path("config/podium"), withIntermediateDirectories: true)
        _ = try scratch.write("config/podium/config.yaml", "language: ja\n")
        XCTAssertTrue(try runPodium(["moderate", "--state", scratch.path("none.json")], environment: env).stderr.contains("状態ファイル"))
    }

    /// A bad config file: a clear error with its line, exit status 2.
    func testABadConfigFileSaysWhichLine() throws {
        let scratch = try Scratch()
        try FileManager.default.createDirectory(atPath: scratch.path("config/podium"), withIntermediateDirectories: true)
        _ = try scratch.write("config/podium/config.yaml", "name: ken\nbell: loud\n")
        let result = try runPodium(["status", "--state", scratch.path("none.json")], environment: environment("C.UTF-8", scratch))
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("config.yaml:2:7: bell must be true or false, not \"loud\""), result.stderr)
    }
}
