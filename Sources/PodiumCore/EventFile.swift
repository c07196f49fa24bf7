import Foundation
import PodiumText
import Yams

/// A problem in an event file, with the place it was found.
public struct EventFileError: Error, Equatable, CustomStringConvertible, Sendable {
    public var file: String
    public var line: Int?
    public var column: Int?
    public var message: String
    /// The message from the catalog, to say it in another language (nil: English only).
    public var notice: Notice?

    public init(file: String, line: Int? = nil, column: Int? = nil, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public init(file: String, line: Int? = nil, column: Int? = nil, notice: Notice) {
        self.init(file: file, line: line, column: column, message: notice.description)
        self.notice = notice
    }

    /// "config/meetup.yaml:12:5: sessions[2].minutes must be a number of minutes, not "ten""
    public var description: String { description(.en) }

    /// The same place, the message in a language.
    public func description(_ language: Language) -> String {
        var place = file
        if let line { place += ":\(line)" }
        if let column { place += ":\(column)" }
        return Sanitizer.line("\(place): \(notice?.text(language) ?? message)")
    }
}

/// Parses the human-edited YAML event file. Pure: notes files are read through `readFile`.
///
/// A notes file (`notes_file`, `host_notes_file`) is resolved against the event file's
/// directory and kept in the session as an absolute path (against `workingDirectory` when the
/// event file's own path is relative): the state then knows where the notes came from, and
/// `podium notes export` writes them back from any directory.
///
/// ```yaml
/// title: Kubernetes Meetup Tokyo #15
/// start: "19:00"
/// warning_minutes: 5
/// danger_minutes: 2
/// sessions:
///   - id: opening
///     title: Opening
///     minutes: 5
///     notes: |
///       Welcome everyone
///     notes_file: notes/overview.md
/// ```
public enum EventFile {
    static let topKeys: Set<String> = [
        "title", "date", "venue", "start", "warning_minutes", "danger_minutes", "cues", "sessions",
    ]
    static let sessionKeys: Set<String> = [
        "id", "title", "speaker", "minutes", "warning_minutes", "danger_minutes", "notes",
        "notes_file", "host_notes", "host_notes_file",
    ]

