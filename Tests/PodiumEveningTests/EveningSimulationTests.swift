import Foundation
import Glibc
@testable import PodiumConsole
import PodiumCore
import PodiumStore
import PodiumText
import PodiumUI
import XCTest

/// A whole evening in one process: a host and two moderators, each a real console session
/// (model, pending intents, its own `StateStore`) on one state file, pressing seeded random
/// keys, each seeing the others' changes only after a random delay (its reload), and writing
/// its own after another (its persist). After every write the file is checked against what
/// the people at the keyboards were promised:
/// - no question leaves the open states (new, approved, live) unless an action named it;
/// - at most one live question per session;
/// - allowed time is never below zero;
/// - the message on the speaker's screen belongs to the current session (or to the whole event);
/// - an undo never changes what another console changed after this console's action;
/// - every action either took effect or its console was told what it left alone.
final class EveningSimulationTests: XCTestCase {
    func testAnEveningOfThreeConsolesKeepsEveryPromise() throws {
        let steps = Int(ProcessInfo.processInfo.environment["PODIUM_EVENING_STEPS"] ?? "") ?? 10_000
        var total = Violations()
        for seed: UInt64 in [1, 2] {
            let evening = try Evening(seed: seed)
            defer { evening.remove() }
            let found = try evening.run(steps: steps / 2)
            XCTAssertGreaterThan(found.commits, steps / 20, "the consoles wrote (seed \(seed))")
            XCTAssertGreaterThan(found.leftAlone, 0, "some actions met a changed file and said so (seed \(seed))")
            total.add(found)
        }
        XCTAssertEqual(total.list, [], "first violations: \(total.list.prefix(5))")
        print("evening: \(steps) steps, \(total.commits) writes, \(total.leftAlone) actions left alone and said so, \(total.undos) undos")
    }

    /// The same evening with what each person saw taken off their actions: the checks above
    /// catch it (a question answered that nobody answered, an undo that erases another
    /// moderator's change). This is the proof that the simulation can fail.
    func testWithoutWhatWasSeenTheSameEveningBreaksItsPromises() throws {
        let evening = try Evening(seed: 1, forgetWhatWasSeen: true)
        defer { evening.remove() }
        let found = try evening.run(steps: 3_000)
        XCTAssertFalse(found.list.isEmpty, "without what was seen, the evening must break a promise")
        let undoneOthers = found.list.filter { $0.contains(": undo ") }
        let answeredByNobody = found.list.filter { $0.contains("though no action named it") }
        XCTAssertFalse(undoneOthers.isEmpty, "an undo erased another console's change")
        XCTAssertFalse(answeredByNobody.isEmpty, "a question left the queue that nobody named")
        print("without what was seen: \(found.list.count) violations; \(undoneOthers.count) undos of others' changes, e.g. \(undoneOthers.first ?? ""); \(answeredByNobody.count) questions gone unnamed, e.g. \(answeredByNobody.first ?? "")")
    }
}

struct Violations {
    var list: [String] = []
    var commits = 0
    var leftAlone = 0
    var undos = 0

    mutating func add(_ other: Violations) {
        list += other.list
        commits += other.commits
        leftAlone += other.leftAlone
        undos += other.undos
    }
}

/// Three consoles on one file, a fake clock, a seeded random generator.
final class Evening {
    let directory: String
    let path: String
    var random: SplitMix64
    var now = Date(timeIntervalSince1970: 1_548_925_200)  // 2019-01-31 09:00 UTC
    let consoles: [ConsoleSession]
    let forgetWhatWasSeen: Bool
    /// The file as last written (every write in this process is made by one of the consoles).
    var file: PodiumState
    var found = Violations()
    /// Undo actions waiting to be written, per console, with what their console had set (kept
    /// here as well, so the check holds even when the actions lose it).
    var undos: [String: [(action: Action, seen: Seen)]] = [:]

