// libFuzzer target: StateCodec.decode (the shared JSON state file). Any error thrown is fine;
// a crash, a trap or a hang is not. A decoded state must encode and decode again.
// Build and run with scripts/fuzz.
import Foundation
import PodiumCore
import PodiumStore

@_cdecl("LLVMFuzzerInitialize")
public func fuzzInitialize(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> CInt {
    writeHostileSeeds()
    let yaml = "title: 勉強会\nsessions:\n  - {id: a, title: Opening, minutes: 5}\n  - {id: b, title: \"Knative\", minutes: 40}\n"
    if let event = try? EventFile.parse(yaml, file: "seed.yaml", readFile: { _ in "" }),
       let data = try? StateCodec.encode(PodiumState(event: event, now: Date(timeIntervalSince1970: 1_700_000_000))) {
        writeSeeds([String(decoding: data, as: UTF8.self)])
    }
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzStateCodec(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let data = Data(bytes: start, count: count)
    guard let state = try? StateCodec.decode(data, file: "fuzz.json") else { return 0 }
    guard let encoded = try? StateCodec.encode(state) else {
        fuzzCheck(false, "a decoded state does not encode")
        return 0
    }
    fuzzCheck((try? StateCodec.decode(encoded, file: "again.json")) != nil, "an encoded state does not decode")
    return 0
}
