/// Makes untrusted text inert before it reaches a terminal cell, standard output or a file that
/// a terminal may show. Every unsafe scalar becomes a visible, inert replacement of exactly one
/// cell, so an escape sequence hidden in a question shows as harmless text and does nothing:
///
/// | input | `line` | `multiline` |
/// |---|---|---|
/// | C0 controls U+0000–U+001F (NUL, BEL, BS, ESC, …) | Control Pictures `␀ ␇ ␈ ␛` (U+2400 + code) | same |
/// | tab | one space (tabs are never expanded) | one space |
/// | LF, CR, CR LF | one space each | LF (CR LF and lone CR become one LF) |
/// | DEL U+007F | `␡` | `␡` |
/// | C1 controls U+0080–U+009F (8-bit CSI U+009B, OSC U+009D, DCS, APC, PM, SOS, NEL, …) | `�` | `�` |
/// | bidi embeddings/overrides U+202A–U+202E, isolates U+2066–U+2069, marks U+200E U+200F U+061C | `�` | `�` |
/// | line/paragraph separators U+2028 U+2029 | space | LF |
/// | interlinear annotation U+FFF9–U+FFFB | `�` | `�` |
///
/// Escape sequences (CSI `ESC [`, OSC `ESC ]`, DCS `ESC P`, APC `ESC _`, PM `ESC ^`, SOS `ESC X`,
/// and their 8-bit forms) are neutralised by replacing their introducer: `ESC [2J` shows as
/// `␛[2J`, OSC 52 as `␛]52;c;…␇`, `U+009B 2J` as `�2J`. Without its ESC (or C1 introducer) the
/// rest of a sequence is ordinary printable text that no terminal acts on, and the user can see
/// what was attempted. Invalid UTF-8 cannot occur in a Swift `String`; bytes are decoded with
/// `decode(_:)`, which turns each invalid sequence into U+FFFD. (Lone surrogates cannot occur in
/// a Swift `String` either.)
public enum Sanitizer {
    /// The replacement for a C1 control, a bidi control or anything else unsafe that has no
    /// picture of its own.
    public static let replacement: Character = "\u{FFFD}"

    /// Sanitises a single line: every control, including newline and tab, becomes visible
    /// or a space (tab, newline). Each unsafe scalar becomes exactly one one-cell scalar.
    public static func line(_ text: String) -> String {
        sanitize(text, keepNewlines: false)
    }

    /// Sanitises text that may hold several lines (notes): newlines are kept, CR LF and lone CR
    /// become LF, LS/PS become LF; everything else as `line`.
    public static func multiline(_ text: String) -> String {
        sanitize(text, keepNewlines: true)
    }

    /// Decodes raw bytes (a state file, an import, a pipe) as UTF-8; every invalid sequence
    /// becomes U+FFFD. The result still needs `line`/`multiline` before display.
    public static func decode(_ bytes: [UInt8]) -> String {
        String(decoding: bytes, as: UTF8.self)
    }

    /// One CSV cell (RFC 4180), safe for spreadsheets and terminals: sanitised as `multiline`
    /// (newlines kept inside the quoted cell), formula injection neutralised (a cell whose first
    /// character other than spaces, tabs and newlines is `=`, `+`, `-` or `@` gets a `'` prefix),
    /// then quoted with `"` (inner quotes doubled) when it holds `,` `"` or a newline.
    public static func csvCell(_ text: String) -> String {
        var value = multiline(text)
        if startsLikeFormula(value) { value = "'" + value }
        return csvValue(value)
    }

    /// A value of Podium's own in a CSV cell (a count, a time, "-1:30"): quoted as `csvCell`
    /// quotes, but neither sanitised nor given the `'` prefix, which would change it.
    public static func csvValue(_ value: String) -> String {
        var needsQuotes = false
        for scalar in value.unicodeScalars {
            switch scalar {
            case ",", "\"", "\n", "\r": needsQuotes = true
            default: continue
            }
            break
        }
        if !needsQuotes { return value }
        var quoted = "\""
        for scalar in value.unicodeScalars {
            if scalar == "\"" { quoted.unicodeScalars.append("\"") }
            quoted.unicodeScalars.append(scalar)
        }
        quoted.append("\"")
        return quoted
    }

    /// One CSV record: cells made safe with `csvCell`, joined by commas, ended with CR LF.
    public static func csvRow(_ cells: [String]) -> String {
        csvRecord(cells.map(csvCell))
    }

    /// One CSV record of cells already made with `csvCell` or `csvValue`.
    public static func csvRecord(_ cells: [String]) -> String {
        cells.joined(separator: ",") + "\r\n"
    }

    /// Whether a spreadsheet could read `text` as a formula: its first character other than
    /// spaces, tabs and newlines is `=`, `+`, `-` or `@`.
    public static func startsLikeFormula(_ text: String) -> Bool {
        for scalar in text.unicodeScalars {
            switch scalar {
            case " ", "\t", "\n", "\r": continue
            case "=", "+", "-", "@": return true
            default: return false
            }
        }
        return false
    }

    /// Whether a string is already safe as a single line (the common case, checked cheaply).
    public static func isSafeLine(_ text: String) -> Bool {
        for scalar in text.unicodeScalars where isUnsafe(scalar) {
            return false
        }
        return true
    }

    /// Whether a scalar must never reach a terminal as it is.
    public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        switch value {
        case 0x00...0x1F, 0x7F...0x9F: return true          // C0, DEL, C1 (8-bit CSI, OSC…)
        case 0x20...0x7E, 0xA0...0x2027: return value == 0x200E || value == 0x200F || value == 0x061C
        case 0x202A...0x202E, 0x2066...0x2069: return true  // bidi embeddings, overrides, isolates
        case 0x2028, 0x2029: return true                    // line and paragraph separators
        case 0xFFF9...0xFFFB: return true                   // interlinear annotation controls
        case 0xD800...0xDFFF: return true                   // (cannot occur in a Swift String)
        default: return false
        }
    }

    private static func sanitize(_ text: String, keepNewlines: Bool) -> String {
        if DisplayWidth.isPrintableASCII(text) { return text }
        var needsWork = false
        // A lone LF stays as it is in multi-line text: notes of many lines are not rebuilt.
        for scalar in text.unicodeScalars where isUnsafe(scalar) && !(keepNewlines && scalar.value == 0x0A) {
            needsWork = true
            break
        }
        if !needsWork { return text }
        var result = String.UnicodeScalarView()
        var previousWasCarriageReturn = false
        for scalar in text.unicodeScalars {
            let value = scalar.value
            defer { previousWasCarriageReturn = (value == 0x0D) }
            if !isUnsafe(scalar) {
                result.append(scalar)
                continue
            }
            switch value {
            case 0x0A:
                if keepNewlines {
                    if !previousWasCarriageReturn { result.append(scalar) }
                } else {
                    result.append(" ")
                }
            case 0x0D:
                result.append(keepNewlines ? "\n" : " ")
            case 0x09:
                result.append(" ")
            case 0x00...0x1F:
                // Control Pictures: NUL → ␀, ESC → ␛, BEL → ␇ …
                result.append(Unicode.Scalar(0x2400 + value)!)
            case 0x7F:
                result.append("\u{2421}")  // ␡
            case 0x2028, 0x2029:
                result.append(keepNewlines ? "\n" : " ")
            default:
                result.append(contentsOf: String(replacement).unicodeScalars)
            }
        }
        return String(result)
    }
}
