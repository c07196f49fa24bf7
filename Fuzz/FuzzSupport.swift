// Shared by every fuzz target (compiled into each one by scripts/fuzz).
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
#if canImport(PodiumText)
import PodiumText  // built as a module (Core targets); text targets compile the sources in
#endif

/// Stops the run with a message: libFuzzer reports it as a crash and saves the input.
func fuzzCheck(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
    if !condition() {
        fputs("FUZZ CHECK FAILED: \(message())\n", stderr)
        abort()
    }
}

/// When PODIUM_FUZZ_SEEDS names a directory, writes the hostile strings there as seed inputs,
/// each with `prefix` bytes first (e.g. a width byte), so the fuzzer starts from them.
func writeHostileSeeds(prefix: [UInt8] = []) {
    guard let directory = getenv("PODIUM_FUZZ_SEEDS").map({ String(cString: $0) }) else { return }
    var seeds = HostileStrings.all.map { prefix + Array($0.utf8) }
    seeds += HostileStrings.invalidUTF8.map { prefix + $0 }
    for (index, bytes) in seeds.enumerated() {
        guard let file = fopen("\(directory)/hostile-\(index)", "wb") else { continue }
        _ = bytes.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, file) }
        fclose(file)
    }
}

/// Writes extra seed texts (see `writeHostileSeeds`).
func writeSeeds(_ texts: [String]) {
    guard let directory = getenv("PODIUM_FUZZ_SEEDS").map({ String(cString: $0) }) else { return }
    for (index, text) in texts.enumerated() {
        guard let file = fopen("\(directory)/seed-\(index)", "wb") else { continue }
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, file) }
        fclose(file)
    }
}
