import Foundation

/// Parses an exact time change typed at the prompt: "+3" (minutes), "-1:30", "90s", "2m".
public enum TimeAdjustment {
    public static func parse(_ text: String) -> Int? {
        var body = text.trimmingCharacters(in: .whitespaces)
        guard !body.isEmpty else { return nil }
        var sign = 1
        if body.hasPrefix("+") { body.removeFirst() } else if body.hasPrefix("-") {
            sign = -1
            body.removeFirst()
        }
        let seconds: Int?
        if body.hasSuffix("s"), let value = Int(body.dropLast()) {
            seconds = value
        } else if body.hasSuffix("m"), let value = Double(body.dropLast()) {
            seconds = Int((value * 60).rounded())
        } else if body.contains(":") {
            let parts = body.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 2, let minutes = Int(parts[0]), let secs = Int(parts[1]),
                  (0..<60).contains(secs) else { return nil }
            seconds = minutes * 60 + secs
        } else if let value = Double(body) {
            seconds = Int((value * 60).rounded())
        } else {
            seconds = nil
        }
        guard let seconds, seconds <= 24 * 3600 else { return nil }
        return sign * seconds
    }
}
