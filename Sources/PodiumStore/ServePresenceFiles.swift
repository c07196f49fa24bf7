import Foundation
import Glibc
import PodiumCore

/// The files of `ServePresence` (what a running `podium serve` tells the consoles): where they
/// are, reading them, and whether their server still runs. PodiumCore holds what they say.
extension ServePresence {
    /// This machine's name as presence files record it (the store's: one definition).
    public static var thisHost: String { StateStore.machineName }

    /// This server's own presence file: the state file's name, then `.serve-HOST-PID.json`.
    public static func path(forState statePath: String, host: String = thisHost, pid: Int = Int(getpid())) -> String {
        statePath + ".serve-" + fileSafe(host) + "-\(pid).json"
    }

    /// Whether the server that wrote this is gone: its file is old, or it ran on this machine
    /// and its process no longer exists (killed before it could remove its file).
    public func isGone(at now: Date) -> Bool {
        if !isFresh(at: now) { return true }
        if host == Self.thisHost, pid > 0, kill(pid_t(pid), 0) != 0, errno == ESRCH { return true }
        return false
    }

    /// Every presence file of servers on `statePath`, live or not (path and contents).
    public static func files(forState statePath: String) -> [(path: String, presence: ServePresence)] {
        let directory = (statePath as NSString).deletingLastPathComponent
        let folder = directory.isEmpty ? "." : directory
        let prefix = (statePath as NSString).lastPathComponent + ".serve"
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return [] }
        return names.filter { name in
            // `STATE.serve-HOST-PID.json`, and the single `STATE.serve.json` of older versions;
            // never the `.tmp` a server is writing.
            name.hasPrefix(prefix) && name.hasSuffix(".json")
                && (name.count == prefix.count + 5 || name.dropFirst(prefix.count).hasPrefix("-"))
        }.sorted().compactMap { name in
            let path = folder + "/" + name
            return FileManager.default.contents(atPath: path).flatMap(parse).map { (path, $0) }
        }
    }

    /// The servers on `statePath` that are running now, merged into one: the URLs of the
    /// longest-running first, the open pages added up, every stage screen. Nil when none is.
    public static func read(forState statePath: String, now: Date = Date()) -> ServePresence? {
        merge(files(forState: statePath).map(\.presence).filter { !$0.isGone(at: now) })
    }
}
