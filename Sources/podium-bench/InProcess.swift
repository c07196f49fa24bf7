import Foundation
import Glibc
import PodiumConsole
import PodiumCore
import PodiumStore
import PodiumUI

/// How many repetitions of each measurement.
struct Plan: Sendable {
    var sizes: [Int]
    var keys: Int
    var codecRunsSmall: Int
    var codecRunsLarge: Int
    func codecRuns(_ count: Int) -> Int { count >= 10_000 ? codecRunsLarge : codecRunsSmall }
    var commits: Int
    var starts: Int
    var propagations: Int
    var notesSmall: Int = 101
    var notesLarge: Int = 41

    static let full = Plan(
        sizes: [100, 1_000, 10_000], keys: 2_000, codecRunsSmall: 61, codecRunsLarge: 21, commits: 61,
        starts: 21, propagations: 200)
    static let quick = Plan(
        sizes: [100, 1_000], keys: 200, codecRunsSmall: 5, codecRunsLarge: 5, commits: 7, starts: 3, propagations: 10, notesSmall: 5, notesLarge: 3)
}

let benchActor = "host@bench"
let screenWidth = 80
let screenHeight = 24

/// A terminal that only notes when a frame was drawn: key→frame ends there. The loop writes to
/// the disk right after the frame, so the write is outside the measurement, as a person sees it.
final class BenchBackend: TerminalBackend {
    let size: (width: Int, height: Int) = (screenWidth, screenHeight)
    var queued: [Key] = []
    /// Wall-clock and CPU nanoseconds at the last draw.
    var drawn: (wall: UInt64, cpu: UInt64)?
    func draw(_ screen: Screen) { drawn = (monotonicNanoseconds(), threadCPUNanoseconds()) }
    func readKeys() -> [Key] {
        defer { queued.removeAll() }
        return queued
    }
    var keysWaiting: Bool { !queued.isEmpty }
    var inputClosed: Bool { false }
    func bell() {}
    func suspend() {}
    func resume() {}
    func close() {}
}

/// (a) A key handled and the frame drawn, by the console's own loop (`ConsoleLoop`): the key
/// read, `handle`, the actions applied to memory, `keepSelectionValid`, `render` at 80×24 and
/// the comparison with the previous screen, up to the draw. Each change is then written to a
/// state file as in the real console (not timed), so the first change after a write pays the
/// copy-on-write of the store's copy as it does there.
/// Not included: curses' own drawing (see scripts/bench for the bytes it sends).
func keyToFrame(questions count: Int, iterations: Int, directory: String) throws -> [(String, Samples)] {
    let path = directory + "/keys-\(count).json"
    unlink(path)
    defer {
        unlink(path)
        unlink(path + ".lock")
    }
    let store = StateStore(path: path, writer: Writer(host: "bench", pid: getpid(), role: .host))
    let state = try store.commit([], context: ActionContext(now: Date(), actor: benchActor), create: Fixture.state(questions: count))
    let session = ConsoleSession(store: store, role: .host, actor: benchActor, state: state)
    session.model.timeZone = TimeZone(identifier: "Asia/Tokyo")!
    let backend = BenchBackend()
    let loop = ConsoleLoop(
        session: session, backend: backend, clock: { Date() }, changes: store,
        editor: ConsoleEditor(name: "none") { _ in 127 }, bell: false)
    loop.refresh()
    // y and space write the state file (after their frame, untimed); the key after such a write
    // runs on caches the encode and write of a multi-megabyte file just went through, and costs
    // about twice as much (measured: every pane slower, the timer pane too, which reads no
    // questions; skipping `model.shared = fresh` changes almost nothing). A key a person types
    // comes long after the last write, so both are shown: j after k (no write), j after space.
    let names = ["j after a write", "y", "k after a write", "j", "space"]
    let keys: [Key] = [.character("j"), .character("y"), .character("k"), .character("j"), .character(" ")]
    var samples: [String: Samples] = [:]
    for index in 0..<(iterations + 50) {
        backend.queued = [keys[index % keys.count]]
        backend.drawn = nil
        let wall = monotonicNanoseconds()
        let cpu = threadCPUNanoseconds()
        if let end = loop.turn(.keys) { fatalError("the loop ended: \(end)") }
        loop.refresh()
        let drawn = backend.drawn ?? (monotonicNanoseconds(), threadCPUNanoseconds())
        let time = Timing(wall: Double(drawn.wall - wall) / 1e6, cpu: Double(drawn.cpu - cpu) / 1e6)
        if index >= 50 { samples[names[index % names.count], default: Samples()].add(time) }
    }
    return ["j", "j after a write", "k after a write", "y", "space"].map { ($0, samples[$0]!) }
}

/// (b) Encode and decode of the whole state.
func codec(questions count: Int, runs: Int) throws -> (encode: Samples, decode: Samples, bytes: Int) {
    let state = Fixture.state(questions: count, running: true)
    var encode = Samples(), decode = Samples()
    var data = Data()
    for _ in 0..<runs { encode.add(try milliseconds { data = try StateCodec.encode(state) }) }
    for _ in 0..<runs {
        decode.add(try milliseconds {
            let decoded = try StateCodec.decode(data, file: "bench.json")
            precondition(decoded.questions.count == count)
        })
    }
    return (encode, decode, data.count)
}

