import PodiumCore
import PodiumText

/// A piece of a line drawn in one style.
public struct StyledRun: Equatable, Sendable {
    public var text: String
    public var style: Style

    public init(_ text: String, _ style: Style = .normal) {
        self.text = text
        self.style = style
    }
}

/// One row of rendered notes.
public struct StyledLine: Equatable, Sendable {
    public var runs: [StyledRun]
    /// The notes line it comes from (an index into `PacingCues.lines(of:)`); a wrapped line
    /// gives several rows with the same source line.
    public var sourceLine: Int
    /// When set, the row is a horizontal rule of this many cells (under a heading, or `---`),
    /// drawn with line pieces so it stays narrow whatever the terminal's ambiguous width.
    public var rule: Int?

    public init(runs: [StyledRun], sourceLine: Int, rule: Int? = nil) {
        self.runs = runs
        self.sourceLine = sourceLine
        self.rule = rule
    }

    /// The text of the row (a rule as "─" pieces).
    public var text: String {
        if let rule { return String(repeating: LinePiece.horizontal.unicode, count: rule) }
        return runs.map(\.text).joined()
    }
}

/// Renders a readable subset of Markdown into styled rows for a given width. Pure.
///
/// Each line of the notes is its own block (a line break in the notes is a line break on the
/// screen, as speakers write notes line by line, in Japanese as in English):
/// - `#`, `##`, `###`… headings: bold, title / accent colour; `#` and `##` are underlined by a
///   rule row. `---`, `***`, `___` alone: a rule across the width.
/// - `- `, `* `, `+ ` bullets (shown as "- ") and `1.` / `1)` numbered items, nested by
///   indentation (two spaces a level), wrapped with a hanging indent.
/// - `> ` quotes, shown behind "| ".
/// - ``` fenced code: the lines as they are, in the accent colour, indented by two cells.
/// - Inline: `**bold**` / `__bold__`, `*emphasis*` / `_emphasis_` (title colour: terminals have
///   no reliable italics), `` `code` `` (accent colour), `[text](url)` as "text <url>" (the
///   address dim), `\` escapes.
/// - Pacing cue lines (`[10:00] Demo`, see `PacingCues`) get a two-cell gutter: with an elapsed
///   time, the current cue shows ">" and is drawn reversed, passed cues are dim, upcoming cues
///   have their marker in the accent colour.
/// Everything is sanitised first (`PacingCues.lines(of:)`), so hostile text stays inert, and
/// wrapped with `TextLayout.wrap` (Japanese wraps between characters). Markers are ASCII:
/// East Asian Ambiguous symbols (•, ▶) take two cells in many Japanese terminals.
public struct MarkdownRenderer: Sendable {
    public let width: Int
    public let lines: [StyledLine]
    public let cues: [PacingCue]
    /// The cues read against the elapsed time, when one was given and there are cues.
    public let pacing: PacingStatus?

    public init(markdown: String, width: Int, elapsedSeconds: Int? = nil) {
        self.width = max(1, width)
        let source = PacingCues.lines(of: markdown)
        let cues = PacingCues.parse(lines: source)
        self.cues = cues
        let pacing = elapsedSeconds.flatMap { PacingCues.status(cues: cues, elapsedSeconds: $0) }
        self.pacing = pacing
        lines = Self.layout(source, width: self.width, pacing: pacing)
    }

    /// A renderer from parts already laid out (`MarkdownMemo`).
    init(width: Int, lines: [StyledLine], cues: [PacingCue], pacing: PacingStatus?) {
        self.width = width
        self.lines = lines
        self.cues = cues
        self.pacing = pacing
    }

    /// The rows for notes at a width.
    public static func render(_ markdown: String, width: Int, elapsedSeconds: Int? = nil) -> [StyledLine] {
        MarkdownRenderer(markdown: markdown, width: width, elapsedSeconds: elapsedSeconds).lines
    }

    /// Inline Markdown as the plain text it shows ("**Demo** [docs](u)" → "Demo docs <u>").
    public static func plainText(_ markdown: String) -> String {
        inline(Sanitizer.line(markdown), base: bodyStyle).map(\.text).joined()
    }

