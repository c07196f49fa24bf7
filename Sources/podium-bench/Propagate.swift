import Foundation
import Glibc
import PodiumCore
import PodiumStore
import PodiumText
import PodiumUI

/// Cross-process propagation: this process commits (a vote, stamped with the monotonic
/// clock when the write begins: lock, re-read check, write, fsync, rename), and a separate
/// watcher process (`podium-bench watch`) follows the file exactly as a console does (inotify
/// on the directory, `drainWatchEvents`, `reloadIfChanged`, then the frame rendered) and
/// prints when each revision was on its screen. Latency = shown − write begun.
func propagate(questions count: Int, samples: Int, directory: String, path given: String? = nil) throws -> Samples {
    let path = given ?? directory + "/propagate-\(count).json"
    unlink(path)
    let writer = StateStore(path: path, writer: Writer(host: "bench", pid: getpid(), role: .moderator))
    let initial = Fixture.state(questions: count, running: true)
    try writer.commit([], context: ActionContext(now: Date(), actor: benchActor), create: initial)

    let watcher = Process()
    watcher.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
    watcher.arguments = ["watch", "--state", path]
    let output = Pipe()
    let input = Pipe()
    watcher.standardOutput = output
    watcher.standardInput = input
    try watcher.run()
    let reader = output.fileHandleForReading
    var buffered = Data()
    func readLine() -> String? {
        while true {
            if let newline = buffered.firstIndex(of: 0x0A) {
                let line = String(decoding: buffered[buffered.startIndex..<newline], as: UTF8.self)
                buffered = Data(buffered[(newline + 1)...])
                return line
            }
            let chunk = reader.availableData
            if chunk.isEmpty { return nil }
            buffered.append(chunk)
        }
    }
    guard readLine() == "ready" else { throw BenchFailure("the watcher did not start") }

    var begun: [Int: UInt64] = [:]
    var random = SplitMix64(state: 7)
    for index in 0..<samples {
        let id = initial.questions.isEmpty ? "none" : initial.questions[(index * 31) % count].id
        let start = monotonicNanoseconds()
        let state = try writer.commit([.vote(id: id, voter: "propagate:\(index)", delta: 1)],
                                      context: ActionContext(now: Date(), actor: "moderator@bench"))
        begun[state.revision] = start
        // People act a few times a second at most; leave the watcher time to show it.
        usleep(useconds_t(20_000 + random.next() % 30_000))
    }
    let lastRevision = writer.state?.revision ?? 0
    var shown: [(revision: Int, at: UInt64)] = []
    while let line = readLine() {
        let parts = line.split(separator: " ")
        guard parts.count == 2, let revision = Int(parts[0]), let at = UInt64(parts[1]) else { continue }
        shown.append((revision, at))
        if revision >= lastRevision { break }
    }
    try input.fileHandleForWriting.close()
    watcher.waitUntilExit()
    unlink(path)
    unlink(path + ".lock")

    // A revision the watcher skipped (it read a later one at once) was shown with that one.
    var result = Samples()
    for (revision, start) in begun {
        guard let seen = shown.first(where: { $0.revision >= revision }) else {
            throw BenchFailure("the watcher never showed revision \(revision)")
        }
        result.add(Double(seen.at &- start) / 1e6)
    }
    return result
}

/// `podium-bench watch --state F`: follows F like a console and prints "REVISION MONOTONIC_NS"
/// each time a new revision is on its (in-memory) screen. Ends when standard input closes.
func watch(path: String) throws -> Never {
    let store = StateStore(path: path, writer: Writer(host: "bench", pid: getpid(), role: .speaker))
    guard let state = try store.load() else { throw BenchFailure("no state file at \(path)") }
    var model = ConsoleModel(role: .host, actor: "moderator@watch", shared: state)
    let watchDescriptor = store.watchDescriptor
    func say(_ line: String) {
        let bytes = Array((line + "\n").utf8)
        _ = bytes.withUnsafeBytes { Glibc.write(1, $0.baseAddress, $0.count) }
    }
    let memos = ConsoleMemos()
    say("ready")
    while true {
        var descriptors = [pollfd(fd: 0, events: Int16(POLLIN), revents: 0)]
        if watchDescriptor >= 0 { descriptors.append(pollfd(fd: watchDescriptor, events: Int16(POLLIN), revents: 0)) }
        let ready = poll(&descriptors, nfds_t(descriptors.count), 1000)
        if ready < 0 { if errno == EINTR { continue } else { exit(1) } }
        if descriptors[0].revents != 0 { exit(0) }  // the parent closed our input
        let touched = descriptors.count > 1 && descriptors[1].revents != 0 ? store.drainWatchEvents() : ready == 0
        guard touched, let fresh = try? store.reloadIfChanged() else { continue }
        model.shared = fresh
        model.keepSelectionValid(memos: memos)
        _ = ConsoleView.render(model, memos: memos, now: Date(), width: screenWidth, height: screenHeight)
        say("\(fresh.revision) \(monotonicNanoseconds())")
    }
}

struct BenchFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
