import Foundation
import PodiumText

/// Everything that can go wrong with the state file. Every `description` is one line that names
/// the file and, where it helps, says how to get out of it.
public enum StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file exists but cannot be used: empty, truncated, NUL bytes, invalid UTF-8, bad JSON,
    /// a missing field or a schema version newer than this program. It is never overwritten.
    /// `line` and `column` (1-based, column in bytes) are nil when the place is unknown.
    case corrupt(file: String, line: Int?, column: Int?, reason: String)
    /// Another process held the lock file for longer than the timeout.
    case lockTimeout(file: String, seconds: Double)
    /// The disk (or quota) is full; the old file is intact.
    case noSpace(file: String)
    /// Permission denied (EACCES, EPERM, EROFS) on `path` while doing `operation`.
    case permissionDenied(path: String, operation: String)
    /// `commit` was called without an initial state and the file does not exist.
    case missing(file: String)
    /// Any other system error.
    case io(file: String, operation: String, errno: Int32)

    /// The file the error is about.
    public var file: String {
        switch self {
        case .corrupt(let file, _, _, _), .lockTimeout(let file, _), .noSpace(let file),
             .missing(let file), .io(let file, _, _):
            return file
        case .permissionDenied(let path, _):
            return path
        }
    }

    /// Whether the state file itself is unusable (commands exit with status 2).
    public var isCorrupt: Bool {
        if case .corrupt = self { return true }
        return false
    }

    public var description: String { description(.en) }

    /// The message in a language; the file names, commands and system reasons stay as they are.
    public func description(_ l: Language) -> String {
        switch self {
        case .corrupt(let file, let line, let column, let reason):
            var place = file
            if let line {
                place += ":\(line)"
                if let column { place += ":\(column)" }
            }
            return l.t(.storeCorrupt, place, reason, file)
        case .lockTimeout(let file, let seconds):
            return l.t(.storeLockTimeout, file, formatSeconds(seconds))
        case .noSpace(let file):
            return l.t(.storeNoSpace, file)
        case .permissionDenied(let path, let operation):
            return l.t(.storePermission, path, operation)
        case .missing(let file):
            return l.t(.storeMissing, file)
        case .io(let file, let operation, let code):
            return l.t(.storeIO, file, operation, String(cString: strerror(code)), code)
        }
    }
}

private func formatSeconds(_ seconds: Double) -> String {
    seconds == seconds.rounded() ? String(Int(seconds)) : String(format: "%.1f", seconds)
}
