/// Truncation and wrapping by display cells (`DisplayWidth`), never splitting a grapheme.
///
/// Both work on text as it will be drawn: pass text through `Sanitizer.line`/`multiline` first
/// (widths agree either way: an unsafe scalar counts the one cell of its replacement).
public enum TextLayout {
    public static let ellipsis: Character = "…"

    /// Cuts `text` to at most `width` cells; when it had to cut, the last cell is `…` (one cell).
    /// Never splits a grapheme; a wide grapheme that does not fit before the `…` is left out
    /// whole. The result is never wider than `width` (empty when `width <= 0`).
    public static func truncate(_ text: String, toWidth width: Int) -> String {
        if width <= 0 { return "" }
        if DisplayWidth.isPrintableASCII(text) {
            if text.utf8.count <= width { return text }
            return String(text.utf8.prefix(width - 1))! + String(ellipsis)
        }
        return truncations.value(TruncateKey(text: text, width: width)) { truncateGraphemes(text, toWidth: width) }
    }

    /// `truncate`, grapheme by grapheme.
    static func truncateGraphemes(_ text: String, toWidth width: Int) -> String {
        var used = 0
        var result = ""
        var fits = true
        for character in text {
            let cells = DisplayWidth.cells(of: character)
            if used + cells > width {
                fits = false
                break
            }
            used += cells
            result.append(character)
        }
        if fits { return result }
        // Make room for the ellipsis (one cell).
        while used + 1 > width, let last = result.popLast() {
            used -= DisplayWidth.cells(of: last)
        }
        result.append(ellipsis)
        return result
    }

    /// Pads with spaces (or truncates with `…`) to exactly `width` cells.
    public static func fit(_ text: String, toWidth width: Int) -> String {
        let cut = truncate(text, toWidth: width)
        let cells = DisplayWidth.cells(of: cut)
        return cells < width ? cut + String(repeating: " ", count: width - cells) : cut
    }

    /// Characters that should not begin a line in Japanese text (kinsoku shori): closing
    /// brackets and punctuation, small kana, the prolonged sound mark, iteration marks.
    public static let noLineStart: Set<Character> = [
        "、", "。", "，", "．", "」", "』", "）", ")", "】", "〕", "〉", "》", "］", "]", "｝", "}",
        "！", "？", "!", "?", "‼", "⁇", "⁈", "⁉", "ー", "・", "：", "；", ":", ";", ",", ".", "…", "‥",
        "ぁ", "ぃ", "ぅ", "ぇ", "ぉ", "っ", "ゃ", "ゅ", "ょ", "ゎ", "ゕ", "ゖ",
        "ァ", "ィ", "ゥ", "ェ", "ォ", "ッ", "ャ", "ュ", "ョ", "ヮ", "ヵ", "ヶ",
        "ｧ", "ｨ", "ｩ", "ｪ", "ｫ", "ｯ", "ｬ", "ｭ", "ｮ", "ｰ", "｡", "､", "｣",
        "々", "〻", "ゝ", "ゞ", "ヽ", "ヾ", "〜", "～", "％", "%", "℃", "゛", "゜",
    ]

    /// `noLineStart` for the ASCII characters, by code.
    static let asciiNoLineStart: [Bool] = (0..<128).map { noLineStart.contains(Character(Unicode.Scalar(UInt8($0)))) }

    /// Characters that should not end a line (opening brackets).
    public static let noLineEnd: Set<Character> = [
        "「", "『", "（", "(", "【", "〔", "〈", "《", "［", "[", "｛", "{", "｢",
    ]

    /// Wraps text into lines of at most `width` cells: at spaces between words, anywhere between
    /// wide (CJK) characters, and inside a word only when the word alone is wider than a line.
    /// Closing punctuation (、。」）！？…) is kept off the start of a line and opening brackets
    /// off the end where possible (kinsoku). Newlines (LF, CR LF, CR, LS, PS…) end a paragraph;
    /// spaces where a line breaks are dropped, every other character is kept in order.
    ///
    /// Guarantees: no line is wider than `width` cells; a single grapheme wider than the whole
    /// line (only a wide character when `width == 1`) becomes `…`; runs in time linear in the
    /// length of the text; returns `[]` when `width <= 0`.
    public static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        for paragraph in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            wrapParagraph(Array(paragraph), width: width, into: &lines)
        }
        return lines
    }

    private static func wrapParagraph(_ characters: [Character], width: Int, into lines: inout [String]) {
        let count = characters.count
        if count == 0 {
            lines.append("")
            return
        }
        // prefix[k] = cells of characters[0..<k], so any run's width is O(1).
        var prefix = [Int](repeating: 0, count: count + 1)
        for (index, character) in characters.enumerated() {
            prefix[index + 1] = prefix[index] + DisplayWidth.cells(of: character)
        }
        let firstLine = lines.count

        func emit(_ start: Int, _ end: Int) {
            var last = end
            while last > start, characters[last - 1] == " " { last -= 1 }
            lines.append(String(characters[start..<last]))
        }

        var start = 0              // first character of the current line
        var isContinuation = false // leading spaces of a continuation line are dropped
        var lastBreak: Int? = nil  // latest b in (start, index] where a break is allowed before b
        var index = 0
        while index < count {
            let character = characters[index]
            if isContinuation, index == start, character == " " {
                start += 1
                index += 1
                continue
            }
            if index > start, canBreak(before: character, after: characters[index - 1]) {
                lastBreak = index
            }
            if prefix[index + 1] - prefix[start] <= width {
                index += 1
                continue
            }
            // Adding `character` overflows the line.
            if character == " " {
                emit(start, index)
                start = index
            } else if let breakIndex = lastBreak, breakIndex > start {
                emit(start, breakIndex)
                start = breakIndex
                index = breakIndex  // the rest since the break fits; rescan it on the new line
            } else if index > start {
                // No break allowed in the whole line: cut the word by cells, moving the cut back
                // so that closing punctuation does not start the next line where possible.
                var cut = index
                while cut > start + 1, noLineStart.contains(characters[cut]) { cut -= 1 }
                emit(start, cut)
                start = cut
                index = cut
            } else {
                // One grapheme wider than the whole line (wide character, width 1).
                lines.append(String(ellipsis))
                start = index + 1
                index += 1
            }
            isContinuation = true
            lastBreak = nil
        }
        if start < count {
            emit(start, count)
        } else if lines.count == firstLine {
            lines.append("")
        }
    }

    /// Whether a line may break between `previous` and `next`.
    public static func canBreak(before next: Character, after previous: Character) -> Bool {
        // Two ASCII characters (most text): the same answer as below, without hashing them.
        if let n = next.asciiValue, let p = previous.asciiValue, next.utf8.count == 1, previous.utf8.count == 1 {
            if n == 0x20 { return p != 0x20 }
            if asciiNoLineStart[Int(n)] { return false }
            return p == 0x20  // else an opening bracket, or two one-cell characters
        }
        if next == " " { return previous != " " }
        if noLineStart.contains(next) { return false }
        if previous == " " { return true }
        if noLineEnd.contains(previous) { return false }
        return DisplayWidth.cells(of: previous) >= 2 || DisplayWidth.cells(of: next) >= 2
    }
}
