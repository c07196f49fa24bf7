// libFuzzer target: TextLayout (wrap, truncate, fit) and LineEditor.
// The first byte chooses the width (1...64), the second drives editor keys; the rest is text.
// Build and run with scripts/fuzz.
#if canImport(PodiumText)
import PodiumText  // built as a module (Core targets); text targets compile the sources in
#endif

@_cdecl("LLVMFuzzerInitialize")
public func fuzzInitialize(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> CInt {
    writeHostileSeeds(prefix: [20, 7])
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzWrap(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    guard count >= 2 else { return 0 }
    let width = Int(start[0] % 64) + 1
    let keys = start[1]
    let raw = Sanitizer.decode(Array(UnsafeBufferPointer(start: start + 2, count: count - 2)))

    for text in [raw, Sanitizer.multiline(raw)] {
        let lines = TextLayout.wrap(text, width: width)
        for line in lines {
            fuzzCheck(DisplayWidth.cells(of: line) <= width, "wrapped line wider than \(width)")
        }
        let cut = TextLayout.truncate(text, toWidth: width)
        fuzzCheck(DisplayWidth.cells(of: cut) <= width, "truncated wider than \(width)")
        fuzzCheck(DisplayWidth.cells(of: TextLayout.fit(text, toWidth: width)) == width, "fit is not exact")
    }
    // Round trip: one sanitised paragraph, wrapped, is the text minus spaces at breaks.
    let safe = Sanitizer.line(raw)
    if width >= 2 {
        let lines = TextLayout.wrap(safe, width: width)
        fuzzCheck(lines.joined().filter { $0 != " " } == safe.filter { $0 != " " }, "wrap lost or added text")
    }

    // LineEditor: insert the text in pieces and press keys chosen by the bytes.
    var editor = LineEditor(maximumLength: 200)
    var key = keys
    for (index, character) in raw.prefix(300).enumerated() {
        _ = editor.insert(character)
        key = key &* 31 &+ UInt8(truncatingIfNeeded: index)
        switch key % 11 {
        case 0: editor.backspace()
        case 1: editor.delete()
        case 2: editor.left()
        case 3: editor.right()
        case 4: editor.home()
        case 5: editor.end()
        case 6: editor.killToStart()
        case 7: editor.deleteWordBackward()
        case 8: editor.left(); editor.left(); editor.killToEnd()
        default: break
        }
        fuzzCheck((0...editor.count).contains(editor.cursor), "cursor out of the line")
        fuzzCheck(editor.count <= 200, "editor longer than its maximum")
        fuzzCheck(Sanitizer.isSafeLine(editor.text), "editor holds a control")
        let view = editor.visible(width: width)
        fuzzCheck(DisplayWidth.cells(of: view.text) <= width, "editor view wider than \(width)")
        fuzzCheck((0..<width).contains(view.cursorColumn), "cursor column \(view.cursorColumn) outside \(width)")
    }
    return 0
}
