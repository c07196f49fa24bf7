/// Makes untrusted text inert before it reaches a terminal cell, standard output or a file that
/// a terminal may show. Every control character becomes a visible replacement, so an escape
/// sequence hidden in a question shows as harmless text ("␛]52;c;…") and does nothing.
public enum Sanitizer {
    /// The replacement for a C1 control, a bidi override or anything else unsafe that has no
    /// picture of its own.
    public static let replacement: Character = "\u{FFFD}"

    /// Sanitises a single line: every control, including newline and tab, becomes visible
    /// or a space (tab).
    public static func line(_ text: String) -> String {
        sanitize(text, keepNewlines: false)
    }

    /// Sanitises text that may hold several lines (notes): newlines are kept, CR LF becomes LF.
    public static func multiline(_ text: String) -> String {
        sanitize(text, keepNewlines: true)
    }

    /// Whether a string is already safe as a single line (the common case, checked cheaply).
    public static func isSafeLine(_ text: String) -> Bool {
        for scalar in text.unicodeScalars where isUnsafe(scalar) || scalar.value == 0x0A {
            return false
        }
        return true
    }

    /// Whether a scalar must never reach a terminal as it is.
    public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        switch value {
        case 0x00...0x1F, 0x7F...0x9F: return true          // C0, DEL, C1 (8-bit CSI, OSC…)
        case 0x202A...0x202E, 0x2066...0x2069: return true  // bidi embeddings, overrides, isolates
        case 0x200E, 0x200F, 0x061C: return true            // bidi marks
        case 0x2028, 0x2029: return true                    // line and paragraph separators
        case 0xFFF9...0xFFFB: return true                   // interlinear annotation controls
        case 0xD800...0xDFFF: return true                   // (cannot occur in a Swift String)
        default: return false
        }
    }

    private static func sanitize(_ text: String, keepNewlines: Bool) -> String {
        var needsWork = false
        for scalar in text.unicodeScalars where isUnsafe(scalar) {
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
