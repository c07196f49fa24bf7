import Foundation

/// Where a question came from.
public enum QuestionSource: String, Codable, CaseIterable, Sendable {
    case venue, zoom, youtube, discord, satellite, other
    /// The audience page of `podium serve`.
    case web

    /// A short tag for the queue.
    public var tag: String {
        switch self {
        case .venue: return "VEN"
        case .zoom: return "ZM"
        case .youtube: return "YT"
        case .discord: return "DC"
        case .satellite: return "SAT"
        case .other: return "OTH"
        case .web: return "WEB"
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
        case "web", "browser", "phone": self = .web
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
///
/// A value type whose fields live in one shared, copy-on-write box: an array of
/// 10,000 questions is copied on every change to one of them (the store, the queue memo and
/// undo hold the old array), and copying a box is one reference count where copying the
/// fields was about twenty. Two questions sharing a box are equal without comparing fields.
/// Reading and writing look exactly like stored properties.
public struct Question: Codable, Equatable, Identifiable, @unchecked Sendable {
    /// The stored fields, in the order and with the names they have in the state file.
    @usableFromInline
    struct Fields: Codable, Equatable, Sendable {
        @usableFromInline var id: String
        @usableFromInline var text: String
        @usableFromInline var originalText: String?
        @usableFromInline var author: String
        @usableFromInline var source: QuestionSource
        @usableFromInline var sourceMessageID: String?
        @usableFromInline var sessionID: String?
        @usableFromInline var status: QuestionStatus
        @usableFromInline var statusBeforeDismissal: QuestionStatus?
        @usableFromInline var dismissReason: String?
        @usableFromInline var votes: [String: Int]
        @usableFromInline var pinned: Bool
        @usableFromInline var position: Double
        @usableFromInline var labels: [String]
        @usableFromInline var assignee: String?
        @usableFromInline var aliases: [String]
        @usableFromInline var mergedInto: String?
        @usableFromInline var editingBy: String?
        @usableFromInline var askedAt: Date
        @usableFromInline var updatedAt: Date
        @usableFromInline var updatedBy: String
        @usableFromInline var history: [QuestionChange]
    }

    /// One allocation holding the fields. Read through `header` (a pointer, so no dynamic
    /// exclusivity check on each read); changed only while uniquely referenced (see `fields`),
    /// which makes sharing it between threads safe.
    @usableFromInline
    final class Storage: ManagedBuffer<Fields, UInt8> {
        @usableFromInline
        static func make(_ fields: Fields) -> Storage {
            unsafeDowncast(Storage.create(minimumCapacity: 0) { _ in fields }, to: Storage.self)
        }
    }

    @usableFromInline
    var storage: Storage

    /// The fields for writing: copies the box first if another question shares it.
    @usableFromInline
    var fields: Fields {
        get { storage.header }
        _modify {
            if !isKnownUniquelyReferenced(&storage) { storage = Storage.make(storage.header) }
            yield &storage.header
        }
    }

    @inlinable
    public var id: String {
        get { storage.header.id }
        _modify { yield &fields.id }
    }
    @inlinable
    public var text: String {
        get { storage.header.text }
        _modify { yield &fields.text }
    }
    /// The text as first asked, kept when the question is edited.
    @inlinable
    public var originalText: String? {
        get { storage.header.originalText }
        _modify { yield &fields.originalText }
    }
    @inlinable
    public var author: String {
        get { storage.header.author }
        _modify { yield &fields.author }
    }
    @inlinable
    public var source: QuestionSource {
        get { storage.header.source }
        _modify { yield &fields.source }
    }
    /// The id the chat gave the message this question came from (or one made from where it was
    /// read): the same id from the same source is added only once, so a bridge can re-send.
    @inlinable
    public var sourceMessageID: String? {
        get { storage.header.sourceMessageID }
        _modify { yield &fields.sourceMessageID }
    }
    @inlinable
    public var sessionID: String? {
        get { storage.header.sessionID }
        _modify { yield &fields.sessionID }
    }
    @inlinable
    public var status: QuestionStatus {
        get { storage.header.status }
        _modify { yield &fields.status }
    }
    /// The status before it was dismissed, so that restoring puts it back.
    @inlinable
    public var statusBeforeDismissal: QuestionStatus? {
        get { storage.header.statusBeforeDismissal }
        _modify { yield &fields.statusBeforeDismissal }
    }
    @inlinable
    public var dismissReason: String? {
        get { storage.header.dismissReason }
        _modify { yield &fields.dismissReason }
    }
    /// Votes by voter id (+1 or -1): voters from every copy count when copies are merged.
    @inlinable
    public var votes: [String: Int] {
        get { storage.header.votes }
        _modify { yield &fields.votes }
    }
    @inlinable
    public var pinned: Bool {
        get { storage.header.pinned }
        _modify { yield &fields.pinned }
    }
    /// Manual order in the queue (lower first).
    @inlinable
    public var position: Double {
        get { storage.header.position }
        _modify { yield &fields.position }
    }
    @inlinable
    public var labels: [String] {
        get { storage.header.labels }
        _modify { yield &fields.labels }
    }
    @inlinable
    public var assignee: String? {
        get { storage.header.assignee }
        _modify { yield &fields.assignee }
    }
    /// Texts of duplicates merged into this one.
    @inlinable
    public var aliases: [String] {
        get { storage.header.aliases }
        _modify { yield &fields.aliases }
    }
    /// Set when this question was merged into another; it is then hidden, not deleted.
    @inlinable
    public var mergedInto: String? {
        get { storage.header.mergedInto }
        _modify { yield &fields.mergedInto }
    }
    /// A console that is editing this question now ("moderator@host").
    @inlinable
    public var editingBy: String? {
        get { storage.header.editingBy }
        _modify { yield &fields.editingBy }
    }
    @inlinable
    public var askedAt: Date {
        get { storage.header.askedAt }
        _modify { yield &fields.askedAt }
    }
    @inlinable
    public var updatedAt: Date {
        get { storage.header.updatedAt }
        _modify { yield &fields.updatedAt }
    }
    @inlinable
    public var updatedBy: String {
        get { storage.header.updatedBy }
        _modify { yield &fields.updatedBy }
    }
    @inlinable
    public var history: [QuestionChange] {
        get { storage.header.history }
        _modify { yield &fields.history }
    }

    public init(from decoder: Decoder) throws {
        storage = Storage.make(try Fields(from: decoder))
    }

    public func encode(to encoder: Encoder) throws {
        try storage.header.encode(to: encoder)
    }

    public static func == (lhs: Question, rhs: Question) -> Bool {
        lhs.storage === rhs.storage || lhs.storage.header == rhs.storage.header
    }

    /// Whether both share one box: then they are equal, and neither has changed since one was
    /// copied from the other (a cheap test for "this question did not change").
    @inlinable
    public func isSameStorage(as other: Question) -> Bool {
        storage === other.storage
    }

    /// The stored fields as one value, for `Mirror` (the store's codec checks that it knows
    /// every field).
    public var storedFieldsForReflection: Any { storage.header }

    public init(
        id: String, text: String, author: String = "", source: QuestionSource = .venue,
        sessionID: String? = nil, status: QuestionStatus = .new, askedAt: Date,
        by actor: String = "", position: Double? = nil
    ) {
        storage = Storage.make(Fields(
            id: id, text: text, originalText: nil, author: author, source: source,
            sourceMessageID: nil, sessionID: sessionID, status: status, statusBeforeDismissal: nil, dismissReason: nil,
            votes: [:], pinned: false, position: position ?? askedAt.timeIntervalSince1970,
            labels: [], assignee: nil, aliases: [], mergedInto: nil, editingBy: nil,
            askedAt: askedAt, updatedAt: askedAt, updatedBy: actor,
            history: [QuestionChange(at: askedAt, by: actor, what: "asked")]))
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

    /// A new id for a question typed or piped in: unique across processes and machines
    /// without coordination ("q-" and 12 hex digits of a random UUID). Imported questions and
    /// chat messages have ids made from their content instead, so adding them twice is a no-op.
    public static func newID() -> String {
        "q-" + String(UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(12))
    }
}

/// A message to the speaker, shown prominently on the speaker view until cleared.
public struct SpeakerMessage: Codable, Equatable, Sendable {
    public var text: String
    public var sentBy: String
    public var sentAt: Date
    /// The session it was sent during: moving to another session clears it. Nil for a message
    /// meant for the whole event, a deliberate choice that stays across sessions.
    public var sessionID: String?

    public init(text: String, sentBy: String, sentAt: Date, sessionID: String? = nil) {
        self.text = text
        self.sentBy = sentBy
        self.sentAt = sentAt
        self.sessionID = sessionID
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
