import Foundation
import XCTest

/// A panel's Q&A from the keyboard: a host, two moderators and a speaker on one state file,
/// questions arriving from scripts (`podium ask -`) while both moderators triage; then export
/// and import from the command line.
final class TriageEndToEndTests: XCTestCase {
    /// How long one console may take to show another's change ("within a second or two";
    /// some slack for a loaded machine).
    private let crossConsole: TimeInterval = 3

    override func setUpWithError() throws {
        try requireTmux()
    }

    private func q(_ word: String) -> String { TmuxSession.shellQuoted(word) }

    private func startConsole(_ scratch: Scratch, _ arguments: String, width: Int = 100, height: Int = 30) throws -> TmuxSession {
        let binary = TmuxSession.podiumBinary().path
        return try TmuxSession(
            width: width, height: height,
            command: "\(q(binary)) \(arguments) --state \(q(scratch.path("state.json")))",
            workingDirectory: scratch.directory)
    }

    private func startHost(_ scratch: Scratch) throws -> TmuxSession {
        let event = try scratch.writeTestEvent(minutes: 30)
        let host = try startConsole(scratch, "host --event \(q(event))")
        try host.waitFor("Q&A")
        return host
    }

    /// Types a search in the `/` prompt (Japanese too) and waits until the console took it.
    private func find(_ tmux: TmuxSession, _ text: String) throws {
        tmux.sendText("/")
        try tmux.waitFor("Search:")
        tmux.sendKey("C-u")
        tmux.sendText(text)
        tmux.sendKey("Enter")
        try tmux.waitFor("search: \(text)")
    }

    /// The screen line that shows a question's row (its text) in the queue.
    private func row(_ screen: String, _ text: String) -> String? {
        screen.split(separator: "\n").map(String.init).first { $0.contains(text) && ($0.contains("│NEW") || $0.contains("│ok") || $0.contains("│LIVE") || $0.contains("│done") || $0.contains("│gone")) }
    }

    private func exported(_ scratch: Scratch) throws -> [[String: Any]] {
        let result = try runPodium(["export", "--format", "json", "--state", scratch.path("state.json")])
        XCTAssertEqual(result.status, 0, result.stderr)
        let document = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        return document?["questions"] as? [[String: Any]] ?? []
    }

    private func exportedQuestion(_ scratch: Scratch, _ text: String) throws -> [String: Any]? {
        try exported(scratch).first { ($0["text"] as? String)?.contains(text) ?? false }
    }

