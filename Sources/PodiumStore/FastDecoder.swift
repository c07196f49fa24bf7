import Foundation
import PodiumCore

/// A hand-written parser for the state file, several times faster than JSONDecoder (issue 7:
/// a reload with 10,000 questions). It only handles well-formed files with the known fields
/// (unknown keys are skipped, as JSONDecoder does); on anything else it returns nil and
/// `StateCodec` decodes with JSONDecoder, which also gives the precise error. If a Core model
/// changed (`FastStateEncoder.isUpToDate` is false) it is not used at all.
struct FastStateDecoder {
    private struct Failure: Error {}

    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0
    /// Questions whose bytes are unchanged are taken from here (see `QuestionReuse`).
    private var reuse: QuestionReuse?
    private var reuseBytes = UnsafeRawBufferPointer(start: nil, count: 0)
    /// Where each question was read from in `bytes`.
    private var questionRanges: [Range<Int>] = []

    private init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// The state, or nil if the fast path cannot be sure (then use JSONDecoder).
    static func decode(_ data: Data) -> PodiumState? {
        guard FastStateEncoder.isUpToDate else { return nil }
        return data.withUnsafeBytes { raw -> PodiumState? in
            var decoder = FastStateDecoder(raw.bindMemory(to: UInt8.self))
            guard let state = try? decoder.state() else { return nil }
            decoder.skipSpace()
            return decoder.index == decoder.bytes.count ? state : nil
        }
    }

    /// As `decode`, taking every question whose bytes are those of the question at the same
    /// place in `reuse`; also says where each question is in `data`.
    static func decode(_ data: Data, reusing reuse: QuestionReuse?) -> CodedState? {
        guard FastStateEncoder.isUpToDate else { return nil }
        let old = reuse?.data ?? Data()
        return data.withUnsafeBytes { raw -> CodedState? in
            old.withUnsafeBytes { oldRaw -> CodedState? in
                var decoder = FastStateDecoder(raw.bindMemory(to: UInt8.self))
                decoder.reuse = reuse
                decoder.reuseBytes = oldRaw
                guard let state = try? decoder.state() else { return nil }
                decoder.skipSpace()
                guard decoder.index == decoder.bytes.count else { return nil }
                return CodedState(state: state, data: data, questionRanges: decoder.questionRanges)
            }
        }
    }

    private mutating func reusableQuestion() throws -> Question {
        skipSpace()
        let start = index
        let position = questionRanges.count
        if let reuse, position < reuse.questions.count, let base = bytes.baseAddress,
           let oldBase = reuseBytes.baseAddress
        {
            let range = reuse.ranges[position]
            if start + range.count <= bytes.count, range.upperBound <= reuseBytes.count,
               memcmp(base + start, oldBase + range.lowerBound, range.count) == 0
            {
                index = start + range.count
                questionRanges.append(start..<index)
                return reuse.questions[position]
            }
        }
        let question = try question()
        questionRanges.append(start..<index)
        return question
    }

    // MARK: Models

    private mutating func state() throws -> PodiumState {
        var schemaVersion: Int?, revision: Int?, updatedAt: Date?, writer: Writer?
        var event: Event?, currentSessionID: String?, timers: [String: SessionTimer]?
        var questions: [Question]?, message: SpeakerMessage?, notes: [String: SessionNotes]?
        var endedAt: Date?, messageLog: [SpeakerMessage] = [], blockedPeople: [String] = []
        try object { d, key in
            switch key {
            case "schemaVersion": schemaVersion = try d.integer()
            case "revision": revision = try d.integer()
            case "updatedAt": updatedAt = try d.date()
            case "writer": writer = try d.optional { try $0.writer() }
            case "event": event = try d.event()
            case "currentSessionID": currentSessionID = try d.string()
            case "timers": timers = try d.dictionary { try $0.timer() }
            case "questions": questions = try d.array { try $0.reusableQuestion() }
            case "message": message = try d.optional { try $0.message() }
            case "notes": notes = try d.dictionary { try $0.notes() }
            case "endedAt": endedAt = try d.optional { try $0.date() }
            case "messageLog": messageLog = try d.array { try $0.message() }
            case "blockedPeople": blockedPeople = try d.array { try $0.string() }
            default: try d.skipValue()
            }
        }
        guard let schemaVersion, let revision, let updatedAt, let event, let currentSessionID,
              let timers, let questions, let notes
        else { throw Failure() }
        var state = PodiumState(event: Event(title: "", sessions: []), now: updatedAt)
        state.event = event
        state.schemaVersion = schemaVersion
        state.revision = revision
        state.writer = writer
        state.currentSessionID = currentSessionID
        state.timers = timers
        state.questions = QuestionList(questions)
        state.message = message
        state.notes = notes
        state.endedAt = endedAt
        state.messageLog = messageLog
        state.blockedPeople = blockedPeople
        return state
    }

