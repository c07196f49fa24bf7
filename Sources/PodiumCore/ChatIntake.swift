import Foundation
import PodiumText

/// A chat message as a bridge, a followed file or Zoom's saved chat gives it, before it becomes a
/// question: pure parsing, no I/O (the command reads the bytes and writes the questions).
public struct ChatMessage: Equatable, Sendable {
    public var text: String
    public var author: String?
    /// The source named in a JSON line, unchecked (the caller knows the allowed names).
    public var source: String?
    public var session: String?
    /// The id the chat gave the message, or one made from where it was read.
    public var messageID: String?
    /// The line of the input where the message starts (1-based).
    public var line: Int

    public init(text: String, author: String? = nil, source: String? = nil, session: String? = nil, messageID: String? = nil, line: Int) {
        self.text = text
        self.author = author
        self.source = source
        self.session = session
        self.messageID = messageID
        self.line = line
    }
}

/// Why one line was not taken: reported as `stdin:LINE: reason` and skipped. The reason is a
/// message of the catalog, said in the language of whoever reads it.
public struct IntakeProblem: Error, Equatable, Sendable {
    public var line: Int
    public var message: Msg
    public var arguments: [String]

    public init(line: Int, _ message: Msg, _ arguments: Any...) {
        self.line = line
        self.message = message
        self.arguments = arguments.map { "\($0)" }
    }

    /// The reason in English.
    public var reason: String { reason(.en) }

    public func reason(_ language: Language) -> String {
        message.text(language, arguments)
    }
}

/// How the lines of an input are read.
public enum IntakeFormat: String, CaseIterable, Sendable {
    /// A line starting with `{` is a JSON object, any other line is the question's text.
    case auto
    /// Every line is the question's text, whatever it starts with.
    case lines
    /// Every line is a JSON object {"text", "author", "source", "session", "id"}.
    case jsonl
    /// Zoom's saved meeting chat (`ZoomChatParser`).
    case zoom
}

public enum ChatIntake {
    /// The line's text without its line end (LF or CRLF); nil if it is not valid UTF-8.
    public static func decodeLine<Bytes: Collection>(_ bytes: Bytes) -> String? where Bytes.Element == UInt8 {
        var view = Array(bytes)
        if view.last == UInt8(ascii: "\n") { view.removeLast() }
        if view.last == UInt8(ascii: "\r") { view.removeLast() }
        return String(validating: view, as: UTF8.self)
    }

    /// One line of `ask -` (or of a followed `lines`/`jsonl` file): a message, nil for a blank
    /// line, or the reason it is refused.
    public static func parseLine(_ line: String, format: IntakeFormat, number: Int) -> Result<ChatMessage?, IntakeProblem> {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { return .success(nil) }
        switch format {
        case .lines, .zoom:
            return .success(ChatMessage(text: trimmed, line: number))
        case .auto where !trimmed.hasPrefix("{"):
            return .success(ChatMessage(text: trimmed, line: number))
        case .auto, .jsonl:
            return parseJSONLine(trimmed, number: number).map { $0 }
        }
    }

