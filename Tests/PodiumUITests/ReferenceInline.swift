import PodiumCore
@testable import PodiumUI

/// The inline parser as it was before it became linear, kept word for word as an oracle: the
/// linear parser must give the same runs for every line (`MarkdownInlineEquivalenceTests`).
/// Its scans for closers are quadratic or worse: use it on short lines only.
enum ReferenceInline {
    static let escapable: Set<Character> = ["\\", "`", "*", "_", "[", "]", "(", ")", "#", "+", "-", ".", "!", "<", ">"]

    /// Inline Markdown of one line into runs.
    static func inline(_ text: String, base: Style) -> [StyledRun] {
        var runs: [StyledRun] = []
        parseInline(Array(text), base: base, into: &runs)
        return mergeRuns(runs)
    }

    static func mergeRuns(_ runs: [StyledRun]) -> [StyledRun] {
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

    static func parseInline(_ chars: [Character], base: Style, into runs: inout [StyledRun]) {
        var plain = ""
        func flush() {
            if !plain.isEmpty { runs.append(StyledRun(plain, base)) }
            plain = ""
        }
        var i = 0
        while i < chars.count {
            let c = chars[i]
            // Escape.
            if c == "\\", i + 1 < chars.count, escapable.contains(chars[i + 1]) {
                plain.append(chars[i + 1])
                i += 2
                continue
            }
            // Code span: the same number of backticks closes it.
            if c == "`" {
                let ticks = countRun(chars, from: i, of: "`")
                if let close = findRun(chars, of: "`", length: ticks, from: i + ticks) {
                    var code = String(chars[(i + ticks)..<close])
                    if code.count >= 2, code.first == " ", code.last == " " {
                        code = String(code.dropFirst().dropLast())
                    }
                    flush()
                    var style = Style(.accent)
                    style.bold = base.bold
                    runs.append(StyledRun(code, style))
                    i = close + ticks
                    continue
                }
                plain += String(repeating: "`", count: ticks)
                i += ticks
                continue
            }
            // Strong and emphasis.
            if c == "*" || c == "_" {
                let run = countRun(chars, from: i, of: c)
                let leftOK = c == "*" || i == 0 || !isWordCharacter(chars[i - 1])
                let length = run == 3 ? 3 : min(run, 2)
                let opensWord = i + length < chars.count && chars[i + length] != " "
                if run <= 3, opensWord, leftOK,
                   let close = findDelimiter(chars, c, length: length, from: i + length) {
                    flush()
                    var style = base
                    if length >= 2 { style.bold = true }
                    if length != 2, style.color == .normal { style.color = Style(.title).color }
                    parseInline(Array(chars[(i + length)..<close]), base: style, into: &runs)
                    i = close + length
                    continue
                }
                plain += String(repeating: String(c), count: run)
                i += run
                continue
            }
            // Link: [text](address).
            if c == "[", let link = parseLink(chars, from: i) {
                flush()
                let label = String(chars[(i + 1)..<link.labelEnd])
                let address = link.address
                if label.isEmpty || label == address {
                    runs.append(StyledRun(address, Style(base.color == .normal ? .accent : base.color, bold: base.bold)))
                } else {
                    parseInline(Array(label), base: base, into: &runs)
                    runs.append(StyledRun(" ", base))
                    runs.append(StyledRun("<" + address + ">", Style(.dim)))
                }
                i = link.end
                continue
            }
            plain.append(c)
            i += 1
        }
        flush()
    }

    static func isWordCharacter(_ c: Character) -> Bool {
        c.isLetter || c.isNumber
    }

    static func countRun(_ chars: [Character], from start: Int, of c: Character) -> Int {
        var end = start
        while end < chars.count, chars[end] == c { end += 1 }
        return end - start
    }

    /// The start of the next run of exactly `length` copies of `c` at or after `from`.
    static func findRun(_ chars: [Character], of c: Character, length: Int, from: Int) -> Int? {
        var i = from
        while i < chars.count {
            if chars[i] == c {
                let run = countRun(chars, from: i, of: c)
                if run == length { return i }
                i += run
            } else {
                i += 1
            }
        }
        return nil
    }

    /// The closing delimiter run of exactly `length` copies of `c`: not after a space, and for
    /// `_` not before a word. A run that opens a nested span is skipped with its closer, so an
    /// unclosed `**` never pairs with the inside of `***both***`.
    static func findDelimiter(_ chars: [Character], _ c: Character, length: Int, from: Int) -> Int? {
        var i = from
        while i < chars.count {
            if chars[i] == "\\" {
                i += 2
                continue
            }
            if chars[i] == "`" {
                let ticks = countRun(chars, from: i, of: "`")
                if let close = findRun(chars, of: "`", length: ticks, from: i + ticks) {
                    i = close + ticks
                } else {
                    i += ticks
                }
                continue
            }
            guard chars[i] == c else {
                i += 1
                continue
            }
            let run = countRun(chars, from: i, of: c)
            if let closer = closingRun(chars, c, at: i, run: run, from: from), run == length {
                return closer
            }
            let afterSpace = i == 0 || chars[i - 1] == " "
            let beforeSpace = i + run >= chars.count || chars[i + run] == " "
            if afterSpace, !beforeSpace {
                // A nested opener: skip to just after its own closer, if it has one.
                var j = i + run
                var skipped = false
                while j < chars.count {
                    if chars[j] == c {
                        let inner = countRun(chars, from: j, of: c)
                        if inner == run, closingRun(chars, c, at: j, run: inner, from: i + run) != nil {
                            i = j + inner
                            skipped = true
                            break
                        }
                        j += inner
                    } else {
                        j += 1
                    }
                }
                if skipped { continue }
            }
            i += run
        }
        return nil
    }

    /// `at` when the run there can close a span that began at `from`.
    static func closingRun(_ chars: [Character], _ c: Character, at i: Int, run: Int, from: Int) -> Int? {
        guard i > from, chars[i - 1] != " " else { return nil }
        let end = i + run
        if c == "_", end < chars.count, isWordCharacter(chars[end]) { return nil }
        return i
    }

    /// `[label](address)` at `from`: where the label ends, the address, and the index after ")".
    static func parseLink(_ chars: [Character], from: Int) -> (labelEnd: Int, address: String, end: Int)? {
        var depth = 0
        var i = from
        var labelEnd: Int?
        while i < chars.count {
            if chars[i] == "\\" {
                i += 2
                continue
            }
            if chars[i] == "[" { depth += 1 }
            if chars[i] == "]" {
                depth -= 1
                if depth == 0 {
                    labelEnd = i
                    break
                }
            }
            i += 1
        }
        guard let labelEnd, labelEnd + 1 < chars.count, chars[labelEnd + 1] == "(" else { return nil }
        var j = labelEnd + 2
        var address = ""
        while j < chars.count, chars[j] != ")" {
            if chars[j] == " " { return nil }
            address.append(chars[j])
            j += 1
        }
        guard j < chars.count, !address.isEmpty else { return nil }
        if address.hasPrefix("<"), address.hasSuffix(">"), address.count >= 2 {
            address = String(address.dropFirst().dropLast())
        }
        return (labelEnd, address, j + 1)
    }
}
