import Foundation

/// Who wrote a revision of the state file.
public struct Writer: Codable, Equatable, Sendable {
    public var host: String
    public var pid: Int32
    public var role: Role

    public init(host: String, pid: Int32, role: Role) {
        self.host = host
        self.pid = pid
        self.role = role
    }
}

/// What a console may do.
public enum Role: String, Codable, Sendable, CaseIterable {
    /// Everything: timer, queue, messages, notes.
    case host
    /// Q&A and messages; the timer is shown but not controlled.
    case moderator
    /// Read only.
    case speaker
    /// A command run by a script (`podium ask`).
    case script
}

/// Everything that is shared between the consoles: the content of the state file.
public struct PodiumState: Codable, Equatable, Sendable {
    /// The format of the file; a reader refuses versions it does not know.
    public static let currentSchemaVersion = 1

    public var schemaVersion: Int
    /// Increases by one with every write.
    public var revision: Int
    public var updatedAt: Date
    public var writer: Writer?
    public var event: Event
    /// The session on stage now.
    public var currentSessionID: String
    /// One timer per session, by session id: the current one runs, the others keep their record.
    public var timers: [String: SessionTimer]
    public var questions: QuestionList
    public var message: SpeakerMessage?
    /// Notes by session id.
    public var notes: [String: SessionNotes]
    /// When the host ended the event (`n` on the last session); nil while it runs. After the
    /// end, screens and the report show actual times only, no forecast.
    public var endedAt: Date?
    /// Every message sent to the speaker, oldest first: a message leaves the screen when its
    /// session ends, but stays here for the history and the report.
    public var messageLog: [SpeakerMessage]
    /// People blocked from the audience page (`podium serve`), by the id their browser holds:
    /// their new questions are refused by every server on this file.
    public var blockedPeople: [String]

    public init(event: Event, now: Date) {
        schemaVersion = Self.currentSchemaVersion
        revision = 0
        updatedAt = now
        writer = nil
        self.event = event
        currentSessionID = event.sessions.first?.id ?? ""
        timers = [:]
        questions = []
        message = nil
        notes = [:]
        endedAt = nil
        messageLog = []
        blockedPeople = []
        for session in event.sessions {
            timers[session.id] = SessionTimer(sessionID: session.id)
            notes[session.id] = SessionNotes(
                speaker: session.notes, host: session.hostNotes, updatedAt: now, updatedBy: "event file")
        }
    }

    private enum CodingKeys: String, CodingKey {
        case schemaVersion, revision, updatedAt, writer, event, currentSessionID, timers, questions
        case message, notes, endedAt, messageLog, blockedPeople
    }

    /// Files written before `endedAt` and `messageLog` existed still load.
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        schemaVersion = try container.decode(Int.self, forKey: .schemaVersion)
        revision = try container.decode(Int.self, forKey: .revision)
        updatedAt = try container.decode(Date.self, forKey: .updatedAt)
        writer = try container.decodeIfPresent(Writer.self, forKey: .writer)
        event = try container.decode(Event.self, forKey: .event)
        currentSessionID = try container.decode(String.self, forKey: .currentSessionID)
        timers = try container.decode([String: SessionTimer].self, forKey: .timers)
        questions = try container.decode(QuestionList.self, forKey: .questions)
        message = try container.decodeIfPresent(SpeakerMessage.self, forKey: .message)
        notes = try container.decode([String: SessionNotes].self, forKey: .notes)
        endedAt = try container.decodeIfPresent(Date.self, forKey: .endedAt)
        messageLog = try container.decodeIfPresent([SpeakerMessage].self, forKey: .messageLog) ?? []
        blockedPeople = try container.decodeIfPresent([String].self, forKey: .blockedPeople) ?? []
    }

    // MARK: Derived

    public var currentSessionIndex: Int? {
        event.index(ofSession: currentSessionID)
    }

    public var currentSession: Session? {
        event.session(withID: currentSessionID)
    }

    public var nextSession: Session? {
        guard let index = currentSessionIndex, index + 1 < event.sessions.count else { return nil }
        return event.sessions[index + 1]
    }

    public var currentTimer: SessionTimer {
        timers[currentSessionID] ?? SessionTimer(sessionID: currentSessionID)
    }

    public func timer(for sessionID: String) -> SessionTimer {
        timers[sessionID] ?? SessionTimer(sessionID: sessionID)
    }

    public func warningSeconds(for session: Session) -> Int {
        session.warningSeconds ?? event.warningSeconds
    }

    public func dangerSeconds(for session: Session) -> Int {
        session.dangerSeconds ?? event.dangerSeconds
    }

    /// The current session's timer as a speaker reads it, at `now`.
    public func reading(at now: Date) -> TimerReading {
        let session = currentSession
        return TimerReading(
            timer: currentTimer, planned: session?.plannedSeconds ?? 0,
            warningSeconds: session.map(warningSeconds(for:)) ?? 0,
            dangerSeconds: session.map(dangerSeconds(for:)) ?? 0,
            now: now)
    }

    public func questionIndex(_ id: String) -> Int? {
        questions.firstIndex { $0.id == id }
    }

    public func question(_ id: String) -> Question? {
        questions.first { $0.id == id }
    }

    /// The question on stage, if any.
    public var liveQuestion: Question? {
        questions.first { $0.status == .live && $0.mergedInto == nil }
    }

    public func notes(for sessionID: String) -> SessionNotes? {
        notes[sessionID]
    }

    /// Counts of visible (not merged) questions per status.
    public func countsByStatus(session: String? = nil) -> [QuestionStatus: Int] {
        var counts: [QuestionStatus: Int] = [:]
        for question in questions {
            if let status = Self.countedStatus(of: question, session: session) { counts[status, default: 0] += 1 }
        }
        return counts
    }

    /// The status under which `countsByStatus(session:)` counts a question, or nil when it
    /// does not count it (merged, or of another session).
    public static func countedStatus(of question: Question, session: String?) -> QuestionStatus? {
        guard question.mergedInto == nil else { return nil }
        if let session, question.sessionID != session { return nil }
        return question.status
    }
}
