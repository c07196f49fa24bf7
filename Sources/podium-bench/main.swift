// podium-bench: the in-process figures of BENCHMARKS.md, with 100 / 1,000 / 10,000 questions.
//
//   swift run -c release podium-bench            the full run (a few minutes)
//   swift run podium-bench --quick               a smoke run for CI (100 and 1,000 only)
//   podium-bench propagate --state F --count N [--samples K]
//                                                cross-process latency only (for scripts/bench)
//   podium-bench intake --podium PATH [--state DIR/x.json]
//                                                chat intake: ask - latency, bursts, bridge CPU
//   podium-bench notes [--samples K]             the notes pane with pathological notes, 1 / 10 / 100 KB
//   podium-bench make-state --state F --count N [--running]
//                                                writes a state file with N questions
//   podium-bench watch --state F                 (internal) the watcher process of `propagate`
//
// Exit status 3 when a target is missed (the table says which), 1 on errors.
import Foundation
import Glibc
import PodiumCore
import PodiumStore

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data(("podium-bench: " + message + "\n").utf8))
    exit(1)
}

var arguments = Array(CommandLine.arguments.dropFirst())
let command = arguments.first.flatMap { $0.hasPrefix("-") ? nil : $0 } ?? "suite"
if command != "suite" { arguments.removeFirst() }
var options: [String: String] = [:]
var flags = Set<String>()
var index = 0
while index < arguments.count {
    let argument = arguments[index]
    if ["--state", "--count", "--samples", "--podium"].contains(argument), index + 1 < arguments.count {
        options[argument] = arguments[index + 1]
        index += 2
    } else if ["--quick", "--running"].contains(argument) {
        flags.insert(argument)
        index += 1
    } else {
        fail("unknown argument \(argument) (see the comment at the top of Sources/podium-bench/main.swift)")
    }
}

/// A folder of its own for the state files of one run (removed at exit by the caller's defer).
func scratchDirectory() throws -> String {
    let directory = FileManager.default.temporaryDirectory.path + "/podium-bench-\(getpid())"
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    return directory
}

do {
    switch command {
    case "suite":
        exit(try runSuite(flags.contains("--quick") ? .quick : .full, quick: flags.contains("--quick")))
    case "watch":
        guard let path = options["--state"] else { fail("watch needs --state FILE") }
        try watch(path: path)
    case "propagate":
        guard let path = options["--state"], let count = options["--count"].flatMap({ Int($0) }) else {
            fail("propagate needs --state FILE --count N")
        }
        let samples = try propagate(
            questions: count, samples: options["--samples"].flatMap { Int($0) } ?? 200,
            directory: (path as NSString).deletingLastPathComponent, path: path)
        print("propagation \(count) questions: n \(samples.count) p50 \(format(samples.median)) ms "
              + "p90 \(format(samples.percentile(90))) ms p99 \(format(samples.percentile(99))) ms "
              + "max \(format(samples.percentile(100))) ms")
    case "intake":
        // The chat-intake figures with the real binary: podium-bench intake --podium PATH [--state DIR/x.json]
        guard let podium = options["--podium"] else { fail("intake needs --podium PATH (the podium binary)") }
        let directory = options["--state"].map { ($0 as NSString).deletingLastPathComponent } ?? NSTemporaryDirectory()
        exit(try intakeBench(podium: podium, directory: directory.isEmpty ? "." : directory))
    case "make-state":
        guard let path = options["--state"], let count = options["--count"].flatMap({ Int($0) }) else {
            fail("make-state needs --state FILE --count N")
        }
        unlink(path)
        let store = StateStore(path: path, writer: Writer(host: "bench", pid: getpid(), role: .host))
        try store.commit([], context: ActionContext(now: Date(), actor: benchActor),
                         create: Fixture.state(questions: count, running: flags.contains("--running")))
    case "keys":
        // Only key→frame: podium-bench keys [--count N] [--samples K]
        let counts = options["--count"].flatMap { Int($0) }.map { [$0] } ?? [100, 1_000, 10_000]
        let directory = try scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        for count in counts {
            for (name, samples) in try keyToFrame(questions: count, iterations: options["--samples"].flatMap { Int($0) } ?? 2_000, directory: directory) {
                print("key→frame \(name) \(count): p50 \(format(samples.median)) p99 \(format(samples.percentile(99))) "
                      + "max \(format(samples.percentile(100))) ms; cpu p50 \(format(samples.cpuMedian)) p99 \(format(samples.cpuP99)) ms")
            }
        }
    case "ticks":
        // Only the once-a-second frame of a running timer: podium-bench ticks [--count N] [--samples K]
        let count = options["--count"].flatMap { Int($0) } ?? 200
        let result = timerTicks(questions: count, frames: options["--samples"].flatMap { Int($0) } ?? 300)
        let cells = Double(result.changedCells.reduce(0, +)) / Double(max(1, result.changedCells.count))
        print("timer frame \(count) questions: p50 \(format(result.frame.median)) p99 \(format(result.frame.percentile(99))) ms; "
              + "cpu p50 \(format(result.frame.cpuMedian)) ms; cells changed per second \(String(format: "%.1f", cells))")
        for (row, total) in result.rows.sorted(by: { $0.key < $1.key }) {
            print("  row \(row): \(String(format: "%.1f", Double(total) / Double(max(1, result.changedCells.count)))) cells/s")
        }
    case "notes":
        // Only the notes pane with pathological notes: podium-bench notes [--samples K]
        let count = options["--samples"].flatMap { Int($0) }
        var rows: [Row] = []
        for (name, bytes, samples) in notesRender(samples: { count ?? ($0 >= 100_000 ? 41 : 101) }) {
            rows.append(Row(what: "\(name) \(bytes / 1_000) KB", questions: 0, samples: samples,
                            target: bytes == 100_000 ? "p50 ≤ 20" : "",
                            met: bytes == 100_000 ? samples.median <= 20 : nil))
        }
        let pageDown = notesPageDown(samples: count ?? 101)
        rows.append(Row(what: "notes PgDn→frame, 100 KB", questions: 0, samples: pageDown,
                        target: "p99 ≤ 2", met: pageDown.percentile(99) <= 2))
        printTable(rows)
        exit(rows.contains { $0.met == false } && isReleaseBuild ? 3 : 0)
    case "profile":
        // A loop for `perf record`: podium-bench profile --count N --samples K (keys, encode, decode).
        let count = options["--count"].flatMap { Int($0) } ?? 10_000
        let runs = options["--samples"].flatMap { Int($0) } ?? 20
        let directory = try scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        for (name, samples) in try keyToFrame(questions: count, iterations: runs * 50, directory: directory) {
            print("key \(name): p50 \(format(samples.median)) ms p99 \(format(samples.percentile(99))) ms")
        }
        let codec = try codec(questions: count, runs: runs)
        print("encode p50 \(format(codec.encode.median)) ms, decode p50 \(format(codec.decode.median)) ms, \(codec.bytes) bytes")
    default:
        fail("unknown command \(command)")
    }
} catch {
    fail("\(error)")
}
