// podium-stress: a test helper that hammers one state file with commits, so that tests can
// race several processes and check that every action's effect is present afterwards.
//
//   podium-stress --state FILE [--actions N] [--seed S] [--prefix P] [--pause-before-rename]
//
// Each action goes through its own `StateStore.commit`: asks (ids `P-0`, `P-1`, ...),
// approvals and votes (voter `P`) on this process's own questions, and +1 s on session "s1".
// Prints a JSON summary of what was committed: {"asked","approved","voted","adjustSeconds"}.
// `--pause-before-rename` (test only) stops the process with SIGSTOP between the fsync of its
// temp and the rename, so a test can kill -9 it in the middle of a write.
import Foundation
import Glibc
import PodiumCore
import PodiumStore

/// A small deterministic random generator (SplitMix64).
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

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

var statePath: String?
var actionCount = 100
var seed: UInt64 = 1
var prefix = "p"
var pauseBeforeRename = false
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    switch argument {
    case "--state": statePath = arguments.popFirst()
    case "--actions": actionCount = arguments.popFirst().flatMap { Int($0) } ?? actionCount
    case "--seed": seed = arguments.popFirst().flatMap { UInt64($0) } ?? seed
    case "--prefix": prefix = arguments.popFirst() ?? prefix
    case "--pause-before-rename": pauseBeforeRename = true
    default: fail("unknown argument \(argument)")
    }
}
guard let statePath else { fail("--state FILE is required") }

let store = StateStore(path: statePath, writer: Writer(host: "stress", pid: getpid(), role: .script))
store.stopBeforeRenameForTesting = pauseBeforeRename
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
