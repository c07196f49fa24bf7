import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import PodiumCore
import PodiumStore
import PodiumText
import XCTest
@testable import PodiumWeb

/// A state file in a fresh folder, with a server's routes on it (in process).
final class WebFixture: @unchecked Sendable {
    let directory: String
    let path: String
    let hub: StateHub
    let web: WebApp

    init(review: Bool = true, questionsPerMinute: Int = 1000, addressQuestionsPerMinute: Int = 100_000,
         passcode: String? = nil, questions: [Question] = [], maximumConnections: Int = 5_000) throws {
        directory = NSTemporaryDirectory() + "podium-web-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        path = directory + "/podium.json"
        let event = Event(title: "Kubernetes Meetup Tokyo #19 <b>", sessions: [
            Session(id: "keynote", title: "The origins and future of Kubernetes", speaker: "Speaker <i>A</i>", plannedSeconds: 1200),
            Session(id: "qa", title: "Q&A", plannedSeconds: 600),
        ])
        let store = StateStore(path: path, writer: Writer(host: "test", pid: 1, role: .host))
        let now = Date()
        try store.commit(questions.map { .addQuestion($0) }, context: ActionContext(now: now, actor: "host@test"),
                         create: PodiumState(event: event, now: now))
        var options = WebOptions(
            statePath: path, host: "127.0.0.1", port: 0, review: review,
            questionsPerMinute: questionsPerMinute, addressQuestionsPerMinute: addressQuestionsPerMinute,
            passcode: passcode)
        options.pollInterval = 0.05
        options.maximumConnections = maximumConnections
        hub = try StateHub(options: options, writerHost: "test")
        hub.start()
        web = WebApp(hub: hub, options: options)
    }

    deinit {
        hub.stop()
        try? FileManager.default.removeItem(atPath: directory)
    }

    var onDisk: PodiumState { get throws { try StateStore.readCopy(atPath: path) } }

    func test(_ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let app = Application(router: web.router())
        try await app.test(.router) { client in try await body(client) }
    }

    /// The routes on a real socket (for what needs a connection that stays open).
    func testLive(_ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let app = Application(router: web.router(), configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in try await body(client) }
    }

    /// An action from "a console": straight to the file, as another process would.
    func console(_ actions: [Action]) throws {
        let store = StateStore(path: path, writer: Writer(host: "test", pid: 2, role: .moderator))
        try store.commit(actions, context: ActionContext(now: Date(), actor: "moderator:ken@test"))
    }
}

let person = "0123456789abcdef0123456789abcdef"
let otherPerson = "fedcba9876543210fedcba9876543210"

func headers(json: Bool = true, origin: String? = "http://localhost", person: String? = person) -> HTTPFields {
    var fields = HTTPFields()
    if json { fields[.contentType] = "application/json" } else { fields[.contentType] = "application/x-www-form-urlencoded" }
    if let origin { fields[.origin] = origin }
    if let person { fields[.cookie] = "podium_id=\(person)" }
    return fields
}

func json(_ object: [String: Any]) -> ByteBuffer {
    ByteBuffer(data: try! JSONSerialization.data(withJSONObject: object))
}

func text(_ response: TestResponse) -> String {
    String(buffer: response.body)
}

func question(_ id: String, _ text: String, status: QuestionStatus, session: String = "keynote", votes: Int = 0) -> Question {
    var q = Question(id: id, text: text, author: "ken", source: .venue, sessionID: session, status: status, askedAt: Date(), by: "moderator@test")
    for v in 0..<votes { q.votes["v\(v)"] = 1 }
    return q
}

