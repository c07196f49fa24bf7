import PodiumCore
import PodiumText
@testable import PodiumUI

/// The notes layout as it was before rows were cut from whole strings, kept word for word as
/// an oracle for `MarkdownRenderer.layout` (inline Markdown from `ReferenceInline`).
enum ReferenceRenderer {
    static func render(_ markdown: String, width: Int, elapsedSeconds: Int? = nil) -> [StyledLine] {
        let cues = PacingCues.parse(markdown)
        let pacing = elapsedSeconds.flatMap { PacingCues.status(cues: cues, elapsedSeconds: $0) }
        return layout(PacingCues.lines(of: markdown), width: max(1, width), pacing: pacing)
    }

    static func inline(_ text: String, base: Style) -> [StyledRun] {
        ReferenceInline.inline(text, base: base)
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
        for (index, line) in sourceLines.enumerated() {
            if PacingCues.isFence(line) {
                inFence.toggle()
                continue
            }
            if inFence {
                let runs = [StyledRun(line, codeStyle)]
                result += wrap(runs, prefix: "  ", hanging: "  ", width: width, source: index)
                continue
            }
            result += block(line, index: index, width: width, pacing: pacing)
        }
        return result
    }

    static func block(_ line: String, index: Int, width: Int, pacing: PacingStatus?) -> [StyledLine] {
        let trimmed = line.drop { $0 == " " }
        if trimmed.isEmpty {
            return [StyledLine(runs: [], sourceLine: index)]
        }
        let indentCells = line.count - trimmed.count
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
                hanging: String(repeating: " ", count: gutterText.count), width: width, source: index)
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
                let rows = wrap(inline(text, base: style), prefix: "", hanging: "", width: width, source: index)
                guard hashes <= 2 else { return rows }
                let ruleWidth = min(width, rows.map { DisplayWidth.cells(of: $0.text) }.max() ?? 0)
                return rows + [StyledLine(runs: [], sourceLine: index, rule: max(1, ruleWidth))]
            }
        }

        // Thematic break.
        let compact = trimmed.filter { $0 != " " }
        if compact.count >= 3, let first = compact.first, "-*_".contains(first),
           compact.allSatisfy({ $0 == first }) {
            return [StyledLine(runs: [], sourceLine: index, rule: width)]
        }

        // Bullet item.
        if let first = trimmed.first, "-*+".contains(first), trimmed.dropFirst().first == " " {
            let text = String(trimmed.dropFirst(2).drop { $0 == " " })
            return wrap(inline(text, base: bodyStyle), prefix: indent + "- ",
                        hanging: indent + "  ", width: width, source: index)
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
                            width: width, source: index)
            }
        }

        // Quote.
        if trimmed.first == ">" {
            let text = String(trimmed.dropFirst().drop { $0 == " " })
            let prefix = StyledRun(indent + "| ", Style(.dim))
            return wrap([prefix] + inline(text, base: bodyStyle), prefixCells: prefix.text.count,
                        hanging: prefix.text, hangingStyle: Style(.dim), width: width, source: index)
        }

        // Paragraph line (its indentation kept, up to four levels).
        return wrap(inline(String(trimmed), base: bodyStyle), prefix: indent, hanging: indent,
                    width: width, source: index)
    }

    /// A heading's text: spaces trimmed, and a closing run of "#" after a space dropped.
    static func headingText(_ rest: Substring) -> String {
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
    static func wrap(
        _ runs: [StyledRun], prefix: String, hanging: String, width: Int, source: Int
    ) -> [StyledLine] {
        wrap([StyledRun(prefix, bodyStyle)] + runs, prefixCells: DisplayWidth.cells(of: prefix),
             hanging: hanging, width: width, source: source)
    }

    /// Wraps runs whose first `prefixCells` cells (ASCII) are a prefix kept on the first row;
    /// the rest wraps in `width - prefixCells` cells, continuation rows starting with `hanging`.
    static func wrap(
        _ runs: [StyledRun], prefixCells: Int, hanging: String, hangingStyle: Style = .normal,
        width: Int, source: Int
    ) -> [StyledLine] {
        // Split the styled characters into the prefix and the body.
        var characters: [(Character, Style)] = []
        for run in runs {
            for character in run.text { characters.append((character, run.style)) }
        }
        let prefixCount = min(prefixCells, characters.count)
        var prefix = Array(characters[0..<prefixCount])
        let body = Array(characters[prefixCount...])
        var hanging = hanging
        var bodyWidth = width - prefixCells
        if bodyWidth < 2 {
            // Too narrow for the indentation: the text alone, so that every row fits.
            prefix = []
            hanging = ""
            bodyWidth = width
        }
        let plain = String(body.map(\.0))
        let wrapped = TextLayout.wrap(plain, width: bodyWidth)

        var rows: [StyledLine] = []
        var cursor = 0
        for (number, text) in wrapped.enumerated() {
            var row: [(Character, Style)] =
                number == 0 ? prefix : hanging.map { ($0, hangingStyle) }
            for character in text {
                // The wrapper only drops spaces: skip them in the source to stay aligned.
                while cursor < body.count, body[cursor].0 != character, body[cursor].0 == " " {
                    cursor += 1
                }
                let style = cursor < body.count ? body[cursor].1 : bodyStyle
                row.append((character, style))
                cursor += 1
            }
            rows.append(StyledLine(runs: merge(row), sourceLine: source))
        }
        if rows.isEmpty { rows.append(StyledLine(runs: merge(prefix), sourceLine: source)) }
        return rows
    }

    /// Joins neighbouring characters of the same style into runs.
    static func merge(_ characters: [(Character, Style)]) -> [StyledRun] {
        var runs: [StyledRun] = []
        for (character, style) in characters {
            if let last = runs.last, last.style == style {
                runs[runs.count - 1].text.append(character)
            } else {
                runs.append(StyledRun(String(character), style))
            }
        }
        return runs
    }

}
