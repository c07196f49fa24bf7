import Foundation
import PodiumText

/// JSON written by hand, safe wherever it goes: `<`, `>`, `&`, quotes, line and paragraph
/// separators and every control character are escaped, so a string can never end a script
/// element, an HTML attribute or an event-stream line (a newline in a question is `\n`).
/// Strings are first made safe to show as consoles show them (`Sanitizer.multiline`: bidi
/// overrides and other invisible controls become `�`), so a page shows a question's text as
/// it was typed, never reversed or hidden.
enum JSONText {
    static func string(_ value: String) -> String {
        var out = "\""
        out.reserveCapacity(value.utf8.count + 2)
        for scalar in Sanitizer.multiline(value).unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "<": out += "\\u003c"
            case ">": out += "\\u003e"
            case "&": out += "\\u0026"
            case "'": out += "\\u0027"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if scalar.value < 0x20 || (0x7f...0x9f).contains(scalar.value) {
                    out += String(format: "\\u%04x", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    static func optional(_ value: String?) -> String {
        value.map(string) ?? "null"
    }

    /// Milliseconds since 1970, what the browser's `Date` counts in.
    static func millis(_ date: Date) -> String {
        String(Int64((date.timeIntervalSince1970 * 1000).rounded()))
    }

    static func number(_ value: Double) -> String {
        value.isFinite ? String(format: "%.3f", value) : "0"
    }

    /// `{"error": reason}`.
    static func error(_ reason: String) -> String {
        "{\"error\":\(string(reason))}"
    }
}
