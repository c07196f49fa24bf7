import Foundation
import PodiumCore

/// What the audience and the stage may see of one state, worked out once per change and
/// shared by every open page.
public struct PublicSnapshot: Sendable {
    public let state: PodiumState
    /// Counts up with every published state.
    public let version: Int
    /// The current session's approved and live questions (never new, dismissed or merged).
    public let questions: [Question]
    /// The public part of every live update, as JSON.
    public let json: String
    /// Questions asked from the page, by the person who asked them.
    let askedBy: [String: [Question]]

    init(state: PodiumState, version: Int) {
        self.state = state
        self.version = version
        let current = state.currentSessionID
        var questions: [Question] = []
        var askedBy: [String: [Question]] = [:]
        for question in state.questions {
            if question.sessionID == current, question.mergedInto == nil,
               question.status == .approved || question.status == .live {
                questions.append(question)
            }
            if let person = WebPerson.asker(of: question) { askedBy[person, default: []].append(question) }
        }
        self.questions = questions
        self.askedBy = askedBy
        json = PublicSnapshot.makeJSON(state: state, questions: questions)
    }

    /// The people whose own questions differ between two snapshots.
    static func changedAskers(_ a: PublicSnapshot, _ b: PublicSnapshot) -> Set<String> {
        var result = Set<String>()
        for (person, questions) in b.askedBy where a.askedBy[person] != questions { result.insert(person) }
        for person in a.askedBy.keys where b.askedBy[person] == nil { result.insert(person) }
        return result
    }

    /// One question as the audience sees it.
    static func questionJSON(_ question: Question) -> String {
        "{\"id\":\(JSONText.string(question.id)),\"text\":\(JSONText.string(question.text)),"
            + "\"author\":\(JSONText.string(question.author)),\"votes\":\(question.voteCount),"
            + "\"status\":\(JSONText.string(question.status.rawValue)),\"askedAt\":\(JSONText.millis(question.askedAt))}"
    }

    private static func makeJSON(state: PodiumState, questions: [Question]) -> String {
        var out = "{\"event\":\(JSONText.string(state.event.title)),"
        if let session = state.currentSession {
            out += "\"session\":{\"id\":\(JSONText.string(session.id)),\"title\":\(JSONText.string(session.title)),"
                + "\"speaker\":\(JSONText.optional(session.speaker)),"
                + "\"index\":\(state.currentSessionIndex ?? 0),\"count\":\(state.event.sessions.count)},"
            let timer = state.timer(for: session.id)
            out += "\"timer\":{\"status\":\(JSONText.string(timer.status.rawValue)),"
                + "\"elapsedBeforeRun\":\(JSONText.number(timer.elapsedBeforeRun)),"
                + "\"runningSince\":\(timer.runningSince.map(JSONText.millis) ?? "null"),"
                + "\"allowed\":\(timer.allowedSeconds(planned: session.plannedSeconds)),"
                + "\"warning\":\(state.warningSeconds(for: session)),\"danger\":\(state.dangerSeconds(for: session))},"
        } else {
            out += "\"session\":null,\"timer\":null,"
        }
        if let next = state.nextSession {
            out += "\"next\":{\"title\":\(JSONText.string(next.title)),\"speaker\":\(JSONText.optional(next.speaker))},"
        } else {
            out += "\"next\":null,"
        }
        out += "\"message\":\(JSONText.optional(state.message?.text)),"
        out += "\"ended\":\(state.endedAt != nil),"
        out += "\"questions\":[" + questions.map(questionJSON).joined(separator: ",") + "]}"
        return out
    }

    /// What one person sees of their own: the questions they asked (and what became of them)
    /// and the questions they voted for.
    func personalJSON(person: String?) -> String {
        guard let person else { return "{\"asked\":[],\"voted\":[]}" }
        let voter = WebPerson.actor(person)
        let asked = (askedBy[person] ?? []).suffix(50).map { question in
            "{\"id\":\(JSONText.string(question.id)),\"text\":\(JSONText.string(question.text)),"
                + "\"status\":\(JSONText.string(WebPerson.ownStatus(question)))}"
        }
        let voted = questions.filter { ($0.votes[voter] ?? 0) > 0 }.map { JSONText.string($0.id) }
        return "{\"asked\":[" + asked.joined(separator: ",") + "],\"voted\":[" + voted.joined(separator: ",") + "]}"
    }

    /// One live update for one person, as an event-stream event (JSON has no raw newline).
    func event(person: String?, now: Date) -> String {
        "event: state\ndata: {\"now\":\(JSONText.millis(now)),\"version\":\(version),\"me\":\(personalJSON(person: person)),\"public\":\(json)}\n\n"
    }
}

/// The people behind the page: a random id in a cookie, recorded as the actor "web:ID".
enum WebPerson {
    static func actor(_ person: String) -> String { "web:" + person }

