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

    /// What the command line says around the questions, by a script: `export --format md`, a
    /// line `ask` refuses, a question kept by a signal while the lock is held, `recover`.
    private struct ScriptedOutput {
        var exportMarkdown = "", refused = "", kept = "", recovered = "", imported = "", usage = "", status = ""
        var all: [String] { [exportMarkdown, refused, kept, recovered, imported, usage, status] }
    }

    private func runScripted(_ scratch: Scratch, _ env: [String: String], question: String) throws -> ScriptedOutput {
        var out = ScriptedOutput()
        let state = scratch.path("state.json")
        let made = try runPodium(["init", "--event", try scratch.writeTestEvent(), "--state", state], environment: env)
        XCTAssertEqual(made.status, 0, made.stderr)
        let refused = try runPodium(["ask", "-", "--state", state], stdin: "{\"text\": 3}\n\(question)\n", environment: env)
        XCTAssertEqual(refused.status, 2, refused.stderr)
        out.refused = refused.stderr + refused.stdout
        let export = try runPodium(["export", "--format", "md", "--state", state], environment: env)
        XCTAssertEqual(export.status, 0, export.stderr)
        out.exportMarkdown = export.stdout
        let status = try runPodium(["status", "--state", state], environment: env)
        XCTAssertEqual(status.status, 0, status.stderr)
        out.status = status.stdout
        let csv = try scratch.write("questions.csv", "text,votes\n\(question),many\n")
        let imported = try runPodium(["import", csv, "--state", state], environment: env)
        XCTAssertEqual(imported.status, 2, imported.stderr)
        out.imported = imported.stderr
        let usage = try runPodium(["ask", "--state", state], environment: env)
        XCTAssertEqual(usage.status, 2, usage.stderr)
        let typo = try runPodium(["status", "--stat", state], environment: env)
        XCTAssertEqual(typo.status, 2, typo.stderr)
        out.usage = usage.stderr + typo.stderr

        // The lock held by another process: the question waits, a SIGTERM keeps it in a file.
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/flock") else { throw XCTSkip("flock(1) is not installed") }
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/flock")
        // Long enough for a 3 s lock wait, the signal, and the last 3 s attempt.
        holder.arguments = [state + ".lock", "sleep", "8"]
        try holder.run()
        defer { holder.waitUntilExit() }
        func held() -> Bool {
            let probe = Process()
            probe.executableURL = URL(fileURLWithPath: "/usr/bin/flock")
            probe.arguments = ["-n", state + ".lock", "true"]
            try? probe.run()
            probe.waitUntilExit()
            return probe.terminationStatus != 0
        }
        var deadline = Date().addingTimeInterval(5)
        while !held() && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        let ask = Process()
        ask.executableURL = TmuxSession.podiumBinary()
        ask.arguments = ["ask", question + " (kept)", "--state", state]
        var askEnv = ProcessInfo.processInfo.environment
        for name in ["LC_ALL", "LC_MESSAGES", "PODIUM_LANG"] { askEnv[name] = nil }
        askEnv["XDG_CONFIG_HOME"] = "/nonexistent/podium-test-config"
        askEnv.merge(env) { _, new in new }
        ask.environment = askEnv
        let errPath = scratch.path("ask.stderr")
        FileManager.default.createFile(atPath: errPath, contents: nil)
        ask.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        ask.standardOutput = FileHandle.nullDevice
        try ask.run()
        deadline = Date().addingTimeInterval(10)
        while (FileManager.default.contents(atPath: errPath) ?? Data()).isEmpty && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.1)
        }
        ask.terminate()
        ask.waitUntilExit()
        XCTAssertEqual(ask.terminationStatus, 128 + SIGTERM)
        out.kept = String(decoding: FileManager.default.contents(atPath: errPath) ?? Data(), as: UTF8.self)
        holder.waitUntilExit()
        let kept = try XCTUnwrap(try FileManager.default.contentsOfDirectory(atPath: scratch.directory.path).first { $0.contains(".unsaved-") }, out.kept)
        let recovered = try runPodium(["recover", scratch.path(kept)], environment: env)
        XCTAssertEqual(recovered.status, 0, recovered.stderr)
        out.recovered = recovered.stdout + recovered.stderr
        return out
    }

    func testTheCommandLineAroundTheQuestionsSpeaksJapanese() throws {
        let scratch = try Scratch()
        let out = try runScripted(scratch, environment("ja_JP.UTF-8", scratch), question: "日本語の質問")
        // The export: Japanese words around the questions; ids, sources and times as they are.
        XCTAssertTrue(out.exportMarkdown.hasPrefix("# 質問: テスト勉強会 \\#1\n"), out.exportMarkdown)
        XCTAssertTrue(out.exportMarkdown.contains("質問 1 件。"), out.exportMarkdown)
        XCTAssertTrue(out.exportMarkdown.contains("1. **新着** · 0 票 · other · 質問 "), out.exportMarkdown)
        XCTAssertTrue(out.exportMarkdown.contains("   - 更新 "), out.exportMarkdown)
        // A refused line keeps its stdin:LINE: prefix.
        XCTAssertTrue(out.refused.contains("podium: stdin:1: \"text\" が文字列ではありません"), out.refused)
        XCTAssertTrue(out.refused.contains("1 件は受け付けませんでした"), out.refused)
        XCTAssertTrue(out.kept.contains("秒以内に"), "the lock's error: \(out.kept)")
        XCTAssertTrue(out.kept.contains("質問 1 件を"), out.kept)
        XCTAssertTrue(out.kept.contains("に残してあります。あとで podium recover "), out.kept)
        XCTAssertTrue(out.recovered.contains("の変更 1 件を"), out.recovered)
        XCTAssertTrue(out.recovered.contains("は削除しました"), out.recovered)
        XCTAssertTrue(out.imported.contains("questions.csv:2: 票数 \"many\" が不正です"), out.imported)
        XCTAssertTrue(out.usage.hasPrefix("エラー: 質問、"), out.usage)
        XCTAssertTrue(out.usage.contains("\n使い方: podium ask "), out.usage)
        XCTAssertTrue(out.usage.contains("エラー: 不明なオプション '--stat'。'--state' のことですか？"), out.usage)
        XCTAssertTrue(out.status.contains("タイマー: 待機、残り 2:00 (待機)"), out.status)
        XCTAssertTrue(out.status.contains("質問: 新着 1、承認 0、"), out.status)
        XCTAssertTrue(out.status.contains("  [新着] 日本語の質問  (other、0 票)"), out.status)
        for text in out.all {
            for word in ["Questions:", "Exported", "written", "refused", "removed", "bad votes", "Error:", "Usage:", "See '"] {
                XCTAssertFalse(text.contains(word), "\"\(word)\" in:\n\(text)")
            }
        }
    }

    func testTheCommandLineAroundTheQuestionsHasNoJapaneseUnderCUTF8() throws {
        let scratch = try Scratch()
        let out = try runScripted(scratch, environment("C.UTF-8", scratch), question: "an English question")
        XCTAssertTrue(out.exportMarkdown.contains("1. **new** · 0 votes · other · asked "), out.exportMarkdown)
        XCTAssertTrue(out.refused.contains("podium: stdin:1: \"text\" is not a string"), out.refused)
        XCTAssertTrue(out.kept.contains("podium recover"), out.kept)
        XCTAssertTrue(out.recovered.contains("1 change from"), out.recovered)
        XCTAssertTrue(out.imported.contains("questions.csv:2: bad votes \"many\""), out.imported)
        XCTAssertTrue(out.usage.hasPrefix("Error: give a question"), out.usage)
        XCTAssertTrue(out.usage.contains("Error: Unknown option '--stat'. Did you mean '--state'?"), out.usage)
        XCTAssertTrue(out.status.contains("Timer: idle, 2:00 left (idle)"), out.status)
        XCTAssertTrue(out.status.contains("  [new] an English question  (other, 0 votes)"), out.status)
        // The event's own titles are Japanese: take them out, then no Japanese may be left.
        let content = ["テスト勉強会", "Knativeで実現するサーバーレス"]
        for text in out.all {
            var rest = text
            for item in content { rest = rest.replacingOccurrences(of: item, with: "") }
            let japanese = rest.unicodeScalars.filter { (0x3000...0x9FFF).contains($0.value) || (0xFF00...0xFFEF).contains($0.value) }
            XCTAssertTrue(japanese.isEmpty, "Japanese \(String(String.UnicodeScalarView(japanese))) in:\n\(text)")
        }
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