    init(seed: UInt64, forgetWhatWasSeen: Bool = false) throws {
        random = SplitMix64(state: seed)
        self.forgetWhatWasSeen = forgetWhatWasSeen
        // On tmpfs where there is one: thousands of fsyncs stay cheap.
        let base = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
        directory = base + "/podium-evening-\(getpid())-\(seed)-\(forgetWhatWasSeen)"
        try? FileManager.default.removeItem(atPath: directory)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        path = directory + "/podium.json"

        let event = Event(title: "Kubernetes Meetup Tokyo #15", start: "19:00", cues: ["5 minutes left", "Please wrap up"], sessions: [
            Session(id: "opening", title: "開会・会場案内", plannedSeconds: 300),
            Session(id: "recap", title: "KubeCon Recap", speaker: "Speaker A", plannedSeconds: 900),
            Session(id: "panel", title: "Panel", plannedSeconds: 600),
            Session(id: "closing", title: "Closing", plannedSeconds: 120),
        ])
        var initial = PodiumState(event: event, now: now)
        let texts = ["Kubernetes はなぜ etcd を使っているか", "StatefulSets には今回触れられなかったが、どういう扱いなのか",
                     "Virtual Kubelet とか k3s みたいなのはどう見ていますか", "スケーラビリティに関して"]
        for index in 0..<24 {
            let session = event.sessions[index % event.sessions.count].id
            initial.questions.append(Question(
                id: "seed-\(index)", text: texts[index % texts.count] + " (\(index))", author: "guest\(index)",
                source: .zoom, sessionID: session, askedAt: now.addingTimeInterval(Double(index)), by: "script@test"))
        }
        let creator = StateStore(path: path, writer: Writer(host: "test", pid: 1, role: .host))
        file = try creator.commit([], context: ActionContext(now: now, actor: "host@test"), create: initial)

        var made: [ConsoleSession] = []
        for (index, (role, name)) in [(Role.host, "hana"), (.moderator, "alice"), (.moderator, "bob")].enumerated() {
            let store = StateStore(path: path, writer: Writer(host: "test", pid: Int32(100 + index), role: role))
            let state = try XCTUnwrap(store.load())
            made.append(ConsoleSession(store: store, role: role, actor: "\(role.rawValue):\(name)@test", state: state))
        }
        consoles = made
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: directory)
    }

    func pick<T>(_ items: [T]) -> T {
        items[Int(random.next() % UInt64(items.count))]
    }

    func chance(_ percent: UInt64) -> Bool {
        random.next() % 100 < percent
    }

    func run(steps: Int) throws -> Violations {
        for _ in 0..<steps {
            now = now.addingTimeInterval(Double(random.next() % 4000) / 1000)
            let console = pick(consoles)
            switch random.next() % 10 {
            case 0, 1:
                // Another person's changes reach this console only now (propagation delay).
                console.reload(now: now)
            case 2, 3:
                try write(console)
            default:
                press(console)
            }
        }
        for console in consoles { try write(console) }
        return found
    }

    /// One key (or a short sequence a person types), applied on screen at once.
    func press(_ console: ConsoleSession) {
        let keys: [[Key]]
        let common: [[Key]] = [
            [.character("j")], [.character("j")], [.character("k")], [.character("y")], [.character("y")],
            [.enter], [.enter], [.character("d")], [.character("x"), .enter], [.character("r")],
            [.character("u")], [.character("s")], [.character("z")], [.character("z")], [.character("z")],
            [.character("m"), .character("1")], [.character("c")], [.character("f")],
            [.character("a")] + "質問です".map { Key.character($0) } + [.enter],
        ]
        if console.role == .host {
            keys = common + [[.character(" ")], [.character("+")], [.character("-")], [.character("-")],
                             [.character("t")] + "-9".map { Key.character($0) } + [.enter],
                             [.character("n")], [.character("n"), .character("y")], [.character("p")], [.character(">")],
                             [.character("m"), .character("g")] + "Doors close 21:00".map { Key.character($0) } + [.enter]]
        } else {
            keys = common
        }
        for key in pick(keys) {
            console.model.keepSelectionValid()
            if key == .character("z"), console.model.input == nil, console.model.overlay == nil,
               let entry = console.model.undoStack.entries.last {
                for case .guarded(let inner, let seen) in entry.inverse {
                    undos[console.actor, default: []].append((inner, seen))
                }
            }
            if forgetWhatWasSeen {
                let output = console.model.handle(key, now: now)
                _ = console.apply(output.actions.map(\.unguarded), now: now)
            } else {
                console.update(.key(key), now: now)
            }
        }
    }

    /// Persists one console's pending intents and checks the file against the promises.
    func write(_ console: ConsoleSession) throws {
        let intents = console.pending
        guard !intents.isEmpty else { return }
        let before = file
        console.persist(now: now, force: true)
        XCTAssertTrue(console.pending.isEmpty, "written: \(console.store.lastError.map { "\($0)" } ?? "")")
        guard let after = console.store.state else { return }
        found.commits += 1
        check(intents: intents, before: before, after: after, by: console.actor)
        file = after
    }

    func violation(_ text: String) {
        found.list.append(text)
    }

    func check(intents: [(action: Action, context: ActionContext)], before: PodiumState, after: PodiumState, by actor: String) {
        // Replay the write one intent at a time to check each one.
        var state = before
        var named: Set<String> = []
        for (action, context) in intents {
            let previous = state
            let effects = reduce(&state, action, context: context)
            let said = effects.contains { if case .leftAlone = $0 { return true } else { return false } }
            if said { found.leftAlone += 1 }
            named.formUnion(ids(named: action))
            // Every action took effect, or its console said what it left alone.
            if state == previous, !said {
                var unguarded = previous
                reduce(&unguarded, action.unguarded, context: context)
                if unguarded != previous {
                    violation("\(actor): \(action) changed nothing and said nothing")
                }
            }
            // An undo never changes what another console changed since.
            if let next = undos[actor]?.first, next.action == action.unguarded {
                undos[actor]?.removeFirst()
                found.undos += 1
                let (inner, seen) = next
                for (id, seenQuestion) in seen.questions {
                    guard let was = previous.question(id), let now = state.question(id) else { continue }
                    let current = SeenQuestion(was)
                    if current.status != seenQuestion.status, now.status != was.status {
                        violation("\(actor): undo \(inner) changed \(id) from \(was.status) (set by \(was.updatedBy)), not what this console set (\(seenQuestion.status))")
                    }
                    if current.pinned != seenQuestion.pinned, now.pinned != was.pinned {
                        violation("\(actor): undo changed the pin of \(id) set by \(was.updatedBy)")
                    }
                }
            }
        }
        // No question leaves the open states unless an action named it.
        for question in after.questions where !question.isOpen {
            guard let was = before.question(question.id), was.isOpen, !named.contains(question.id) else { continue }
            violation("\(actor): \(question.id) left the queue (\(was.status) → \(question.status)) though no action named it")
        }
        // At most one live question per session.
        var live: [String: Int] = [:]
        for question in after.questions where question.status == .live && question.mergedInto == nil {
            live[question.sessionID ?? "", default: 0] += 1
        }
        for (session, count) in live where count > 1 { violation("\(count) live questions in \(session)") }
        // Allowed time is never below zero.
        for session in after.event.sessions {
            let allowed = session.plannedSeconds + after.timer(for: session.id).addedSeconds
            if allowed < 0 { violation("\(session.id): allowed \(allowed) s") }
        }
        // The message belongs to the current session, or to the whole event.
        if let message = after.message, let session = message.sessionID, session != after.currentSessionID {
            violation("message \"\(message.text)\" of \(session) shown during \(after.currentSessionID)")
        }
    }

    /// The questions an action names: the one it acts on, and the one it saw live.
    func ids(named action: Action) -> Set<String> {
        switch action {
        case .guarded(let inner, let seen): return ids(named: inner).union(seen.live)
        case .approve(let id), .dismiss(let id, _), .restore(let id), .markAnswered(let id),
             .setStatus(let id, _), .putLive(let id), .editText(let id, _), .setPinned(let id, _),
             .setLabels(let id, _), .assign(let id, _), .vote(let id, _, _), .moveQuestion(let id, _):
            return [id]
        case .mergeQuestion(let duplicate, let into): return [duplicate, into]
        case .unmergeQuestion(let duplicate): return [duplicate]
        default: return []
        }
    }
}
