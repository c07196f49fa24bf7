import Foundation

/// How `podium serve` runs.
public struct WebOptions: Sendable {
    /// The shared state file.
    public var statePath: String
    /// Address to listen on ("0.0.0.0", "127.0.0.1") and port (0 picks a free one).
    public var host: String
    public var port: Int
    /// Questions from the page arrive as `new` (approval first) unless this is false.
    public var review: Bool
    /// Questions one person may send a minute (burst and refill).
    public var questionsPerMinute: Int
    /// Questions one address may send a minute (many phones may share one address).
    public var addressQuestionsPerMinute: Int
    /// Asked before anything else when set (a page reachable from outside the venue).
    public var passcode: String?
    /// Who the server's writes are recorded as ("web@host").
    public var actorHost: String
    /// The largest request body accepted.
    public var maximumBodyBytes: Int = 8 * 1024
    /// The most submissions one write carries (group commit), so one write stays bounded.
    public var maximumBatch: Int = 512
    /// How often the state file is checked for other writers' changes when nothing is sent.
    public var pollInterval: Double = 0.2
    /// Live-update connections open at once, at most (each costs about 40 KB).
    public var maximumConnections: Int = 5_000
    /// Seconds between keep-alive events on open live-update connections.
    public var heartbeatSeconds: Double = 20
    /// Where the presence file goes (nil: none). Consoles read it to show the URLs and stages.
    public var presencePath: String?

    public init(
        statePath: String, host: String = "0.0.0.0", port: Int = 8080, review: Bool = true,
        questionsPerMinute: Int = 5, addressQuestionsPerMinute: Int = 120, passcode: String? = nil,
        actorHost: String = "localhost", presencePath: String? = nil
    ) {
        self.statePath = statePath
        self.host = host
        self.port = port
        self.review = review
        self.questionsPerMinute = questionsPerMinute
        self.addressQuestionsPerMinute = addressQuestionsPerMinute
        self.passcode = passcode
        self.actorHost = actorHost
        self.presencePath = presencePath
    }
}
