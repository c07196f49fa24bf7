/// The language of everything a person reads. What machines read (JSON keys and values, CSV
/// column names, exit statuses, the state file) never changes with it.
public enum Language: String, Sendable, CaseIterable {
    case en, ja

    /// The language a person asked for: `--lang`, else `PODIUM_LANG`, else the config file's
    /// `language`, else the locale (`LC_ALL`, then `LC_MESSAGES`, then `LANG`, the first that is
    /// set and not empty, as POSIX looks them up): Japanese when it starts with `ja`.
    /// Unknown explicit values are an error for the caller (`parse`), not a silent English.
    public static func resolve(flag: Language? = nil, configured: Language? = nil, environment: [String: String]) -> Language {
        if let flag { return flag }
        if let value = environment["PODIUM_LANG"], let language = parse(value) { return language }
        if let configured { return configured }
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let value = environment[name], !value.isEmpty {
                return value.lowercased().hasPrefix("ja") ? .ja : .en
            }
        }
        return .en
    }

    /// "ja", "en", and locale-like names ("ja_JP.UTF-8", "en_US"); nil for anything else.
    public static func parse(_ text: String) -> Language? {
        let lowered = text.lowercased()
        if lowered.hasPrefix("ja") { return .ja }
        if lowered.hasPrefix("en") || lowered == "c" || lowered == "posix" { return .en }
        return nil
    }

    /// A message of the catalog in this language, with `{1}`, `{2}`… replaced by the arguments.
    public func t(_ message: Msg, _ arguments: Any...) -> String {
        message.text(self, arguments.map { "\($0)" })
    }
}

extension Msg {
    /// The text in a language with `{1}`, `{2}`… replaced.
    public func text(_ language: Language, _ arguments: [String] = []) -> String {
        guard let entry = Msg.catalog[self] else { return rawValue }
        var text = language == .ja ? entry.ja : entry.en
        guard !arguments.isEmpty else { return text }
        for (index, argument) in arguments.enumerated().reversed() {
            text = text.replacingOccurrences(of: "{\(index + 1)}", with: argument)
        }
        return text
    }
}

extension String {
    fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var result = ""
        var rest = Substring(self)
        while let range = rest.range(of: target) {
            result += rest[..<range.lowerBound]
            result += replacement
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}

extension Substring {
    fileprivate func range(of target: String) -> Range<Substring.Index>? {
        var index = startIndex
        while index < endIndex {
            if self[index...].hasPrefix(target) {
                return index..<self.index(index, offsetBy: target.count)
            }
            index = self.index(after: index)
        }
        return nil
    }
}
