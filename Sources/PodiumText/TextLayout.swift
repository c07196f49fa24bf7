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
        var fitted = truncate(text, toWidth: width)
        // Padded until the cells are right: a prepended concatenation mark at the end (U+0600…,
        // "؁") joins the first space into its grapheme, whose display form drops it. A space
        // after that grapheme stands alone, so a second round is the most there can be.
        while true {
            let cells = DisplayWidth.cells(of: fitted)
            guard cells < width else { return fitted }
            fitted += String(repeating: " ", count: width - cells)
        }
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
        wrap(text, width: width, traits: WrapTraits())
    }

    /// `wrap(_:width:)` for one of many texts wrapped in a row (the lines of notes): what it
    /// learns of each character is kept in `traits` for the next.
    public static func wrap(_ text: String, width: Int, traits: WrapTraits) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        if !mayHoldNewline(text) {
            wrapParagraph(Substring(text), width: width, known: traits, into: &lines)
            return lines
        }
        for paragraph in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            wrapParagraph(paragraph, width: width, known: traits, into: &lines)
        }
        return lines
    }

    /// False when no byte of the text can belong to a newline (LF, VT, FF, CR, NEL, LS, PS):
    /// the text is then one paragraph, without looking at its characters.
    private static func mayHoldNewline(_ text: String) -> Bool {
        text.utf8.contains { (0x0A...0x0D).contains($0) || $0 == 0x85 || $0 == 0xA8 || $0 == 0xA9 }
    }

    /// What `canBreak` and the widths need to know of one character.
    struct BreakTraits {
        var isSpace = false
        var noLineStart = false
        var noLineEnd = false
        var cells = 1
        var wide: Bool { cells >= 2 }

        init(_ character: Character) {
            isSpace = character == " "
            noLineStart = TextLayout.noLineStart.contains(character)
            noLineEnd = TextLayout.noLineEnd.contains(character)
            cells = DisplayWidth.cells(of: character)
        }
    }

    /// The traits of the printable ASCII characters, by byte.
    private static let asciiTraits: [BreakTraits] = (0..<128).map { BreakTraits(Character(Unicode.Scalar(UInt8($0)))) }

    private static func wrapParagraph(
        _ paragraph: Substring, width: Int, known: WrapTraits, into lines: inout [String]
    ) {
        // One pass over the characters: where each starts (UTF-8 offset, so that lines are
        // cut as slices), what `canBreak` needs of it (looked up once per distinct character:
        // hashing a `Character` is slow), and prefix[k] = cells of characters[0..<k], so any
        // run's width is O(1).
        var offsets: [Int] = [0]
        var traits: [BreakTraits] = []
        var prefix: [Int] = [0]
        var offset = 0
        var cells = 0
        for character in paragraph {
            let utf8 = character.utf8
            let trait: BreakTraits
            if utf8.count == 1, let byte = utf8.first, byte < 0x80 {
                trait = asciiTraits[Int(byte)]
            } else if character.unicodeScalars.count == 1, let scalar = character.unicodeScalars.first {
                if let seen = known.byScalar[scalar.value] {
                    trait = seen
                } else {
                    trait = BreakTraits(character)
                    known.byScalar[scalar.value] = trait
                }
            } else {
                trait = BreakTraits(character)
            }
            traits.append(trait)
            offset += utf8.count
            offsets.append(offset)
            cells += trait.cells
            prefix.append(cells)
        }
        let count = traits.count
        if count == 0 {
            lines.append("")
            return
        }
        let firstLine = lines.count
        let utf8 = paragraph.utf8
        func position(_ i: Int) -> String.Index { utf8.index(utf8.startIndex, offsetBy: offsets[i]) }

        func emit(_ start: Int, _ end: Int) {
            var last = end
            while last > start, traits[last - 1].isSpace { last -= 1 }
            lines.append(String(paragraph[position(start)..<position(last)]))
        }

        var start = 0              // first character of the current line
        var isContinuation = false // leading spaces of a continuation line are dropped
        var lastBreak: Int? = nil  // latest b in (start, index] where a break is allowed before b
        var index = 0
        while index < count {
            let trait = traits[index]
            if isContinuation, index == start, trait.isSpace {
                start += 1
                index += 1
                continue
            }
            if index > start, canBreak(before: trait, after: traits[index - 1]) {
                lastBreak = index
            }
            if prefix[index + 1] - prefix[start] <= width {
                index += 1
                continue
            }
            // Adding the character overflows the line.
            if trait.isSpace {
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
                while cut > start + 1, traits[cut].noLineStart { cut -= 1 }
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

    /// `canBreak(before:after:)` from the characters' traits.
    private static func canBreak(before next: BreakTraits, after previous: BreakTraits) -> Bool {
        if next.isSpace { return !previous.isSpace }
        if next.noLineStart { return false }
        if previous.isSpace { return true }
        if previous.noLineEnd { return false }
        return previous.wide || next.wide
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

/// What `TextLayout.wrap` has learnt of the characters it met (a `Character` is slow to hash),
/// to pass from one text to the next. Use it from one thread.
public final class WrapTraits {
    var byScalar: [UInt32: TextLayout.BreakTraits] = [:]

    public init() {}
}
