import Foundation
import PodiumCore

/// A hand-written encoder for the state file, several times faster than JSONEncoder (issue 7:
/// a commit with 10,000 questions must take well under 40 ms). It writes exactly the bytes
/// JSONEncoder writes with `[.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]` and
/// dates as seconds since 1970, so both can be used interchangeably (a test checks this).
///
/// Safety net: if a Core model gains or loses a stored property that this encoder does not
/// know, `isUpToDate` is false and `StateCodec` falls back to JSONEncoder, so nothing is ever
/// dropped from the file.
struct FastStateEncoder {
    private var out: [UInt8] = []
    private var level = 0
    private var isFirst: [Bool] = []
    /// Unchanged questions are copied from here (see `QuestionReuse`).
    private var reuse: QuestionReuse?
    /// Where each question was written in `out`.
    private var questionRanges: [Range<Int>] = []

    static func encode(_ state: PodiumState) throws -> Data {
        var encoder = FastStateEncoder()
        encoder.out.reserveCapacity(4_096 + state.questions.count * 700)
        try encoder.state(state)
        encoder.out.append(0x0A)
        return Data(encoder.out)
    }

    /// As `encode`, copying the bytes of every question that equals the one at the same place
    /// in `reuse`; also says where each question is in the result.
    static func encode(_ state: PodiumState, reusing reuse: QuestionReuse?) throws -> CodedState {
        var encoder = FastStateEncoder()
        encoder.reuse = reuse
        encoder.questionRanges.reserveCapacity(state.questions.count)
        encoder.out.reserveCapacity(max(4_096 + state.questions.count * 700, (reuse?.data.count ?? 0) + 65_536))
        try encoder.state(state)
        encoder.out.append(0x0A)
        return CodedState(state: state, data: Data(encoder.out), questionRanges: encoder.questionRanges)
    }

    /// Whether every model still has exactly the properties written below.
    static let isUpToDate: Bool = {
        func labels(_ value: Any) -> Set<String> {
            Set(Mirror(reflecting: value).children.compactMap(\.label))
        }
        let date = Date(timeIntervalSince1970: 0)
        let session = Session(id: "s", title: "t", plannedSeconds: 1)
        let event = Event(title: "t", sessions: [session])
        let notes = SessionNotes(speaker: "", host: "", updatedAt: date, updatedBy: "")
        let expected: [(Any, Set<String>)] = [
            (PodiumState(event: event, now: date), [
                "schemaVersion", "revision", "updatedAt", "writer", "event", "currentSessionID",
                "timers", "questions", "message", "notes", "endedAt", "messageLog", "blockedPeople",
            ]),
            (Writer(host: "", pid: 0, role: .host), ["host", "pid", "role"]),
            (event, [
                "title", "date", "venue", "start", "warningSeconds", "dangerSeconds", "cues", "sessions",
            ]),
            (session, [
                "id", "title", "speaker", "plannedSeconds", "warningSeconds", "dangerSeconds", "notes",
                "hostNotes", "notesPath", "hostNotesPath",
            ]),
            (SessionTimer(sessionID: "s"), [
                "sessionID", "status", "elapsedBeforeRun", "runningSince", "addedSeconds",
                "actualStart", "actualEnd",
            ]),
            (Question(id: "q", text: "", askedAt: date).storedFieldsForReflection, [
                "id", "text", "originalText", "author", "source", "sessionID", "status",
                "statusBeforeDismissal", "dismissReason", "votes", "pinned", "position", "labels",
                "assignee", "aliases", "mergedInto", "editingBy", "askedAt", "updatedAt", "updatedBy",
                "history",
            ]),
            (QuestionChange(at: date, by: "", what: ""), ["at", "by", "what"]),
            (SpeakerMessage(text: "", sentBy: "", sentAt: date), ["text", "sentBy", "sentAt", "sessionID"]),
            (notes, ["speaker", "host", "updatedAt", "updatedBy", "previousVersions"]),
            (SessionNotes.Version(text: "", savedAt: date, savedBy: ""), ["text", "savedAt", "savedBy", "kind"]),
        ]
        return expected.allSatisfy { labels($0.0) == $0.1 }
    }()

    // MARK: Models (keys in sorted order; nil optionals left out, as JSONEncoder does)

