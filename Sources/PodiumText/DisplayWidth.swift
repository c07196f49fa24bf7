/// Display width in terminal cells, computed in pure Swift so that tests are deterministic.
///
/// Terminals disagree on emoji sequences (see shared/guide/text-width.md), so Podium draws every
/// grapheme in a *width-stable form* (`displayForm`): variation selectors (VS15/VS16) and
/// skin-tone modifiers are dropped, a ZWJ sequence shows only its first member, a keycap shows its
/// base, tag characters are dropped, a spacing scalar after the first one is dropped (except the
/// second regional indicator of a flag), scalars newer than `newestDrawnUnicodeVersion` become
/// U+FFFD, and a grapheme keeps at most `maximumScalarsPerGrapheme` scalars (ncurses'
/// `CCHARW_MAX`, which also tames combining-mark towers). So every grapheme is 0, 1 or 2 cells
/// (a CR LF pair, only in unsanitised text, counts 2) and fits one curses cell. On what is left,
/// glibc/ncurses, tmux and modern terminals agree, and the width is the simple per-scalar one that
/// ncurses (glibc `wcwidth`) uses, summed over the display form:
///
/// | text | display form | cells |
/// |---|---|---|
/// | `漢` `か` `한` `！` (full-width) | same | 2 |
/// | `ｶ` (half-width), `é`, `e` + U+0301 | same | 1 |
/// | `👍🏽` | `👍` | 2 |
/// | `👨‍👩‍👧` | `👨` | 2 |
/// | `🇯🇵` | same (two regional indicators, 1 + 1) | 2 |
/// | `❤️` (U+2764 U+FE0F) | `❤` (text form) | **1** |
/// | `1️⃣` | `1` | 1 |
///
/// **A deliberate deviation** from the usual rule ("an emoji with VS16 takes 2"): a symbol
/// whose emoji form needs VS16 (❤️, ☺️, ✔️) has no form that every terminal draws two cells wide (glibc and tmux draw it
/// one cell, kitty/WezTerm two), so Podium draws its text form and counts **one** cell, as the
/// text-width guide recommends. Every emoji with a default emoji presentation (👍, 👨, 😀, 🇯🇵)
/// still takes 2.
///
/// Unsafe scalars (controls, tab, DEL, C1, bidi controls, LS/PS; see `Sanitizer.isUnsafe`) count
/// **one** cell each: the width of the visible replacement `Sanitizer.line` draws for them. A tab
/// is never expanded; the sanitiser turns it into one space. So for any text,
/// `cells(of: Sanitizer.line(text)) <= cells(of: text)`, equal unless a control was followed by
/// a mark that its visible replacement absorbs (a lone skin tone after ESC, for instance):
/// measuring unsanitised text never under-counts what will be drawn.
public enum DisplayWidth {
    /// The most scalars a grapheme keeps in display form (ncurses' `CCHARW_MAX`).
    public static let maximumScalarsPerGrapheme = 5

    /// Cells taken by one Unicode scalar as ncurses (glibc wcwidth) draws it: 0, 1 or 2.
    /// An unsafe scalar (control, bidi control, …) counts 1: the width of its sanitised form.
    public static func cells(of scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value < 0x20 || (value >= 0x7F && value < 0xA0) { return 1 }
        if value < 0x300 { return 1 }
        if Sanitizer.isUnsafe(scalar) { return 1 }
        if isUnknownToTerminals(scalar) { return 1 }  // drawn as U+FFFD
        if isZeroWidth(value, scalar) { return 0 }
        if isWide(value) { return 2 }
        return 1
    }

    /// Cells taken by a grapheme cluster drawn in its width-stable form.
    public static func cells(of character: Character) -> Int {
        let scalars = character.unicodeScalars
        if scalars.count == 1 { return cells(of: scalars.first!) }
        var total = 0
        forEachDisplayScalar(of: character) { total += cells(of: $0) }
        return total
    }

    /// Cells taken by a string drawn grapheme by grapheme in width-stable form.
    public static func cells(of text: String) -> Int {
        if isPrintableASCII(text) { return text.utf8.count }
        var total = 0
        for character in text { total += cells(of: character) }
        return total
    }

