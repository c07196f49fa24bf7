import PodiumCore

/// Inline Markdown of one line (emphasis, code spans, links, escapes) in time linear in its
/// length, up to a logarithm. The rules are those `MarkdownRenderer` always had; what
/// changed is how a closer is found. Scanning forward from every opener for its closer cost
/// the square of the line's length, or its cube (a pasted log of 48 KB with stray `*` took
/// minutes), because an opener that never closes scanned to the end of the line, again and
/// again. Here the line is read once into tables (runs of each delimiter by length, bracket
/// depths, the next `)` or space), and the walk that looks for an emphasis closer is
/// remembered node by node, so every opener after the first reuses it.
///
/// Nested spans are parsed on index ranges of the same line, never on copies, so the tables
/// serve every level. A range's bounds never split a delimiter run in a way the rules can
/// see: a range ends at its closer (`*`, `_`) or at `]`, none of them a word character, a
/// space or a backtick.
final class InlineParser {
    private let text: String
    /// Where each character starts in `text`, in UTF-8 bytes (and where the text ends), so
    /// that plain text, code and labels are cut from it as slices.
    private let offsets: [Int32]
    /// The ASCII value of each character (0 for others); the few characters compared here
    /// are all ASCII, except U+1FEF, which `Character` equality takes for "`".
    private let codes: [UInt8]
    private let count: Int
    /// For a position in a run of one delimiter character (`*`, `_`, "`"), where the run ends
    /// (other positions: unused).
    private let runEnd: [Int32]
    /// Maximal runs of backticks, by length: their starts in order.
    private let tickRuns: [[Int32]]
    /// Maximal runs of `*` / `_` that can close a span (not after a space; `_` not before a
    /// word), by length: their starts in order.
    private let closingStars: [[Int32]]
    private let closingUnderscores: [[Int32]]
    /// The first position at or after p that is `\`, "`" or the character (one table each
    /// for `*` and `_`, when the line has one): the only positions where a walk for a closer
    /// does anything.
    private let starStops: [Int32]
    private let underscoreStops: [Int32]
    /// Bracket depth before each position along the one walk that steps over escapes
    /// (`\x` as a pair), and for each depth (shifted by `depthShift`, so that none is
    /// negative) the positions of the `]` that reach it. Built when the line has a `[`.
    private let depthBefore: [Int32]
    private let closingBrackets: [[Int32]]
    private let depthShift: Int
    /// The first position at or after p holding `)` or a space (an address ends there).
    private let addressEnd: [Int32]
    /// Remembered walks for closers, by character and end of range (`context(_:hi:)`): for
    /// each node visited, the first closer after it of length 1, 2 and 3 (-1 for none).
    private var walks: [Int: [Int: Closers]] = [:]
    /// The walks over the whole line, for `*` and `_`, by node (`unknown` where not yet known).
    private var lineWalks: [[Closers]] = [[], []]
    private static let unknown: Int32 = -2
    /// Where the run of `*` or `_` that a range's end cuts starts, by range end.
    private var cutRunStarts: [Int: Int] = [:]

    private struct Closers {
        var byLength: (Int32, Int32, Int32)
        subscript(length: Int) -> Int {
            switch length {
            case 1: return Int(byLength.0)
            case 2: return Int(byLength.1)
            default: return Int(byLength.2)
            }
        }
    }

    private static let backslash = UInt8(ascii: "\\")
    private static let backtick = UInt8(ascii: "`")
    private static let star = UInt8(ascii: "*")
    private static let underscore = UInt8(ascii: "_")
    private static let space = UInt8(ascii: " ")
    private static let open = UInt8(ascii: "[")
    private static let close = UInt8(ascii: "]")
    private static let openParen = UInt8(ascii: "(")
    private static let closeParen = UInt8(ascii: ")")
    private static let escapable: [Bool] = (0..<256).map { "\\`*_[]()#+-.!<>".utf8.contains(UInt8($0)) }

