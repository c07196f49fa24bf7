// libFuzzer target: EventFile.parse (the human-edited YAML event file, via Yams).
// Any error thrown is fine; a crash, a trap or a hang is not. Build and run with scripts/fuzz.
import PodiumCore
import PodiumText

@_cdecl("LLVMFuzzerInitialize")
public func fuzzInitialize(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> CInt {
    writeHostileSeeds()
    writeSeeds([
        "title: Kubernetes Meetup Tokyo #15\nstart: \"19:00\"\nsessions:\n  - id: opening\n    title: Opening\n    minutes: 5\n    notes: |\n      Welcome\n",
        "title: 勉強会\nwarning_minutes: 5\ndanger_minutes: 2\nsessions:\n  - title: \"Knativeで実現する\\e]0;x\\a\"\n    minutes: 40\n    notes_file: notes/a.md\n",
        "title: &a [*a]\nsessions: []\n",
        "sessions:\n  - {id: x, minutes: -1}\n  - {id: x, minutes: 1e308}\n",
    ])
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzEventFile(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
    do {
        let event = try EventFile.parse(text, file: "fuzz.yaml", readFile: { path in
            if path.hasSuffix("missing.md") { throw EventFileError(file: path, message: "missing") }
            return "# notes for \(path)\n- point"
        })
        _ = event
    } catch let error as EventFileError {
        fuzzCheck(Sanitizer.isSafeLine(error.description), "error message holds a control")
    } catch {
    }
    return 0
}
