import Foundation

/// What a running `podium serve` tells the consoles through its presence file next to the
/// state (`STATE.serve-HOST-PID.json`, rewritten atomically every few seconds, removed when
/// the server stops): the URLs it answers on, how many pages are open, and the stage screens
/// connected now. Each server has its own file, so that two servers on one state file (two
/// rooms, or a second one started by mistake) do not overwrite each other's; `read` merges
/// every live one.
public struct ServePresence: Equatable, Sendable {
    public struct Stage: Equatable, Sendable {
        public var address: String
        public var since: Date

        public init(address: String, since: Date) {
            self.address = address
            self.since = since
        }
    }

    public var pid: Int
    public var updatedAt: Date
    public var urls: [String]
    public var audience: Int
    public var stages: [Stage]
    /// The machine the server runs on (its pid is only meaningful there).
    public var host: String
    /// When the server started: merged presences list the longest-running server's URLs first,
    /// so that the QR code on the projector does not flip between servers.
    public var startedAt: Date?

    public init(pid: Int, updatedAt: Date, urls: [String], audience: Int, stages: [Stage],
                host: String = "", startedAt: Date? = nil) {
        self.pid = pid
        self.updatedAt = updatedAt
        self.urls = urls
        self.audience = audience
        self.stages = stages
        self.host = host
        self.startedAt = startedAt
    }

    /// A host name as part of a file name: letters, digits, "." and "_" kept, the rest "_"
    /// ("-" too, so that the pid after the last "-" is unambiguous).
    public static func fileSafe(_ host: String) -> String {
        String(host.unicodeScalars.map { scalar -> Character in
            let value = scalar.value
            let keep = (48...57).contains(value) || (65...90).contains(value) || (97...122).contains(value) || scalar == "." || scalar == "_"
            return keep ? Character(scalar) : "_"
        })
    }

    /// Older than this, the server is taken to be gone (it rewrites the file every 3 s).
    public static let staleAfter: TimeInterval = 10

    public func isFresh(at now: Date) -> Bool { now.timeIntervalSince(updatedAt) < Self.staleAfter }

    /// The URL to show: the first on the venue's network, else loopback.
    public var audienceURL: String? { urls.first }

    public static func parse(_ data: Data) -> ServePresence? {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let pid = object["pid"] as? Int, let updated = object["updatedAt"] as? Double,
              let urls = object["urls"] as? [String] else { return nil }
        let stages = (object["stages"] as? [[String: Any]] ?? []).compactMap { entry -> Stage? in
            guard let address = entry["address"] as? String, let since = entry["since"] as? Double else { return nil }
            return Stage(address: address, since: Date(timeIntervalSince1970: since / 1000))
        }
        return ServePresence(
            pid: pid, updatedAt: Date(timeIntervalSince1970: updated / 1000), urls: urls,
            audience: object["audience"] as? Int ?? 0, stages: stages,
            host: object["host"] as? String ?? "",
            startedAt: (object["startedAt"] as? Double).map { Date(timeIntervalSince1970: $0 / 1000) })
    }

    public static func merge(_ presences: [ServePresence]) -> ServePresence? {
        let ordered = presences.sorted { a, b in
            let x = a.startedAt ?? a.updatedAt, y = b.startedAt ?? b.updatedAt
            return x != y ? x < y : (a.host, a.pid) < (b.host, b.pid)
        }
        guard var merged = ordered.first else { return nil }
        for other in ordered.dropFirst() {
            for url in other.urls where !merged.urls.contains(url) { merged.urls.append(url) }
            merged.audience += other.audience
            merged.stages += other.stages
            merged.updatedAt = max(merged.updatedAt, other.updatedAt)
        }
        merged.stages.sort { $0.since < $1.since }
        // The venue's network before loopback, each server's order kept.
        let loopback = { (url: String) in url.hasPrefix("http://127.") || url.hasPrefix("http://[::1]") }
        merged.urls = merged.urls.filter { !loopback($0) } + merged.urls.filter(loopback)
        return merged
    }
}
