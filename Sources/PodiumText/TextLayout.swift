/// Truncation and wrapping by display cells, never splitting a grapheme.
public enum TextLayout {
    public static let ellipsis: Character = "…"

    /// Cuts `text` to at most `width` cells; when it had to cut, the last cell is `…`.
    public static func truncate(_ text: String, toWidth width: Int) -> String {
        if width <= 0 { return "" }
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

    /// Pads with spaces (or truncates) to exactly `width` cells.
    public static func fit(_ text: String, toWidth width: Int) -> String {
        let cut = truncate(text, toWidth: width)
        let cells = DisplayWidth.cells(of: cut)
        return cells < width ? cut + String(repeating: " ", count: width - cells) : cut
    }

    /// Characters that should not begin a line in Japanese text (kinsoku shori).
    static let noLineStart: Set<Character> = [
        "、", "。", "，", "．", "」", "』", "）", ")", "】", "〕", "！", "？", "!", "?", "ー",
        "・", "：", "；", ":", ";", ",", ".", "ぁ", "ぃ", "ぅ", "ぇ", "ぉ", "っ", "ゃ", "ゅ", "ょ",
        "ァ", "ィ", "ゥ", "ェ", "ォ", "ッ", "ャ", "ュ", "ョ", "々", "〉", "》", "…",
    ]

    /// Wraps text into lines of at most `width` cells: at spaces between words, anywhere between
    /// wide (CJK) characters, and inside a word only when the word alone is wider than a line.
    /// Closing punctuation is kept off the start of a line where possible. Newlines are kept.
    public static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            wrapParagraph(Substring(paragraph), width: width, into: &lines)
        }
        return lines
    }

    private static func wrapParagraph(_ paragraph: Substring, width: Int, into lines: inout [String]) {
        if paragraph.isEmpty {
            lines.append("")
            return
        }
        var line: [Character] = []
        var lineCells = 0
        // Index in `line` after which we may break, and whether the break consumes a space.
        var lastBreak: Int? = nil

        func flush(upTo index: Int, dropSpace: Bool) {
            var head = Array(line[0..<index])
            while head.last == " " { head.removeLast() }
            lines.append(String(head))
            var rest = Array(line[(dropSpace ? min(index + 1, line.count) : index)...])
            while rest.first == " " { rest.removeFirst() }
            line = rest
            lineCells = rest.reduce(0) { $0 + DisplayWidth.cells(of: $1) }
            lastBreak = nil
            recomputeBreaks()
        }

        func recomputeBreaks() {
            lastBreak = nil
            for index in line.indices where index > 0 {
                if canBreak(before: line[index], after: line[index - 1]) { lastBreak = index }
            }
        }

        for character in paragraph {
            let cells = DisplayWidth.cells(of: character)
            if let previous = line.last, canBreak(before: character, after: previous) {
                lastBreak = line.count
            }
            line.append(character)
            lineCells += cells
            while lineCells > width {
                if let breakIndex = lastBreak, breakIndex > 0 {
                    let dropSpace = line[breakIndex] == " "
                    flush(upTo: breakIndex, dropSpace: dropSpace)
                } else {
                    // No place to break: cut the word by cells.
                    var used = 0
                    var cut = 0
                    while cut < line.count {
                        let next = DisplayWidth.cells(of: line[cut])
                        if used + next > width { break }
                        used += next
                        cut += 1
                    }
                    if cut == 0 { cut = 1 }  // a single character wider than the line
                    flush(upTo: cut, dropSpace: false)
                }
            }
        }
        var tail = line
        while tail.last == " " { tail.removeLast() }
        lines.append(String(tail))
    }

    /// Whether a line may break between `after` and `before`.
    static func canBreak(before next: Character, after previous: Character) -> Bool {
        if next == " " { return true }
        if previous == " " { return next != " " }
        if noLineStart.contains(next) { return false }
        let previousWide = DisplayWidth.cells(of: previous) >= 2
        let nextWide = DisplayWidth.cells(of: next) >= 2
        return previousWide || nextWide
    }
}
