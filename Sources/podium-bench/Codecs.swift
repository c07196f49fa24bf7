import Foundation
import Glibc
import PodiumCore
import PodiumStore

/// The hand-written codec and JSONEncoder/JSONDecoder (both reusing unchanged questions'
/// bytes), measured side by side: each sample of one is followed by a sample of the other, in
/// alternating order, so a machine shared with others slows both alike.
func compareCodecs(counts: [Int], samples: Int, directory: String) throws {
    let engines: [(String, StateCodec.Engine)] = [("hand-written", .handWritten), ("Foundation", .foundation)]
    print("| what | questions | hand-written p50 | Foundation p50 | Foundation / hand-written "
          + "| hand-written cpu p50 | Foundation cpu p50 | Foundation / hand-written (cpu) |")
    print("| --- | --: | --: | --: | --: | --: | --: | --: |")
    for count in counts {
        let state = Fixture.state(questions: count, running: true)
        var rows: [String: [Samples]] = [:]
        func add(_ what: String, _ engine: Int, _ value: Timing) {
            var list = rows[what] ?? [Samples(), Samples()]
            list[engine].add(value)
            rows[what] = list
        }
        let data = try StateCodec.encode(state, engine: .handWritten)
        let foundationData = try StateCodec.encode(state, engine: .foundation)
        if foundationData != data {
            FileManager.default.createFile(atPath: "/tmp/codec-hw.json", contents: data)
            FileManager.default.createFile(atPath: "/tmp/codec-fd.json", contents: foundationData)
            fatalError("the engines write different bytes")
        }
        // Stores: a writer that changes one question per commit, and a reader that reloads.
        var writers: [StateStore] = [], readers: [StateStore] = []
        for (number, engine) in engines.enumerated() {
            let path = directory + "/codec-\(count)-\(number).json"
            unlink(path)
            let writer = StateStore(path: path, writer: Writer(host: "bench", pid: getpid(), role: .host))
            writer.codecEngine = engine.1
            try writer.commit([], context: ActionContext(now: Date(), actor: benchActor), create: state)
            let reader = StateStore(path: path, writer: Writer(host: "bench", pid: getpid(), role: .speaker))
            reader.codecEngine = engine.1
            _ = try reader.load()
            writers.append(writer)
            readers.append(reader)
        }
        for sample in 0..<samples {
            let order = sample % 2 == 0 ? [0, 1] : [1, 0]
            for number in order {
                let engine = engines[number].1
                add("encode (whole state)", number, try milliseconds { _ = try StateCodec.encode(state, engine: engine) })
                add("decode (whole state)", number, try milliseconds {
                    let decoded = try StateCodec.decode(data, engine: engine)
                    precondition(decoded.questions.count == count)
                })
                let id = state.questions[(sample * 7919) % count].id
                add("persist (one vote)", number, try milliseconds {
                    try writers[number].commit([.vote(id: id, voter: "bench:\(sample)", delta: 1)],
                                               context: ActionContext(now: Date(), actor: benchActor))
                })
                add("reload (after one vote)", number, try milliseconds {
                    guard try readers[number].reloadIfChanged() != nil else { fatalError("reload saw no change") }
                })
            }
        }
        for number in engines.indices {
            // What each reader built from reused questions is what a full parse gives.
            let onDisk = try Data(contentsOf: URL(fileURLWithPath: directory + "/codec-\(count)-\(number).json"))
            let full = try StateCodec.decode(onDisk, file: "check")
            let again = try StateCodec.encode(full)
            precondition(readers[number].state == full, "a reload differs")
            precondition(onDisk == again, "a write differs")
        }
        for what in ["encode (whole state)", "decode (whole state)", "persist (one vote)", "reload (after one vote)"] {
            let pair = rows[what]!
            print("| \(what) | \(count) | \(format(pair[0].median)) | \(format(pair[1].median)) | "
                  + String(format: "%.2f", pair[1].median / pair[0].median)
                  + " | \(format(pair[0].cpuMedian)) | \(format(pair[1].cpuMedian)) | "
                  + String(format: "%.2f", pair[1].cpuMedian / pair[0].cpuMedian) + " |")
        }
        for number in engines.indices {
            let path = directory + "/codec-\(count)-\(number).json"
            unlink(path)
            unlink(path + ".lock")
        }
    }
}
