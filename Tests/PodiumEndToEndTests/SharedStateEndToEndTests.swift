import Foundation
import XCTest

#if canImport(Glibc)
import Glibc
#endif

/// Several consoles and scripts on ONE state file, as users run them: a host, a moderator and a
/// speaker, each in its own terminal (tmux), plus `podium ask`, `status --json` and `merge`.
final class SharedStateEndToEndTests: XCTestCase {
    override func setUpWithError() throws {
        try requireTmux()
    }

    // MARK: Helpers

    private var binary: String { TmuxSession.shellQuoted(TmuxSession.podiumBinary().path) }

    /// `podium <role> --state STATE [extra]` in its own terminal.
    private func console(
        _ role: String, state: String, extra: String = "", in scratch: Scratch,
        width: Int = 100, height: Int = 30
    ) throws -> TmuxSession {
        try TmuxSession(
            width: width, height: height,
            command: "\(binary) \(role) --state \(TmuxSession.shellQuoted(state)) \(extra)",
            workingDirectory: scratch.directory)
    }

    private func startHost(_ scratch: Scratch, state: String, height: Int = 30) throws -> TmuxSession {
        let event = try scratch.writeTestEvent()
        let host = try console("host", state: state, extra: "--event \(TmuxSession.shellQuoted(event))", in: scratch, height: height)
        try host.waitFor("Q&A")
        return host
    }

    /// Creates a state file the way a user does: the host's first run with --event, then quit.
    private func makeStateFile(_ scratch: Scratch, name: String = "state.json") throws -> String {
        let state = scratch.path(name)
        let host = try startHost(scratch, state: state)
        host.sendText("q")
        XCTAssertEqual(try host.waitForExit(), 0)
        XCTAssertTrue(FileManager.default.fileExists(atPath: state))
        return state
    }

    /// What identifies one version of a file: its bytes, inode and mtime.
    private struct FileVersion: Equatable {
        var bytes: Data
        var inode: UInt64
        var seconds: Int
        var nanoseconds: Int
    }

    private func version(_ path: String) throws -> FileVersion {
        var info = stat()
        guard stat(path, &info) == 0 else { throw TmuxError(message: "cannot stat \(path)") }
        return FileVersion(
            bytes: try Data(contentsOf: URL(fileURLWithPath: path)), inode: UInt64(info.st_ino),
            seconds: Int(info.st_mtim.tv_sec), nanoseconds: Int(info.st_mtim.tv_nsec))
    }

    /// Truncates and rewrites the file (same inode), as `cp` or an editor saving in place does.
    private func overwriteInPlace(_ path: String, with bytes: Data) throws {
        guard let handle = FileHandle(forWritingAtPath: path) else { throw TmuxError(message: "cannot open \(path)") }
        try handle.truncate(atOffset: 0)
        try handle.write(contentsOf: bytes)
        try handle.close()
    }