    /// {"text": …, "author": …, "source": …, "session": …, "id": …}; `id` may be a string or a
    /// whole number (chat systems use both). Other fields are ignored.
    static func parseJSONLine(_ line: String, number: Int) -> Result<ChatMessage, IntakeProblem> {
        let data = Data(line.utf8)
        guard let object = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else {
            return .failure(IntakeProblem(line: number, .intakeNotJSON))
        }
        guard object is [String: Any] else {
            return .failure(IntakeProblem(line: number, .intakeNoText))
        }
        do {
            let fields = try JSONDecoder().decode(JSONLine.self, from: data)
            return .success(ChatMessage(
                text: fields.text, author: fields.author, source: fields.source, session: fields.session,
                messageID: fields.id.flatMap { $0.isEmpty ? nil : $0 }, line: number))
        } catch DecodingError.keyNotFound(let key, _) {
            return .failure(IntakeProblem(line: number, .intakeNoField, key.stringValue))
        } catch DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context) {
            let key = context.codingPath.last?.stringValue ?? "?"
            return .failure(key == "id"
                ? IntakeProblem(line: number, .intakeBadID) : IntakeProblem(line: number, .intakeNotString, key))
        } catch {
            return .failure(IntakeProblem(line: number, .intakeNoText))
        }
    }

    private struct JSONLine: Decodable {
        var text: String
        var author: String?
        var source: String?
        var session: String?
        var id: String?

        enum CodingKeys: String, CodingKey { case text, author, source, session, id }

        init(from decoder: Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            text = try container.decode(String.self, forKey: .text)
            author = try container.decodeIfPresent(String.self, forKey: .author)
            source = try container.decodeIfPresent(String.self, forKey: .source)
            session = try container.decodeIfPresent(String.self, forKey: .session)
            if try !container.contains(.id) || container.decodeNil(forKey: .id) {
                id = nil
            } else if let string = try? container.decode(String.self, forKey: .id) {
                id = string
            } else {
                id = String(try container.decode(Int64.self, forKey: .id))
            }
        }
    }

    /// The question's text as it will be stored (trimmed), or why it is refused: empty, or
    /// longer than `Question.maximumLength` (refused, never cut).
    public static func questionText(_ text: String, line: Int) -> Result<String, IntakeProblem> {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else {
            return .failure(IntakeProblem(line: line, .intakeEmpty))
        }
        guard trimmed.count <= Question.maximumLength else {
            return .failure(IntakeProblem(line: line, .intakeTooLong, trimmed.count, Question.maximumLength))
        }
        return .success(trimmed)
    }

    // MARK: Question markers

    /// What audiences type in front of a question in a chat ("Q: …", "質問：…").
    public static let defaultMarkers = ["Q:", "Q：", "Q.", "質問:", "質問：", "質問 ", "【質問】", "[質問]", "[Q]", "(Q)", "（質問）"]

    /// The text without its marker when it starts with one of `markers` (ASCII letters in any
    /// case, after leading spaces); nil when it does not.
    public static func strippingMarker(_ text: String, markers: [String]) -> String? {
        let start = text.drop { $0.isWhitespace }
        for marker in markers where !marker.isEmpty {
            guard start.count >= marker.count else { continue }
            let head = start.prefix(marker.count)
            if head.lowercased() == marker.lowercased() {
                return String(start.dropFirst(marker.count)).trimmingCharacters(in: .whitespacesAndNewlines)
            }
        }
        return nil
    }

    // MARK: Identity

    /// A stable 64-bit hash (FNV-1a, then a SplitMix finaliser): the same on every machine and
    /// every run, unlike `Hasher`.
    public static func stableHash(_ parts: [String]) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for (index, part) in parts.enumerated() {
            if index > 0 {
                hash ^= 0x1f
                hash = hash &* 0x100_0000_01b3
            }
            for byte in part.utf8 {
                hash ^= UInt64(byte)
                hash = hash &* 0x100_0000_01b3
            }
        }
        hash ^= hash >> 30
        hash = hash &* 0xbf58_476d_1ce4_e5b9
        hash ^= hash >> 27
        hash = hash &* 0x94d0_49bb_1331_11eb
        hash ^= hash >> 31
        return hash
    }

    /// The question id for a message: made from its source and message id, so that every
    /// process (and every merged copy) gives the same message the same question, and adding it
    /// again is a no-op. 13 hex digits keep it a small string.
    public static func questionID(source: QuestionSource, messageID: String) -> String {
        let hex = String(stableHash([source.rawValue, messageID]), radix: 16)
        let padded = String(repeating: "0", count: max(0, 16 - hex.count)) + hex
        return "m-" + padded.prefix(13)
    }

    /// The message id stored with a question: the chat's own when short, else its hash (an id
    /// is only compared, and the state file should not grow with it).
    public static func storedMessageID(_ id: String) -> String {
        id.utf8.count <= 120 ? id : "h-" + String(stableHash([id]), radix: 16)
    }

    /// The id of a line of a followed file that has none of its own: its offset in the file and
    /// its text. Not the file's inode: a file replaced by a rename (an editor's save, a sync
    /// tool such as Syncthing, a program that rewrites its log) gets a new inode with the same
    /// lines, which must not land again; new lines at old offsets (after truncation or
    /// rotation) have other text, so they still land. The same text at the same offset of a
    /// rotated file counts as the same line.
    public static func lineMessageID(offset: UInt64, text: String) -> String {
        "line-" + String(stableHash(["\(offset)", text]), radix: 16)
    }

    /// The id of a Zoom message: its time, author and text (what stays the same when the file
    /// is rotated, copied or read again).
    public static func zoomMessageID(time: String, author: String, text: String) -> String {
        "zoom-" + String(stableHash([time, author, text]), radix: 16)
    }
}