    private mutating func writer() throws -> Writer {
        var host: String?, pid: Int?, role: Role?
        try object { d, key in
            switch key {
            case "host": host = try d.string()
            case "pid": pid = try d.integer()
            case "role": role = try d.enumeration()
            default: try d.skipValue()
            }
        }
        guard let host, let pid, let pid32 = Int32(exactly: pid), let role else { throw Failure() }
        return Writer(host: host, pid: pid32, role: role)
    }

    private mutating func event() throws -> Event {
        var title: String?, date: String?, venue: String?, start: String?
        var warning: Int?, danger: Int?, cues: [String]?, sessions: [Session]?
        try object { d, key in
            switch key {
            case "title": title = try d.string()
            case "date": date = try d.optional { try $0.string() }
            case "venue": venue = try d.optional { try $0.string() }
            case "start": start = try d.optional { try $0.string() }
            case "warningSeconds": warning = try d.integer()
            case "dangerSeconds": danger = try d.integer()
            case "cues": cues = try d.array { try $0.string() }
            case "sessions": sessions = try d.array { try $0.session() }
            default: try d.skipValue()
            }
        }
        guard let title, let warning, let danger, let cues, let sessions else { throw Failure() }
        return Event(title: title, date: date, venue: venue, start: start, warningSeconds: warning,
                     dangerSeconds: danger, cues: cues, sessions: sessions)
    }

    private mutating func session() throws -> Session {
        var id: String?, title: String?, speaker: String?, planned: Int?, warning: Int?
        var danger: Int?, notes: String?, hostNotes: String?, notesPath: String?, hostNotesPath: String?
        try object { d, key in
            switch key {
            case "id": id = try d.string()
            case "title": title = try d.string()
            case "speaker": speaker = try d.optional { try $0.string() }
            case "plannedSeconds": planned = try d.integer()
            case "warningSeconds": warning = try d.optional { try $0.integer() }
            case "dangerSeconds": danger = try d.optional { try $0.integer() }
            case "notes": notes = try d.string()
            case "hostNotes": hostNotes = try d.string()
            case "notesPath": notesPath = try d.optional { try $0.string() }
            case "hostNotesPath": hostNotesPath = try d.optional { try $0.string() }
            default: try d.skipValue()
            }
        }
        guard let id, let title, let planned, let notes, let hostNotes else { throw Failure() }
        return Session(id: id, title: title, speaker: speaker, plannedSeconds: planned,
                       warningSeconds: warning, dangerSeconds: danger, notes: notes,
                       hostNotes: hostNotes, notesPath: notesPath, hostNotesPath: hostNotesPath)
    }

    private mutating func timer() throws -> SessionTimer {
        var sessionID: String?, status: SessionTimer.Status?, elapsed: Double?, added: Int?
        var runningSince: Date?, actualStart: Date?, actualEnd: Date?
        try object { d, key in
            switch key {
            case "sessionID": sessionID = try d.string()
            case "status": status = try d.enumeration()
            case "elapsedBeforeRun": elapsed = try d.double()
            case "runningSince": runningSince = try d.optional { try $0.date() }
            case "addedSeconds": added = try d.integer()
            case "actualStart": actualStart = try d.optional { try $0.date() }
            case "actualEnd": actualEnd = try d.optional { try $0.date() }
            default: try d.skipValue()
            }
        }
        guard let sessionID, let status, let elapsed, let added else { throw Failure() }
        var timer = SessionTimer(sessionID: sessionID)
        timer.status = status
        timer.elapsedBeforeRun = elapsed
        timer.runningSince = runningSince
        timer.addedSeconds = added
        timer.actualStart = actualStart
        timer.actualEnd = actualEnd
        return timer
    }

