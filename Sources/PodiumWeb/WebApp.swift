import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import PodiumCore
import PodiumStore

/// Each request's context: the address it came from (for the rate limit per address).
public struct WebContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public let remoteAddress: String

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress?.ipAddress ?? "local"
    }
}

extension HTTPField.Name {
    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!
    static let xFrameOptions = HTTPField.Name("X-Frame-Options")!
}

/// Every response leaves with the safety headers; every error becomes a short JSON reason
/// (never a stack trace, a path or a type name).
struct SafetyMiddleware: RouterMiddleware {
    typealias Context = WebContext

    static let policy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as any HTTPResponseError {
            let reason: String
            switch error.status.code {
            case 404: reason = "not found"
            case 405: reason = "method not allowed"
            case 413: reason = "the request is too large (at most 8 KB)"
            default: reason = error.status.code < 500 ? "bad request" : "the server could not do that"
            }
            response = WebApp.json(error.status, JSONText.error(reason))
        } catch {
            response = WebApp.json(.internalServerError, JSONText.error("the server could not do that"))
        }
        response.headers[.contentSecurityPolicy] = Self.policy
        response.headers[.xContentTypeOptions] = "nosniff"
        // "no-referrer" would make browsers send "Origin: null" with the no-script form's POST.
        response.headers[.referrerPolicy] = "same-origin"
        response.headers[.xFrameOptions] = "DENY"
        if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
        return response
    }
}

/// The routes of `podium serve`.
public final class WebApp: Sendable {
    public let hub: StateHub
    public let options: WebOptions
    let personLimiter: RateLimiter
    let addressLimiter: RateLimiter
    let voteLimiter: RateLimiter

    static let personCookie = "podium_id"
    static let passCookie = "podium_pass"

    public init(hub: StateHub, options: WebOptions) {
        self.hub = hub
        self.options = options
        personLimiter = RateLimiter(perMinute: options.questionsPerMinute)
        addressLimiter = RateLimiter(perMinute: options.addressQuestionsPerMinute)
        voteLimiter = RateLimiter(perMinute: max(60, options.questionsPerMinute * 12))
    }

    public func router() -> Router<WebContext> {
        let router = Router(context: WebContext.self)
        router.add(middleware: SafetyMiddleware())
        router.get("/") { request, context in self.audiencePage(request, context) }
        router.get("/stage") { request, context in self.stagePage(request, context) }
        router.get("/assets/podium.css") { _, _ in Self.asset(Assets.css, type: "text/css; charset=utf-8") }
        router.get("/assets/audience.js") { _, _ in Self.asset(Assets.audienceJS, type: "text/javascript; charset=utf-8") }
        router.get("/assets/stage.js") { _, _ in Self.asset(Assets.stageJS, type: "text/javascript; charset=utf-8") }
        router.get("/api/questions") { request, context in self.listQuestions(request, context) }
        router.post("/api/questions") { request, context in try await self.postQuestion(request, context) }
        router.post("/api/questions/:id/vote") { request, context in try await self.postVote(request, context) }
        router.get("/api/events") { request, context in self.events(request, context) }
        router.post("/join") { request, context in try await self.join(request, context) }
        return router
    }

    // MARK: Pages

    private func audiencePage(_ request: Request, _ context: WebContext) -> Response {
        let (person, isNew) = Self.person(request)
        let language = Language(acceptLanguage: request.headers[.acceptLanguage])
        if let refusal = passcodeRefusal(request, language: language, page: true) { return refusal }
        let query = request.uri.queryParameters
        let from = query["from"].flatMap { QuestionSource(loose: String($0)) }
        var notice: String?
        if query["sent"] != nil { notice = language.t(options.review ? "sent" : "sentNoReview") }
        let input = Pages.AudienceInput(
            snapshot: hub.broadcaster.current, person: person, language: language, from: from,
            sortByTime: query["sort"] == "time", notice: notice, error: nil, review: options.review)
        return withPerson(Self.html(.ok, Pages.audience(input)), person: person, isNew: isNew)
    }

    private func stagePage(_ request: Request, _ context: WebContext) -> Response {
        let language = Language(acceptLanguage: request.headers[.acceptLanguage])
        if let refusal = passcodeRefusal(request, language: language, page: true) { return refusal }
        return Self.html(.ok, Pages.stage(hub.broadcaster.current, language: language, now: Date()))
    }