    /// The rows drawn for a notes line, nil when it draws none (a fence line).
    public func rows(ofSourceLine line: Int) -> Range<Int>? {
        guard let first = lines.firstIndex(where: { $0.sourceLine == line }),
              let last = lines.lastIndex(where: { $0.sourceLine == line })
        else { return nil }
        return first..<(last + 1)
    }

    /// The rows of the current pacing cue, if there is one.
    public var currentCueRows: Range<Int>? {
        pacing?.current.flatMap { rows(ofSourceLine: $0.line) }
    }

    /// Draws rows `scroll...` into `rect` (cleared first); what does not fit is cut.
    public func draw(into screen: inout Screen, rect: Rect, scroll: Int) {
        screen.fill(rect)
        guard rect.width > 0, rect.height > 0 else { return }
        let start = max(0, scroll)
        for row in 0..<rect.height {
            let index = start + row
            guard index < lines.count else { break }
            let line = lines[index]
            let y = rect.y + row
            if let rule = line.rule {
                for column in 0..<min(rule, rect.width) {
                    screen.line(.horizontal, x: rect.x + column, y: y, style: Style(.dim))
                }
                continue
            }
            var x = rect.x
            for run in line.runs where x < rect.maxX {
                x += screen.put(run.text, x: x, y: y, maxWidth: rect.maxX - x, style: run.style)
            }
        }
    }

    // MARK: Blocks

    static let bodyStyle = Style.normal
    static let codeStyle = Style(.accent)
    static let emphasisStyle = Style(.title)
    static let addressStyle = Style(.dim)

    static func layout(_ source: [String], width: Int, pacing: PacingStatus?) -> [StyledLine] {
        var sourceLines = source
        // A final newline ends the last line; it does not add an empty one.
        if sourceLines.count > 1, sourceLines.last == "" { sourceLines.removeLast() }
        var result: [StyledLine] = []
        var inFence = false
        let traits = WrapTraits()
        for (index, line) in sourceLines.enumerated() {
            if PacingCues.isFence(line) {
                inFence.toggle()
                continue
            }
            if inFence {
                let runs = [StyledRun(line, codeStyle)]
                result += wrap(runs, prefix: "  ", hanging: "  ", width: width, source: index, traits: traits)
                continue
            }
            result += block(line, index: index, width: width, pacing: pacing, traits: traits)
        }
        return result
    }