    private mutating func question() throws -> Question {
        var id: String?, text: String?, originalText: String?, author: String?
        var source: QuestionSource?, sessionID: String?, status: QuestionStatus?
        var before: QuestionStatus?, reason: String?, votes: [String: Int]?, pinned: Bool?
        var position: Double?, labels: [String]?, assignee: String?, aliases: [String]?
        var mergedInto: String?, editingBy: String?, askedAt: Date?, updatedAt: Date?
        var updatedBy: String?, history: [QuestionChange]?
        try object { d, key in
            switch key {
            case "id": id = try d.string()
            case "text": text = try d.string()
            case "originalText": originalText = try d.optional { try $0.string() }
            case "author": author = try d.string()
            case "source": source = try d.enumeration()
            case "sessionID": sessionID = try d.optional { try $0.string() }
            case "status": status = try d.enumeration()
            case "statusBeforeDismissal": before = try d.optional { try $0.enumeration() }
            case "dismissReason": reason = try d.optional { try $0.string() }
            case "votes": votes = try d.dictionary { try $0.integer() }
            case "pinned": pinned = try d.boolean()
            case "position": position = try d.double()
            case "labels": labels = try d.array { try $0.string() }
            case "assignee": assignee = try d.optional { try $0.string() }
            case "aliases": aliases = try d.array { try $0.string() }
            case "mergedInto": mergedInto = try d.optional { try $0.string() }
            case "editingBy": editingBy = try d.optional { try $0.string() }
            case "askedAt": askedAt = try d.date()
            case "updatedAt": updatedAt = try d.date()
            case "updatedBy": updatedBy = try d.string()
            case "history": history = try d.array { try $0.change() }
            default: try d.skipValue()
            }
        }
        guard let id, let text, let author, let source, let status, let votes, let pinned,
              let position, let labels, let aliases, let askedAt, let updatedAt, let updatedBy,
              let history
        else { throw Failure() }
        var question = Question(
            id: id, text: text, author: author, source: source, sessionID: sessionID,
            status: status, askedAt: askedAt, by: updatedBy, position: position)
        question.originalText = originalText
        question.statusBeforeDismissal = before
        question.dismissReason = reason
        question.votes = votes
        question.pinned = pinned
        question.labels = labels
        question.assignee = assignee
        question.aliases = aliases
        question.mergedInto = mergedInto
        question.editingBy = editingBy
        question.updatedAt = updatedAt
        question.history = history
        return question
    }

    private mutating func change() throws -> QuestionChange {
        var at: Date?, by: String?, what: String?
        try object { d, key in
            switch key {
            case "at": at = try d.date()
            case "by": by = try d.string()
            case "what": what = try d.string()
            default: try d.skipValue()
            }
        }
        guard let at, let by, let what else { throw Failure() }
        return QuestionChange(at: at, by: by, what: what)
    }

    private mutating func message() throws -> SpeakerMessage {
        var text: String?, sentBy: String?, sentAt: Date?, sessionID: String?
        try object { d, key in
            switch key {
            case "text": text = try d.string()
            case "sentBy": sentBy = try d.string()
            case "sentAt": sentAt = try d.date()
            case "sessionID": sessionID = try d.optional { try $0.string() }
            default: try d.skipValue()
            }
        }
        guard let text, let sentBy, let sentAt else { throw Failure() }
        return SpeakerMessage(text: text, sentBy: sentBy, sentAt: sentAt, sessionID: sessionID)
    }

    private mutating func notes() throws -> SessionNotes {
        var speaker: String?, host: String?, updatedAt: Date?, updatedBy: String?
        var versions: [SessionNotes.Version]?
        try object { d, key in
            switch key {
            case "speaker": speaker = try d.string()
            case "host": host = try d.string()
            case "updatedAt": updatedAt = try d.date()
            case "updatedBy": updatedBy = try d.string()
            case "previousVersions": versions = try d.array { try $0.version() }
            default: try d.skipValue()
            }
        }
        guard let speaker, let host, let updatedAt, let updatedBy, let versions else { throw Failure() }
        var notes = SessionNotes(speaker: speaker, host: host, updatedAt: updatedAt, updatedBy: updatedBy)
        notes.previousVersions = versions
        return notes
    }

    private mutating func version() throws -> SessionNotes.Version {
        var text: String?, savedAt: Date?, savedBy: String?, kind: SessionNotes.Kind?
        try object { d, key in
            switch key {
            case "text": text = try d.string()
            case "savedAt": savedAt = try d.date()
            case "savedBy": savedBy = try d.string()
            case "kind":
                // An unknown kind: let JSONDecoder report it.
                guard let value = SessionNotes.Kind(rawValue: try d.string()) else { throw Failure() }
                kind = value
            default: try d.skipValue()
            }
        }
        guard let text, let savedAt, let savedBy else { throw Failure() }
        return SessionNotes.Version(text: text, savedAt: savedAt, savedBy: savedBy, kind: kind)
    }

    // MARK: Structure

