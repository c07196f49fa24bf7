import Foundation
import PodiumText

/// `podium hots`: without this, the word goes to the default command (host), which answers
/// "Unexpected argument 'hots'" with the host's usage, as if the host had been asked for.
/// A first word that is no option and no command gets its own message and the nearest name.
enum UnknownCommand {
    /// The message for `arguments` (without the program name), or nil when the first word is
    /// an option, a command, or absent.
    static func message(_ arguments: [String], commands: [String], language: Language = .en) -> String? {
        guard let word = arguments.first, !word.hasPrefix("-"), !commands.contains(word), word != "help" else {
            return nil
        }
        let shown = Sanitizer.line(word)
        var text = language.t(.unknownCommand, shown)
        if let nearest = commands.min(by: { distance(word, $0) < distance(word, $1) }),
           distance(word, nearest) <= max(2, nearest.count / 3) {
            text += language.t(.unknownCommandNearest, nearest)
        }
        text += "\n" + language.t(.unknownCommandList, commands.joined(separator: ", "))
        return text
    }

    /// Levenshtein distance between two words (short: command names).
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...max(b.count, 1) where j <= b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