    private func listing(_ scratch: Scratch) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: scratch.directory.path)) ?? []).sorted()
    }

    /// The files a process has open (targets of /proc/PID/fd/*).
    private func openFiles(_ pid: pid_t) -> [String] {
        let directory = "/proc/\(pid)/fd"
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return entries.compactMap { try? FileManager.default.destinationOfSymbolicLink(atPath: directory + "/" + $0) }
    }

    /// Every printable ASCII key except q, then Enter, Space, Tab, Backspace, arrows, paging.
    private func pressEveryKeyButQuit(_ tmux: TmuxSession) {
        for byte in UInt8(0x21)...UInt8(0x7E) where byte != UInt8(ascii: "q") {
            tmux.sendText(String(UnicodeScalar(byte)))
        }
        for key in ["Enter", "Space", "Tab", "BSpace", "Up", "Down", "Left", "Right", "PPage", "NPage", "Home", "End", "Escape", "Enter"] {
            tmux.sendKey(key)
        }
        tmux.sendKey("Escape")
    }

    /// Presses every key but q in the speaker view and checks the speaker wrote nothing: the
    /// state file's bytes, inode and mtime are the same, no file appeared or vanished in the
    /// directory, and the speaker process never opened the lock file or a temp.
    private func assertSpeakerKeysChangeNothing(_ speaker: TmuxSession, state: String, scratch: Scratch, file: StaticString = #filePath, line: UInt = #line) throws {
        let before = try version(state)
        let filesBefore = listing(scratch)
        guard let pid = speaker.commandPID else {
            XCTFail("the speaker is not running:\n\(speaker.capture())", file: file, line: line)
            return
        }
        var opened = Set(openFiles(pid))
        pressEveryKeyButQuit(speaker)
        // A console persists after drawing; give it well over its one-second retry.
        let deadline = Date().addingTimeInterval(2.5)
        while Date() < deadline {
            opened.formUnion(openFiles(pid))
            Thread.sleep(forTimeInterval: 0.05)
        }
        XCTAssertEqual(try version(state), before, "a key in the speaker view changed the state file", file: file, line: line)
        XCTAssertEqual(listing(scratch), filesBefore, "the speaker created or removed a file", file: file, line: line)
        let written = opened.filter { $0.hasSuffix(".lock") || $0.hasSuffix(".tmp") }
        XCTAssertEqual(written, [], "the speaker opened the lock file or a temp", file: file, line: line)
        XCTAssertNil(speaker.exitStatus, "the speaker exited:\n\(speaker.capture())", file: file, line: line)
        XCTAssertFalse(speaker.capture().contains("EXIT:"), speaker.capture(), file: file, line: line)
    }

    private func texts(_ json: [String: Any]) -> Set<String> {
        Set(questions(in: json).compactMap { $0["text"] as? String })
    }

    // MARK: Three consoles on one file

    func testHostModeratorAndSpeakerShareOneFile() throws {
        let scratch = try Scratch()
        let state = scratch.path("state.json")
        let host = try startHost(scratch, state: state)
        let moderator = try console("moderate", state: state, in: scratch, height: 40)
        try moderator.waitFor("Q&A")
        let speaker = try console("speaker", state: state, in: scratch, width: 80, height: 24)
        try speaker.waitFor("not started")
        XCTAssertTrue(speaker.capture().contains("Knativeで実現するサーバーレス"), speaker.capture())

        // (a) A question typed in the moderator reaches the host within about a second.
        let question = "K8sクラスタでFaaSを使えるようにする意義は?"
        moderator.sendText("a")
        try moderator.waitFor("Ask [")
        moderator.sendText(question)
        try moderator.waitFor("意義は?")
        moderator.sendKey("Enter")
        try moderator.waitFor("question added")
        let typed = Date()
        try host.waitFor("K8sクラスタでFaaS", timeout: 3)
        XCTAssertLessThan(Date().timeIntervalSince(typed), 1.5, "the host saw the moderator's question late")
        // Approving it in the host shows in the moderator.
        host.sendText("y")
        try moderator.waitUntil(timeout: 3, "approved in the moderator") { screen in
            screen.split(separator: "\n").contains { $0.contains("ok    K8sクラスタでFaaS") }
        }
        XCTAssertEqual(questions(in: try statusJSON(state)).first?["status"] as? String, "approved")

        // (b) The timer started in the host runs in the speaker view.
        host.sendKey("Space")
        try host.waitFor("left", timeout: 3)
        let first = try speaker.waitUntil(timeout: 3, "the speaker's timer running") { $0.contains("used 0:0") && $0.contains("of 2:00") }
        let firstLine = first.split(separator: "\n").first { $0.contains("used 0:0") }.map(String.init) ?? ""
        try speaker.waitUntil(timeout: 4, "the speaker's time to change") { screen in
            screen.contains("used 0:0") && !screen.contains(firstLine)
        }
        XCTAssertTrue(speaker.capture().contains("Knativeで実現するサーバーレス"), speaker.capture())
        var timer = try statusJSON(state)["timer"] as? [String: Any]
        XCTAssertEqual(timer?["state"] as? String, "running")
        XCTAssertEqual(timer?["session"] as? String, "talk")
        XCTAssertLessThan(timer?["remainingSeconds"] as? Int ?? 999, 120)

        // (c) No key in the speaker view changes the file.
        try assertSpeakerKeysChangeNothing(speaker, state: state, scratch: scratch)
        // The speaker is still showing the running timer.
        try speaker.waitFor("used 0:", timeout: 3)

        // (d) A chat bridge pipes questions in while the consoles run.
        let piped: [(text: String, author: String, source: String)] = [
            ("Zoomから: デモのコードは公開されますか?", "佐藤", "zoom"),
            ("YouTube: how long is a cold start?", "yt-viewer", "youtube"),
            ("Discord: どのクラウドで動かしましたか?", "dc-user", "discord"),
            ("Satellite Osaka: what does it cost?", "大阪会場", "satellite"),
        ]
        var lines = piped.map { item in
            String(decoding: try! JSONSerialization.data(withJSONObject: ["text": item.text, "author": item.author, "source": item.source]), as: UTF8.self)
        }
        lines += ["plain line: 会場からの質問です", "   ", "another plain line"]
        let asked = try runPodium(["ask", "-", "--state", state], stdin: lines.joined(separator: "\n") + "\n")
        XCTAssertEqual(asked.status, 0, asked.stderr)
        XCTAssertTrue(asked.stdout.contains("added 6 questions"), asked.stdout)
        let expected = piped.map(\.text) + ["plain line: 会場からの質問です", "another plain line"]
        try moderator.waitUntil(timeout: 3, "all piped questions in the moderator") { screen in
            expected.allSatisfy { screen.contains($0) }
        }

        // (e) status --json has the documented fields.
        host.sendKey("Space")
        try host.waitFor("PAUSED")
        try host.waitUntil(timeout: 3, "the pause saved") { _ in
            ((try? statusJSON(state))?["timer"] as? [String: Any])?["state"] as? String == "paused"
        }
        let json = try statusJSON(state)
        XCTAssertGreaterThan(json["revision"] as? Int ?? 0, 3)
        timer = json["timer"] as? [String: Any]
        XCTAssertEqual(timer?["session"] as? String, "talk")
        XCTAssertEqual(timer?["state"] as? String, "paused")
        let remaining = try XCTUnwrap(timer?["remainingSeconds"] as? Int)
        XCTAssertTrue((100...119).contains(remaining), "remaining \(remaining)")
        XCTAssertEqual(timer?["overtimeSeconds"] as? Int, 0)
        let saved = questions(in: json)
        XCTAssertEqual(saved.count, 7)
        for item in saved {
            XCTAssertTrue(item["id"] is String, "\(item)")
            XCTAssertTrue(item["text"] is String, "\(item)")
            XCTAssertTrue(item["author"] is String, "\(item)")
            XCTAssertTrue(item["votes"] is Int, "\(item)")
            XCTAssertTrue(item["pinned"] is Bool, "\(item)")
            XCTAssertTrue(["new", "approved", "live", "answered", "dismissed"].contains(item["status"] as? String ?? ""), "\(item)")
        }
        XCTAssertEqual(Set(saved.compactMap { $0["id"] as? String }).count, 7, "ids are unique")
        for item in piped {
            let match = saved.first { $0["text"] as? String == item.text }
            XCTAssertEqual(match?["source"] as? String, item.source, item.text)
            XCTAssertEqual(match?["author"] as? String, item.author, item.text)
            XCTAssertEqual(match?["status"] as? String, "new", item.text)
        }
        XCTAssertEqual(saved.first { $0["text"] as? String == question }?["status"] as? String, "approved")

        for tmux in [speaker, moderator, host] {
            tmux.sendText("q")
            XCTAssertEqual(try tmux.waitForExit(), 0)
        }
    }

    /// The speaker must not even open the lock file: started on a file whose lock file does
    /// not exist, it never creates one, whatever keys are pressed.
    func testTheSpeakerNeverLocksOrWrites() throws {
        let scratch = try Scratch()
        let state = try makeStateFile(scratch)
        XCTAssertEqual(runPodiumAsk(state, "始まる前の質問"), 0)
        try FileManager.default.removeItem(atPath: state + ".lock")
        let speaker = try console("speaker", state: state, in: scratch, width: 80, height: 24)
        try speaker.waitFor("not started")
        try assertSpeakerKeysChangeNothing(speaker, state: state, scratch: scratch)
        XCTAssertFalse(FileManager.default.fileExists(atPath: state + ".lock"), "the speaker created the lock file")
        speaker.sendText("q")
        XCTAssertEqual(try speaker.waitForExit(), 0)
        XCTAssertFalse(FileManager.default.fileExists(atPath: state + ".lock"), "the speaker created the lock file on quit")
    }

    private func runPodiumAsk(_ state: String, _ text: String, source: String = "venue") -> Int32 {
        (try? runPodium(["ask", text, "--source", source, "--state", state]).status) ?? -1
    }

    // MARK: Corrupt files

    func testCorruptStateFilesAreRefusedAndNeverTouched() throws {
        let scratch = try Scratch()
        let good = try makeStateFile(scratch)
        let text = try String(contentsOfFile: good, encoding: .utf8)
        XCTAssertTrue(text.contains("\"schemaVersion\" : 1"), "the format changed: update this test")
        let newer = text.replacingOccurrences(of: "\"schemaVersion\" : 1", with: "\"schemaVersion\" : 99")
        let schemaLine = newer.components(separatedBy: "\n").firstIndex { $0.contains("\"schemaVersion\" : 99") }! + 1
        let cases: [(name: String, bytes: Data, place: String)] = [
            ("empty.json", Data(), "empty.json:1:1:"),
            ("truncated.json", Data("{\"revision\":".utf8), "truncated.json:1:13:"),
            ("nul.json", Data("{\"revision\":".utf8) + Data([0, 0, 0, 0]) + Data("}".utf8), "nul.json:1:13:"),
            ("utf8.json", Data("{\n  \"revision\" : \"".utf8) + Data([0xE3, 0x81, 0xFF]) + Data("\"\n}\n".utf8), "utf8.json:2:"),
            ("newer.json", Data(newer.utf8), "newer.json:\(schemaLine):"),
        ]
        for item in cases {
            let path = scratch.path(item.name)
            try item.bytes.write(to: URL(fileURLWithPath: path))
            let before = try version(path)
            let commands: [[String]] = [
                ["status"], ["status", "--json"], ["ask", "壊れたファイルへの質問"], ["moderate"], ["speaker"],
                ["host"], ["host", "--event", scratch.path("event.yaml")],
                ["merge", good],
            ]
            for command in commands {
                // No terminal here: a console that opened the screen first would exit 4.
                let result = try runPodium(command + ["--state", path])
                let label = "\(command.joined(separator: " ")) on \(item.name)"
                XCTAssertEqual(result.status, 2, "\(label): \(result.stderr)")
                XCTAssertTrue(result.stderr.contains(item.place), "\(label) should name \(item.place): \(result.stderr)")
                XCTAssertTrue(result.stderr.contains("left untouched"), "\(label): \(result.stderr)")
                XCTAssertEqual(try version(path), before, "\(label) changed the file")
            }
            // A corrupt copy given to merge is refused too, and the target is untouched.
            let target = try version(good)
            let merged = try runPodium(["merge", path, "--state", good])
            XCTAssertEqual(merged.status, 2, merged.stderr)
            XCTAssertTrue(merged.stderr.contains(item.place), merged.stderr)
            XCTAssertEqual(try version(good), target)
        }
        XCTAssertEqual(listing(scratch).filter { $0.hasSuffix(".tmp") }, [])

        // As a user sees it: the host console on a corrupt file says why and never opens.
        let host = try console("host", state: scratch.path("truncated.json"), in: scratch)
        XCTAssertEqual(try host.waitForExit(), 2)
        let screen = host.capture()
        XCTAssertTrue(screen.contains("truncated.json:1:13:"), screen)
        XCTAssertFalse(screen.contains("Q&A"), screen)
        try host.waitForUsableShell()
    }

    /// Someone breaks the file while the consoles run: they keep the last good state, say so,
    /// keep the user's actions pending without overwriting the file, and save them once the
    /// file is repaired.
    func testConsolesSurviveAFileCorruptedWhileTheyRun() throws {
        let scratch = try Scratch()
        let state = scratch.path("state.json")
        let host = try startHost(scratch, state: state)
        let moderator = try console("moderate", state: state, in: scratch)
        try moderator.waitFor("Q&A")
        XCTAssertEqual(runPodiumAsk(state, "壊れる前の質問"), 0)
        try host.waitFor("壊れる前の質問")
        try moderator.waitFor("壊れる前の質問")
        let good = try Data(contentsOf: URL(fileURLWithPath: state))

        // Rewritten in place (same inode, as an editor or a crash might): the hardest case for
        // a store that skips re-reading a file it believes unchanged.
        let broken = Data("{\"revision\":".utf8)
        try overwriteInPlace(state, with: broken)
        for tmux in [host, moderator] {
            let screen = try tmux.waitFor("state.json:1:13", timeout: 3)
            XCTAssertTrue(screen.contains("壊れる前の質問"), "the last good state is gone:\n\(screen)")
        }
        // Acting on a broken file: shown at once, not saved, the file left as it is.
        host.sendText("y")
        try host.waitUntil(timeout: 3, "approved on screen") { screen in
            screen.split(separator: "\n").contains { $0.contains("ok    壊れる前の質問") }
        }
        moderator.sendText("a")
        try moderator.waitFor("Ask [")
        moderator.sendText("壊れている間の質問")
        moderator.sendKey("Enter")
        try moderator.waitFor("壊れている間の質問")
        try moderator.waitFor("not saved yet", timeout: 3)
        try host.waitFor("not saved yet", timeout: 3)
        Thread.sleep(forTimeInterval: 2.5) // a couple of retries
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: state)), broken, "a console overwrote the corrupt file")
        XCTAssertEqual(listing(scratch).filter { $0.hasSuffix(".tmp") }, [])

        // Repaired (the old bytes restored): both pending actions land.
        try overwriteInPlace(state, with: good)
        try host.waitUntil(timeout: 6, "both pending actions saved") { _ in
            guard let saved = try? questions(in: statusJSON(state)) else { return false }
            return saved.count == 2
                && saved.contains { $0["text"] as? String == "壊れる前の質問" && $0["status"] as? String == "approved" }
                && saved.contains { $0["text"] as? String == "壊れている間の質問" }
        }
        for tmux in [host, moderator] {
            try tmux.waitUntil(timeout: 3, "the problem cleared") { !$0.contains("not saved yet") && !$0.contains("state.json:1:13") }
        }
        try moderator.waitUntil(timeout: 3, "approved in the moderator") { screen in
            screen.split(separator: "\n").contains { $0.contains("ok    壊れる前の質問") }
        }

        // Restoring an OLDER backup (a lower revision than the consoles have seen): what
        // anyone writes next on top of it still reaches every console.
        try overwriteInPlace(state, with: good)
        XCTAssertEqual(runPodiumAsk(state, "復元後の質問"), 0)
        for tmux in [host, moderator] {
            try tmux.waitFor("復元後の質問", timeout: 3)
        }
        for tmux in [moderator, host] {
            tmux.sendText("q")
            XCTAssertEqual(try tmux.waitForExit(), 0)
        }
    }

    /// Quitting while changes cannot be saved: the first q warns and keeps the console, a
    /// second q quits without them, with exit status 3 and a message saying what was lost.
    /// Truncates the state file under a running console, then asks a question there: it shows,
    /// and stays pending ("not saved yet"). Returns the broken bytes.
    @discardableResult
    private func askWhileTheFileIsBroken(_ console: TmuxSession, state: String, question: String) throws -> Data {
        let broken = Data("{\"revision\":".utf8)
        try overwriteInPlace(state, with: broken)
        try console.waitFor("state.json:1:13", timeout: 3)
        console.sendText("a")
        try console.waitFor("Ask [")
        console.sendText(question)
        console.sendKey("Enter")
        try console.waitFor("not saved yet", timeout: 3)
        return broken
    }

    func testQuittingWithUnsavedChangesWarnsFirst() throws {
        let scratch = try Scratch()
        let state = scratch.path("state.json")
        let host = try startHost(scratch, state: state)
        try FileManager.default.copyItem(atPath: state, toPath: state + ".good")
        let broken = try askWhileTheFileIsBroken(host, state: state, question: "保存できない質問")
        host.sendText("q")
        try host.waitFor("q again quits WITHOUT 1 unsaved change", timeout: 3)
        Thread.sleep(forTimeInterval: 1.5) // a retry fails again: still warned, still running
        let screen = host.capture()
        XCTAssertTrue(screen.contains("q again quits WITHOUT"), screen)
        XCTAssertFalse(screen.contains("EXIT:"), screen)
        let good = try Data(contentsOf: URL(fileURLWithPath: state + ".good"))
        host.sendText("q")
        XCTAssertEqual(try host.waitForExit(), 3)
        XCTAssertTrue(host.capture().contains("1 change was not saved"), host.capture())
        // Never dropped: the change waits in a file of its own, and `podium recover` writes it
        // once the state file is good again.
        XCTAssertTrue(host.capture().replacingOccurrences(of: "\n", with: "").contains("podium recover"), host.capture())
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: state)), broken)
        try host.waitForUsableShell()
        let kept = try XCTUnwrap(try FileManager.default.contentsOfDirectory(atPath: scratch.directory.path)
            .first { $0.hasPrefix("state.json.unsaved-") && $0.hasSuffix(".json") })
        try good.write(to: URL(fileURLWithPath: state))
        let moderator = try console("moderate", state: state, in: scratch, width: 200)
        try moderator.waitFor("1 file of unsaved changes found: run podium recover", timeout: 3)
        let recovered = try runPodium(["recover", scratch.path(kept)], in: scratch.directory)
        XCTAssertEqual(recovered.status, 0, recovered.stderr)
        try moderator.waitFor("保存できない質問", timeout: 3)
        XCTAssertFalse(FileManager.default.fileExists(atPath: scratch.path(kept)))
        moderator.sendText("q")
        XCTAssertEqual(try moderator.waitForExit(), 0)
    }

    /// A console ended by a signal while the state file cannot be written keeps its changes too.
    func testASignalWhileTheFileCannotBeWrittenKeepsTheChanges() throws {
        let scratch = try Scratch()
        let state = try makeStateFile(scratch)
        let good = try Data(contentsOf: URL(fileURLWithPath: state))
        let host = try startHost(scratch, state: state)
        try askWhileTheFileIsBroken(host, state: state, question: "シグナルで終わっても残る質問")
        try host.signalCommand(SIGTERM)
        XCTAssertEqual(try host.waitForExit(), 143)
        let kept = try XCTUnwrap(try FileManager.default.contentsOfDirectory(atPath: scratch.directory.path)
            .first { $0.hasPrefix("state.json.unsaved-") })
        try good.write(to: URL(fileURLWithPath: state))
        let recovered = try runPodium(["recover", kept, "--state", state], in: scratch.directory)
        XCTAssertEqual(recovered.status, 0, recovered.stderr)
        let status = try runPodium(["export", "--format", "json", "--state", state])
        XCTAssertTrue(status.stdout.contains("シグナルで終わっても残る質問"), status.stdout)
        // A file that is not one of ours is refused with its name, and left alone.
        try scratch.write("bogus.json", "{}")
        let refused = try runPodium(["recover", scratch.path("bogus.json"), "--state", state])
        XCTAssertEqual(refused.status, 2)
        XCTAssertTrue(refused.stderr.contains("bogus.json"), refused.stderr)
    }

    // MARK: Merge

    /// Two copies diverge (as on two laptops with Syncthing): questions asked, approved, voted
    /// and dismissed on each side. Merging keeps every question, the later edit wins, votes
    /// from both count, and the result does not depend on the order of the copies.
    func testMergeOfDivergedCopiesIsTheUnionInAnyOrder() throws {
        let scratch = try Scratch()
        let base = try makeStateFile(scratch)
        XCTAssertEqual(runPodiumAsk(base, "共通の質問: 両方で編集される"), 0)
        let copyA = scratch.path("laptop-a.json")
        let copyB = scratch.path("laptop-b.json")
        try FileManager.default.copyItem(atPath: base, toPath: copyA)
        try FileManager.default.copyItem(atPath: base, toPath: copyB)

        // Laptop A: approve and vote for the shared question, then a question of its own.
        let a = try console("moderate", state: copyA, in: scratch)
        try a.waitFor("共通の質問")
        a.sendText("y")
        try a.waitUntil(timeout: 3, "approved in A") { $0.contains("ok    共通の質問") }
        a.sendText("u")
        try a.waitUntil(timeout: 3, "the vote saved in A") { _ in
            (try? questions(in: statusJSON(copyA)).first?["votes"] as? Int) == 1
        }
        a.sendText("q")
        XCTAssertEqual(try a.waitForExit(), 0)
        XCTAssertEqual(runPodiumAsk(copyA, "Aだけの質問", source: "zoom"), 0)

        // Laptop B, a moment later: vote for it, then dismiss it; and two questions of its own.
        Thread.sleep(forTimeInterval: 0.2)
        let b = try console("moderate", state: copyB, in: scratch)
        try b.waitFor("共通の質問")
        b.sendText("u")
        try b.waitUntil(timeout: 3, "the vote saved in B") { _ in
            (try? questions(in: statusJSON(copyB)).first?["votes"] as? Int) == 1
        }
        b.sendText("x")
        try b.waitFor("Dismiss")
        b.sendKey("Enter")
        try b.waitUntil(timeout: 3, "dismissed in B") { _ in
            (try? questions(in: statusJSON(copyB)).first?["status"] as? String) == "dismissed"
        }
        b.sendText("q")
        XCTAssertEqual(try b.waitForExit(), 0)
        XCTAssertEqual(runPodiumAsk(copyB, "Bだけの質問 1", source: "youtube"), 0)
        XCTAssertEqual(runPodiumAsk(copyB, "Bだけの質問 2", source: "discord"), 0)

        // Merge in both orders, into new files and into copies of the original.
        let base2 = scratch.path("base2.json")
        try FileManager.default.copyItem(atPath: base, toPath: base2)
        let targets: [(state: String, copies: [String])] = [
            (scratch.path("m1.json"), [copyA, copyB]),
            (scratch.path("m2.json"), [copyB, copyA]),
            (base, [copyA, copyB]),
            (base2, [copyB, copyA]),
        ]
        var results: [[[String: Any]]] = []
        for target in targets {
            let result = try runPodium(["merge"] + target.copies + ["--state", target.state])
            XCTAssertEqual(result.status, 0, result.stderr)
            results.append(questions(in: try statusJSON(target.state)))
        }
        let sourceIDs = Set(questions(in: try statusJSON(copyA)).compactMap { $0["id"] as? String })
            .union(questions(in: try statusJSON(copyB)).compactMap { $0["id"] as? String })
        XCTAssertEqual(sourceIDs.count, 4)
        func normalised(_ list: [[String: Any]]) -> [String] {
            list.map { item in
                ["id", "text", "author", "source", "status", "votes", "pinned", "session"]
                    .map { "\(item[$0] ?? "nil")" }.joined(separator: "|")
            }.sorted()
        }
        for (index, list) in results.enumerated() {
            XCTAssertEqual(Set(list.compactMap { $0["id"] as? String }), sourceIDs, "merge \(index) lost or invented a question")
            XCTAssertEqual(normalised(list), normalised(results[0]), "merge \(index) differs from merge 0")
            let shared = list.first { $0["text"] as? String == "共通の質問: 両方で編集される" }
            XCTAssertEqual(shared?["status"] as? String, "dismissed", "the later edit (B's) should win")
            XCTAssertEqual(shared?["votes"] as? Int, 2, "votes from both sides count")
        }
        XCTAssertEqual(Set(results[0].compactMap { $0["text"] as? String }), [
            "共通の質問: 両方で編集される", "Aだけの質問", "Bだけの質問 1", "Bだけの質問 2",
        ])
    }

    func testAConsoleNextToASyncConflictCopySaysSo() throws {
        let scratch = try Scratch()
        let state = try makeStateFile(scratch)
        let conflict = scratch.path("state.sync-conflict-20261122-120000-ABCDEFG.json")
        try FileManager.default.copyItem(atPath: state, toPath: conflict)
        XCTAssertEqual(runPodiumAsk(conflict, "衝突コピーにだけある質問"), 0)
        let moderator = try console("moderate", state: state, in: scratch, width: 220)
        let screen = try moderator.waitFor("1 sync-conflict copy found", timeout: 3)
        XCTAssertTrue(screen.contains("podium merge"), screen)
        XCTAssertTrue(screen.contains("state.sync-conflict-20261122-120000-ABCDEFG.json"), screen)
        // One more appears while the console runs (Syncthing makes them at any time).
        moderator.sendKey("Escape") // clears the notice
        try moderator.waitUntil(timeout: 3, "the notice cleared") { !$0.contains("sync-conflict cop") }
        let second = scratch.path("state.sync-conflict-20261122-121500-HIJKLMN.json")
        try FileManager.default.copyItem(atPath: conflict, toPath: second)
        try moderator.waitFor("2 sync-conflict copies found", timeout: 4)
        // Doing what it says brings the other copy's question in, live.
        let merged = try runPodium(["merge", conflict, second, "--state", state])
        XCTAssertEqual(merged.status, 0, merged.stderr)
        try moderator.waitFor("衝突コピーにだけある質問", timeout: 3)
        moderator.sendText("q")
        XCTAssertEqual(try moderator.waitForExit(), 0)
    }

    /// A state file written by another machine whose clock runs 90 s ahead: the consoles here
    /// say so (their timers differ by as much); the next write from that machine on time
    /// clears it.
    func testAnotherMachinesClockAheadIsShown() throws {
        let scratch = try Scratch()
        let state = try makeStateFile(scratch)
        func writeAsLaptopB(secondsAhead: Double) throws {
            let data = try XCTUnwrap(FileManager.default.contents(atPath: state))
            var object = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
            object["updatedAt"] = Date().timeIntervalSince1970 + secondsAhead
            object["writer"] = ["host": "laptop-b", "pid": 4242, "role": "moderator"]
            object["revision"] = (object["revision"] as? Int ?? 0) + 1
            let temporary = state + ".edit"
            try JSONSerialization.data(withJSONObject: object).write(to: URL(fileURLWithPath: temporary))
            XCTAssertEqual(rename(temporary, state), 0)
        }
        try writeAsLaptopB(secondsAhead: 90)
        let moderator = try console("moderate", state: state, in: scratch, width: 160)
        try moderator.waitFor("clock: laptop-b is 1:30 ahead of this machine", timeout: 3)
        let speaker = try console("speaker", state: state, in: scratch, width: 160)
        try speaker.waitFor("clock: laptop-b is 1:30 ahead", timeout: 3)
        // laptop-b's clock set right: its next write clears the warning.
        try writeAsLaptopB(secondsAhead: 0)
        try moderator.waitUntil(timeout: 4, "the clock warning cleared") { !$0.contains("clock: laptop-b") }
        moderator.sendText("q")
        XCTAssertEqual(try moderator.waitForExit(), 0)
        speaker.sendText("q")
        XCTAssertEqual(try speaker.waitForExit(), 0)
    }
}
