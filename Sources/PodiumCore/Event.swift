import Foundation
import PodiumText

/// The event as planned: what the host's event file describes.
public struct Event: Codable, Equatable, Sendable {
    public var title: String
    public var date: String?
    public var venue: String?
    /// Planned start as "HH:MM" local time of day.
    public var start: String?
    /// Default thresholds, in seconds of remaining time.
    public var warningSeconds: Int
    public var dangerSeconds: Int
    /// Canned cues for messages to the speaker.
    public var cues: [String]
    public var sessions: [Session]

    public init(
        title: String, date: String? = nil, venue: String? = nil, start: String? = nil,
        warningSeconds: Int = 300, dangerSeconds: Int = 120,
        cues: [String] = Event.defaultCues, sessions: [Session]
    ) {
        self.title = title
        self.date = date
        self.venue = venue
        self.start = start
        self.warningSeconds = warningSeconds
        self.dangerSeconds = dangerSeconds
        self.cues = cues
        self.sessions = sessions
    }

    public static let defaultCues = defaultCues(.en)

    /// The cues of an event file without `cues`, in a language (the state keeps the English).
    public static func defaultCues(_ language: Language) -> [String] {
        [.cueFiveMinutes, .cueWrapUp, .cueTakeQuestions, .cueRepeatQuestion, .cueLouder].map { language.t($0) }
    }

    public func session(withID id: String) -> Session? {
        sessions.first { $0.id == id }
    }

    public func index(ofSession id: String) -> Int? {
        sessions.firstIndex { $0.id == id }
    }
}

/// One planned item of the rundown: a talk, a break, a discussion.
public struct Session: Codable, Equatable, Sendable {
    public var id: String
    public var title: String
    public var speaker: String?
    public var plannedSeconds: Int
    public var warningSeconds: Int?
    public var dangerSeconds: Int?
    /// Speaker notes (Markdown), shown to the speaker and the consoles.
    public var notes: String
    /// Host notes (Markdown): the run sheet, never shown on the speaker view.
    public var hostNotes: String
    /// Where the speaker notes came from, for `podium notes export`: an absolute path since
    /// the event loader stores them so (states written before may hold one relative to the
    /// event file's directory).
    public var notesPath: String?
    /// Where the host notes came from (`host_notes_file`), for `podium notes export`.
    public var hostNotesPath: String?

    public init(
        id: String, title: String, speaker: String? = nil, plannedSeconds: Int,
        warningSeconds: Int? = nil, dangerSeconds: Int? = nil,
        notes: String = "", hostNotes: String = "", notesPath: String? = nil, hostNotesPath: String? = nil
    ) {
        self.id = id
        self.title = title
        self.speaker = speaker
        self.plannedSeconds = plannedSeconds
        self.warningSeconds = warningSeconds
        self.dangerSeconds = dangerSeconds
        self.notes = notes
        self.hostNotes = hostNotes
        self.notesPath = notesPath
        self.hostNotesPath = hostNotesPath
    }
}
