// libFuzzer target: the state file codec, differentially. Every input is decoded three ways:
// by JSONDecoder alone (the reference), by StateCodec.decode, and by StateCodec reusing the
// questions of the seed file (as a store does on reload). All three must give the same state
// or all must refuse. A decoded state must encode and decode back to itself.
// Build and run with scripts/fuzz.
import Foundation
import PodiumCore
import PodiumStore

nonisolated(unsafe) var previousFile = Data()

@_cdecl("LLVMFuzzerInitialize")
public func fuzzInitialize(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> CInt {
    writeHostileSeeds()
    let yaml = "title: 勉強会\nsessions:\n  - {id: a, title: Opening, minutes: 5}\n  - {id: b, title: \"Knative\", minutes: 40}\n"
    let now = Date(timeIntervalSince1970: 1_700_000_000)
    if let event = try? EventFile.parse(yaml, file: "seed.yaml", readFile: { _ in "" }) {
        var state = PodiumState(event: event, now: now)
        let context = ActionContext(now: now, actor: "host:fuzz@seed")
        for (index, text) in ["Raft の選出タイムアウトは？", "Quote \" and \\ and\nnewline", "=1+1", ""].enumerated() {
            reduce(&state, .addQuestion(Question(id: "q\(index)", text: text, source: .zoom, askedAt: now, by: "fuzz")),
                   context: context)
        }
        reduce(&state, .vote(id: "q0", voter: "alice", delta: 1), context: context)
        reduce(&state, .dismiss(id: "q1", reason: "dup"), context: context)
        if let data = try? StateCodec.encode(state) {
            previousFile = data
            let empty = try? StateCodec.encode(PodiumState(event: event, now: now))
            writeSeeds([String(decoding: data, as: UTF8.self), String(decoding: empty ?? Data(), as: UTF8.self)])
        }
    }
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzStateCodec(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let data = Data(bytes: start, count: count)
    let decoder = JSONDecoder()
    decoder.dateDecodingStrategy = .secondsSince1970
    var reference = try? decoder.decode(PodiumState.self, from: data)
    if let state = reference, state.schemaVersion > PodiumState.currentSchemaVersion { reference = nil }
    let decoded = try? StateCodec.decode(data, file: "fuzz.json")
    fuzzCheck(decoded == reference, "StateCodec.decode and JSONDecoder disagree")
    let reloaded = try? StateCodec.decode(data, file: "fuzz.json", reusingQuestionsOf: previousFile)
    fuzzCheck(reloaded == reference, "a decode reusing questions and JSONDecoder disagree")
    guard let state = decoded else { return 0 }
    guard let encoded = try? StateCodec.encode(state) else {
        fuzzCheck(false, "a decoded state does not encode")
        return 0
    }
    fuzzCheck((try? StateCodec.decode(encoded, file: "again.json")) == state, "an encoded state decodes differently")
    return 0
}