final class RouteTests: XCTestCase {
    func testAQuestionIsOnDiskAsNewFromTheWebBeforeItsCreated() async throws {
        let fixture = try WebFixture()
        try await fixture.test { client in
            let response = try await client.execute(
                uri: "/api/questions", method: .post, headers: headers(),
                body: json(["text": "  Kubernetes はなぜ etcd を使っているか  ", "author": "ken"]))
            XCTAssertEqual(response.status, .created)
            let id = try XCTUnwrap((try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: String])?["id"])
            // The 201 came after the write: the file holds it now.
            let saved = try XCTUnwrap(try fixture.onDisk.question(id))
            XCTAssertEqual(saved.text, "Kubernetes はなぜ etcd を使っているか")
            XCTAssertEqual(saved.status, .new)
            XCTAssertEqual(saved.source, .web)
            XCTAssertEqual(saved.author, "ken")
            XCTAssertEqual(saved.sessionID, "keynote")
            XCTAssertEqual(saved.history.first?.by, "web:" + person)
        }
    }

    func testAVenueLinkMarksItsQuestionsAndNoReviewQueuesThem() async throws {
        let fixture = try WebFixture(review: false)
        try await fixture.test { client in
            let response = try await client.execute(
                uri: "/api/questions", method: .post, headers: headers(json: false),
                body: ByteBuffer(string: "text=%E5%A4%A7%E9%98%AA%E3%81%8B%E3%82%89+question&author=&from=satellite"))
            XCTAssertEqual(response.status, .seeOther)
            XCTAssertEqual(response.headers[.location], "/?sent=1&from=satellite")
            let saved = try XCTUnwrap(try fixture.onDisk.questions.first)
            XCTAssertEqual(saved.text, "大阪から question")
            XCTAssertEqual(saved.source, .satellite)
            XCTAssertEqual(saved.status, .approved)
        }
    }

    func testPostsFromOtherSitesOrWithoutOriginAreRefusedAndChangeNothing() async throws {
        let fixture = try WebFixture()
        try await fixture.test { client in
            for origin in [nil, "http://evil.example", "null", "http://localhost.evil.example"] as [String?] {
                let response = try await client.execute(
                    uri: "/api/questions", method: .post, headers: headers(origin: origin), body: json(["text": "hi"]))
                XCTAssertEqual(response.status, .forbidden, "origin \(origin ?? "none")")
                XCTAssertTrue(text(response).contains("\"error\""))
            }
            XCTAssertEqual(try fixture.onDisk.questions.count, 0)
        }
    }

    func testBadInputGetsA4xxWithAReasonAndChangesNothing() async throws {
        let fixture = try WebFixture()
        try await fixture.test { client in
            let tooLong = String(repeating: "あ", count: Question.maximumLength + 1)
            let cases: [(ByteBuffer, HTTPResponse.Status)] = [
                (json(["text": "   "]), .badRequest),
                (json(["text": tooLong]), .badRequest),
                (ByteBuffer(string: "{not json"), .badRequest),
                (json(["text": ["an", "array"]]), .badRequest),
                (ByteBuffer(string: String(repeating: "a", count: 9000)), .contentTooLarge),
            ]
            for (body, status) in cases {
                let response = try await client.execute(uri: "/api/questions", method: .post, headers: headers(), body: body)
                XCTAssertEqual(response.status, status)
                let reason = text(response)
                XCTAssertTrue(reason.hasPrefix("{\"error\":"), reason)
                XCTAssertFalse(reason.contains("/"), "no path in \(reason)")
                XCTAssertFalse(reason.contains("Error"), "no type name in \(reason)")
            }
            // Exactly the maximum is accepted.
            let response = try await client.execute(
                uri: "/api/questions", method: .post, headers: headers(),
                body: json(["text": String(repeating: "あ", count: Question.maximumLength)]))
            XCTAssertEqual(response.status, .created)
            XCTAssertEqual(try fixture.onDisk.questions.count, 1)
        }
    }

    func testTheAudienceSeesOnlyApprovedAndLiveQuestionsOfTheCurrentSession() async throws {
        let fixture = try WebFixture(questions: [
            question("q-new", "under review", status: .new),
            question("q-ok", "approved one", status: .approved, votes: 2),
            question("q-live", "on stage", status: .live),
            question("q-gone", "dismissed one", status: .dismissed),
            question("q-done", "answered one", status: .answered),
            question("q-other", "other session", status: .approved, session: "qa"),
        ])
        try await fixture.test { client in
            let api = text(try await client.execute(uri: "/api/questions", method: .get))
            let page = text(try await client.execute(uri: "/", method: .get))
            for body in [api, page] {
                XCTAssertTrue(body.contains("approved one"))
                XCTAssertTrue(body.contains("on stage"))
                for hidden in ["under review", "dismissed one", "answered one", "other session"] {
                    XCTAssertFalse(body.contains(hidden), hidden)
                }
            }
            // Voting on what the audience cannot see finds nothing.
            let vote = try await client.execute(uri: "/api/questions/q-new/vote", method: .post, headers: headers(), body: json(["vote": true]))
            XCTAssertEqual(vote.status, .notFound)
        }
    }

    func testEveryTextIsEscapedInThePageAndTheJSON() async throws {
        let payload = "</textarea><script>window.__pwned=1</script><img src=x onerror=\"window.__pwned=1\">'\"`&"
        let fixture = try WebFixture(questions: [question("q-x", payload, status: .approved)])
        try await fixture.test { client in
            let page = text(try await client.execute(uri: "/", method: .get))
            XCTAssertFalse(page.contains("<script>window"))
            XCTAssertFalse(page.contains("<img src=x"))
            XCTAssertTrue(page.contains("&lt;/textarea&gt;&lt;script&gt;window.__pwned=1&lt;/script&gt;&lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt;&#39;&quot;&#96;&amp;"))
            XCTAssertTrue(page.contains("Kubernetes Meetup Tokyo #19 &lt;b&gt;"))
            XCTAssertTrue(page.contains("Speaker &lt;i&gt;A&lt;/i&gt;"))
            let api = text(try await client.execute(uri: "/api/questions", method: .get))
            XCTAssertFalse(api.contains("<"))
            XCTAssertFalse(api.contains(">"))
            let decoded = try JSONSerialization.jsonObject(with: Data(api.utf8)) as? [String: Any]
            let questions = (decoded?["public"] as? [String: Any])?["questions"] as? [[String: Any]]
            XCTAssertEqual(questions?.first?["text"] as? String, payload)
        }
    }

    /// A bidi override would show the rest of a question reversed ("desrever"), a zero-width
    /// or control character would hide part of it: pages show them as the consoles do (`�`,
    /// control pictures).
    func testBidiOverridesAndControlsShowAsTheConsolesShowThem() async throws {
        let payload = "ok \u{202E}reversed\u{202C} \u{2066}iso\u{2069} bell\u{07} esc\u{1B}[31m"
        let fixture = try WebFixture(questions: [question("q-b", payload, status: .approved)])
        try await fixture.test { client in
            let page = text(try await client.execute(uri: "/", method: .get))
            for control in ["\u{202E}", "\u{202C}", "\u{2066}", "\u{2069}", "\u{07}", "\u{1B}"] {
                XCTAssertFalse(page.contains(control), "page holds U+\(String(control.unicodeScalars.first!.value, radix: 16))")
            }
            XCTAssertTrue(page.contains("ok �reversed� �iso� bell␇ esc␛[31m"), page)
            let api = text(try await client.execute(uri: "/api/questions", method: .get))
            let decoded = try JSONSerialization.jsonObject(with: Data(api.utf8)) as? [String: Any]
            let questions = (decoded?["public"] as? [String: Any])?["questions"] as? [[String: Any]]
            XCTAssertEqual(questions?.first?["text"] as? String, "ok �reversed� �iso� bell␇ esc␛[31m")
        }
    }

    func testAKeptTextAfterAFailedFormIsEscapedInTheTextarea() async throws {
        let fixture = try WebFixture()
        try await fixture.test { client in
            let long = "</textarea><script>x()</script>" + String(repeating: "a", count: 1000)
            let body = "text=" + long.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            let response = try await client.execute(uri: "/api/questions", method: .post, headers: headers(json: false), body: ByteBuffer(string: body))
            XCTAssertEqual(response.status, .badRequest)
            let page = text(response)
            XCTAssertTrue(page.contains("&lt;/textarea&gt;&lt;script&gt;x()"), "the text is kept, escaped")
            XCTAssertFalse(page.contains("<script>x()"))
        }
    }

    func testTheStageShowsTheMessageAndTheLiveQuestionEscaped() async throws {
        let fixture = try WebFixture(questions: [question("q-live", "<b>on stage</b>", status: .live)])
        try fixture.console([.sendMessage(SpeakerMessage(text: "Please wrap up <script>", sentBy: "host@test", sentAt: Date(), sessionID: "keynote"))])
        try await Task.sleep(nanoseconds: 300_000_000)
        try await fixture.test { client in
            let page = text(try await client.execute(uri: "/stage", method: .get))
            XCTAssertTrue(page.contains("Please wrap up &lt;script&gt;"), page)
            XCTAssertTrue(page.contains("&lt;b&gt;on stage&lt;/b&gt;"))
            XCTAssertTrue(page.contains("src=\"/assets/stage.js\""))
            XCTAssertFalse(page.contains("<form"), "the stage has no controls")
            let api = text(try await client.execute(uri: "/api/questions", method: .get))
            XCTAssertTrue(api.contains("\"message\":\"Please wrap up \\u003cscript\\u003e\""), api)
        }
    }

    /// A Japanese browser gets no English word on the stage or in a refusal's reason.
    func testTheStageAndTheRefusalsAreJapaneseForAJapaneseBrowser() async throws {
        let fixture = try WebFixture()
        try await fixture.test { client in
            var ja = HTTPFields()
            ja[.acceptLanguage] = "ja,en-US;q=0.9"
            let stage = text(try await client.execute(uri: "/stage", method: .get, headers: ja))
            XCTAssertTrue(stage.contains("<html lang=\"ja\">"))
            XCTAssertTrue(stage.contains(">オフライン<"), "the offline mark")
            XCTAssertTrue(stage.contains(">次: Q&amp;A<"), "the next session")
            XCTAssertFalse(stage.contains(">offline<") || stage.contains("Next: "), stage)
            let audience = text(try await client.execute(uri: "/", method: .get, headers: ja))
            XCTAssertTrue(audience.contains(">オフライン<"))
            var fields = headers()
            fields[.acceptLanguage] = "ja"
            let empty = try await client.execute(uri: "/api/questions", method: .post, headers: fields, body: json(["text": "  "]))
            XCTAssertEqual(empty.status, .badRequest)
            XCTAssertTrue(text(empty).contains("質問が空です"), text(empty))
            let tooLong = try await client.execute(uri: "/api/questions", method: .post, headers: fields,
                                                   body: json(["text": String(repeating: "あ", count: Question.maximumLength + 1)]))
            XCTAssertTrue(text(tooLong).contains("1001 文字"), text(tooLong))
            let english = try await client.execute(uri: "/api/questions", method: .post, headers: headers(), body: json(["text": "  "]))
            XCTAssertTrue(text(english).contains("the question is empty"), text(english))
        }
    }

    func testALineBreakInAQuestionCannotEndAnEventStreamEvent() throws {
        var state = PodiumState(event: Event(title: "t", sessions: [Session(id: "s", title: "s", plannedSeconds: 60)]), now: Date())
        state.questions.append(question("q-1", "line\n\ndata: {\"forged\":1}\r\nevent: x\u{2028}", status: .approved, session: "s"))
        let event = PublicSnapshot(state: state, version: 1).event(person: nil, now: Date())
        let lines = event.split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertEqual(lines.count, 4, event)  // event:, data:, and the blank line that ends it
        XCTAssertTrue(lines[0].hasPrefix("event: state"))
        XCTAssertTrue(lines[1].hasPrefix("data: {"))
        XCTAssertFalse(event.contains("\r"))
    }

    func testEveryResponseHasTheSafetyHeadersAndThePersonCookie() async throws {
        let fixture = try WebFixture()
        try await fixture.test { client in
            for uri in ["/", "/stage", "/api/questions", "/assets/audience.js", "/missing"] {
                let response = try await client.execute(uri: uri, method: .get)
                let policy = response.headers[.contentSecurityPolicy] ?? ""
                XCTAssertTrue(policy.contains("script-src 'self'"), uri)
                XCTAssertFalse(policy.contains("unsafe-inline"), uri)
                XCTAssertEqual(response.headers[.xContentTypeOptions], "nosniff", uri)
                XCTAssertNotNil(response.headers[.referrerPolicy], uri)
            }
            let page = try await client.execute(uri: "/", method: .get)
            let cookie = try XCTUnwrap(page.headers[.setCookie])
            XCTAssertNotNil(cookie.range(of: "^podium_id=[0-9a-f]{32}; ", options: .regularExpression), cookie)
            XCTAssertTrue(cookie.contains("HttpOnly"))
            XCTAssertTrue(cookie.contains("SameSite=Lax"))
            // No inline script anywhere in the pages (the policy would block it anyway).
            for uri in ["/", "/stage"] {
                let html = text(try await client.execute(uri: uri, method: .get))
                XCTAssertNil(html.range(of: "<script>"), uri)
                XCTAssertNil(html.range(of: " on[a-z]+=", options: .regularExpression), uri)
                XCTAssertNil(html.range(of: "style=", options: .regularExpression), uri)
            }
        }
    }

    func testTheRateLimitHoldsOneFastSenderBackWithRetryAfter() async throws {
        let fixture = try WebFixture(questionsPerMinute: 3, addressQuestionsPerMinute: 100)
        try await fixture.test { client in
            var statuses: [HTTPResponse.Status] = []
            var retry: String?
            for n in 0..<5 {
                let response = try await client.execute(uri: "/api/questions", method: .post, headers: headers(), body: json(["text": "fast \(n)"]))
                statuses.append(response.status)
                if response.status == .tooManyRequests { retry = response.headers[.retryAfter] }
            }
            XCTAssertEqual(statuses, [.created, .created, .created, .tooManyRequests, .tooManyRequests])
            XCTAssertNotNil(retry.flatMap(Int.init))
            // Another person is not held back by the first.
            let other = try await client.execute(uri: "/api/questions", method: .post, headers: headers(person: otherPerson), body: json(["text": "slow"]))
            XCTAssertEqual(other.status, .created)
            XCTAssertEqual(try fixture.onDisk.questions.count, 4)
        }
    }

    func testTheRateLimitPerAddressHoldsManyCookiesBack() async throws {
        let fixture = try WebFixture(questionsPerMinute: 100, addressQuestionsPerMinute: 2)
        try await fixture.test { client in
            var statuses: [HTTPResponse.Status] = []
            for _ in 0..<3 {
                // A new cookie each time: a script that throws its cookie away.
                let response = try await client.execute(uri: "/api/questions", method: .post, headers: headers(person: nil), body: json(["text": "spam"]))
                statuses.append(response.status)
            }
            XCTAssertEqual(statuses, [.created, .created, .tooManyRequests])
        }
    }

    func testOneVotePerPersonAndItCanBeWithdrawn() async throws {
        let fixture = try WebFixture(questions: [question("q-ok", "approved", status: .approved)])
        try await fixture.test { client in
            for _ in 0..<3 {
                let response = try await client.execute(uri: "/api/questions/q-ok/vote", method: .post, headers: headers(), body: json(["vote": true]))
                XCTAssertEqual(response.status, .ok)
            }
            XCTAssertEqual(try fixture.onDisk.question("q-ok")?.voteCount, 1)
            _ = try await client.execute(uri: "/api/questions/q-ok/vote", method: .post, headers: headers(person: otherPerson), body: json(["vote": true]))
            XCTAssertEqual(try fixture.onDisk.question("q-ok")?.voteCount, 2)
            _ = try await client.execute(uri: "/api/questions/q-ok/vote", method: .post, headers: headers(), body: json(["vote": false]))
            XCTAssertEqual(try fixture.onDisk.question("q-ok")?.voteCount, 1)
            let forged = try await client.execute(uri: "/api/questions/q-ok/vote", method: .post, headers: headers(origin: "http://evil.example"), body: json(["vote": true]))
            XCTAssertEqual(forged.status, .forbidden)
        }
    }

    func testABlockedPersonIsRefusedAndTheirPendingQuestionsAreDismissed() async throws {
        let fixture = try WebFixture()
        try await fixture.test { client in
            for n in 0..<2 {
                let response = try await client.execute(uri: "/api/questions", method: .post, headers: headers(), body: json(["text": "spam \(n)"]))
                XCTAssertEqual(response.status, .created)
            }
            _ = try await client.execute(uri: "/api/questions", method: .post, headers: headers(person: otherPerson), body: json(["text": "fine"]))
            try fixture.console([.blockPerson(person)])
            try await Task.sleep(nanoseconds: 300_000_000)  // the server sees the console's write
            let state = try fixture.onDisk
            XCTAssertEqual(state.blockedPeople, [person])
            XCTAssertEqual(state.questions.filter { $0.text.hasPrefix("spam") }.map(\.status), [.dismissed, .dismissed])
            XCTAssertEqual(state.questions.first { $0.text == "fine" }?.status, .new)
            let refused = try await client.execute(uri: "/api/questions", method: .post, headers: headers(), body: json(["text": "again"]))
            XCTAssertEqual(refused.status, .forbidden)
            XCTAssertEqual(try fixture.onDisk.questions.count, 3)
        }
    }

    func testOnesOwnQuestionsShowWhatBecameOfThem() async throws {
        let fixture = try WebFixture()
        try await fixture.test { client in
            let response = try await client.execute(uri: "/api/questions", method: .post, headers: headers(), body: json(["text": "mine"]))
            let id = try XCTUnwrap((try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: String])?["id"])
            try fixture.console([.dismiss(id: id, reason: "off topic")])
            try await Task.sleep(nanoseconds: 300_000_000)
            var list = HTTPFields()
            list[.cookie] = "podium_id=\(person)"
            let mine = text(try await client.execute(uri: "/api/questions", method: .get, headers: list))
            XCTAssertTrue(mine.contains("\"asked\":[{\"id\":\"\(id)\",\"text\":\"mine\",\"status\":\"dismissed\"}]"), mine)
            XCTAssertFalse(mine.contains("off topic"), "the reason stays with the moderators")
            let others = text(try await client.execute(uri: "/api/questions", method: .get))
            XCTAssertFalse(others.contains("mine"))
        }
    }

    func testA503WithRetryAfterWhileTheFileCannotBeWritten() async throws {
        let fixture = try WebFixture()
        fixture.hub.store.lockTimeout = 0.2
        // Another process holds the lock.
        let descriptor = open(fixture.path + ".lock", O_RDWR)
        XCTAssertEqual(flock(descriptor, LOCK_EX), 0)
        try await fixture.test { client in
            let response = try await client.execute(uri: "/api/questions", method: .post, headers: headers(), body: json(["text": "kept"]))
            XCTAssertEqual(response.status, .serviceUnavailable)
            XCTAssertEqual(response.headers[.retryAfter], "2")
            XCTAssertFalse(text(response).contains(fixture.directory))
            flock(descriptor, LOCK_UN)
            close(descriptor)
            let retried = try await client.execute(uri: "/api/questions", method: .post, headers: headers(), body: json(["text": "kept"]))
            XCTAssertEqual(retried.status, .created)
        }
    }

    func testSubmissionsArrivingTogetherShareWrites() async throws {
        let fixture = try WebFixture()
        try await fixture.test { client in
            let before = fixture.hub.writes
            try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for n in 0..<200 {
                    group.addTask {
                        try await client.execute(uri: "/api/questions", method: .post, headers: headers(), body: json(["text": "together \(n)"])).status
                    }
                }
                for try await status in group { XCTAssertEqual(status, .created) }
            }
            XCTAssertEqual(try fixture.onDisk.questions.count, 200)
            let writes = fixture.hub.writes - before
            XCTAssertLessThan(writes, 200, "group commit: fewer writes than questions")
            print("200 questions in \(writes) writes")
        }
    }

    func testThePasscodeIsAskedFirst() async throws {
        let fixture = try WebFixture(passcode: "etcd")
        try await fixture.test { client in
            let page = try await client.execute(uri: "/", method: .get)
            XCTAssertEqual(page.status, .unauthorized)
            XCTAssertTrue(text(page).contains("name=\"passcode\""))
            let api = try await client.execute(uri: "/api/questions", method: .post, headers: headers(), body: json(["text": "x"]))
            XCTAssertEqual(api.status, .unauthorized)
            let wrong = try await client.execute(uri: "/join", method: .post, headers: headers(json: false), body: ByteBuffer(string: "passcode=nope&next=/"))
            XCTAssertEqual(wrong.status, .unauthorized)
            let right = try await client.execute(uri: "/join", method: .post, headers: headers(json: false), body: ByteBuffer(string: "passcode=etcd&next=//evil.example"))
            XCTAssertEqual(right.status, .seeOther)
            XCTAssertEqual(right.headers[.location], "/")
            let cookie = try XCTUnwrap(right.headers[.setCookie]?.split(separator: ";").first)
            var fields = headers()
            fields[.cookie] = "podium_id=\(person); \(cookie)"
            let allowed = try await client.execute(uri: "/api/questions", method: .post, headers: fields, body: json(["text": "x"]))
            XCTAssertEqual(allowed.status, .created)
        }
    }
}

