// libFuzzer target: Sanitizer (line, multiline, csvCell, decode) and DisplayWidth.
// Build and run with scripts/fuzz.
#if canImport(PodiumText)
import PodiumText  // built as a module (Core targets); text targets compile the sources in
#endif

@_cdecl("LLVMFuzzerInitialize")
public func fuzzInitialize(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> CInt {
    writeHostileSeeds()
    return 0
}

private func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
    let v = scalar.value
    return v < 0x20 || (0x7F...0x9F).contains(v) || (0x202A...0x202E).contains(v)
        || (0x2066...0x2069).contains(v) || v == 0x200E || v == 0x200F || v == 0x061C
        || v == 0x2028 || v == 0x2029 || (0xFFF9...0xFFFB).contains(v)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSanitizer(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: start, count: count))
    let text = Sanitizer.decode(bytes)

    let line = Sanitizer.line(text)
    fuzzCheck(!line.unicodeScalars.contains(where: isForbidden), "line left a control")
    fuzzCheck(Sanitizer.isSafeLine(line), "line is not safe")
    fuzzCheck(Sanitizer.line(line) == line, "line is not idempotent")
    fuzzCheck(line.unicodeScalars.count == text.unicodeScalars.count, "line changed the scalar count")
    fuzzCheck(DisplayWidth.cells(of: line) <= DisplayWidth.cells(of: text), "sanitising made the text wider")

    let multiline = Sanitizer.multiline(text)
    fuzzCheck(!multiline.unicodeScalars.contains { $0 != "\n" && isForbidden($0) }, "multiline left a control")
    fuzzCheck(Sanitizer.multiline(multiline) == multiline, "multiline is not idempotent")

    let cell = Sanitizer.csvCell(text)
    fuzzCheck(!cell.unicodeScalars.contains { $0 != "\n" && isForbidden($0) }, "csv cell left a control")
    let unquoted = cell.hasPrefix("\"") ? String(cell.dropFirst().dropLast()) : cell
    fuzzCheck(!Sanitizer.startsLikeFormula(unquoted) , "csv cell still starts like a formula")

    for character in line {
        let form = DisplayWidth.displayForm(of: character)
        let cells = DisplayWidth.cells(of: character)
        fuzzCheck((0...2).contains(cells), "grapheme of \(cells) cells")
        fuzzCheck(DisplayWidth.cells(of: form) == cells, "display form width differs")
        fuzzCheck(form.unicodeScalars.count <= DisplayWidth.maximumScalarsPerGrapheme, "display form too long")
    }
    return 0
}
