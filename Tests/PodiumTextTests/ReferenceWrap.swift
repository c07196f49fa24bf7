import PodiumText

/// `TextLayout.wrap` as it was before it cut lines as slices of the text, kept word for word as
/// an oracle (`WrapEquivalenceTests`).
enum ReferenceWrap {
    static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        for paragraph in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            wrapParagraph(Array(paragraph), width: width, into: &lines)
        }
        return lines
    }

    static func wrapParagraph(_ characters: [Character], width: Int, into lines: inout [String]) {
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
            if index > start, TextLayout.canBreak(before: character, after: characters[index - 1]) {
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
                while cut > start + 1, TextLayout.noLineStart.contains(characters[cut]) { cut -= 1 }
                emit(start, cut)
                start = cut
                index = cut
            } else {
                // One grapheme wider than the whole line (wide character, width 1).
                lines.append(String(TextLayout.ellipsis))
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

}
