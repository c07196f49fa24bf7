import Foundation
import PodiumText
import Yams

/// Defaults a person sets once, in `$XDG_CONFIG_HOME/podium/config.yaml` (else
/// `~/.config/podium/config.yaml`); flags and environment variables override each of them.
///
/// ```yaml
/// name: ken            # who you are in histories (as --name / $PODIUM_NAME)
/// language: ja         # ja or en (as --lang / $PODIUM_LANG)
/// bell: false          # ring at the thresholds (as --bell / --no-bell)
/// big_seconds: true    # big digits with seconds (as --big-seconds)
/// ```
public struct UserConfig: Equatable, Sendable {
    public var name: String?
    public var language: Language?
    public var bell: Bool?
    public var bigSeconds: Bool?

    public init(name: String? = nil, language: Language? = nil, bell: Bool? = nil, bigSeconds: Bool? = nil) {
        self.name = name
        self.language = language
        self.bell = bell
        self.bigSeconds = bigSeconds
    }

    static let keys = ["name", "language", "bell", "big_seconds"]

    /// Where the file is looked for; nil without `$XDG_CONFIG_HOME` and `$HOME`.
    public static func path(environment: [String: String]) -> String? {
        if let base = environment["XDG_CONFIG_HOME"], base.hasPrefix("/") {
            return base + "/podium/config.yaml"
        }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return home + "/.config/podium/config.yaml"
    }

    /// Parses the file; a problem is an `EventFileError` with its line ("file:3:7: …").
    public static func parse(_ text: String, file: String) throws -> UserConfig {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else { return UserConfig() }
            root = node
        } catch let error as YamlError {
            throw EventFile.yamlError(error, file: file)
        }
        guard let mapping = root.mapping else {
            throw failure(file, root, Notice(.configNotMapping, Notice(verbatim: keys.joined(separator: ", "))))
        }
        var config = UserConfig()
        for (keyNode, value) in mapping {
            guard let key = keyNode.string, keys.contains(key) else {
                throw failure(file, keyNode, Notice(
                    .configUnknownKey, Notice(verbatim: keyNode.string ?? "?"), Notice(verbatim: keys.joined(separator: ", "))))
            }
            switch key {
            case "name":
                guard let text = value.scalar?.string, !text.isEmpty else { throw failure(file, value, Notice(.configName)) }
                config.name = text
            case "language":
                guard let text = value.scalar?.string, let language = Language(rawValue: text) else {
                    throw failure(file, value, Notice(.configLanguage, Notice(verbatim: value.scalar?.string ?? "")))
                }
                config.language = language
            default:
                guard let flag = value.bool else {
                    throw failure(file, value, Notice(.configBool, Notice(verbatim: key), Notice(verbatim: value.scalar?.string ?? "")))
                }
                if key == "bell" { config.bell = flag } else { config.bigSeconds = flag }
            }
        }
        return config
    }

    private static func failure(_ file: String, _ node: Node, _ notice: Notice) -> EventFileError {
        EventFileError(file: file, line: node.mark?.line, column: node.mark?.column, notice: notice)
    }
}
