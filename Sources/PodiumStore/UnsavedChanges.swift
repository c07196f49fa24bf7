import Foundation
import PodiumCore
import PodiumText

/// Changes a console could not write to the state file when it had to exit (the second `q`
/// of "q again quits WITHOUT …", or a signal while the file could not be written). They are
/// kept in a file of their own, never dropped, and `podium recover FILE` writes them later.
/// The file is JSON: the state file it was meant for and each action with the time and actor
/// it was made with, so recovering gives the same result as the write would have.
public struct UnsavedChanges: Codable, Equatable {
    public struct Change: Codable, Equatable {
        public var action: Action
        public var context: ActionContext
    }

    /// The state file the changes were meant for (absolute).
    public var statePath: String
    public var changes: [Change]

    public init(statePath: String, intents: [(action: Action, context: ActionContext)]) {
        self.statePath = statePath
        self.changes = intents.map { Change(action: $0.action, context: $0.context) }
    }

    public var intents: [(action: Action, context: ActionContext)] {
        changes.map { ($0.action, $0.context) }
    }

    /// "state.json.unsaved-HOST-PID.json": next to the state file, so that whoever looks at the
    /// folder (or the next console started on that file) finds it.
    static func fileName(statePath: String, host: String, pid: Int32) -> String {
        let safeHost = host.filter { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        return (statePath as NSString).lastPathComponent + ".unsaved-\(safeHost)-\(pid).json"
    }

    /// Writes the file next to the state file, or, when that folder cannot take it (full disk,
    /// no permission), in `$XDG_STATE_HOME/podium` (default `~/.local/state/podium`), then the
    /// temporary folder. Returns the path written.
    public func save(host: String, pid: Int32) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .secondsSince1970
        let data = try encoder.encode(self)
        let name = Self.fileName(statePath: statePath, host: host, pid: pid)
        let environment = ProcessInfo.processInfo.environment
        let stateHome = environment["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.local/state"
        let folders = [
            (statePath as NSString).deletingLastPathComponent, stateHome + "/podium",
            NSTemporaryDirectory(),
        ]
        var lastError: Error?
        for folder in folders {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                let path = (folder as NSString).appendingPathComponent(name)
                try data.write(to: URL(fileURLWithPath: path), options: .atomic)
                return path
            } catch {
                lastError = error
            }
        }
        throw lastError ?? CocoaError(.fileWriteUnknown)
    }

    /// Reads a file written by `save`, with a clear error naming it (in `language`).
    public static func load(path: String, language: Language = .en) throws -> UnsavedChanges {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw StoreError.missing(file: path)
        }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        do {
            return try decoder.decode(UnsavedChanges.self, from: data)
        } catch {
            throw StoreError.corrupt(file: path, line: nil, column: nil, reason: language.t(.unsavedNotOurs, error))
        }
    }

    /// Files of unsaved changes next to the state file (full paths, sorted).
    public static func files(nextTo statePath: String) -> [String] {
        let folder = (statePath as NSString).deletingLastPathComponent
        let prefix = (statePath as NSString).lastPathComponent + ".unsaved-"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.isEmpty ? "." : folder)) ?? []
        return names.filter { $0.hasPrefix(prefix) && $0.hasSuffix(".json") }.sorted()
            .map { (folder as NSString).appendingPathComponent($0) }
    }
}