/// (c) Persist one action (lock, re-read check, write, fsync, rename, directory fsync), when
/// this process wrote the last revision; (c') the same after another process's write (the
/// file must be read and parsed again); (d) reload in a reader after each write.
func store(questions count: Int, commits: Int, directory: String) throws
    -> (persist: Samples, persistAfterOther: Samples, reload: Samples)
{
    let path = directory + "/bench-\(count).json"
    unlink(path)
    let state = Fixture.state(questions: count, running: true)
    let writer = StateStore(path: path, writer: Writer(host: "bench", pid: getpid(), role: .host))
    try writer.commit([], context: ActionContext(now: Date(), actor: benchActor), create: state)
    let other = StateStore(path: path, writer: Writer(host: "bench-other", pid: getpid(), role: .moderator))
    _ = try other.load()
    let reader = StateStore(path: path, writer: Writer(host: "bench", pid: getpid(), role: .speaker))
    _ = try reader.load()
    var persist = Samples(), afterOther = Samples(), reload = Samples()
    for index in 0..<commits {
        let id = state.questions[(index * 7919) % max(1, count)].id
        persist.add(try milliseconds {
            try writer.commit([.vote(id: id, voter: "bench:\(index)", delta: 1)],
                              context: ActionContext(now: Date(), actor: benchActor))
        })
        reload.add(try milliseconds {
            guard try reader.reloadIfChanged() != nil else { fatalError("reload saw no change") }
        })
        // Another writer, then this one again: the re-read and parse are now needed.
        try other.commit([.vote(id: id, voter: "other:\(index)", delta: 1)],
                         context: ActionContext(now: Date(), actor: "moderator@other"))
        afterOther.add(try milliseconds {
            try writer.commit([.vote(id: id, voter: "bench2:\(index)", delta: 1)],
                              context: ActionContext(now: Date(), actor: benchActor))
        })
        _ = try other.reloadIfChanged()
        _ = try reader.reloadIfChanged()
    }
    unlink(path)
    unlink(path + ".lock")
    return (persist, afterOther, reload)
}

/// (e) Start to first frame, in process: open the store, load, build the model, render.
func startToFrame(questions count: Int, runs: Int, directory: String) throws -> Samples {
    let path = directory + "/start-\(count).json"
    unlink(path)
    let writer = StateStore(path: path, writer: Writer(host: "bench", pid: getpid(), role: .host))
    try writer.commit([], context: ActionContext(now: Date(), actor: benchActor),
                      create: Fixture.state(questions: count, running: true))
    var samples = Samples()
    for _ in 0..<runs {
        samples.add(try milliseconds {
            let store = StateStore(path: path, writer: Writer(host: "bench", pid: getpid(), role: .host))
            guard let state = try store.load() else { fatalError("no state") }
            var model = ConsoleModel(role: .host, actor: benchActor, shared: state)
            // A first frame: nothing remembered yet, as when the console starts.
            let memos = ConsoleMemos()
            model.keepSelectionValid(memos: memos)
            let screen = ConsoleView.render(model, memos: memos, now: Date(), width: screenWidth, height: screenHeight)
            precondition(screen.width == screenWidth)
        })
    }
    unlink(path)
    unlink(path + ".lock")
    return samples
}