// MARK: Zoom's saved chat

/// Reads Zoom's saved meeting chat, line by line as the file grows, in the four shapes it has
/// had (see docs/intake.md): a header line `19:05:12 From  NAME  to  Everyone:` with the message on
/// the following tab-indented line(s); one line `19:05:12\t From  NAME  to  Everyone : TEXT` or
/// `19:05:12\t From  NAME : TEXT` with continuation lines unprefixed; the cloud recording's
/// `19:05:12\tNAME:\tTEXT`. One or two spaces around names. Direct and private messages are
/// never taken.
///
/// A message may continue on the next lines, so it is complete only when the next header
/// arrives, or at `finish()` (end of input, or the file quiet for a while).
public struct ZoomChatParser: Sendable {
    public enum Event: Equatable, Sendable {
        case message(ChatMessage)
        /// A direct or private message (or one to a single person), never a question.
        case skippedPrivate(line: Int, to: String)
        case problem(IntakeProblem)
    }

    private struct Pending: Sendable {
        var time: String
        var author: String
        var lines: [String]
        var line: Int
        var isPrivate: Bool
        var recipient: String
    }

    private var pending: Pending?
    /// Lines of a message already completed (a continuation after `finish()`), reported once.
    private var orphanReported = false

    public init() {}

    /// Whether a message is waiting for possible continuation lines.
    public var hasPending: Bool { pending != nil }

    /// Feeds one line (without its line end); returns what the line completed.
    public mutating func feed(_ rawLine: String, number: Int) -> [Event] {
        var line = rawLine
        if line.hasSuffix("\r") { line.removeLast() }
        if number == 1, line.hasPrefix("\u{FEFF}") { line.removeFirst() }
        if let header = Self.header(line) {
            let finished = finish()
            pending = Pending(
                time: header.time, author: header.author, lines: header.text.map { [$0] } ?? [],
                line: number, isPrivate: header.isPrivate, recipient: header.recipient ?? "")
            orphanReported = false
            return finished
        }
        guard pending != nil else {
            if line.trimmingCharacters(in: .whitespaces).isEmpty { return [] }
            if orphanReported { return [] }
            orphanReported = true
            return [.problem(IntakeProblem(line: number, .intakeNotZoom))]
        }
        // The current shape indents the message with a tab; older ones do not indent at all.
        pending?.lines.append(line.hasPrefix("\t") ? String(line.dropFirst()) : line)
        return []
    }

    /// Completes the message being read, if any.
    public mutating func finish() -> [Event] {
        guard let message = pending else { return [] }
        pending = nil
        if message.isPrivate { return [.skippedPrivate(line: message.line, to: message.recipient)] }
        let text = message.lines.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        return [.message(ChatMessage(
            text: text, author: message.author, source: "zoom",
            messageID: ChatIntake.zoomMessageID(time: message.time, author: message.author, text: text),
            line: message.line))]
    }

    struct Header: Equatable {
        var time: String
        var author: String
        var recipient: String?
        var text: String?
        var isPrivate: Bool
    }

    /// The header of a message, in any of the four shapes; nil for a continuation line.
    static func header(_ line: String) -> Header? {
        var rest = Substring(line)
        // The time: H:MM, HH:MM:SS.
        let time = rest.prefix { $0.isASCII && ($0.isNumber || $0 == ":") }
        guard time.count >= 4, time.contains(":"), time.first?.isNumber == true, time.last?.isNumber == true
        else { return nil }
        rest = rest.dropFirst(time.count)
        guard let separator = rest.first, separator == " " || separator == "\t" else { return nil }
        let afterTime = rest.drop { $0 == " " || $0 == "\t" }
        if afterTime.hasPrefix("From ") {
            return fromHeader(time: String(time), afterTime.dropFirst(5))
        }
        // The cloud recording's chat: "19:05:12\tNAME:\tTEXT" (public messages only).
        guard rest.first == "\t", let colonTab = afterTime.range(of: ":\t") else { return nil }
        let author = afterTime[..<colonTab.lowerBound].trimmingCharacters(in: .whitespaces)
        guard !author.isEmpty else { return nil }
        return Header(time: String(time), author: author, recipient: nil,
                      text: String(afterTime[colonTab.upperBound...]), isPrivate: false)
    }