    func testTwoModeratorsAndAHostRunAPanelFromTheKeyboard() throws {
        let scratch = try Scratch()
        let state = scratch.path("state.json")
        let host = try startHost(scratch)
        let a = try startConsole(scratch, "moderate --name alice")
        let b = try startConsole(scratch, "moderate")
        let speaker = try startConsole(scratch, "speaker", width: 80, height: 24)
        try a.waitFor("Q&A")
        try b.waitFor("Q&A")

        // Questions from the chats, by script, from several sources.
        let batch = [
            #"{"text": "K8sクラスタでFaaSを使えるようにする意義は?", "author": "ken", "source": "zoom"}"#,
            #"{"text": "いつGA?ロードマップでてる?", "author": "大阪", "source": "satellite"}"#,
            #"{"text": "When will Knative reach GA? Is there a roadmap?", "author": "jane", "source": "youtube"}"#,
            #"{"text": "node affinityと両立するにはどうしたらいい?", "author": "k8s-fan", "source": "discord"}"#,
            #"{"text": "buy cheap followers now", "author": "bot", "source": "youtube"}"#,
            "EventingのIstio依存ってもうないのでは?",
        ].joined(separator: "\n")
        let added = try runPodium(["ask", "-", "--source", "venue", "--state", state], stdin: batch)
        XCTAssertEqual(added.status, 0, added.stderr)
        XCTAssertTrue(added.stdout.contains("added 6 questions"), added.stdout)
        for console in [a, b] {
            let screen = try console.waitFor("EventingのIstio", timeout: crossConsole)
            // The default view: incoming questions marked NEW, with source, author and votes.
            let line = try XCTUnwrap(row(screen, "ロードマップ"), screen)
            XCTAssertTrue(line.contains("NEW") && line.contains("大阪") && line.contains("SAT"), line)
            XCTAssertTrue(screen.contains("[new+queue]"), screen)
            // In the order they were sent.
            let lines = screen.split(separator: "\n").map(String.init)
            let order = ["K8sクラスタでFaaS", "ロードマップ", "When will", "node affinity", "followers", "EventingのIstio"]
                .map { text in lines.firstIndex { $0.contains(text) } ?? -1 }
            XCTAssertEqual(order, order.sorted(), screen)
            XCTAssertFalse(order.contains(-1), screen)
        }

        // More questions keep coming from a script while both moderators work.
        let arrivals = DispatchGroup()
        let later = [("隠蔽されることで調査しづらくなったりする部分ないか", "zoom"),
                     ("K8sでできるけどKnative使うとできなくなることないか", "discord"),
                     ("Cloud Runどう使うとよさそうか", "youtube"),
                     ("Istio、Gloo以外にもAmbassador使えるのでは?", "satellite"),
                     ("FaaSはわかるけどPaaS基盤を構築するってどういうこと?", "venue")]
        let arrivalStatuses = Statuses()
        DispatchQueue.global().async(group: arrivals) {
            for (text, source) in later {
                let line = #"{"text": "\#(text)", "source": "\#(source)"}"#
                arrivalStatuses.append((try? runPodium(["ask", "-", "--state", state], stdin: line).status) ?? -1)
                Thread.sleep(forTimeInterval: 0.3)
            }
        }

        // B approves; A sees it.
        try find(b, "FaaSを使える")
        b.sendText("y")
        try a.waitUntil(timeout: crossConsole, "A sees B's approval") { self.row($0, "K8sクラスタでFaaS")?.contains("│ok") ?? false }

        // A merges the English duplicate (two votes) into the Japanese question.
        try find(a, "roadmap")
        a.sendText("u")
        a.sendText("u")
        try a.waitUntil(timeout: 3, "two votes") { self.row($0, "When will Knative")?.contains(" 2 ") ?? false }
        a.sendText("M")
        try a.waitFor("duplicate marked")
        try find(a, "ロードマップ")
        a.sendText("M")
        try a.waitFor("merged")
        // B sees the merge: the duplicate hidden, its text an alias, the votes added up
        // (two votes and the duplicate's asker).
        try find(b, "ロードマップ")
        var screen = try b.waitUntil(timeout: crossConsole, "B sees the merge") { $0.contains("(also: When will Knative") }
        XCTAssertTrue(screen.contains("3 votes"), screen)
        try find(b, "GA")
        screen = b.capture()
        XCTAssertNil(row(screen, "When will Knative"), "the duplicate is hidden:\n\(screen)")

        // A puts the approved question live: the speaker sees it, and only it.
        try find(a, "FaaSを使える")
        a.sendKey("Enter")
        try a.waitUntil(timeout: 3, "live on A") { self.row($0, "K8sクラスタでFaaS")?.contains("│LIVE") ?? false }
        screen = try speaker.waitFor("K8sクラスタでFaaS", timeout: crossConsole)
        for other in ["ロードマップ", "node affinity", "EventingのIstio", "followers", "When will"] {
            XCTAssertFalse(screen.contains(other), "the speaker sees \(other):\n\(screen)")
        }
        try b.waitUntil(timeout: crossConsole, "B sees it live") { $0.contains("live 1") }
        try find(b, "K8s")
        try b.waitFor("│LIVE  K8sクラスタでFaaS")
        try host.waitUntil(timeout: crossConsole, "the host sees it live") { $0.contains("LIVE  K8sクラスタでFaaS") }

        // Answered: off the speaker's screen. Undo: back on it.
        a.sendText("d")
        try speaker.waitUntil(timeout: crossConsole, "answered leaves the speaker view") { !$0.contains("K8sクラスタでFaaS") }
        XCTAssertEqual(try exportedQuestion(scratch, "K8sクラスタでFaaS")?["status"] as? String, "answered")
        a.sendText("z")
        try a.waitFor("undone")
        try speaker.waitFor("K8sクラスタでFaaS", timeout: crossConsole)

        // B dismisses spam with a reason, looks at the dismissed ones, restores, undoes.
        try find(b, "followers")
        b.sendText("x")
        try b.waitFor("Dismiss, reason")
        b.sendText("スパム")
        b.sendKey("Enter")
        try b.waitFor("dismissed (r restores)")
        try a.waitUntil(timeout: crossConsole, "saved dismissed") { _ in
            (try? self.exportedQuestion(scratch, "followers")?["dismissReason"] as? String) == "スパム"
        }
        for _ in 0..<4 { b.sendText("f") }
        screen = try b.waitFor("showing: gone")
        screen = try b.waitFor("dismissed: スパム")
        XCTAssertTrue(screen.contains("[gone /followers]"), screen)
        b.sendText("r")
        try b.waitUntil(timeout: 3, "restored") { _ in
            (try? self.exportedQuestion(scratch, "followers")?["status"] as? String) == "new"
        }
        b.sendText("z")
        try b.waitUntil(timeout: 3, "restore undone") { _ in
            let question = try? self.exportedQuestion(scratch, "followers")
            return question?["status"] as? String == "dismissed" && question?["dismissReason"] as? String == "スパム"
        }
        b.sendText("f")
        b.sendText("f")
        try b.waitFor("showing: new+queue")

        // A edits a question: B sees that it is being edited, then the new text.
        try find(a, "node affinity")
        try find(b, "node affinity")
        a.sendText("e")
        try a.waitFor("Edit:")
        try b.waitFor("editing: moderator:alice@", timeout: crossConsole)  // --name: who it is
        a.sendKey("C-u")
        a.sendText("node affinity とはどう両立する?")
        a.sendKey("Enter")
        screen = try b.waitFor("とはどう両立する?", timeout: crossConsole)
        try b.waitUntil(timeout: crossConsole, "edit mark cleared") { !$0.contains("editing:") }

        // Everything that arrived meanwhile is there, on both consoles.
        XCTAssertEqual(arrivals.wait(timeout: .now() + 20), .success)
        XCTAssertEqual(arrivalStatuses.all, [0, 0, 0, 0, 0])
        for console in [a, b] {
            try find(console, "PaaS基盤")
            try console.waitFor("FaaSはわかるけどPaaS基盤", timeout: crossConsole)
        }

        // Export: every question, with the right states.
        let questions = try exported(scratch)
        XCTAssertEqual(questions.count, 11, "\(questions)")
        func field(_ text: String, _ name: String) -> Any? {
            questions.first { ($0["text"] as? String)?.contains(text) ?? false }?[name]
        }
        XCTAssertEqual(field("K8sクラスタでFaaS", "status") as? String, "live")
        XCTAssertEqual(field("followers", "status") as? String, "dismissed")
        XCTAssertEqual(field("followers", "dismissReason") as? String, "スパム")
        XCTAssertEqual(field("ロードマップ", "votes") as? Int, 3)
        XCTAssertEqual(field("ロードマップ", "aliases") as? [String], ["When will Knative reach GA? Is there a roadmap?"])
        XCTAssertNotNil(field("When will Knative", "mergedInto") as? String)
        XCTAssertEqual(field("とはどう両立する", "originalText") as? String, "node affinityと両立するにはどうしたらいい?")
        XCTAssertEqual(field("EventingのIstio", "source") as? String, "venue")
        XCTAssertEqual(field("Cloud Run", "source") as? String, "youtube")
        XCTAssertEqual(field("EventingのIstio", "status") as? String, "new")

        let csv = try runPodium(["export", "--format", "csv", "--state", state])
        XCTAssertEqual(csv.status, 0, csv.stderr)
        let rows = csv.stdout.split(whereSeparator: { $0 == "\r\n" || $0 == "\n" })
        XCTAssertEqual(rows.count, 12, csv.stdout)  // header and 11 questions
        XCTAssertTrue(rows[0].contains("status"), String(rows[0]))
        XCTAssertTrue(rows.contains { $0.contains("K8sクラスタでFaaS") && $0.contains(",live,") }, csv.stdout)
        XCTAssertTrue(rows.contains { $0.contains("followers") && $0.contains(",dismissed,") && $0.contains("スパム") }, csv.stdout)

        let markdown = try runPodium(["export", "--format", "md", "--state", state])
        XCTAssertEqual(markdown.status, 0, markdown.stderr)
        for needle in ["**live**", "**dismissed**", "**merged**", "スパム", "K8sクラスタでFaaS", "Cloud Runどう使うとよさそうか"] {
            XCTAssertTrue(markdown.stdout.contains(needle), "\(needle) not in:\n\(markdown.stdout)")
        }

        for console in [a, b, host] {
            console.sendText("q")
            XCTAssertEqual(try console.waitForExit(), 0)
        }
        speaker.sendText("q")
        XCTAssertEqual(try speaker.waitForExit(), 0)
    }

