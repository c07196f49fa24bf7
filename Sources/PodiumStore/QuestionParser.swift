import Foundation
import PodiumCore

/// Reads questions from the state file's bytes without JSONDecoder, for the first read of a
/// large file (a console's start, `podium status`): JSONDecoder takes about 20 µs a question,
/// most of it generic containers, so 10,000 questions took a quarter of a second before the
/// first frame.
///
/// It is a shortcut, never a second opinion: it accepts only strict JSON (RFC 8259 numbers,
/// valid UTF-8, no duplicate keys) holding exactly the fields `Question` encodes, and returns
/// nil for anything else, including a field it does not know; the caller then decodes with
/// JSONDecoder, which gives the state or the precise error. So its answer is JSONDecoder's or
/// none. `QuestionParserTests` fails when `Question` gains a field this parser does not read,
/// and the `statecodec` fuzz target compares the two on random input.
struct QuestionParser {
    private struct Unsure: Error {}

    /// The keys a question is written with (`Question.Fields`), each read below.
    static let knownKeys: Set<String> = [
        "id", "text", "originalText", "author", "source", "sourceMessageID", "sessionID", "status",
        "statusBeforeDismissal", "dismissReason", "votes", "pinned", "position", "labels", "assignee",
        "aliases", "mergedInto", "editingBy", "askedAt", "updatedAt", "updatedBy", "history",
    ]

    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0

    /// The fields of one object read so far: a key seen twice is left to JSONDecoder.
    private struct KeysSeen {
        private var mask: UInt32 = 0
        mutating func once(_ bit: Int) throws {
            guard mask & 1 << bit == 0 else { throw Unsure() }
            mask |= 1 << bit
        }
    }

    private init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// One question from each range of `data` (each range one JSON object), or nil when any of
    /// them is not certain.
    static func questions(at ranges: some Collection<Range<Int>>, in data: Data) -> [Question]? {
        data.withUnsafeBytes { raw -> [Question]? in
            let all = raw.bindMemory(to: UInt8.self)
            var questions: [Question] = []
            questions.reserveCapacity(ranges.count)
            for range in ranges {
                guard range.lowerBound >= 0, range.upperBound <= all.count else { return nil }
                var parser = QuestionParser(UnsafeBufferPointer(rebasing: all[range]))
                guard let question = try? parser.question() else { return nil }
                parser.skipSpace()
                guard parser.index == parser.bytes.count else { return nil }
                questions.append(question)
            }
            return questions
        }
    }

    // MARK: The question

    private mutating func question() throws -> Question {
        var id: String?, text: String?, originalText: String?, author: String?
        var source: QuestionSource?, sourceMessageID: String?, sessionID: String?, status: QuestionStatus?
        var before: QuestionStatus?, reason: String?, votes: [String: Int]?, pinned: Bool?
        var position: Double?, labels: [String]?, assignee: String?, aliases: [String]?
        var mergedInto: String?, editingBy: String?, askedAt: Date?, updatedAt: Date?
        var updatedBy: String?, history: [QuestionChange]?
        var seen = KeysSeen()
        func once(_ bit: Int) throws { try seen.once(bit) }
        try object { p, key in
            switch key {
            case "id": try once(0); id = try p.string()
            case "text": try once(1); text = try p.string()
            case "originalText": try once(2); originalText = try p.optional { try $0.string() }
            case "author": try once(3); author = try p.string()
            case "source": try once(4); source = try p.enumeration()
            case "sourceMessageID": try once(5); sourceMessageID = try p.optional { try $0.string() }
            case "sessionID": try once(6); sessionID = try p.optional { try $0.string() }
            case "status": try once(7); status = try p.enumeration()
            case "statusBeforeDismissal": try once(8); before = try p.optional { try $0.enumeration() }
            case "dismissReason": try once(9); reason = try p.optional { try $0.string() }
            case "votes": try once(10); votes = try p.dictionary { try $0.integer() }
            case "pinned": try once(11); pinned = try p.boolean()
            case "position": try once(12); position = try p.double()
            case "labels": try once(13); labels = try p.array { try $0.string() }
            case "assignee": try once(14); assignee = try p.optional { try $0.string() }
            case "aliases": try once(15); aliases = try p.array { try $0.string() }
            case "mergedInto": try once(16); mergedInto = try p.optional { try $0.string() }
            case "editingBy": try once(17); editingBy = try p.optional { try $0.string() }
            case "askedAt": try once(18); askedAt = try p.date()
            case "updatedAt": try once(19); updatedAt = try p.date()
            case "updatedBy": try once(20); updatedBy = try p.string()
            case "history": try once(21); history = try p.array { try $0.change() }
            default: throw Unsure()  // a field this parser does not know: JSONDecoder decides
            }
        }
        guard let id, let text, let author, let source, let status, let votes, let pinned,
              let position, let labels, let aliases, let askedAt, let updatedAt, let updatedBy,
              let history
        else { throw Unsure() }
        var question = Question(
            id: id, text: text, author: author, source: source, sessionID: sessionID,
            status: status, askedAt: askedAt, by: updatedBy, position: position)
        question.originalText = originalText
        question.sourceMessageID = sourceMessageID
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
        var seen = KeysSeen()
        func once(_ bit: Int) throws { try seen.once(bit) }
        try object { p, key in
            switch key {
            case "at": try once(22); at = try p.date()
            case "by": try once(23); by = try p.string()
            case "what": try once(24); what = try p.string()
            default: throw Unsure()
            }
        }
        guard let at, let by, let what else { throw Unsure() }
        return QuestionChange(at: at, by: by, what: what)
    }

