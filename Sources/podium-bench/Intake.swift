import Foundation
import Glibc
import PodiumCore
import PodiumStore
import PodiumText

/// `podium-bench intake --podium PATH [--state DIR/x.json]`: the chat-intake figures, with the real
/// `podium` binary as a child process (a bridge is a separate process):
/// - a line written to a streaming `ask -` until it is in the state file (p50/p99), at about 10
///   lines a second on 1,000 questions, and the child's CPU share meanwhile;
/// - a burst of 1,000 lines (one write) until all are in the file, on 10,000 questions;
/// - the CPU share of `ask --follow` while the followed file gets 10 lines a second, and idle.
/// The file is watched as a console does (inotify on the directory, `reloadIfChanged`).
func intakeBench(podium: String, directory: String) throws -> Int32 {
    var missed = false
    var rows: [String] = []

    // 1. Latency and CPU of a streaming bridge at ~10 lines/s on 1,000 questions.
    do {
        let path = directory + "/intake-latency.json"
        try makeState(path, questions: 1_000)
        let child = try Child(podium, ["ask", "-", "--state", path])
        let watcher = try Watcher(path)
        let base = watcher.count
        child.send("warm-up\n")
        _ = watcher.wait(until: base + 1, timeout: 10)
        let lines = 200
        var sent: [UInt64] = []
        var landed: [UInt64?] = Array(repeating: nil, count: lines)
        var random = SplitMix64(state: 11)
        let cpuBefore = child.cpuSeconds()
        let started = monotonicNanoseconds()
        var next = started
        while landed.contains(where: { $0 == nil }) {
            let now = monotonicNanoseconds()
            if sent.count < lines, now >= next {
                sent.append(monotonicNanoseconds())
                child.send("10 行/秒のブリッジ \(sent.count)\n")
                next = now + 50_000_000 + random.next() % 100_000_000
            }
            let wait = sent.count < lines ? Int32(max(0, Int64(next) - Int64(monotonicNanoseconds())) / 1_000_000) : 1000
            watcher.poll(timeoutMilliseconds: wait)
            let done = watcher.count - base - 1
            for index in 0..<min(done, sent.count) where landed[index] == nil { landed[index] = watcher.lastChange }
            if Double(monotonicNanoseconds() - started) / 1e9 > 120 { throw BenchFailure("lines never landed") }
        }
        let elapsed = Double(monotonicNanoseconds() - started) / 1e9
        let cpu = child.cpuSeconds() - cpuBefore
        child.close()
        var samples = Samples()
        for (index, at) in landed.enumerated() { samples.add(Double((at ?? 0) &- sent[index]) / 1e6) }
        let p99 = samples.percentile(99)
        let share = cpu / elapsed * 100
        missed = missed || p99 > 300 || share > 5
        rows.append("| line → in the file, `ask -` at ~10 lines/s, 1,000 questions | n \(samples.count): p50 \(format(samples.median)) ms, p90 \(format(samples.percentile(90))) ms, p99 \(format(p99)) ms, max \(format(samples.percentile(100))) ms | p99 ≤ 300 ms | \(p99 <= 300 ? "met" : "MISSED") |")
        rows.append("| CPU of that `ask -` (\(lines) lines in \(format(elapsed)) s) | \(format(cpu * 1000)) ms CPU = \(format(share)) % of one core | ≤ 5 % | \(share <= 5 ? "met" : "MISSED") |")
        unlink(path)
    }

    // 2. Bursts of 1,000 lines on 10,000 questions.
    do {
        let path = directory + "/intake-burst.json"
        try makeState(path, questions: 10_000)
        let child = try Child(podium, ["ask", "-", "--state", path])
        let watcher = try Watcher(path)
        child.send("warm-up\n")
        guard watcher.wait(until: 10_001, timeout: 20) else { throw BenchFailure("the warm-up line never landed") }
        var results: [String] = []
        var worst = 0.0
        let revisionBefore = watcher.revision
        for burst in 0..<3 {
            let target = watcher.count + 1_000
            let text = (0..<1_000).map { "バースト \(burst)-\($0): どうやってテストしていますか\n" }.joined()
            let start = monotonicNanoseconds()
            child.send(text)
            guard watcher.wait(until: target, timeout: 60) else { throw BenchFailure("a burst never landed") }
            let seconds = Double(watcher.lastChange - start) / 1e9
            worst = max(worst, seconds)
            results.append("\(format(seconds * 1000)) ms (on \(target - 1_000))")
        }
        let writes = watcher.revision - revisionBefore
        child.close()
        missed = missed || worst > 2
        rows.append("| burst of 1,000 lines (one write to the pipe) → all in the file, 10,000+ questions | \(results.joined(separator: ", ")); \(writes) writes for the 3 bursts | ≤ 2 s | \(worst <= 2 ? "met" : "MISSED") |")
        unlink(path)
    }

    // 3. `ask --follow` CPU: 10 lines/s appended, then idle.
    do {
        let path = directory + "/intake-follow.json"
        let chat = directory + "/intake-follow.log"
        try makeState(path, questions: 1_000)
        FileManager.default.createFile(atPath: chat, contents: nil)
        let child = try Child(podium, ["ask", "--follow", chat, "--format", "lines", "--state", path])
        let watcher = try Watcher(path)
        let appender = FileHandle(forWritingAtPath: chat)!
        let lines = 200
        let cpuBefore = child.cpuSeconds()
        let started = monotonicNanoseconds()
        for index in 0..<lines {
            appender.write(Data("Zoom の質問 \(index)\n".utf8))
            usleep(100_000)
        }
        guard watcher.wait(until: 1_000 + lines, timeout: 10) else { throw BenchFailure("followed lines never landed") }
        let elapsed = Double(monotonicNanoseconds() - started) / 1e9
        let cpu = child.cpuSeconds() - cpuBefore
        let idleStart = monotonicNanoseconds()
        let idleBefore = child.cpuSeconds()
        usleep(10_000_000)
        let idle = child.cpuSeconds() - idleBefore
        let idleElapsed = Double(monotonicNanoseconds() - idleStart) / 1e9
        child.signal(SIGTERM)
        child.close()
        let share = cpu / elapsed * 100
        missed = missed || share > 5
        rows.append("| CPU of `ask --follow` (lines), \(lines) lines in \(format(elapsed)) s | \(format(cpu * 1000)) ms = \(format(share)) % of one core | ≤ 5 % | \(share <= 5 ? "met" : "MISSED") |")
        rows.append("| CPU of `ask --follow`, idle (\(format(idleElapsed)) s, polling every 250 ms) | \(format(idle * 1000)) ms = \(format(idle / idleElapsed * 100)) % | | |")
        unlink(path)
        unlink(chat)
    }

    print("| intake | measured | target | |")
    print("| --- | --- | --- | --- |")
    for row in rows { print(row) }
    return missed ? 3 : 0
}

