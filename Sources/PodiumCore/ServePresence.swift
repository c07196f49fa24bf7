import Foundation

/// What a running `podium serve` tells the consoles through its presence file next to the
/// state (`STATE.serve.json`, rewritten atomically every few seconds): the URLs it answers on,
/// how many pages are open, and the stage screens connected now.
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

    public init(pid: Int, updatedAt: Date, urls: [String], audience: Int, stages: [Stage]) {
        self.pid = pid
        self.updatedAt = updatedAt
        self.urls = urls
        self.audience = audience
        self.stages = stages
    }

    public static func path(forState statePath: String) -> String { statePath + ".serve.json" }

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
            audience: object["audience"] as? Int ?? 0, stages: stages)
    }

    /// The presence file of the server on `statePath`, if one is there.
    public static func read(forState statePath: String) -> ServePresence? {
        FileManager.default.contents(atPath: path(forState: statePath)).flatMap(parse)
    }
}