    public static func parse(
        _ text: String, file: String,
        workingDirectory: String = FileManager.default.currentDirectoryPath,
        readFile: (String) throws -> String = { try String(contentsOfFile: $0, encoding: .utf8) }
    ) throws -> Event {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw EventFileError(file: file, line: 1, notice: Notice(.eventEmpty))
            }
            root = node
        } catch let error as EventFileError {
            throw error
        } catch let error as YamlError {
            throw yamlError(error, file: file)
        } catch {
            throw EventFileError(file: file, message: "cannot read YAML: \(error)")
        }
        guard let mapping = root.mapping else {
            throw failure(file, root, Notice(.eventNotMapping))
        }
        try checkKeys(mapping, allowed: topKeys, file: file, path: "")
        let title = try requiredString(mapping, "title", file: file, path: "", parent: root)
        let warning = try optionalMinutes(mapping, "warning_minutes", file: file, path: "") ?? 300
        let danger = try optionalMinutes(mapping, "danger_minutes", file: file, path: "") ?? 120
        if danger > warning {
            throw failure(file, mapping["danger_minutes"] ?? root,
                          Notice(.eventDangerOverWarning, Notice(verbatim: "\(danger / 60)"), Notice(verbatim: "\(warning / 60)")))
        }
        let start = try optionalString(mapping, "start", file: file, path: "")
        if let start, let node = mapping["start"], parseTimeOfDay(start) == nil {
            throw failure(file, node, Notice(.eventBadStart, Notice(verbatim: start)))
        }
        var cues = Event.defaultCues
        if let cueNode = mapping["cues"] {
            guard let sequence = cueNode.sequence else {
                throw failure(file, cueNode, Notice(.eventCuesList))
            }
            cues = try sequence.map { node in
                guard let text = node.string, !text.isEmpty else {
                    throw failure(file, node, Notice(.eventCueText))
                }
                return text
            }
        }
        guard let sessionsNode = mapping["sessions"] else {
            throw failure(file, root, Notice(.eventNoSessions))
        }
        guard let sessionNodes = sessionsNode.sequence, !sessionNodes.isEmpty else {
            throw failure(file, sessionsNode, Notice(.eventSessionsList))
        }
        var sessions: [Session] = []
        var seen: Set<String> = []
        for (index, node) in sessionNodes.enumerated() {
            let path = "sessions[\(index + 1)]"
            guard let item = node.mapping else {
                throw failure(file, node, Notice(.eventSessionMapping, Notice(verbatim: path)))
            }
            try checkKeys(item, allowed: sessionKeys, file: file, path: path + ".")
            let sessionTitle = try requiredString(item, "title", file: file, path: path + ".", parent: node)
            let id = try optionalString(item, "id", file: file, path: path + ".") ?? slug(sessionTitle, index: index)
            if seen.contains(id) {
                throw failure(file, item["id"] ?? node, Notice(.eventDuplicateID, Notice(verbatim: path), Notice(verbatim: id)))
            }
            seen.insert(id)
            guard let minutesNode = item["minutes"] else {
                throw failure(file, node, Notice(.eventNoMinutes, Notice(verbatim: path), Notice(verbatim: sessionTitle)))
            }
            let planned = try minutes(minutesNode, file: file, name: "\(path).minutes")
            if planned <= 0 {
                throw failure(file, minutesNode, Notice(.eventMinutesPositive, Notice(verbatim: path)))
            }
            var notes = try optionalString(item, "notes", file: file, path: path + ".") ?? ""
            var notesPath: String? = nil
            if let path = try optionalString(item, "notes_file", file: file, path: path + ".") {
                notesPath = absolute(resolve(path, file: file), in: workingDirectory)
                notes = try read(path, from: item["notes_file"]!, file: file, readFile: readFile)
            }
            var hostNotes = try optionalString(item, "host_notes", file: file, path: path + ".") ?? ""
            var hostNotesPath: String? = nil
            if let path = try optionalString(item, "host_notes_file", file: file, path: path + ".") {
                hostNotesPath = absolute(resolve(path, file: file), in: workingDirectory)
                hostNotes = try read(path, from: item["host_notes_file"]!, file: file, readFile: readFile)
            }
            sessions.append(Session(
                id: id, title: sessionTitle,
                speaker: try optionalString(item, "speaker", file: file, path: path + "."),
                plannedSeconds: planned,
                warningSeconds: try optionalMinutes(item, "warning_minutes", file: file, path: path + "."),
                dangerSeconds: try optionalMinutes(item, "danger_minutes", file: file, path: path + "."),
                notes: notes, hostNotes: hostNotes, notesPath: notesPath, hostNotesPath: hostNotesPath))
        }
        return Event(
            title: title,
            date: try optionalString(mapping, "date", file: file, path: ""),
            venue: try optionalString(mapping, "venue", file: file, path: ""),
            start: start, warningSeconds: warning, dangerSeconds: danger, cues: cues,
            sessions: sessions)
    }

    /// Minutes since midnight for "HH:MM".
    public static func parseTimeOfDay(_ text: String) -> Int? {
        let parts = text.split(separator: ":")
        guard parts.count == 2, let hours = Int(parts[0]), let minutes = Int(parts[1]),
              (0..<24).contains(hours), (0..<60).contains(minutes), parts[1].count == 2
        else { return nil }
        return hours * 60 + minutes
    }

    // MARK: Helpers

    /// A notes path as the event file names it, resolved against the event file's directory.
    static func resolve(_ path: String, file: String) -> String {
        if path.hasPrefix("/") { return path }
        let directory = (file as NSString).deletingLastPathComponent
        return directory.isEmpty ? path : directory + "/" + path
    }

    /// `path` made absolute against `directory`, with "." and ".." taken out.
    public static func absolute(_ path: String, in directory: String) -> String {
        let full = path.hasPrefix("/") ? path : (directory.hasSuffix("/") ? directory : directory + "/") + path
        return URL(fileURLWithPath: full).standardized.path
    }

    private static func read(
        _ path: String, from node: Node, file: String, readFile: (String) throws -> String
    ) throws -> String {
        let resolved = resolve(path, file: file)
        do {
            return try readFile(resolved)
        } catch {
            throw failure(file, node, Notice(.eventNotesUnreadable, Notice(verbatim: resolved), Notice(verbatim: describe(error))))
        }
    }

    private static func describe(_ error: Error) -> String {
        let text = (error as NSError).localizedDescription
        return text.isEmpty ? "\(error)" : text
    }

    private static func slug(_ title: String, index: Int) -> String {
        let ascii = title.lowercased().unicodeScalars.map { scalar -> Character in
            (scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar))) ? Character(scalar) : "-"
        }
        let collapsed = String(ascii).split(separator: "-").joined(separator: "-")
        let base = collapsed.isEmpty ? "session" : String(collapsed.prefix(24))
        return "\(index + 1)-\(base)"
    }

    private static func checkKeys(
        _ mapping: Node.Mapping, allowed: Set<String>, file: String, path: String
    ) throws {
        for (key, _) in mapping {
            guard let name = key.string else {
                throw failure(file, key, Notice(.eventPlainKeys))
            }
            if !allowed.contains(name) {
                let known = allowed.sorted().joined(separator: ", ")
                throw failure(file, key, Notice(.eventUnknownKey, Notice(verbatim: path + name), Notice(verbatim: known)))
            }
        }
    }

    private static func requiredString(
        _ mapping: Node.Mapping, _ key: String, file: String, path: String, parent: Node
    ) throws -> String {
        guard let value = try optionalString(mapping, key, file: file, path: path), !value.isEmpty else {
            throw failure(file, mapping[key] ?? parent, Notice(.eventMissingText, Notice(verbatim: path + key)))
        }
        return value
    }

    private static func optionalString(
        _ mapping: Node.Mapping, _ key: String, file: String, path: String
    ) throws -> String? {
        guard let node = mapping[key] else { return nil }
        guard let scalar = node.scalar else {
            throw failure(file, node, Notice(.eventNotText, Notice(verbatim: path + key)))
        }
        if scalar.tag.description.hasSuffix(":null") || (scalar.style == .plain && scalar.string == "~") {
            return nil
        }
        return scalar.string
    }

    private static func optionalMinutes(
        _ mapping: Node.Mapping, _ key: String, file: String, path: String
    ) throws -> Int? {
        guard let node = mapping[key] else { return nil }
        return try minutes(node, file: file, name: path + key)
    }

    /// Minutes as a number (5, 0.5), converted to whole seconds.
    private static func minutes(_ node: Node, file: String, name: String) throws -> Int {
        guard let scalar = node.scalar, let value = Double(scalar.string), value.isFinite,
              value >= 0, value < 24 * 60
        else {
            let shown = node.scalar?.string ?? "a list or mapping"
            throw failure(file, node, Notice(.eventBadMinutes, Notice(verbatim: name), Notice(verbatim: shown)))
        }
        return Int((value * 60).rounded())
    }

    private static func failure(_ file: String, _ node: Node, _ notice: Notice) -> EventFileError {
        EventFileError(file: file, line: node.mark?.line, column: node.mark?.column, notice: notice)
    }

    static func yamlError(_ error: YamlError, file: String) -> EventFileError {
        switch error {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let detail = context.map { "\($0.text) " } ?? ""
            return EventFileError(file: file, line: mark.line, column: mark.column,
                                  notice: Notice(.eventBadYAML, Notice(verbatim: detail + problem)))
        case .reader(let problem, let offset, _, let yaml):
            // Yams gives the offset in characters of the text.
            var line: Int? = nil
            var column: Int? = nil
            if let offset {
                let prefix = yaml.prefix(max(0, offset))
                line = prefix.reduce(1) { $1.isNewline ? $0 + 1 : $0 }
                column = prefix.split(omittingEmptySubsequences: false) { $0.isNewline }.last.map { $0.count + 1 } ?? 1
            }
            return EventFileError(file: file, line: line, column: column, notice: Notice(.eventNotText2, Notice(verbatim: problem)))
        default:
            return EventFileError(file: file, notice: Notice(.eventBadYAML, Notice(verbatim: "\(error)")))
        }
    }
}