private func makeState(_ path: String, questions: Int) throws {
    unlink(path)
    let store = StateStore(path: path, writer: Writer(host: "bench", pid: getpid(), role: .host))
    try store.commit([], context: ActionContext(now: Date(), actor: benchActor), create: Fixture.state(questions: questions))
}

/// A `podium` child whose stdin is a pipe.
private final class Child {
    let process = Process()
    let input = Pipe()

    init(_ binary: String, _ arguments: [String]) throws {
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.standardInput = input
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        try process.run()
    }

    func send(_ text: String) { input.fileHandleForWriting.write(Data(text.utf8)) }
    func signal(_ number: Int32) { kill(process.processIdentifier, number) }

    func close() {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }

    /// User + system CPU of the child so far (/proc/PID/stat, in clock ticks).
    func cpuSeconds() -> Double {
        guard let text = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/stat", encoding: .utf8),
              let close = text.lastIndex(of: ")") else { return 0 }
        let fields = text[text.index(after: close)...].split(separator: " ")
        // After "pid (comm)": state is field 3, utime 14 and stime 15 (1-based).
        guard fields.count > 13, let user = Double(fields[11]), let system = Double(fields[12]) else { return 0 }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }
}

/// Follows the state file as a console does and knows its question count.
private final class Watcher {
    let store: StateStore
    private(set) var count = 0
    private(set) var revision = 0
    /// When the count last changed (monotonic ns).
    private(set) var lastChange: UInt64 = 0

    init(_ path: String) throws {
        store = StateStore(path: path, writer: Writer(host: "bench", pid: getpid(), role: .speaker))
        let state = try store.load()
        count = state?.questions.count ?? 0
        revision = state?.revision ?? 0
        _ = store.watchDescriptor
    }

    func poll(timeoutMilliseconds: Int32) {
        var descriptors = [pollfd(fd: store.watchDescriptor, events: Int16(POLLIN), revents: 0)]
        let ready = Glibc.poll(&descriptors, 1, timeoutMilliseconds)
        guard ready > 0, store.drainWatchEvents(), let fresh = try? store.reloadIfChanged() else { return }
        revision = fresh.revision
        if fresh.questions.count != count {
            count = fresh.questions.count
            lastChange = monotonicNanoseconds()
        }
    }

    func wait(until target: Int, timeout: Double) -> Bool {
        let deadline = monotonicNanoseconds() + UInt64(timeout * 1e9)
        while count < target, monotonicNanoseconds() < deadline { poll(timeoutMilliseconds: 200) }
        return count >= target
    }
}