    /// Whether every byte is printable ASCII (space to tilde): each such character is one
    /// grapheme, one cell, drawn as it is and safe as it is. Most of a screen's text is, and
    /// this test is much cheaper than walking graphemes (the once-a-second frame).
    @inlinable
    public static func isPrintableASCII(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in bytes.allSatisfy { $0 >= 0x20 && $0 < 0x7F } }
    }

    /// Cells taken by a substring drawn grapheme by grapheme in width-stable form.
    public static func cells(of text: Substring) -> Int {
        var total = 0
        for character in text { total += cells(of: character) }
        return total
    }

    /// The form in which a grapheme is drawn: one that every terminal measured draws at the same
    /// width. The stored text is never changed; this is for display only.
    public static func displayForm(of character: Character) -> String {
        let scalars = character.unicodeScalars
        // Fast path: a single scalar is already stable.
        if scalars.count == 1 {
            return isUnknownToTerminals(scalars.first!) ? String(Sanitizer.replacement) : String(character)
        }
        var result = String.UnicodeScalarView()
        forEachDisplayScalar(of: character) { result.append($0) }
        return String(result)
    }

    /// Calls `body` with each scalar of the display form of `character`. A grapheme made only of
    /// selectors, modifiers and joiners keeps its first scalar, so it never becomes nothing.
    private static func forEachDisplayScalar(of character: Character, _ body: (Unicode.Scalar) -> Void) {
        var kept = 0
        var sawJoinerAfterBase = false
        var firstScalar: Unicode.Scalar? = nil
        var firstKeptIsRegionalIndicator = false
        for scalar in character.unicodeScalars {
            if firstScalar == nil { firstScalar = scalar }
            if kept >= maximumScalarsPerGrapheme || sawJoinerAfterBase { break }
            switch scalar.value {
            case 0xFE0E, 0xFE0F: continue               // variation selectors (text/emoji)
            case 0x1F3FB...0x1F3FF: continue            // skin-tone modifiers
            case 0x20E3: continue                       // combining enclosing keycap
            case 0xE0020...0xE007F: continue            // tag characters (subdivision flags)
            case 0x200D:                                // ZWJ: keep only the first member
                if kept > 0 { sawJoinerAfterBase = true }
                continue
            default:
                if isUnknownToTerminals(scalar) {
                    // Drawn as U+FFFD when it leads the grapheme, dropped after a base.
                    if kept > 0 { continue }
                    kept += 1
                    body("\u{FFFD}")
                    continue
                }
                if kept > 0, cells(of: scalar) > 0, !Sanitizer.isUnsafe(scalar),
                   !(isRegionalIndicator(scalar) && kept == 1 && firstKeptIsRegionalIndicator) {
                    // A second spacing scalar (Hangul L L, an Indic spacing mark, …): dropped, so
                    // a grapheme is at most 2 cells and one curses cell. A flag keeps its pair.
                    continue
                }
                if kept == 0 { firstKeptIsRegionalIndicator = isRegionalIndicator(scalar) }
                kept += 1
                body(scalar)
            }
        }
        if kept == 0, let firstScalar {
            body(isUnknownToTerminals(firstScalar) ? "\u{FFFD}" : firstScalar)
        }
    }

    private static func isRegionalIndicator(_ scalar: Unicode.Scalar) -> Bool {
        (0x1F1E6...0x1F1FF).contains(scalar.value)
    }

    /// The newest Unicode version whose characters are drawn as they are. glibc 2.36 (Debian 12,
    /// this machine kind and CI) knows Unicode 14.0; for anything newer its `wcwidth` returns -1,
    /// so ncurses and tmux would each guess a width. Such scalars, unassigned code points and
    /// noncharacters are drawn as U+FFFD (one cell) instead.
    public static let newestDrawnUnicodeVersion = (major: 14, minor: 0)

    /// Whether terminals here may not know `scalar` (see `newestDrawnUnicodeVersion`).
    public static func isUnknownToTerminals(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x300 { return false }
        let properties = scalar.properties
        if properties.isNoncharacterCodePoint { return true }
        guard let age = properties.age else { return true }
        if age.major != newestDrawnUnicodeVersion.major { return age.major > newestDrawnUnicodeVersion.major }
        return age.minor > newestDrawnUnicodeVersion.minor
    }

    private static func isZeroWidth(_ value: UInt32, _ scalar: Unicode.Scalar) -> Bool {
        switch value {
        // Prepended concatenation marks are format characters that glibc draws one cell wide.
        case 0x0600...0x0605, 0x06DD, 0x070F, 0x0890...0x0891, 0x08E2, 0x110BD, 0x110CD:
            return false
        case 0x200B...0x200F, 0x2028...0x202E, 0x2060...0x206F, 0xFEFF, 0xFE00...0xFE0F,
             0x1160...0x11FF, 0xD7B0...0xD7FF, 0xE0000...0xE0FFF, 0x1171E:
            return true
        default:
            break
        }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format:
            return true
        default:
            return false
        }
    }

    /// East Asian Wide and Fullwidth ranges, plus emoji with default emoji presentation,
    /// as in glibc's wcwidth (Unicode 15).
    private static func isWide(_ value: UInt32) -> Bool {
        if value < 0x1100 { return false }
        // Binary search over sorted, non-overlapping ranges.
        var low = 0
        var high = wideRanges.count - 1
        while low <= high {
            let middle = (low + high) / 2
            let range = wideRanges[middle]
            if value < range.lowerBound {
                high = middle - 1
            } else if value > range.upperBound {
                low = middle + 1
            } else {
                return true
            }
        }
        return false
    }

    private static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0...0x23F0,
        0x23F3...0x23F3, 0x25FD...0x25FE, 0x2614...0x2615, 0x2648...0x2653, 0x267F...0x267F,
        0x2693...0x2693, 0x26A1...0x26A1, 0x26AA...0x26AB, 0x26BD...0x26BE, 0x26C4...0x26C5,
        0x26CE...0x26CE, 0x26D4...0x26D4, 0x26EA...0x26EA, 0x26F2...0x26F3, 0x26F5...0x26F5,
        0x26FA...0x26FA, 0x26FD...0x26FD, 0x2705...0x2705, 0x270A...0x270B, 0x2728...0x2728,
        0x274C...0x274C, 0x274E...0x274E, 0x2753...0x2755, 0x2757...0x2757, 0x2795...0x2797,
        0x27B0...0x27B0, 0x27BF...0x27BF, 0x2B1B...0x2B1C, 0x2B50...0x2B50, 0x2B55...0x2B55,
        0x2E80...0x2E99, 0x2E9B...0x2EF3, 0x2F00...0x2FD5, 0x2FF0...0x2FFB, 0x3000...0x303E,
        0x3041...0x3096, 0x3099...0x30FF, 0x3105...0x312F, 0x3131...0x318E, 0x3190...0x31E3,
        0x31F0...0x321E, 0x3220...0xA48C, 0xA490...0xA4C6,
        0xA960...0xA97C, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE52,
        0xFE54...0xFE66, 0xFE68...0xFE6B, 0xFF01...0xFF60, 0xFFE0...0xFFE6, 0x16FE0...0x16FE4,
        0x16FF0...0x16FF1, 0x17000...0x187F7, 0x18800...0x18CD5, 0x18D00...0x18D08,
        0x1AFF0...0x1AFF3, 0x1AFF5...0x1AFFB, 0x1AFFD...0x1AFFE, 0x1B000...0x1B122,
        0x1B132...0x1B132, 0x1B150...0x1B152, 0x1B155...0x1B155, 0x1B164...0x1B167,
        0x1B170...0x1B2FB, 0x1F004...0x1F004, 0x1F0CF...0x1F0CF, 0x1F18E...0x1F18E,
        0x1F191...0x1F19A, 0x1F200...0x1F202, 0x1F210...0x1F23B, 0x1F240...0x1F248,
        0x1F250...0x1F251, 0x1F260...0x1F265, 0x1F300...0x1F320, 0x1F32D...0x1F335,
        0x1F337...0x1F37C, 0x1F37E...0x1F393, 0x1F3A0...0x1F3CA, 0x1F3CF...0x1F3D3,
        0x1F3E0...0x1F3F0, 0x1F3F4...0x1F3F4, 0x1F3F8...0x1F43E, 0x1F440...0x1F440,
        0x1F442...0x1F4FC, 0x1F4FF...0x1F53D, 0x1F54B...0x1F54E, 0x1F550...0x1F567,
        0x1F57A...0x1F57A, 0x1F595...0x1F596, 0x1F5A4...0x1F5A4, 0x1F5FB...0x1F64F,
        0x1F680...0x1F6C5, 0x1F6CC...0x1F6CC, 0x1F6D0...0x1F6D2, 0x1F6D5...0x1F6D7,
        0x1F6DC...0x1F6DF, 0x1F6EB...0x1F6EC, 0x1F6F4...0x1F6FC, 0x1F7E0...0x1F7EB,
        0x1F7F0...0x1F7F0, 0x1F90C...0x1F93A, 0x1F93C...0x1F945, 0x1F947...0x1F9FF,
        0x1FA70...0x1FA7C, 0x1FA80...0x1FA88, 0x1FA90...0x1FABD, 0x1FABF...0x1FAC5,
        0x1FACE...0x1FADB, 0x1FAE0...0x1FAE8, 0x1FAF0...0x1FAF8, 0x20000...0x2FFFD,
        0x30000...0x3FFFD,
    ]
}