    /// After "From ": "NAME  to  RECIPIENT:" (text on the next lines), "NAME  to  RECIPIENT : TEXT"
    /// or "NAME : TEXT".
    private static func fromHeader(time: String, _ rest: Substring) -> Header? {
        let body = rest.drop { $0 == " " }
        // The separator before a one-line message's text is " : " (a colon with spaces; names
        // and recipients do not contain one), the current shape ends the header with ":".
        var head: Substring
        var text: String?
        if let separator = body.range(of: " : ") ?? body.range(of: " :\t") {
            head = body[..<separator.lowerBound]
            text = String(body[separator.upperBound...])
        } else if body.hasSuffix(" :") {
            head = body.dropLast(2)
            text = ""
        } else if body.hasSuffix(":") {
            head = body.dropLast()
        } else {
            return nil
        }
        head = Substring(head.trimmingCharacters(in: .whitespaces))
        var author = String(head)
        var recipient: String?
        if let to = head.range(of: "  to  ", options: .backwards) ?? head.range(of: " to ", options: .backwards) {
            author = head[..<to.lowerBound].trimmingCharacters(in: .whitespaces)
            recipient = head[to.upperBound...].trimmingCharacters(in: .whitespaces)
        }
        guard !author.isEmpty else { return nil }
        return Header(time: time, author: author, recipient: recipient, text: text,
                      isPrivate: recipient.map { !isPublic($0) } ?? false)
    }

    /// Messages to everyone; anything else (a direct message, "(Privately)", one person, the
    /// hosts only) is private and never a question for the audience queue.
    static func isPublic(_ recipient: String) -> Bool {
        let lowered = recipient.lowercased()
        for marker in ["privately", "direct message", "ダイレクトメッセージ", "プライベート", "個人"]
        where lowered.contains(marker) { return false }
        return lowered.hasPrefix("everyone") || lowered.hasPrefix("all panelists and attendees")
            || lowered.hasPrefix("全員")
    }
}

// MARK: Fast lookup for adding questions

extension QuestionList {
    /// Whether a question with this id, or from this source with this message id, is already
    /// in the list. Answered from an index kept between calls and brought up to date from what
    /// changed since (`changedIndices`), so a burst of 1,000 additions to 10,000 questions does
    /// not scan the list 1,000 times.
    public func containsQuestion(id: String, source: QuestionSource, messageID: String?) -> Bool {
        QuestionKeyIndex.shared.contains(self, id: id, messageKey: messageID.map { Self.messageKey(source, $0) })
    }

    static func messageKey(_ source: QuestionSource, _ messageID: String) -> String {
        source.rawValue + "\u{1F}" + messageID
    }
}

/// The ids and message keys of one question list (the last one asked about), by index. Keeps
/// that list itself, so its chunks stay alive and a chunk still shared with a later list is
/// known to hold the same questions.
final class QuestionKeyIndex: @unchecked Sendable {
    static let shared = QuestionKeyIndex()

    private let lock = NSLock()
    private var base = QuestionList()
    private var ids: [String: Int] = [:]
    private var messages: [String: Int] = [:]

    func contains(_ list: QuestionList, id: String, messageKey: String?) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        refresh(to: list)
        if let index = ids[id], index < list.count, list[index].id == id { return true }
        if let messageKey, let index = messages[messageKey], index < list.count,
           let message = list[index].sourceMessageID,
           QuestionList.messageKey(list[index].source, message) == messageKey {
            return true
        }
        return false
    }

    private func refresh(to list: QuestionList) {
        guard let changed = list.changedIndices(since: base, limit: 512) else {
            rebuild(list)
            return
        }
        for index in changed {
            if index < base.count { forget(base[index], at: index) }
            remember(list[index], at: index)
        }
        base = list
    }

    private func rebuild(_ list: QuestionList) {
        ids = Dictionary(minimumCapacity: list.count)
        messages = [:]
        for (index, question) in list.enumerated() { remember(question, at: index) }
        base = list
    }

    private func remember(_ question: Question, at index: Int) {
        // The first of equal ids wins, as a linear search would find it.
        if ids[question.id] == nil { ids[question.id] = index }
        if let message = question.sourceMessageID {
            let key = QuestionList.messageKey(question.source, message)
            if messages[key] == nil { messages[key] = index }
        }
    }

    private func forget(_ question: Question, at index: Int) {
        if ids[question.id] == index { ids[question.id] = nil }
        if let message = question.sourceMessageID {
            let key = QuestionList.messageKey(question.source, message)
            if messages[key] == index { messages[key] = nil }
        }
    }
}