    /// The person who asked a question from the page (its first history entry's actor).
    static func asker(of question: Question) -> String? {
        guard let by = question.history.first?.by, by.hasPrefix("web:") else { return nil }
        return String(by.dropFirst(4))
    }

    /// What became of one's own question, in the page's words (keys the page translates).
    static func ownStatus(_ question: Question) -> String {
        if question.mergedInto != nil { return "merged" }
        switch question.status {
        case .new: return "review"
        case .approved: return "queued"
        case .live: return "live"
        case .answered: return "answered"
        case .dismissed: return "dismissed"
        }
    }

    /// Whether a cookie value is one of ours: 32 lowercase hex digits (128 bits).
    static func isValid(_ value: String) -> Bool {
        value.utf8.count == 32 && value.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }

    static func newID() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<2).map { _ in
            let value = generator.next() as UInt64
            let hex = String(value, radix: 16)
            return String(repeating: "0", count: 16 - hex.count) + hex
        }.joined()
    }
}

/// Hands every new state to the open live-update connections. Each connection keeps only the
/// newest state it has not sent yet, so a slow phone never holds memory for the others.
public final class Broadcaster: @unchecked Sendable {
    public struct Connection: Sendable {
        public var isStage: Bool
        /// The person's id (their cookie), for the part of each update that is theirs.
        public var person: String?
        public var address: String
        public var since: Date
    }

    private let lock = NSLock()
    private var snapshot: PublicSnapshot
    private var subscribers: [Int: (connection: Connection, continuation: AsyncStream<PublicSnapshot>.Continuation)] = [:]
    private var nextID = 0
    private var closed = false

    init(state: PodiumState) {
        snapshot = PublicSnapshot(state: state, version: 1)
    }

    public var current: PublicSnapshot {
        lock.lock(); defer { lock.unlock() }
        return snapshot
    }

    public var connectionCount: Int {
        lock.lock(); defer { lock.unlock() }
        return subscribers.count
    }

    public var connections: [Connection] {
        lock.lock(); defer { lock.unlock() }
        return subscribers.values.map(\.connection)
    }

    func publish(_ state: PodiumState) {
        lock.lock()
        if state.revision == snapshot.state.revision, state.updatedAt == snapshot.state.updatedAt {
            lock.unlock()
            return
        }
        lock.unlock()
        // Built outside the lock: readers keep the previous snapshot meanwhile.
        let next = PublicSnapshot(state: state, version: current.version + 1)
        lock.lock()
        let previous = snapshot
        snapshot = next
        // A change the audience cannot see (a new question under review, a moderator's
        // label) goes only to the people whose own questions it changed.
        let changed = next.json == previous.json ? PublicSnapshot.changedAskers(previous, next) : nil
        let targets = subscribers.values.filter { subscriber in
            guard let changed else { return true }
            return subscriber.connection.person.map(changed.contains) ?? false
        }.map(\.continuation)
        lock.unlock()
        for continuation in targets { continuation.yield(next) }
    }

    /// A stream of snapshots starting with the current one; ends when the server stops.
    /// Nil when `limit` connections are open already (counted and added under one lock, so
    /// that many arriving at once cannot pass the limit together).
    func subscribe(_ connection: Connection, limit: Int = .max) -> (id: Int, stream: AsyncStream<PublicSnapshot>)? {
        let (stream, continuation) = AsyncStream.makeStream(of: PublicSnapshot.self, bufferingPolicy: .bufferingNewest(1))
        lock.lock()
        if subscribers.count >= limit {
            lock.unlock()
            return nil
        }
        let id = nextID
        nextID += 1
        if closed {
            lock.unlock()
            continuation.finish()
            return (id, stream)
        }
        subscribers[id] = (connection, continuation)
        continuation.yield(snapshot)
        lock.unlock()
        continuation.onTermination = { [weak self] _ in self?.unsubscribe(id) }
        return (id, stream)
    }

    func unsubscribe(_ id: Int) {
        lock.lock()
        subscribers[id] = nil
        lock.unlock()
    }

    /// Sends the current snapshot again to every connection: a page that gets nothing for a
    /// while knows it is offline, and a state dropped by a full buffer is replaced by it.
    /// Yielded under the lock: outside it, a heartbeat holding the previous snapshot could
    /// yield it after `publish` yielded the new one, and a page's one-place buffer would keep
    /// the older (the page would miss the change until the next).
    func heartbeat() {
        lock.lock()
        defer { lock.unlock() }
        for subscriber in subscribers.values { subscriber.continuation.yield(snapshot) }
    }

    /// Ends every stream (the server is stopping).
    func closeAll() {
        lock.lock()
        closed = true
        let all = subscribers.values.map(\.continuation)
        subscribers = [:]
        lock.unlock()
        for continuation in all { continuation.finish() }
    }
}