    private static func block(
        _ line: String, index: Int, width: Int, pacing: PacingStatus?, traits: WrapTraits
    ) -> [StyledLine] {
        var indentCells = 0
        let trimmed = line.drop {
            if $0 == " " { indentCells += 1 }
            return $0 == " "
        }
        if trimmed.isEmpty {
            return [StyledLine(runs: [], sourceLine: index)]
        }
        let level = min(indentCells / 2, 4)
        let indent = String(repeating: " ", count: level * 2)

        // Pacing cue.
        if let found = PacingCues.cue(in: line) {
            let seconds = found.seconds
            let cue = PacingCue(line: index, seconds: seconds, text: found.text)
            let state = pacing?.state(of: cue) ?? .upcoming
            let bullet = trimmed.first.map { "-*+".contains($0) } ?? false
            var runs: [StyledRun] = [StyledRun(cue.marker, Style(.accent, bold: true))]
            if !found.text.isEmpty {
                runs.append(StyledRun(" ", bodyStyle))
                runs += inline(found.text, base: bodyStyle)
            }
            var gutter = StyledRun(bullet ? "- " : "  ", bodyStyle)
            switch state {
            case .upcoming:
                break
            case .passed:
                runs = runs.map { StyledRun($0.text, Style(.dim)) }
                gutter.style = Style(.dim)
            case .current:
                runs = runs.map { StyledRun($0.text, Style(.live, bold: true, reverse: true)) }
                gutter = StyledRun("> ", Style(.live, bold: true))
            }
            let gutterText = indent + gutter.text
            return wrap(
                [StyledRun(indent, bodyStyle), gutter] + runs, prefixCells: gutterText.count,
                hanging: String(repeating: " ", count: gutterText.count), width: width, source: index, traits: traits)
        }

        // Heading.
        if trimmed.first == "#" {
            let hashes = trimmed.prefix { $0 == "#" }.count
            let rest = trimmed.dropFirst(hashes)
            if hashes <= 6, rest.isEmpty || rest.first == " " {
                let text = headingText(rest)
                let style: Style
                switch hashes {
                case 1: style = Style(.title, bold: true)
                case 2: style = Style(.accent, bold: true)
                default: style = Style(.normal, bold: true)
                }
                let rows = wrap(inline(text, base: style), prefix: "", hanging: "", width: width, source: index, traits: traits)
                guard hashes <= 2 else { return rows }
                let ruleWidth = min(width, rows.map { DisplayWidth.cells(of: $0.text) }.max() ?? 0)
                return rows + [StyledLine(runs: [], sourceLine: index, rule: max(1, ruleWidth))]
            }
        }

        // Thematic break.
        if isThematicBreak(trimmed) {
            return [StyledLine(runs: [], sourceLine: index, rule: width)]
        }

        // Bullet item.
        if let first = trimmed.first, "-*+".contains(first), trimmed.dropFirst().first == " " {
            let text = String(trimmed.dropFirst(2).drop { $0 == " " })
            return wrap(inline(text, base: bodyStyle), prefix: indent + "- ",
                        hanging: indent + "  ", width: width, source: index, traits: traits)
        }

        // Numbered item.
        let digits = trimmed.prefix { $0.isASCII && $0.isNumber }
        if !digits.isEmpty, digits.count <= 9 {
            let after = trimmed.dropFirst(digits.count)
            if let mark = after.first, mark == "." || mark == ")", after.dropFirst().first == " " {
                let text = String(after.dropFirst(2).drop { $0 == " " })
                let number = String(digits) + String(mark) + " "
                return wrap(inline(text, base: bodyStyle), prefix: indent + number,
                            hanging: indent + String(repeating: " ", count: number.count),
                            width: width, source: index, traits: traits)
            }
        }

        // Quote.
        if trimmed.first == ">" {
            let text = String(trimmed.dropFirst().drop { $0 == " " })
            let prefix = StyledRun(indent + "| ", Style(.dim))
            return wrap([prefix] + inline(text, base: bodyStyle), prefixCells: prefix.text.count,
                        hanging: prefix.text, hangingStyle: Style(.dim), width: width, source: index, traits: traits)
        }

        // Paragraph line (its indentation kept, up to four levels).
        return wrap(inline(String(trimmed), base: bodyStyle), prefix: indent, hanging: indent,
                    width: width, source: index, traits: traits)
    }

    /// Three or more of one of `-`, `*`, `_` and nothing else but spaces (`- - -`, `***`). Stops
    /// at the first other character, so a long line costs nothing here.
    private static func isThematicBreak(_ text: Substring) -> Bool {
        var mark: Character?
        var count = 0
        for character in text where character != " " {
            if let mark {
                guard character == mark else { return false }
            } else {
                guard character == "-" || character == "*" || character == "_" else { return false }
                mark = character
            }
            count += 1
        }
        return count >= 3
    }

    /// A heading's text: spaces trimmed, and a closing run of "#" after a space dropped.
    private static func headingText(_ rest: Substring) -> String {
        var text = Array(rest.drop { $0 == " " })
        while text.last == " " { text.removeLast() }
        let hashes = text.reversed().prefix { $0 == "#" }.count
        if hashes > 0, hashes == text.count || text[text.count - hashes - 1] == " " {
            text.removeLast(hashes)
            while text.last == " " { text.removeLast() }
        }
        return String(text)
    }

    // MARK: Wrapping styled text

    /// Wraps runs after a prefix; continuation rows start with `hanging`.
    private static func wrap(
        _ runs: [StyledRun], prefix: String, hanging: String, width: Int, source: Int, traits: WrapTraits
    ) -> [StyledLine] {
        wrap([StyledRun(prefix, bodyStyle)] + runs, prefixCells: DisplayWidth.cells(of: prefix),
             hanging: hanging, width: width, source: source, traits: traits)
    }

