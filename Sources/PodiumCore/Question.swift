import Foundation

/// Where a question came from.
public enum QuestionSource: String, Codable, CaseIterable, Sendable {
    case venue, zoom, youtube, discord, satellite, other

    /// A short tag for the queue.
    public var tag: String {
        switch self {
        case .venue: return "VEN"
        case .zoom: return "ZM"
        case .youtube: return "YT"
        case .discord: return "DC"
        case .satellite: return "SAT"
        case .other: return "OTH"
        }
    }

    /// Accepts names and common spellings ("YouTube Live", "room").
    public init?(loose text: String) {
        let key = text.lowercased().filter { $0.isLetter }
        switch key {
        case "venue", "room", "hall", "floor", "ven": self = .venue
        case "zoom", "zm": self = .zoom
        case "youtube", "youtubelive", "yt": self = .youtube
        case "discord", "dc": self = .discord
        case "satellite", "sat", "osaka": self = .satellite
        case "other", "oth", "": self = .other
        default: return nil
        }
    }
}

/// Where a question is in its life.
public enum QuestionStatus: String, Codable, CaseIterable, Sendable {
    /// Incoming, awaiting review.
    case new
    /// In the queue.
    case approved
    /// Being asked now, shown on the speaker view. One at a time.
    case live
    case answered
    case dismissed
}

/// One entry of a question's history: who did what, when.
public struct QuestionChange: Codable, Equatable, Sendable {
    public var at: Date
    public var by: String
    public var what: String

    public init(at: Date, by: String, what: String) {
        self.at = at
        self.by = by
        self.what = what
    }
}

/// An audience question. Records have stable ids so that diverged copies can be merged.
public struct Question: Codable, Equatable, Identifiable, Sendable {
    public var id: String
    public var text: String
    /// The text as first asked, kept when the question is edited.
    public var originalText: String?
    public var author: String
    public var source: QuestionSource
    public var sessionID: String?
    public var status: QuestionStatus
    /// The status before it was dismissed, so that restoring puts it back.
    public var statusBeforeDismissal: QuestionStatus?
    public var dismissReason: String?
    /// Votes by voter id (+1 or -1): voters from every copy count when copies are merged.
    public var votes: [String: Int]
    public var pinned: Bool
    /// Manual order in the queue (lower first).
    public var position: Double
    public var labels: [String]
    public var assignee: String?
    /// Texts of duplicates merged into this one.
    public var aliases: [String]
    /// Set when this question was merged into another; it is then hidden, not deleted.
    public var mergedInto: String?
    /// A console that is editing this question now ("moderator@host").
    public var editingBy: String?
    public var askedAt: Date
    public var updatedAt: Date
    public var updatedBy: String
    public var history: [QuestionChange]

    public init(
        id: String, text: String, author: String = "", source: QuestionSource = .venue,
        sessionID: String? = nil, status: QuestionStatus = .new, askedAt: Date,
        by actor: String = "", position: Double? = nil
    ) {
        self.id = id
        self.text = text
        self.originalText = nil
        self.author = author
        self.source = source
        self.sessionID = sessionID
        self.status = status
        self.statusBeforeDismissal = nil
        self.dismissReason = nil
        self.votes = [:]
        self.pinned = false
        self.position = position ?? askedAt.timeIntervalSince1970
        self.labels = []
        self.assignee = nil
        self.aliases = []
        self.mergedInto = nil
        self.editingBy = nil
        self.askedAt = askedAt
        self.updatedAt = askedAt
        self.updatedBy = actor
        self.history = [QuestionChange(at: askedAt, by: actor, what: "asked")]
    }

    /// The sum of all votes.
    public var voteCount: Int {
        votes.values.reduce(0, +)
    }

    /// Whether the question is still waiting to be asked.
    public var isOpen: Bool {
        mergedInto == nil && (status == .new || status == .approved || status == .live)
    }

    /// The longest question accepted, in characters.
    public static let maximumLength = 1_000
}

/// A message to the speaker, shown prominently on the speaker view until cleared.
public struct SpeakerMessage: Codable, Equatable, Sendable {
    public var text: String
    public var sentBy: String
    public var sentAt: Date

    public init(text: String, sentBy: String, sentAt: Date) {
        self.text = text
        self.sentBy = sentBy
        self.sentAt = sentAt
    }
}

/// The notes of one session as they live in the shared state.
public struct SessionNotes: Codable, Equatable, Sendable {
    public enum Kind: String, Codable, Sendable {
        case speaker, host
    }

    public struct Version: Codable, Equatable, Sendable {
        public var text: String
        public var savedAt: Date
        public var savedBy: String
        /// Which notes this text was (speaker or host). Nil in files written before it was
        /// recorded: then read as speaker notes.
        public var kind: Kind?

        public init(text: String, savedAt: Date, savedBy: String, kind: Kind? = nil) {
            self.text = text
            self.savedAt = savedAt
            self.savedBy = savedBy
            self.kind = kind
        }
    }

    public var speaker: String
    public var host: String
    public var updatedAt: Date
    public var updatedBy: String
    /// Earlier texts replaced by a save that did not start from them: never silently lost.
    public var previousVersions: [Version]

    public init(speaker: String, host: String, updatedAt: Date, updatedBy: String) {
        self.speaker = speaker
        self.host = host
        self.updatedAt = updatedAt
        self.updatedBy = updatedBy
        self.previousVersions = []
    }

    public func text(_ kind: Kind) -> String {
        kind == .speaker ? speaker : host
    }
}