func runSuite(_ plan: Plan, quick: Bool) throws -> Int32 {
    let directory = FileManager.default.temporaryDirectory.path + "/podium-bench-\(getpid())"
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    var rows: [Row] = []
    var keyP99: [Int: Double] = [:]
    var sizes: [Int: Int] = [:]
    let total = Date()
    for count in plan.sizes {
        for (name, samples) in try keyToFrame(questions: count, iterations: plan.keys, directory: directory) {
            // Judged on the wall clock, as a person feels it (the cpu columns show how much of
            // it was this process's own work on a shared machine).
            let met = samples.percentile(99) <= 2
            rows.append(Row(what: "key→frame \(name)", questions: count, samples: samples, target: "p99 ≤ 2", met: met))
            keyP99[count] = max(keyP99[count] ?? 0, samples.percentile(99))
        }
        let codec = try codec(questions: count, runs: plan.codecRuns(count))
        sizes[count] = codec.bytes
        rows.append(Row(what: "encode", questions: count, samples: codec.encode))
        rows.append(Row(what: "decode", questions: count, samples: codec.decode))
        let store = try store(questions: count, commits: plan.commits, directory: directory)
        let persistTarget: Double? = count == 1_000 ? 10 : count == 10_000 ? 40 : nil
        rows.append(Row(what: "persist (own last write)", questions: count, samples: store.persist,
                        target: persistTarget.map { "p50 ≤ \(Int($0))" } ?? "",
                        met: persistTarget.map { store.persist.median <= $0 }))
        rows.append(Row(what: "persist (after another's)", questions: count, samples: store.persistAfterOther))
        rows.append(Row(what: "reload", questions: count, samples: store.reload))
        let start = try startToFrame(questions: count, runs: plan.starts, directory: directory)
        rows.append(Row(what: "start→first frame", questions: count, samples: start,
                        target: count == 10_000 ? "≤ 250" : "", met: count == 10_000 ? start.median <= 250 : nil))
        let propagation = try propagate(questions: count, samples: plan.propagations, directory: directory)
        let propagationTarget: Double? = count == 1_000 ? 50 : count == 10_000 ? 150 : nil
        rows.append(Row(what: "propagation (2 processes)", questions: count, samples: propagation,
                        target: propagationTarget.map { "p99 ≤ \(Int($0))" } ?? "",
                        met: propagationTarget.map { propagation.percentile(99) <= $0 }))
    }
    for (name, bytes, samples) in notesRender(samples: { $0 >= 100_000 ? plan.notesLarge : plan.notesSmall }) {
        // Judged at 100 KB on the median (a draw as it usually goes; on a shared machine the
        // p99 is mostly the neighbours): the largest note a speaker pastes draws at once.
        let judged = bytes == 100_000
        rows.append(Row(what: "\(name) \(bytes / 1_000) KB", questions: 0, samples: samples,
                        target: judged ? "p50 ≤ 20" : "", met: judged ? samples.median <= 20 : nil))
    }
    let pageDown = notesPageDown(samples: plan.notesSmall)
    rows.append(Row(what: "notes PgDn→frame, 100 KB", questions: 0, samples: pageDown,
                    target: "p99 ≤ 2", met: pageDown.percentile(99) <= 2))
    print("podium-bench\(quick ? " --quick" : ""): \(ProcessInfo.processInfo.activeProcessorCount) CPUs, "
          + "80×24, release: \(isReleaseBuild ? "yes" : "NO (debug build: figures are not representative)")")
    printTable(rows)
    print("")
    for count in plan.sizes { print("state file with \(count) questions: \(String(format: "%.2f", Double(sizes[count] ?? 0) / 1e6)) MB") }
    if let small = plan.sizes.first, let large = plan.sizes.last, let a = keyP99[small], let b = keyP99[large] {
        print(String(format: "key→frame worst p99: %@ ms at %d, %@ ms at %d (×%.1f for ×%d questions)",
                     format(a), small, format(b), large, b / a, large / small))
    }
    print(String(format: "total %.1f s", Date().timeIntervalSince(total)))
    let failed = rows.filter { $0.met == false }
    if !failed.isEmpty {
        let missed = failed.map { $0.questions > 0 ? "\($0.what) at \($0.questions)" : $0.what }.joined(separator: ", ")
        // A quick or debug run's timings say nothing about the targets: say so, not "missed".
        print(quick || !isReleaseBuild
            ? "(smoke run\(isReleaseBuild ? "" : ", debug build"): timings not judged; over the limits here: \(missed))"
            : "targets missed: \(missed)")
    }
    // The quick run is a smoke test (CI, debug builds): only errors fail it.
    return failed.isEmpty || quick ? 0 : 3
}

#if DEBUG
let isReleaseBuild = false
#else
let isReleaseBuild = true
#endif

/// (f) The once-a-second frame while a timer runs: the host console (80×24, `count`
/// questions, the notes with their pacing cues) rendered at one-second steps, as the loop does
/// when nothing else happens. Returns the time per frame and, per frame, the cells that differ
/// from the frame before (what curses has to send), with the rows where they were.
func timerTicks(questions count: Int, frames: Int, role: Role = .host)
    -> (frame: Samples, changedCells: [Int], rows: [Int: Int])
{
    let start = Date()
    var model = ConsoleModel(role: role, actor: benchActor, shared: Fixture.state(questions: count, running: true, now: start))
    model.timeZone = TimeZone(identifier: "Asia/Tokyo")!
    let memos = ConsoleMemos()  // as the loop keeps them between frames
    model.keepSelectionValid(memos: memos)
    var last = ConsoleView.render(model, memos: memos, now: start, width: screenWidth, height: screenHeight)
    var samples = Samples()
    var changed: [Int] = []
    var rows: [Int: Int] = [:]
    for second in 1...(frames + 5) {
        // Past the first minute, so that minute digits change too now and then.
        let now = start + 61 + Double(second)
        var screen = last
        let time = milliseconds {
            model.keepSelectionValid(memos: memos)
            model.followNotesCue(now: now, memos: memos)
            screen = ConsoleView.render(model, memos: memos, now: now, width: screenWidth, height: screenHeight)
            if screen != last {}
        }
        guard second > 5 else { last = screen; continue }
        samples.add(time)
        var cells = 0
        for y in 0..<screenHeight {
            var inRow = 0
            for x in 0..<screenWidth where screen.cells[y * screenWidth + x] != last.cells[y * screenWidth + x] { inRow += 1 }
            if inRow > 0 { rows[y, default: 0] += inRow }
            cells += inRow
        }
        changed.append(cells)
        last = screen
    }
    return (samples, changed, rows)
}