    private mutating func skipSpace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }

    /// The next non-space byte (not consumed).
    private mutating func peek() throws -> UInt8 {
        skipSpace()
        guard index < bytes.count else { throw Failure() }
        return bytes[index]
    }

    private mutating func expect(_ byte: UInt8) throws {
        guard try peek() == byte else { throw Failure() }
        index += 1
    }

    private mutating func object(_ member: (inout Self, String) throws -> Void) throws {
        try expect(UInt8(ascii: "{"))
        if try peek() == UInt8(ascii: "}") {
            index += 1
            return
        }
        while true {
            let key = try string()
            try expect(UInt8(ascii: ":"))
            try member(&self, key)
            let next = try peek()
            index += 1
            if next == UInt8(ascii: "}") { return }
            guard next == UInt8(ascii: ",") else { throw Failure() }
        }
    }

    private mutating func array<T>(_ element: (inout Self) throws -> T) throws -> [T] {
        try expect(UInt8(ascii: "["))
        var result: [T] = []
        if try peek() == UInt8(ascii: "]") {
            index += 1
            return result
        }
        while true {
            result.append(try element(&self))
            let next = try peek()
            index += 1
            if next == UInt8(ascii: "]") { return result }
            guard next == UInt8(ascii: ",") else { throw Failure() }
        }
    }

    private mutating func dictionary<T>(_ element: (inout Self) throws -> T) throws -> [String: T] {
        var result: [String: T] = [:]
        try object { d, key in result[key] = try element(&d) }
        return result
    }

    /// `null` is nil, as for JSONDecoder's decodeIfPresent.
    private mutating func optional<T>(_ value: (inout Self) throws -> T) throws -> T? {
        if try peek() == UInt8(ascii: "n") {
            try literal("null")
            return nil
        }
        return try value(&self)
    }

    private mutating func skipValue() throws {
        switch try peek() {
        case UInt8(ascii: "{"): try object { d, _ in try d.skipValue() }
        case UInt8(ascii: "["): _ = try array { try $0.skipValue() }
        case UInt8(ascii: "\""): _ = try string()
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        default: _ = try number()
        }
    }

    // MARK: Scalars

    private mutating func literal(_ word: StaticString) throws {
        skipSpace()
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else { throw Failure() }
        for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] {
            throw Failure()
        }
        index += count
    }

    private mutating func boolean() throws -> Bool {
        if try peek() == UInt8(ascii: "t") {
            try literal("true")
            return true
        }
        try literal("false")
        return false
    }

    /// The bytes of a number token.
    private mutating func number() throws -> UnsafeBufferPointer<UInt8> {
        skipSpace()
        let start = index
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"),
                 UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"):
                index += 1
            default:
                guard index > start else { throw Failure() }
                return UnsafeBufferPointer(rebasing: bytes[start..<index])
            }
        }
        guard index > start else { throw Failure() }
        return UnsafeBufferPointer(rebasing: bytes[start..<index])
    }

    private mutating func integer() throws -> Int {
        let token = try number()
        var value = 0
        var negative = false
        for (offset, byte) in token.enumerated() {
            if offset == 0, byte == UInt8(ascii: "-"), token.count > 1 {
                negative = true
                continue
            }
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { throw Failure() }
            let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times.addingReportingOverflow(Int(byte - UInt8(ascii: "0")))
            guard !overflow1, !overflow2 else { throw Failure() }
            value = sum
        }
        return negative ? -value : value
    }

    private mutating func double() throws -> Double {
        let token = try number()
        guard let value = Double(String(decoding: token, as: UTF8.self)), value.isFinite else {
            throw Failure()
        }
        return value
    }

    private mutating func date() throws -> Date {
        Date(timeIntervalSince1970: try double())
    }

    private mutating func enumeration<T: RawRepresentable>() throws -> T where T.RawValue == String {
        guard let value = T(rawValue: try string()) else { throw Failure() }
        return value
    }

    private mutating func string() throws -> String {
        try expect(UInt8(ascii: "\""))
        let start = index
        // Fast path: no escapes.
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
                index += 1
                return text
            }
            if byte == UInt8(ascii: "\\") { break }
            guard byte >= 0x20 else { throw Failure() }
            index += 1
        }
        var out = Array(UnsafeBufferPointer(rebasing: bytes[start..<index]))
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if byte == UInt8(ascii: "\"") { return String(decoding: out, as: UTF8.self) }
            guard byte >= 0x20 else { throw Failure() }
            guard byte == UInt8(ascii: "\\") else {
                out.append(byte)
                continue
            }
            guard index < bytes.count else { throw Failure() }
            let escape = bytes[index]
            index += 1
            switch escape {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escape)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "u"):
                var scalar = try hex4()
                if (0xD800..<0xDC00).contains(scalar) {
                    // A surrogate pair: \uD83C\uDF63.
                    try literalRaw("\\u")
                    let low = try hex4()
                    guard (0xDC00..<0xE000).contains(low) else { throw Failure() }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                }
                guard let unicode = Unicode.Scalar(scalar) else { throw Failure() }
                out.append(contentsOf: Array(String(Character(unicode)).utf8))
            default: throw Failure()
            }
        }
        throw Failure()
    }

    private mutating func literalRaw(_ text: StaticString) throws {
        let count = text.utf8CodeUnitCount
        guard index + count <= bytes.count else { throw Failure() }
        for offset in 0..<count where bytes[index + offset] != text.utf8Start[offset] { throw Failure() }
        index += count
    }

    private mutating func hex4() throws -> UInt32 {
        guard index + 4 <= bytes.count else { throw Failure() }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            index += 1
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw Failure()
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }
}