    // MARK: JSON values

    private mutating func skipSpace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }

    private mutating func peek() throws -> UInt8 {
        skipSpace()
        guard index < bytes.count else { throw Unsure() }
        return bytes[index]
    }

    private mutating func expect(_ byte: UInt8) throws {
        guard try peek() == byte else { throw Unsure() }
        index += 1
    }

    /// An object; `member` reads each value (and leaves a key seen twice to JSONDecoder).
    private mutating func object(_ member: (inout Self, String) throws -> Void) throws {
        try expect(UInt8(ascii: "{"))
        if try peek() == UInt8(ascii: "}") {
            index += 1
            return
        }
        while true {
            guard try peek() == UInt8(ascii: "\"") else { throw Unsure() }
            let key = try string()
            try expect(UInt8(ascii: ":"))
            try member(&self, key)
            switch try peek() {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "}"): index += 1; return
            default: throw Unsure()
            }
        }
    }

    private mutating func array<T>(_ element: (inout Self) throws -> T) throws -> [T] {
        try expect(UInt8(ascii: "["))
        var out: [T] = []
        if try peek() == UInt8(ascii: "]") {
            index += 1
            return out
        }
        while true {
            out.append(try element(&self))
            switch try peek() {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "]"): index += 1; return out
            default: throw Unsure()
            }
        }
    }

    private mutating func dictionary<T>(_ element: (inout Self) throws -> T) throws -> [String: T] {
        var out: [String: T] = [:]
        try object { p, key in
            guard out[key] == nil else { throw Unsure() }
            out[key] = try element(&p)
        }
        return out
    }

    /// `null` is nil (JSONDecoder's `decodeIfPresent` reads it so).
    private mutating func optional<T>(_ value: (inout Self) throws -> T) throws -> T? {
        if try peek() == UInt8(ascii: "n") {
            try literal("null")
            return nil
        }
        return try value(&self)
    }

    private mutating func literal(_ word: StaticString) throws {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else { throw Unsure() }
        let expected = UnsafeBufferPointer(start: word.utf8Start, count: count)
        for offset in 0..<count where bytes[index + offset] != expected[offset] { throw Unsure() }
        index += count
    }

    private mutating func boolean() throws -> Bool {
        switch try peek() {
        case UInt8(ascii: "t"): try literal("true"); return true
        case UInt8(ascii: "f"): try literal("false"); return false
        default: throw Unsure()
        }
    }

    /// A number as RFC 8259 writes it (no `+`, no leading zero, digits after `.` and `e`);
    /// whether it has a fraction or an exponent.
    private mutating func number() throws -> (text: String, integral: Bool) {
        _ = try peek()
        let start = index
        func digits() -> Int {
            let from = index
            while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 { index += 1 }
            return index - from
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < bytes.count else { throw Unsure() }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
        } else if digits() == 0 {
            throw Unsure()
        }
        var integral = true
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            integral = false
            guard digits() > 0 else { throw Unsure() }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            integral = false
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard digits() > 0 else { throw Unsure() }
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        return (text, integral)
    }

    /// Only plain integers; `1.0` or `1e2` are left to JSONDecoder.
    private mutating func integer() throws -> Int {
        let (text, integral) = try number()
        guard integral, let value = Int(text) else { throw Unsure() }
        return value
    }

    private mutating func double() throws -> Double {
        let (text, _) = try number()
        guard let value = Double(text), value.isFinite else { throw Unsure() }
        return value
    }

    /// Seconds since 1970 (the store's date strategy).
    private mutating func date() throws -> Date {
        Date(timeIntervalSince1970: try double())
    }

    private mutating func enumeration<T: RawRepresentable>() throws -> T where T.RawValue == String {
        guard let value = T(rawValue: try string()) else { throw Unsure() }
        return value
    }

    /// A string: valid UTF-8, no raw control characters, escapes as JSON has them, surrogates
    /// only in pairs.
    private mutating func string() throws -> String {
        try expect(UInt8(ascii: "\""))
        let start = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                guard let text = String(validating: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
                else { throw Unsure() }
                index += 1
                return text
            }
            if byte == UInt8(ascii: "\\") { break }
            guard byte >= 0x20 else { throw Unsure() }
            index += 1
        }
        // With escapes: collect the bytes, then validate them as a whole.
        var out = Array(UnsafeBufferPointer(rebasing: bytes[start..<index]))
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                guard let text = String(validating: out, as: UTF8.self) else { throw Unsure() }
                return text
            case UInt8(ascii: "\\"):
                guard index < bytes.count else { throw Unsure() }
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
                    if (0xD800...0xDBFF).contains(scalar) {
                        try literal("\\u")
                        let low = try hex4()
                        guard (0xDC00...0xDFFF).contains(low) else { throw Unsure() }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    } else if (0xDC00...0xDFFF).contains(scalar) {
                        throw Unsure()
                    }
                    guard let unicode = Unicode.Scalar(scalar) else { throw Unsure() }
                    out.append(contentsOf: String(Character(unicode)).utf8)
                default: throw Unsure()
                }
            default:
                guard byte >= 0x20 else { throw Unsure() }
                out.append(byte)
            }
        }
        throw Unsure()
    }

    private mutating func hex4() throws -> UInt32 {
        guard index + 4 <= bytes.count else { throw Unsure() }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw Unsure()
            }
            value = value << 4 | UInt32(digit)
            index += 1
        }
        return value
    }
}
