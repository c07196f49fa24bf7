// libFuzzer target: the notes renderer (MarkdownRenderer.render). The first byte is the
// width (1 to 120 cells), the rest the note. No row may be wider than that, and no row may
// hold a line break or any other control character. Build and run with scripts/fuzz.
import PodiumText
import PodiumUI

@_cdecl("LLVMFuzzerInitialize")
public func fuzzInitialize(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> CInt {
    writeHostileSeeds(prefix: [40])
    writeSeeds([
        "(# Opening\n- [3:00] 最初の登壇者を紹介する\n- **bold** _em_ `code` [link](http://x)\n---\n> quote\n1. one\n",
        "\u{14}* ** _ __ ` `` [ [a]( \\* 日本語 *unclosed **also",
        "\u{50}```\ncode\n```\n| a | b |\n|---|---|\n[10:00] cue\n",
    ])
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMarkdown(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    guard count > 0 else { return 0 }
    let width = Int(start[0]) % 120 + 1
    let text = String(decoding: UnsafeBufferPointer(start: start + 1, count: count - 1), as: UTF8.self)
    for (index, line) in MarkdownRenderer.render(text, width: width, elapsedSeconds: 90).enumerated() {
        let row = line.runs.map(\.text).joined()
        fuzzCheck(DisplayWidth.cells(of: row) <= width, "row \(index) is wider than \(width): \(row.debugDescription)")
        fuzzCheck((line.rule ?? 0) <= width, "rule of row \(index) is wider than \(width)")
        fuzzCheck(!row.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F },
                  "row \(index) holds a control character: \(row.debugDescription)")
    }
    _ = MarkdownRenderer.plainText(text)
    return 0
}