    private mutating func state(_ value: PodiumState) throws {
        open(UInt8(ascii: "{"))
        key("blockedPeople"); array(value.blockedPeople) { $0.string($1) }
        key("currentSessionID"); string(value.currentSessionID)
        if let endedAt = value.endedAt { key("endedAt"); try date(endedAt) }
        key("event"); try event(value.event)
        if let message = value.message {
            key("message"); try speakerMessage(message)
        }
        key("messageLog"); try array(value.messageLog) { try $0.speakerMessage($1) }
        key("notes"); try dictionary(value.notes) { try $0.notes($1) }
        key("questions"); try array(value.questions) { try $0.reusableQuestion($1) }
        key("revision"); integer(value.revision)
        key("schemaVersion"); integer(value.schemaVersion)
        key("timers"); try dictionary(value.timers) { try $0.timer($1) }
        key("updatedAt"); try date(value.updatedAt)
        if let writer = value.writer {
            key("writer")
            open(UInt8(ascii: "{"))
            key("host"); string(writer.host)
            key("pid"); integer(Int(writer.pid))
            key("role"); string(writer.role.rawValue)
            close(UInt8(ascii: "}"))
        }
        close(UInt8(ascii: "}"))
    }

    private mutating func speakerMessage(_ message: SpeakerMessage) throws {
        open(UInt8(ascii: "{"))
        key("sentAt"); try date(message.sentAt)
        key("sentBy"); string(message.sentBy)
        if let session = message.sessionID { key("sessionID"); string(session) }
        key("text"); string(message.text)
        close(UInt8(ascii: "}"))
    }

    private mutating func event(_ value: Event) throws {
        open(UInt8(ascii: "{"))
        key("cues"); array(value.cues) { $0.string($1) }
        key("dangerSeconds"); integer(value.dangerSeconds)
        if let date = value.date { key("date"); string(date) }
        key("sessions"); array(value.sessions) { $0.session($1) }
        if let start = value.start { key("start"); string(start) }
        key("title"); string(value.title)
        if let venue = value.venue { key("venue"); string(venue) }
        key("warningSeconds"); integer(value.warningSeconds)
        close(UInt8(ascii: "}"))
    }

    private mutating func session(_ value: Session) {
        open(UInt8(ascii: "{"))
        if let danger = value.dangerSeconds { key("dangerSeconds"); integer(danger) }
        key("hostNotes"); string(value.hostNotes)
        if let path = value.hostNotesPath { key("hostNotesPath"); string(path) }
        key("id"); string(value.id)
        key("notes"); string(value.notes)
        if let path = value.notesPath { key("notesPath"); string(path) }
        key("plannedSeconds"); integer(value.plannedSeconds)
        if let speaker = value.speaker { key("speaker"); string(speaker) }
        key("title"); string(value.title)
        if let warning = value.warningSeconds { key("warningSeconds"); integer(warning) }
        close(UInt8(ascii: "}"))
    }

    private mutating func timer(_ value: SessionTimer) throws {
        open(UInt8(ascii: "{"))
        if let end = value.actualEnd { key("actualEnd"); try date(end) }
        if let start = value.actualStart { key("actualStart"); try date(start) }
        key("addedSeconds"); integer(value.addedSeconds)
        key("elapsedBeforeRun"); try double(value.elapsedBeforeRun)
        if let since = value.runningSince { key("runningSince"); try date(since) }
        key("sessionID"); string(value.sessionID)
        key("status"); string(value.status.rawValue)
        close(UInt8(ascii: "}"))
    }