final class BroadcastTests: XCTestCase {
    /// A change the audience cannot see reaches only the person it concerns.
    func testAnInvisibleChangeGoesOnlyToItsAsker() async throws {
        let event = Event(title: "t", sessions: [Session(id: "s", title: "s", plannedSeconds: 60)])
        var state = PodiumState(event: event, now: Date())
        let broadcaster = Broadcaster(state: state)
        let mine = try XCTUnwrap(broadcaster.subscribe(.init(isStage: false, person: person, address: "a", since: Date())))
        let other = try XCTUnwrap(broadcaster.subscribe(.init(isStage: false, person: otherPerson, address: "b", since: Date())))
        var mineIterator = mine.stream.makeAsyncIterator()
        var otherIterator = other.stream.makeAsyncIterator()
        _ = await mineIterator.next()
        _ = await otherIterator.next()
        state.revision += 1
        state.questions.append(Question(id: "q-1", text: "under review", source: .web, sessionID: "s", status: .new, askedAt: Date(), by: "web:" + person))
        broadcaster.publish(state)
        broadcaster.closeAll()  // what was sent stays to be read; then the streams end
        let update = await mineIterator.next()
        XCTAssertEqual(update?.version, 2)
        XCTAssertTrue(update?.personalJSON(person: person).contains("under review") ?? false)
        let nothing = await otherIterator.next()
        XCTAssertNil(nothing, "the other page got nothing for a change it cannot see")
    }
}