    func testEarlierSessionsStayReachable() throws {
        let scratch = try Scratch()
        let state = scratch.path("state.json")
        let host = try startHost(scratch)
        XCTAssertEqual(try runPodium(["ask", "Kubernetes はなぜ etcd を使っているか", "--source", "zoom", "--state", state]).status, 0)
        try host.waitFor("etcd を使っているか", timeout: crossConsole)
        host.sendText("n")  // the next session: a fresh queue
        try host.waitUntil(timeout: 3, "fresh queue") { !$0.contains("etcd を使っているか") && $0.contains("+1 earlier") }
        host.sendText("S")
        var screen = try host.waitFor("etcd を使っているか")
        XCTAssertTrue(screen.contains("all sessions"), screen)
        host.sendText("S")
        screen = try host.waitUntil(timeout: 3, "this session again") { !$0.contains("etcd を使っているか") }
        host.sendText("q")
        XCTAssertEqual(try host.waitForExit(), 0)
    }

    func testImportTwiceAddsNothingAndBadRowsAreReportedByLine() throws {
        let scratch = try Scratch()
        let state = scratch.path("state.json")
        let host = try startHost(scratch)
        host.sendText("q")
        XCTAssertEqual(try host.waitForExit(), 0)

        let good = try scratch.write("slido.csv", """
            text,author,source,votes,time
            "Kubernetes はなぜ etcd を使っているか",会場,venue,3,2019-05-31 19:30
            スケーラビリティに関して,大阪,satellite,,
            "StatefulSets には今回触れられなかったが、どういう扱いなのか",,room,1,

            """)
        var result = try runPodium(["import", good, "--state", state])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("imported 3 questions"), result.stdout)
        result = try runPodium(["import", good, "--state", state])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("imported 0 questions"), result.stdout)
        var questions = try exported(scratch)
        XCTAssertEqual(questions.count, 3)
        XCTAssertEqual(questions.first { ($0["text"] as? String)?.contains("etcd") ?? false }?["votes"] as? Int, 3)
        XCTAssertEqual(questions.first { ($0["text"] as? String)?.contains("スケーラビリティ") ?? false }?["source"] as? String, "satellite")

        let bad = try scratch.write("bad.csv", """
            question,name,platform,likes
            Cloud Runどう使うとよさそうか,ken,zoom,2
            いつGA?ロードマップでてる?,大阪,satellite,many
            EventingのIstio依存ってもうないのでは?,,discord,0

            """)
        result = try runPodium(["import", bad, "--state", state])
        XCTAssertEqual(result.status, 2, result.stdout + result.stderr)
        XCTAssertTrue(result.stderr.contains("bad.csv:3:"), result.stderr)
        XCTAssertTrue(result.stderr.contains("votes"), result.stderr)
        XCTAssertEqual(try exported(scratch).count, 3, "all or nothing: nothing was imported")

        result = try runPodium(["import", bad, "--skip-bad", "--state", state])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stderr.contains("bad.csv:3:"), result.stderr)
        XCTAssertTrue(result.stdout.contains("imported 2 questions"), result.stdout)
        questions = try exported(scratch)
        XCTAssertEqual(questions.count, 5)
        XCTAssertTrue(questions.allSatisfy { $0["status"] as? String == "new" })
        XCTAssertFalse(questions.contains { ($0["text"] as? String)?.contains("ロードマップ") ?? false })
    }
}

/// Exit statuses collected from another thread.
private final class Statuses: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Int32] = []

    func append(_ value: Int32) {
        lock.lock()
        values.append(value)
        lock.unlock()
    }

    var all: [Int32] {
        lock.lock()
        defer { lock.unlock() }
        return values
    }
}