    private mutating func reusableQuestion(_ value: Question) throws {
        let start = out.count
        let position = questionRanges.count
        if let reuse, position < reuse.questions.count, reuse.questions[position] == value {
            let range = reuse.ranges[position]
            reuse.data.withUnsafeBytes { raw in
                out.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[range]).assumingMemoryBound(to: UInt8.self))
            }
        } else {
            try question(value)
        }
        questionRanges.append(start..<out.count)
    }

    private mutating func question(_ value: Question) throws {
        open(UInt8(ascii: "{"))
        key("aliases"); array(value.aliases) { $0.string($1) }
        key("askedAt"); try date(value.askedAt)
        if let assignee = value.assignee { key("assignee"); string(assignee) }
        key("author"); string(value.author)
        if let reason = value.dismissReason { key("dismissReason"); string(reason) }
        if let editor = value.editingBy { key("editingBy"); string(editor) }
        key("history")
        try array(value.history) { encoder, change in
            encoder.open(UInt8(ascii: "{"))
            encoder.key("at"); try encoder.date(change.at)
            encoder.key("by"); encoder.string(change.by)
            encoder.key("what"); encoder.string(change.what)
            encoder.close(UInt8(ascii: "}"))
        }
        key("id"); string(value.id)
        key("labels"); array(value.labels) { $0.string($1) }
        if let target = value.mergedInto { key("mergedInto"); string(target) }
        if let original = value.originalText { key("originalText"); string(original) }
        key("pinned"); literal(value.pinned ? "true" : "false")
        key("position"); try double(value.position)
        if let session = value.sessionID { key("sessionID"); string(session) }
        key("source"); string(value.source.rawValue)
        key("status"); string(value.status.rawValue)
        if let before = value.statusBeforeDismissal {
            key("statusBeforeDismissal"); string(before.rawValue)
        }
        key("text"); string(value.text)
        key("updatedAt"); try date(value.updatedAt)
        key("updatedBy"); string(value.updatedBy)
        key("votes"); dictionary(value.votes) { $0.integer($1) }
        close(UInt8(ascii: "}"))
    }

    private mutating func notes(_ value: SessionNotes) throws {
        open(UInt8(ascii: "{"))
        key("host"); string(value.host)
        key("previousVersions")
        try array(value.previousVersions) { encoder, version in
            encoder.open(UInt8(ascii: "{"))
            if let kind = version.kind { encoder.key("kind"); encoder.string(kind.rawValue) }
            encoder.key("savedAt"); try encoder.date(version.savedAt)
            encoder.key("savedBy"); encoder.string(version.savedBy)
            encoder.key("text"); encoder.string(version.text)
            encoder.close(UInt8(ascii: "}"))
        }
        key("speaker"); string(value.speaker)
        key("updatedAt"); try date(value.updatedAt)
        key("updatedBy"); string(value.updatedBy)
        close(UInt8(ascii: "}"))
    }

    // MARK: JSON layout

    private mutating func newline() {
        out.append(0x0A)
        for _ in 0..<level { out.append(0x20); out.append(0x20) }
    }

    /// Before each member or element: a comma after the previous one, a new indented line.
    private mutating func separator() {
        if isFirst[isFirst.count - 1] {
            isFirst[isFirst.count - 1] = false
        } else {
            out.append(UInt8(ascii: ","))
        }
        newline()
    }

    private mutating func open(_ bracket: UInt8) {
        out.append(bracket)
        level += 1
        isFirst.append(true)
    }

    /// JSONEncoder writes an empty container as "[", an empty line, "]".
    private mutating func close(_ bracket: UInt8) {
        let wasEmpty = isFirst.removeLast()
        level -= 1
        if wasEmpty { out.append(0x0A) }
        newline()
        out.append(bracket)
    }

    private mutating func key(_ name: String) {
        separator()
        string(name)
        out.append(0x20)
        out.append(UInt8(ascii: ":"))
        out.append(0x20)
    }

    private mutating func array<C: Collection>(_ values: C, _ element: (inout Self, C.Element) throws -> Void) rethrows {
        open(UInt8(ascii: "["))
        for value in values {
            separator()
            try element(&self, value)
        }
        close(UInt8(ascii: "]"))
    }

    private mutating func dictionary<T>(
        _ values: [String: T], _ element: (inout Self, T) throws -> Void
    ) rethrows {
        open(UInt8(ascii: "{"))
        for name in values.keys.sorted() {
            key(name)
            try element(&self, values[name]!)
        }
        close(UInt8(ascii: "}"))
    }

    // MARK: Scalars

    private mutating func literal(_ text: StaticString) {
        text.withUTF8Buffer { out.append(contentsOf: $0) }
    }

    private mutating func integer(_ value: Int) {
        if value < 0 { out.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude > 0
            for index in stride(from: count - 1, through: 0, by: -1) { out.append(buffer[index]) }
        }
    }

    /// As JSONEncoder: Swift's shortest form, without a trailing ".0".
    private mutating func double(_ value: Double) throws {
        guard value.isFinite else {
            throw EncodingError.invalidValue(
                value, .init(codingPath: [], debugDescription: "not a finite number"))
        }
        if value == value.rounded(), abs(value) < 1e15 {
            integer(Int(value))
            if value == 0, value.sign == .minus { out.insert(UInt8(ascii: "-"), at: out.count - 1) }
            return
        }
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        out.append(contentsOf: text.utf8)
    }

    private mutating func date(_ value: Date) throws {
        try double(value.timeIntervalSince1970)
    }

    private mutating func string(_ value: String) {
        out.append(UInt8(ascii: "\""))
        var text = value
        text.withUTF8 { bytes in
            var start = 0
            for index in 0..<bytes.count {
                let byte = bytes[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else {
                    continue
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
                start = index + 1
                out.append(UInt8(ascii: "\\"))
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): out.append(byte)
                case 0x0A: out.append(UInt8(ascii: "n"))
                case 0x0D: out.append(UInt8(ascii: "r"))
                case 0x09: out.append(UInt8(ascii: "t"))
                case 0x08: out.append(UInt8(ascii: "b"))
                case 0x0C: out.append(UInt8(ascii: "f"))
                default:
                    let hex = Array("0123456789abcdef".utf8)
                    out.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                                            hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]])
                }
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<bytes.count]))
        }
        out.append(UInt8(ascii: "\""))
    }
}