    // MARK: API

    private func listQuestions(_ request: Request, _ context: WebContext) -> Response {
        if let refusal = passcodeRefusal(request, language: .en, page: false) { return refusal }
        let (person, _) = Self.person(request)
        let snapshot = hub.broadcaster.current
        let body = "{\"me\":\(snapshot.personalJSON(person: person)),\"public\":\(snapshot.json)}"
        return Self.json(.ok, body)
    }

    /// A question from the page, as JSON `{"text", "author", "from"}` or the form's fields.
    private func postQuestion(_ request: Request, _ context: WebContext) async throws -> Response {
        let language = Language(acceptLanguage: request.headers[.acceptLanguage])
        let isForm = !(request.headers[.contentType] ?? "").lowercased().hasPrefix("application/json")
        if let refusal = originRefusal(request) { return refusal }
        if let refusal = passcodeRefusal(request, language: language, page: false) { return refusal }
        let (person, isNew) = Self.person(request)
        var request = request
        guard let body = try? await request.collectBody(upTo: options.maximumBodyBytes) else {
            return Self.json(.contentTooLarge, JSONText.error(language.t("tooLarge")))
        }
        guard let fields = Self.fields(body, isForm: isForm) else {
            return Self.json(.badRequest, JSONText.error("expected JSON {\"text\": …, \"author\": …} or a form"))
        }
        let text = (fields["text"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let author = String((fields["author"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines).prefix(40))
        let source = fields["from"].flatMap { QuestionSource(loose: $0) } ?? .web
        let snapshot = hub.broadcaster.current

        func refuse(_ status: HTTPResponse.Status, _ reason: String, retryAfter: Int? = nil) -> Response {
            var response: Response
            if isForm {
                let input = Pages.AudienceInput(
                    snapshot: snapshot, person: person, language: language, from: source == .web ? nil : source,
                    sortByTime: false, notice: nil, error: reason, keptText: fields["text"] ?? "", keptName: author,
                    review: options.review)
                response = Self.html(status, Pages.audience(input))
            } else {
                response = Self.json(status, JSONText.error(reason))
            }
            if let retryAfter { response.headers[.retryAfter] = String(retryAfter) }
            return withPerson(response, person: person, isNew: isNew)
        }

        // The reasons are shown to the person as they are (the page has no text of its own for
        // them), so they are in the page's language.
        guard !text.isEmpty else { return refuse(.badRequest, language.t("empty")) }
        guard text.count <= Question.maximumLength else {
            return refuse(.badRequest, language.t("tooLong", text.count, Question.maximumLength))
        }
        if snapshot.state.blockedPeople.contains(person) {
            return refuse(.forbidden, language.t("blocked"))
        }
        if let wait = personLimiter.take(person) {
            return refuse(.tooManyRequests, language.t("wait", wait), retryAfter: wait)
        }
        if let wait = addressLimiter.take(context.remoteAddress) {
            personLimiter.giveBack(person)
            return refuse(.tooManyRequests, language.t("wait", wait), retryAfter: wait)
        }
        let now = Date()
        let actor = WebPerson.actor(person)
        let id = Question.newID()
        let question = Question(
            id: id, text: text, author: author, source: source, sessionID: nil,
            status: options.review ? .new : .approved, askedAt: now, by: actor)
        switch await hub.commit([(.addQuestion(question), ActionContext(now: now, actor: actor))]) {
        case .success:
            if isForm {
                var location = "/?sent=1"
                if source != .web { location += "&from=" + source.rawValue }
                var response = Response(status: .seeOther)
                response.headers[.location] = location
                return withPerson(response, person: person, isNew: isNew)
            }
            return withPerson(Self.json(.created, "{\"id\":\(JSONText.string(id))}"), person: person, isNew: isNew)
        case .failure:
            personLimiter.giveBack(person)
            addressLimiter.giveBack(context.remoteAddress)
            return refuse(.serviceUnavailable, language.t("unsaved"), retryAfter: 2)
        }
    }

    /// One vote per person: `{"vote": true}` (or the form's vote=1) votes, false withdraws.
    private func postVote(_ request: Request, _ context: WebContext) async throws -> Response {
        let isForm = !(request.headers[.contentType] ?? "").lowercased().hasPrefix("application/json")
        if let refusal = originRefusal(request) { return refusal }
        if let refusal = passcodeRefusal(request, language: .en, page: false) { return refusal }
        let (person, isNew) = Self.person(request)
        var request = request
        guard let body = try? await request.collectBody(upTo: options.maximumBodyBytes) else {
            return Self.json(.contentTooLarge, JSONText.error("the request is too large (at most 8 KB)"))
        }
        let fields = body.readableBytes == 0 ? [:] : Self.fields(body, isForm: isForm)
        guard let fields else { return Self.json(.badRequest, JSONText.error("expected JSON {\"vote\": true|false}")) }
        let on = !["0", "false", "no"].contains(fields["vote"] ?? "1")
        let id = context.parameters.get("id") ?? ""
        let snapshot = hub.broadcaster.current
        // Only questions the audience can see can be voted on.
        guard snapshot.questions.contains(where: { $0.id == id }) else {
            return Self.json(.notFound, JSONText.error("no such question"))
        }
        if snapshot.state.blockedPeople.contains(person) {
            return Self.json(.forbidden, JSONText.error("votes from this browser are not accepted"))
        }
        if let wait = voteLimiter.take(person) ?? voteLimiter.take("address " + context.remoteAddress) {
            var response = Self.json(.tooManyRequests, JSONText.error("please wait \(wait) s"))
            response.headers[.retryAfter] = String(wait)
            return response
        }
        let actor = WebPerson.actor(person)
        switch await hub.commit([(.vote(id: id, voter: actor, delta: on ? 1 : 0), ActionContext(now: Date(), actor: actor))]) {
        case .success(let state):
            if isForm {
                var response = Response(status: .seeOther)
                response.headers[.location] = "/"
                return withPerson(response, person: person, isNew: isNew)
            }
            let votes = state.question(id)?.voteCount ?? 0
            return withPerson(Self.json(.ok, "{\"votes\":\(votes),\"voted\":\(on)}"), person: person, isNew: isNew)
        case .failure:
            var response = Self.json(.serviceUnavailable, JSONText.error("the vote could not be saved just now; try again"))
            response.headers[.retryAfter] = "2"
            return response
        }
    }

    /// The live updates: an event stream of the state (`event: state`) and keep-alives
    /// (`event: ping`), each one line of JSON.
    private func events(_ request: Request, _ context: WebContext) -> Response {
        if let refusal = passcodeRefusal(request, language: .en, page: false) { return refusal }
        let known = Self.cookies(request)[Self.personCookie].flatMap { WebPerson.isValid($0) ? $0 : nil }
        let isStage = request.uri.queryParameters["stage"] != nil
        // A bound on open connections, so that one client opening thousands cannot take the
        // memory the venue's phones need. The browser's EventSource does not reconnect after
        // a 503, so the page says it is offline and a reload tries again.
        guard let subscription = hub.broadcaster.subscribe(
            .init(isStage: isStage, person: known, address: context.remoteAddress, since: Date()),
            limit: options.maximumConnections)
        else {
            var response = Self.json(.serviceUnavailable, JSONText.error("too many open pages; try again later"))
            response.headers[.retryAfter] = "10"
            return response
        }
        var headers = HTTPFields()
        headers[.contentType] = "text/event-stream; charset=utf-8"
        headers[.cacheControl] = "no-store"
        let body = ResponseBody { writer in
            var lastVersion = -1
            try await writer.write(ByteBuffer(string: "retry: 2000\n\n"))
            for await snapshot in subscription.stream {
                let now = Date()
                let text = snapshot.version == lastVersion
                    ? "event: ping\ndata: {\"now\":\(JSONText.millis(now))}\n\n"
                    : snapshot.event(person: known, now: now)
                lastVersion = snapshot.version
                try await writer.write(ByteBuffer(string: text))
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: headers, body: body)
    }

    /// The passcode form's answer.
    private func join(_ request: Request, _ context: WebContext) async throws -> Response {
        if let refusal = originRefusal(request) { return refusal }
        var request = request
        guard let body = try? await request.collectBody(upTo: options.maximumBodyBytes),
              let fields = Self.fields(body, isForm: true) else {
            return Self.json(.badRequest, JSONText.error("bad request"))
        }
        let language = Language(acceptLanguage: request.headers[.acceptLanguage])
        var next = fields["next"] ?? "/"
        if !next.hasPrefix("/") || next.hasPrefix("//") || next.contains("\\") { next = "/" }
        guard let passcode = options.passcode, let given = fields["passcode"], given == passcode else {
            if let wait = personLimiter.take("join " + context.remoteAddress) {
                var response = Self.json(.tooManyRequests, JSONText.error("please wait \(wait) s"))
                response.headers[.retryAfter] = String(wait)
                return response
            }
            return Self.html(.unauthorized, Pages.passcode(language: language, wrong: true, next: next))
        }
        var response = Response(status: .seeOther)
        response.headers[.location] = next
        response.headers.append(HTTPField(name: .setCookie, value: "\(Self.passCookie)=\(Self.passToken(passcode)); Path=/; Max-Age=86400; HttpOnly; SameSite=Lax"))
        return response
    }

    // MARK: Safety

    /// POSTs must come from a page of this server: the Origin names this host, or the request
    /// is refused (a form on another site cannot send questions or votes in a person's name).
    func originRefusal(_ request: Request) -> Response? {
        let host = request.head.authority ?? ""
        guard let origin = request.headers[.origin], !host.isEmpty,
              origin == "http://" + host || origin == "https://" + host
        else {
            return Self.json(.forbidden, JSONText.error("requests from other sites are refused"))
        }
        return nil
    }

    /// With `--passcode`, everything but the assets asks for it first.
    func passcodeRefusal(_ request: Request, language: Language, page: Bool) -> Response? {
        guard let passcode = options.passcode else { return nil }
        if Self.cookies(request)[Self.passCookie] == Self.passToken(passcode) { return nil }
        if page {
            let next = request.uri.path + (request.uri.query.map { "?" + $0 } ?? "")
            return Self.html(.unauthorized, Pages.passcode(language: language, wrong: false, next: next))
        }
        return Self.json(.unauthorized, JSONText.error("the passcode is needed"))
    }

    /// The cookie that says the passcode was given: its bytes in hex (cookie-safe).
    static func passToken(_ passcode: String) -> String {
        passcode.utf8.map { String(format: "%02x", $0) }.joined()
    }

    // MARK: Helpers

    /// The person's id from their cookie, or a new one (then `isNew`, and the response sets it).
    static func person(_ request: Request) -> (String, Bool) {
        if let id = cookies(request)[personCookie], WebPerson.isValid(id) { return (id, false) }
        return (WebPerson.newID(), true)
    }

    func withPerson(_ response: Response, person: String, isNew: Bool) -> Response {
        guard isNew else { return response }
        var response = response
        response.headers.append(HTTPField(name: .setCookie, value: "\(Self.personCookie)=\(person); Path=/; Max-Age=31536000; HttpOnly; SameSite=Lax"))
        return response
    }

    static func cookies(_ request: Request) -> [String: String] {
        var result: [String: String] = [:]
        for header in request.headers[values: .cookie] {
            for part in header.split(separator: ";") {
                let pair = part.split(separator: "=", maxSplits: 1)
                guard pair.count == 2 else { continue }
                result[pair[0].trimmingCharacters(in: .whitespaces)] = pair[1].trimmingCharacters(in: .whitespaces)
            }
        }
        return result
    }

    /// The body's fields: a JSON object of strings (and booleans), or a urlencoded form.
    static func fields(_ body: ByteBuffer, isForm: Bool) -> [String: String]? {
        let data = Data(body.readableBytesView)
        if !isForm {
            guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return nil }
            var result: [String: String] = [:]
            for (key, value) in object {
                if let text = value as? String { result[key] = text }
                else if let flag = value as? Bool { result[key] = flag ? "1" : "0" }
                else if value is NSNull { continue }
                else { return nil }
            }
            return result
        }
        guard let text = String(data: data, encoding: .utf8) else { return nil }
        var result: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ part: Substring) -> String? {
                part.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
            }
            guard let key = decode(parts[0]) else { return nil }
            guard let value = parts.count > 1 ? decode(parts[1]) : "" else { return nil }
            result[key] = value
        }
        return result
    }

    static func json(_ status: HTTPResponse.Status, _ body: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    static func html(_ status: HTTPResponse.Status, _ body: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    static func asset(_ body: String, type: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = type
        headers[.cacheControl] = "max-age=300"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
    }
}
