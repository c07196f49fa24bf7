// podium-stress: a test helper that hammers one state file with commits, so that tests can
// race several processes and check that every action's effect is present afterwards.
//
//   podium-stress --state FILE [--actions N] [--seed S] [--prefix P] [--pause-before-rename]
//                 [--unsafe-no-lock]
//   podium-stress --state FILE --bench N     (timings with N questions; build -c release)
//
// Each action goes through its own `StateStore.commit`: asks (ids `P-0`, `P-1`, ...),
// approvals and votes (voter `P`) on this process's own questions, and +1 s on session "s1".
// Prints a JSON summary of what was committed: {"asked","approved","voted","adjustSeconds"}.
// `--pause-before-rename` (test only) stops the process with SIGSTOP between the fsync of its
// temp and the rename, so a test can kill -9 it in the middle of a write; `--unsafe-no-lock`
// (test only) writes without the lock and the re-read, to prove that racing writers then lose
// actions. The podium binary has neither.
import Foundation
import Glibc
import PodiumCore
import PodiumStore
import PodiumText

struct Summary: Codable {
    var asked: [String] = []
    var approved: [String] = []
    var voted: [String] = []
    var adjustSeconds = 0
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data(("podium-stress: " + message + "\n").utf8))
    exit(1)
}

/// `--bench N`: times encode, decode, a commit and a reload with N questions (build with
/// `-c release` for real figures) and prints them.
func bench(questions count: Int, path: String) throws -> Never {
    let start = Date(timeIntervalSince1970: 1_700_000_000)
    var state = PodiumState(
        event: Event(title: "Bench", sessions: [Session(id: "s1", title: "Bench", plannedSeconds: 600)]),
        now: start)
    for index in 0..<count {
        var question = Question(
            id: "q\(index)", text: "質問 \(index): how do you test a terminal UI with goldens?",
            author: "guest\(index % 97)", askedAt: start + Double(index), by: "moderator@laptop")
        question.votes = ["v\(index % 13)": 1]
        state.questions.append(question)
    }
    func time(_ body: () throws -> Void) rethrows -> Double {
        let begin = Date()
        try body()
        return Date().timeIntervalSince(begin) * 1000
    }
    func median(_ runs: Int, _ body: () throws -> Void) rethrows -> Double {
        var times: [Double] = []
        for _ in 0..<runs { times.append(try time(body)) }
        return times.sorted()[runs / 2]
    }
    var data = Data()
    let encode = try median(5) { data = try StateCodec.encode(state) }
    let foundation = try median(3) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .secondsSince1970
        _ = try encoder.encode(state)
    }
    let decode = try median(5) { _ = try StateCodec.decode(data, file: path) }
    unlink(path)
    let writer = StateStore(path: path, writer: Writer(host: "bench", pid: getpid(), role: .host))
    try writer.commit([], context: ActionContext(now: start, actor: "bench"), create: state)
    let reader = StateStore(path: path, writer: Writer(host: "bench", pid: getpid(), role: .speaker))
    _ = try reader.load()
    var commits: [Double] = []
    var reloads: [Double] = []
    for index in 0..<21 {
        commits.append(try time {
            try writer.commit([.vote(id: "q\(index)", voter: "bench", delta: 1)],
                              context: ActionContext(now: Date(), actor: "bench"))
        })
        reloads.append(try time { _ = try reader.reloadIfChanged() })
    }
    print(String(format: "%d questions, %.1f MB: encode %.1f ms (JSONEncoder %.1f ms), decode %.1f ms, "
                 + "commit p50 %.1f ms, reload p50 %.1f ms", count, Double(data.count) / 1e6, encode,
                 foundation, decode, commits.sorted()[10], reloads.sorted()[10]))
    exit(0)
}

var statePath: String?
var benchCount: Int?
var actionCount = 100
var seed: UInt64 = 1
var prefix = "p"
var pauseBeforeRename = false
var unsafeNoLock = false
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    switch argument {
    case "--state": statePath = arguments.popFirst()
    case "--actions": actionCount = arguments.popFirst().flatMap { Int($0) } ?? actionCount
    case "--seed": seed = arguments.popFirst().flatMap { UInt64($0) } ?? seed
    case "--prefix": prefix = arguments.popFirst() ?? prefix
    case "--pause-before-rename": pauseBeforeRename = true
    case "--unsafe-no-lock": unsafeNoLock = true
    case "--bench": benchCount = arguments.popFirst().flatMap { Int($0) }
    default: fail("unknown argument \(argument)")
    }
}
guard let statePath else { fail("--state FILE is required") }
if let benchCount {
    do { try bench(questions: benchCount, path: statePath) } catch { fail("\(error)") }
}

let store = StateStore(
    path: statePath, writer: Writer(host: "stress", pid: getpid(), role: .script),
    faults: StateStore.InjectedFaults(skipLock: unsafeNoLock, stopBeforeRename: pauseBeforeRename))
let event = Event(title: "Stress", sessions: [Session(id: "s1", title: "Stress", plannedSeconds: 600)])
var random = SplitMix64(state: seed)
var summary = Summary()
var approved = Set<String>()
var voted = Set<String>()

for index in 0..<actionCount {
    let now = Date()
    let context = ActionContext(now: now, actor: "script@\(prefix)")
    let kind = summary.asked.isEmpty ? 0 : Int(random.next() % 4)
    let target = summary.asked.isEmpty ? "" : summary.asked[Int(random.next() % UInt64(summary.asked.count))]
    let action: Action
    switch kind {
    case 0:
        action = .addQuestion(Question(
            id: "\(prefix)-\(index)", text: "Question \(index) from \(prefix)", author: prefix,
            askedAt: now, by: context.actor))
    case 1: action = .approve(id: target)
    case 2: action = .vote(id: target, voter: prefix, delta: 1)
    default: action = .adjustTime(session: "s1", seconds: 1)
    }
    // Like a console: a write that could not get the lock is kept and tried again.
    var attempts = 0
    while true {
        do {
            try store.commit([action], context: context, create: PodiumState(event: event, now: now))
            break
        } catch StoreError.lockTimeout where attempts < 20 {
            attempts += 1
        } catch {
            fail("pid \(getpid()): \(error)")
        }
    }
    // A short pause between actions leaves the others a chance at the lock.
    usleep(useconds_t.random(in: 0...1_000))
    switch kind {
    case 0: summary.asked.append("\(prefix)-\(index)")
    case 1: approved.insert(target)
    case 2: voted.insert(target)
    default: summary.adjustSeconds += 1
    }
}
summary.approved = approved.sorted()
summary.voted = voted.sorted()
let encoder = JSONEncoder()
encoder.outputFormatting = [.sortedKeys]
FileHandle.standardOutput.write((try? encoder.encode(summary)) ?? Data())
FileHandle.standardOutput.write(Data("\n".utf8))