    /// Whether the line holds a character that starts markup (`\`, "`", `*`, `_`, `[`); without
    /// one, the line is its own text.
    static func mayHaveMarkup(_ text: String) -> Bool {
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\", "`", "*", "_", "[", "\u{1FEF}": return true
            default: continue
            }
        }
        return false
    }

    init(_ text: String) {
        self.text = text
        var codes: [UInt8] = []
        var offsets: [Int32] = [0]
        codes.reserveCapacity(text.utf8.count)
        offsets.reserveCapacity(text.utf8.count + 1)
        var offset = 0
        for character in text {
            let utf8 = character.utf8
            let length = utf8.count
            codes.append(length == 1 ? utf8.first! : length == 3 && character == "`" ? Self.backtick : 0)
            offset += length
            offsets.append(Int32(offset))
        }
        let count = codes.count
        self.codes = codes
        self.offsets = offsets
        self.count = count
        // The tables are built here into locals and kept as constants: reading a constant
        // array of a class needs no exclusivity check.
        var runEnd = [Int32](repeating: 0, count: count)
        var tickRuns: [[Int32]] = [], closingStars: [[Int32]] = [], closingUnderscores: [[Int32]] = []
        var hasStar = false, hasUnderscore = false, hasOpen = false
        var i = 0
        while i < count {
            let code = codes[i]
            if code == Self.open { hasOpen = true }
            guard code == Self.backtick || code == Self.star || code == Self.underscore else {
                i += 1
                continue
            }
            var end = i + 1
            while end < count, codes[end] == code { end += 1 }
            for k in i..<end { runEnd[k] = Int32(end) }
            let length = end - i
            if code == Self.backtick {
                Self.add(i, length: length, to: &tickRuns)
            } else {
                if code == Self.star { hasStar = true } else { hasUnderscore = true }
                if i > 0, codes[i - 1] != Self.space,
                   code != Self.underscore || end == count || !Self.isWord(text, offsets, end) {
                    if code == Self.star {
                        Self.add(i, length: length, to: &closingStars)
                    } else {
                        Self.add(i, length: length, to: &closingUnderscores)
                    }
                }
            }
            i = end
        }
        self.runEnd = runEnd
        self.tickRuns = tickRuns
        self.closingStars = closingStars
        self.closingUnderscores = closingUnderscores
        starStops = hasStar ? Self.stops(codes, for: Self.star) : []
        underscoreStops = hasUnderscore ? Self.stops(codes, for: Self.underscore) : []
        var addressEnd: [Int32] = []
        if hasOpen {
            addressEnd = [Int32](repeating: Int32(count), count: count + 1)
            var next = count
            for p in stride(from: count - 1, through: 0, by: -1) {
                if codes[p] == Self.closeParen || codes[p] == Self.space { next = p }
                addressEnd[p] = Int32(next)
            }
        }
        self.addressEnd = addressEnd
        (depthBefore, closingBrackets, depthShift) = hasOpen ? Self.brackets(codes) : ([], [], 0)
    }

    /// The runs of one line.
    func parse(base: Style) -> [StyledRun] {
        var runs: [StyledRun] = []
        parse(0, count, base: base, into: &runs)
        return runs
    }

    // MARK: Tables

    private static func add(_ start: Int, length: Int, to table: inout [[Int32]]) {
        while table.count <= length { table.append([]) }
        table[length].append(Int32(start))
    }

    private static func stops(_ codes: [UInt8], for code: UInt8) -> [Int32] {
        let count = codes.count
        var table = [Int32](repeating: Int32(count), count: count + 1)
        var next = count
        for p in stride(from: count - 1, through: 0, by: -1) {
            let c = codes[p]
            if c == code || c == backslash || c == backtick { next = p }
            table[p] = Int32(next)
        }
        return table
    }

    private static func brackets(_ codes: [UInt8]) -> (depthBefore: [Int32], closing: [[Int32]], shift: Int) {
        let count = codes.count
        var depthBefore = [Int32](repeating: 0, count: count + 1)
        var closes: [(depth: Int, position: Int)] = []
        var depth = 0
        var lowest = 0
        var p = 0
        while p < count {
            depthBefore[p] = Int32(depth)
            if codes[p] == backslash {
                // The escaped character is stepped over: its depth is the backslash's.
                if p + 1 < count { depthBefore[p + 1] = Int32(depth) }
                p += 2
                continue
            }
            if codes[p] == open { depth += 1 }
            if codes[p] == close {
                depth -= 1
                lowest = min(lowest, depth)
                closes.append((depth, p))
            }
            p += 1
        }
        depthBefore[count] = Int32(depth)
        var closing: [[Int32]] = []
        for (depth, position) in closes { add(position, length: depth - lowest, to: &closing) }
        return (depthBefore, closing, -lowest)
    }

    private static func isWord(_ text: String, _ offsets: [Int32], _ i: Int) -> Bool {
        let c = text[text.utf8.index(text.utf8.startIndex, offsetBy: Int(offsets[i]))]
        return c.isLetter || c.isNumber
    }

    private func isWord(_ i: Int) -> Bool {
        Self.isWord(text, offsets, i)
    }

    private func index(_ i: Int) -> String.Index {
        text.utf8.index(text.utf8.startIndex, offsetBy: Int(offsets[i]))
    }

    /// Characters `a..<b` of the line.
    private func slice(_ a: Int, _ b: Int) -> Substring {
        text[index(a)..<index(b)]
    }

    /// The first element of a sorted array at or after `value`.
    private static func first(in table: [[Int32]], _ key: Int, atOrAfter value: Int) -> Int? {
        guard key >= 0, key < table.count else { return nil }
        let sorted = table[key]
        var low = 0
        var high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if Int(sorted[middle]) < value { low = middle + 1 } else { high = middle }
        }
        return low < sorted.count ? Int(sorted[low]) : nil
    }

    /// Copies of `code` from `i` on, within the range ending at `hi`.
    private func run(at i: Int, hi: Int) -> Int {
        min(Int(runEnd[i]), hi) - i
    }

    // MARK: Parsing a range

    private func parse(_ lo: Int, _ hi: Int, base: Style, into runs: inout [StyledRun]) {
        var plain = ""
        var ordinary = -1  // where characters taken as they are began, not yet in `plain`
        var i = lo
        func take() {
            if ordinary >= 0 { plain += slice(ordinary, i) }
            ordinary = -1
        }
        func flush() {
            take()
            if !plain.isEmpty { runs.append(StyledRun(plain, base)) }
            plain = ""
        }
        while i < hi {
            let c = codes[i]
            // Escape.
            if c == Self.backslash, i + 1 < hi, Self.escapable[Int(codes[i + 1])] {
                take()
                plain += slice(i + 1, i + 2)
                i += 2
                continue
            }
            // Code span: the same number of backticks closes it.
            if c == Self.backtick {
                let ticks = run(at: i, hi: hi)
                if let close = codeSpanEnd(at: i, ticks: ticks, hi: hi) {
                    var code = String(slice(i + ticks, close))
                    if code.count >= 2, code.first == " ", code.last == " " {
                        code = String(code.dropFirst().dropLast())
                    }
                    flush()
                    var style = MarkdownRenderer.codeStyle
                    style.bold = base.bold
                    runs.append(StyledRun(code, style))
                    i = close + ticks
                    continue
                }
                take()
                plain += String(repeating: "`", count: ticks)
                i += ticks
                continue
            }
            // Strong and emphasis.
            if c == Self.star || c == Self.underscore {
                let length = run(at: i, hi: hi)
                let leftOK = c == Self.star || i == lo || !isWord(i - 1)
                let size = length == 3 ? 3 : min(length, 2)
                let opensWord = i + size < hi && codes[i + size] != Self.space
                if length <= 3, opensWord, leftOK,
                   let close = closer(of: c, length: size, from: i + size, hi: hi) {
                    flush()
                    var style = base
                    if size >= 2 { style.bold = true }
                    if size != 2, style.color == .normal { style.color = MarkdownRenderer.emphasisStyle.color }
                    parse(i + size, close, base: style, into: &runs)
                    i = close + size
                    continue
                }
                take()
                plain += slice(i, i + length)
                i += length
                continue
            }
            // Link: [text](address).
            if c == Self.open, let link = link(at: i, hi: hi) {
                flush()
                let label = String(slice(i + 1, link.labelEnd))
                let address = link.address
                if label.isEmpty || label == address {
                    runs.append(StyledRun(address, Style(base.color == .normal ? .accent : base.color, bold: base.bold)))
                } else {
                    parse(i + 1, link.labelEnd, base: base, into: &runs)
                    runs.append(StyledRun(" ", base))
                    runs.append(StyledRun("<" + address + ">", MarkdownRenderer.addressStyle))
                }
                i = link.end
                continue
            }
            if ordinary < 0 { ordinary = i }
            i += 1
        }
        flush()
    }

    /// Where the code span opened by `ticks` backticks at `i` closes: the next run of exactly
    /// as many backticks in the range.
    private func codeSpanEnd(at i: Int, ticks: Int, hi: Int) -> Int? {
        guard let close = Self.first(in: tickRuns, ticks, atOrAfter: i + ticks), close < hi else { return nil }
        return close
    }

    /// `[label](address)` at `i`: where the label ends, the address, and the index after ")".
    private func link(at i: Int, hi: Int) -> (labelEnd: Int, address: String, end: Int)? {
        // The matching `]` is the first one after `i` that brings the depth back to what it
        // was before `i` (depths change by one, so none can be skipped).
        guard let labelEnd = Self.first(in: closingBrackets, Int(depthBefore[i + 1]) - 1 + depthShift, atOrAfter: i + 1),
              labelEnd < hi, labelEnd + 1 < hi, codes[labelEnd + 1] == Self.openParen
        else { return nil }
        let start = labelEnd + 2
        let stop = start < hi ? Int(addressEnd[start]) : hi
        guard stop < hi, codes[stop] == Self.closeParen, stop > start else { return nil }
        var address = String(slice(start, stop))
        if address.hasPrefix("<"), address.hasSuffix(">"), address.count >= 2 {
            address = String(address.dropFirst().dropLast())
        }
        return (labelEnd, address, stop + 1)
    }

    // MARK: Finding an emphasis closer

    /// The closing run of exactly `length` copies of `c` for a span opened just before `from`,
    /// within the range ending at `hi`: the first closer on the walk from `from`. The walk
    /// steps over escapes (`\x`), code spans, and nested openers (a run after a space and
    /// before a word) together with their own closers, so an unclosed `**` never pairs with
    /// the inside of `***both***`. Where the walk goes from a position does not depend on
    /// where it started, so walks are remembered per character and range end.
    private func closer(of c: UInt8, length: Int, from: Int, hi: Int) -> Int? {
        // `from` follows the opener's run, so it is never a run of `c`: it is a node only as a
        // backslash or a backtick, and never a closer itself.
        guard from < hi else { return nil }
        let first = Int(c == Self.star ? starStops[from] : underscoreStops[from])
        guard first < hi else { return nil }
        let found = first > from && label(of: first, c, hi: hi) == length
            ? first : closers(after: first, c, hi: hi)[length]
        return found >= 0 ? found : nil
    }

    /// The length of the closer at node `i` (1...3), or 0 when it is not a closer.
    private func label(of i: Int, _ c: UInt8, hi: Int) -> Int {
        guard codes[i] == c, codes[i - 1] != Self.space else { return 0 }
        let end = min(Int(runEnd[i]), hi)
        if c == Self.underscore, end < hi, isWord(end) { return 0 }
        let length = end - i
        return length <= 3 ? length : 0
    }

    /// The walk's next node after node `i` (a backslash, a backtick or a run of `c`), or nil
    /// at the end of the range.
    private func step(from i: Int, _ c: UInt8, hi: Int) -> Int? {
        let code = codes[i]
        var next: Int
        if code == Self.backslash {
            next = i + 2
        } else if code == Self.backtick {
            let ticks = run(at: i, hi: hi)
            next = codeSpanEnd(at: i, ticks: ticks, hi: hi).map { $0 + ticks } ?? i + ticks
        } else {
            let length = run(at: i, hi: hi)
            next = i + length
            let afterSpace = codes[i - 1] == Self.space
            let beforeSpace = next >= hi || codes[next] == Self.space
            if afterSpace, !beforeSpace, let inner = nestedCloser(of: c, length: length, from: next, hi: hi) {
                // A nested opener: the walk goes on after its own closer.
                next = inner + length
            }
        }
        guard next < hi else { return nil }
        let stop = Int(c == Self.star ? starStops[next] : underscoreStops[next])
        return stop < hi ? stop : nil
    }

    /// The first run of exactly `length` copies of `c` at or after `from` in the range that
    /// can close (not after a space; `_` not before a word).
    private func nestedCloser(of c: UInt8, length: Int, from: Int, hi: Int) -> Int? {
        if let start = Self.first(in: c == Self.star ? closingStars : closingUnderscores, length, atOrAfter: from),
           start + length <= hi {
            return start
        }
        // A run that the range's end cuts short counts with the copies inside the range.
        guard hi < count, hi - 1 >= from, codes[hi - 1] == c, codes[hi] == c else { return nil }
        let start = cutRunStart(before: hi)
        guard start >= from, hi - start == length, codes[start - 1] != Self.space else { return nil }
        return start
    }

    /// The start of the run of `*` or `_` that ends past `hi` (the range's end cuts it).
    private func cutRunStart(before hi: Int) -> Int {
        if let known = cutRunStarts[hi] { return known }
        var start = hi - 1
        while start > 0, codes[start - 1] == codes[hi - 1] { start -= 1 }
        cutRunStarts[hi] = start
        return start
    }

    /// The first closers of each length after node `i` on the walk, remembered.
    private func closers(after i: Int, _ c: UInt8, hi: Int) -> Closers {
        // Walks over the whole line (most of them) are remembered in an array by node, the
        // others (inside a span) in a dictionary; either is taken out of `self` while it grows,
        // so that it is not copied.
        let whole = hi == count
        let kind = c == Self.star ? 0 : 1
        let context = hi * 2 + kind
        var array: [Closers] = []
        var memo: [Int: Closers] = [:]
        if whole {
            if let known = lineWalks[kind].isEmpty ? nil : lineWalks[kind][i], known.byLength.0 != Self.unknown {
                return known
            }
            array = lineWalks[kind]
            lineWalks[kind] = []
            if array.isEmpty { array = [Closers](repeating: Closers(byLength: (Self.unknown, 0, 0)), count: count) }
        } else {
            if let known = walks[context]?[i] { return known }
            memo = walks.removeValue(forKey: context) ?? [:]
        }
        defer {
            if whole { lineWalks[kind] = array } else { walks[context] = memo }
        }
        func known(_ node: Int) -> Closers? {
            if whole { return array[node].byLength.0 == Self.unknown ? nil : array[node] }
            return memo[node]
        }
        func remember(_ node: Int, _ value: Closers) {
            if whole { array[node] = value } else { memo[node] = value }
        }
        // Follow the walk until a node whose answer is known, then fill the path backwards.
        var path: [(node: Int, next: Int?)] = []
        var node: Int? = i
        var tail = Closers(byLength: (-1, -1, -1))
        while let current = node {
            if let answer = known(current) {
                tail = answer
                break
            }
            let next = step(from: current, c, hi: hi)
            path.append((current, next))
            node = next
        }
        var answer = tail
        var answerNode = node  // the node whose closers `answer` holds
        for (current, next) in path.reversed() {
            var result = Closers(byLength: (-1, -1, -1))
            if let next {
                assert(next == answerNode)
                result = answer
                switch label(of: next, c, hi: hi) {
                case 1: result.byLength.0 = Int32(next)
                case 2: result.byLength.1 = Int32(next)
                case 3: result.byLength.2 = Int32(next)
                default: break
                }
            }
            remember(current, result)
            answer = result
            answerNode = current
        }
        return answer
    }
}
