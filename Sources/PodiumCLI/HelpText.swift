import Foundation
import PodiumText

/// ArgumentParser wraps help text but not the usage line, which grows past 80 columns with a
/// few options and then breaks in the terminal inside an option (`[--name <name` / `>]`).
enum HelpText {
    /// The width help is written for: $COLUMNS, else 80 (ArgumentParser's own choice when
    /// the output is not a terminal).
    static func width(environment: [String: String] = ProcessInfo.processInfo.environment) -> Int {
        environment["COLUMNS"].flatMap { Int($0) }.map { max(40, $0) } ?? 80
    }

    /// Wraps every "USAGE: …" (help) or "Usage: …" (a usage error) line longer than `width` between whole tokens, a bracketed
    /// group (`[--name <name>]`) being one token; continuation lines are indented under the
    /// command.
    static func wrapUsage(_ text: String, width: Int) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            let line = String(line)
            guard let label = ["USAGE:", "Usage:", Language.ja.t(.usagePrefix).trimmingCharacters(in: .whitespaces)].first(where: { line.hasPrefix($0 + " ") }),
                  DisplayWidth.cells(of: line) > width else { return line }
            let tokens = usageTokens(String(line.dropFirst(label.count + 1)))
            // Indent continuation lines past "USAGE: podium <command>".
            let commandWords = tokens.prefix { !$0.hasPrefix("[") && !$0.hasPrefix("<") && !$0.hasPrefix("-") }
            var indent = DisplayWidth.cells(of: label) + 1 + commandWords.joined(separator: " ").count + 1
            if indent > width / 2 { indent = 9 }
            var lines: [String] = []
            var current = label
            for token in tokens {
                let candidate = current + " " + token
                if DisplayWidth.cells(of: candidate) > width, current.count > indent {
                    lines.append(current)
                    current = String(repeating: " ", count: indent - 1) + " " + token
                } else {
                    current = candidate
                }
            }
            lines.append(current)
            return lines.joined(separator: "\n")
        }.joined(separator: "\n")
    }

    /// A usage error of ArgumentParser ("Error: …", "Usage: …", "See '…' for more
    /// information.") with those words in `language`; the message itself and the usage line
    /// stay as they are.
    static func localizedUsageError(_ text: String, language: Language) -> String {
        guard language != .en else { return text }
        let seeSuffix = "' for more information."
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            let line = String(line)
            if line.hasPrefix("Error: ") { return language.t(.usageErrorPrefix) + argumentParserMessage(String(line.dropFirst("Error: ".count)), language) }
            if line.hasPrefix("Help: ") { return language.t(.apHelpLabel) + line.dropFirst("Help: ".count) }
            if line.hasPrefix("Usage: ") { return language.t(.usagePrefix) + line.dropFirst("Usage: ".count) }
            if let open = line.range(of: "See '"), line.hasSuffix(seeSuffix), open.upperBound <= line.index(line.endIndex, offsetBy: -seeSuffix.count) {
                let command = line[open.upperBound..<line.index(line.endIndex, offsetBy: -seeSuffix.count)]
                return String(line[..<open.lowerBound]) + language.t(.usageSeeHelp, command)
            }
            return line
        }.joined(separator: "\n")
    }

    /// ArgumentParser's own messages ("Unknown option '--x'") in `language`, matched by their
    /// English; what it quotes stays as it was typed. Anything else is left as it is.
    static func argumentParserMessage(_ text: String, _ language: Language) -> String {
        let patterns: [(String, Msg)] = [
            ("^Unknown option '(.+?)'\\. Did you mean '(.+?)'\\?$", .apUnknownOptionSuggest),
            ("^Unknown option '(.+)'$", .apUnknownOption),
            ("^Missing value for '(.+)'$", .apMissingValue),
            ("^Unexpected argument '(.+)'$", .apUnexpected),
            ("^Missing expected argument '(.+)'$", .apMissingArgument),
            ("^The value '(.*?)' is invalid for '(.+?)'$", .apInvalidValue),
        ]
        var text = text
        var rest = ""
        if let range = text.range(of: ". Please provide one of "), text.hasSuffix(".") {
            let choices = text[range.upperBound..<text.index(before: text.endIndex)]
            rest = language.t(.apProvideOneOf, choices.replacingOccurrences(of: "' or '", with: "', '"))
            text = String(text[..<range.lowerBound])
        }
        for (pattern, message) in patterns {
            guard let expression = try? NSRegularExpression(pattern: pattern),
                  let match = expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) else { continue }
            let groups = (1..<match.numberOfRanges).compactMap { Range(match.range(at: $0), in: text).map { String(text[$0]) } }
            return message.text(language, groups) + rest
        }
        return text + (rest.isEmpty ? "" : rest)
    }

    /// Words of a usage line, with `[…]` and `<…>` groups kept whole.
    static func usageTokens(_ text: String) -> [String] {
        var tokens: [String] = []
        var current = ""
        var depth = 0
        for character in text {
            if character == " ", depth == 0 {
                if !current.isEmpty { tokens.append(current) }
                current = ""
                continue
            }
            if character == "[" || character == "<" { depth += 1 }
            if character == "]" || character == ">" { depth = max(0, depth - 1) }
            current.append(character)
        }
        if !current.isEmpty { tokens.append(current) }
        return tokens
    }
}