    /// Wraps runs whose first `prefixCells` cells (ASCII) are a prefix kept on the first row;
    /// the rest wraps in `width - prefixCells` cells, continuation rows starting with `hanging`.
    ///
    /// The body is wrapped as plain text, then each row is cut back into runs where the style
    /// of the text it came from changes: rows are slices of whole strings, not rebuilt
    /// character by character (a pasted note can be one line of 100 KB).
    private static func wrap(
        _ runs: [StyledRun], prefixCells: Int, hanging: String, hangingStyle: Style = .normal,
        width: Int, source: Int, traits: WrapTraits
    ) -> [StyledLine] {
        // Split the runs into the prefix (its first `prefixCells` characters) and the body.
        var prefix: [StyledRun] = []
        var body: [StyledRun] = []
        var prefixLeft = prefixCells
        for run in runs {
            guard prefixLeft > 0 else {
                if !run.text.isEmpty { body.append(run) }
                continue
            }
            let head = run.text.prefix(prefixLeft)
            prefixLeft -= head.count
            if !head.isEmpty { prefix.append(StyledRun(String(head), run.style)) }
            let rest = run.text[head.endIndex...]
            if !rest.isEmpty { body.append(StyledRun(String(rest), run.style)) }
        }
        var hanging = hanging
        var bodyWidth = width - prefixCells
        if bodyWidth < 2 {
            // Too narrow for the indentation: the text alone, so that every row fits.
            prefix = []
            hanging = ""
            bodyWidth = width
        }
        var plain = ""
        var ends: [Int] = []  // where each body run ends in `plain`, in UTF-8 bytes
        for run in body {
            plain += run.text
            ends.append(plain.utf8.count)
        }
        let wrapped = TextLayout.wrap(plain, width: bodyWidth, traits: traits)

        // Each row is the source text from `cursor` on, after the spaces the wrapper dropped
        // where it broke the line; or "…" for one character too wide for the line.
        var rows: [StyledLine] = []
        var cursor = plain.startIndex
        var runIndex = 0
        let space = UInt8(ascii: " ")
        for (number, text) in wrapped.enumerated() {
            var row: [StyledRun] = number == 0 ? prefix : [StyledRun(hanging, hangingStyle)]
            if text.utf8.first != space {
                while cursor < plain.endIndex, plain.utf8[cursor] == space, plain[cursor] == " " {
                    cursor = plain.utf8.index(after: cursor)
                }
            }
            var end = cursor
            if cursor < plain.endIndex, !plain[cursor...].utf8.starts(with: text.utf8) {
                end = plain.index(after: cursor)  // the "…" of a character that does not fit
            } else {
                end = plain.utf8.index(cursor, offsetBy: text.utf8.count)
            }
            // Cut the row where the style of its source changes.
            let rowStart = plain.utf8.distance(from: plain.startIndex, to: cursor)
            let rowEnd = plain.utf8.distance(from: plain.startIndex, to: end)
            let sameBytes = rowEnd - rowStart == text.utf8.count
            var sliceStart = 0  // in the row, UTF-8 bytes
            while runIndex < ends.count, ends[runIndex] <= rowStart { runIndex += 1 }
            while true {
                let style = runIndex < body.count ? body[runIndex].style : bodyStyle
                let sliceEnd = sameBytes && runIndex < ends.count ? min(ends[runIndex] - rowStart, text.utf8.count) : text.utf8.count
                if sliceEnd > sliceStart {
                    let utf8 = text.utf8
                    let slice = text[utf8.index(utf8.startIndex, offsetBy: sliceStart)..<utf8.index(utf8.startIndex, offsetBy: sliceEnd)]
                    row.append(StyledRun(String(slice), style))
                }
                sliceStart = sliceEnd
                guard sliceEnd < text.utf8.count else { break }
                runIndex += 1
            }
            cursor = end
            rows.append(StyledLine(runs: mergeRuns(row), sourceLine: source))
        }
        if rows.isEmpty { rows.append(StyledLine(runs: mergeRuns(prefix), sourceLine: source)) }
        return rows
    }

    // MARK: Inline

    /// Inline Markdown of one line into runs (`InlineParser`: linear in the line's length).
    static func inline(_ text: String, base: Style) -> [StyledRun] {
        // Most lines have no markup at all: one run, as the parser would give.
        if !InlineParser.mayHaveMarkup(text) { return text.isEmpty ? [] : [StyledRun(text, base)] }
        return mergeRuns(InlineParser(text).parse(base: base))
    }

    private static func mergeRuns(_ runs: [StyledRun]) -> [StyledRun] {
        var merged: [StyledRun] = []
        for run in runs where !run.text.isEmpty {
            if let last = merged.last, last.style == run.style {
                merged[merged.count - 1].text += run.text
            } else {
                merged.append(run)
            }
        }
        return merged
    }
}
