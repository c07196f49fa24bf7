import Dispatch
import Foundation
import PodiumCore
import Synchronization

/// The state file through JSONEncoder and JSONDecoder, with the bytes of unchanged questions
/// reused. Only the questions that changed are encoded or decoded; the rest of the state (the
/// event, timers, notes) is encoded or decoded as a skeleton whose questions array is empty,
/// and the questions are spliced into it (encode) or cut out of the file (decode).
enum FoundationCodec {
    static func makeEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .secondsSince1970
        return encoder
    }

    static func makeDecoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        return decoder
    }

    /// How JSONEncoder lays out an empty `questions` array at the top level of the state.
    private static let emptyQuestions = Array("\n  \"questions\" : [\n\n  ]".utf8)
    /// The indentation of a question in the state file (depth 2).
    private static let elementIndent = Array("\n    ".utf8)

    // MARK: Encode

    static func encode(_ state: PodiumState, reusing reuse: QuestionReuse?) throws -> CodedState {
        guard let reuse else {
            // Nothing to reuse: one call is quicker than one per question; then find them.
            let data = try StateCodec.encodeWithFoundation(state)
            let ranges = data.withUnsafeBytes { raw in
                var scanner = Scanner(bytes: raw.bindMemory(to: UInt8.self))
                return scanner.questions(reuse: nil, old: UnsafeBufferPointer(start: nil, count: 0))?.1.ranges
            }
            return CodedState(state: state, data: data, questionRanges: ranges ?? [])
        }
        let encoder = makeEncoder()
        var skeleton = state
        skeleton.questions = []
        let outline = Array(try encoder.encode(skeleton))
        guard !state.questions.isEmpty else {
            return CodedState(state: state, data: Data(outline + [0x0A]), questionRanges: [])
        }
        guard let cut = find(emptyQuestions, in: outline) else {
            throw EncodingError.invalidValue(state, .init(codingPath: [], debugDescription: "no questions array"))
        }
        // Up to and including "[", then the elements, then "\n  ]" and the rest.
        let close = cut + emptyQuestions.count - 4
        var out: [UInt8] = []
        out.reserveCapacity(outline.count + reuse.data.count + 65_536)
        out.append(contentsOf: outline[..<(close - 1)])
        var ranges: [Range<Int>] = []
        ranges.reserveCapacity(state.questions.count)
        for (position, question) in state.questions.enumerated() {
            if position > 0 { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: elementIndent)
            let start = out.count
            if position < reuse.questions.count, reuse.questions[position] == question {
                let range = reuse.ranges[position]
                reuse.data.withUnsafeBytes { raw in
                    out.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[range]))
                }
            } else {
                // Encoded alone it sits at depth 0: indent every line by two levels but the
                // empty one inside an empty container (strings hold no raw line breaks).
                let alone = try encoder.encode(question)
                var previous: UInt8 = 0
                for byte in alone {
                    if previous == 0x0A, byte != 0x0A { out.append(contentsOf: elementIndent[1...]) }
                    out.append(byte)
                    previous = byte
                }
            }
            ranges.append(start..<out.count)
        }
        out.append(contentsOf: outline[close...])
        out.append(0x0A)
        return CodedState(state: state, data: Data(out), questionRanges: ranges)
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        var index = 0
        while index <= haystack.count - needle.count {
            if haystack[index] == needle[0], haystack[index..<(index + needle.count)].elementsEqual(needle) {
                return index
            }
            index += 1
        }
        return nil
    }

    // MARK: Decode

    /// The state, taking every question whose bytes are those of the question at the same place
    /// in `reuse`; nil when the file is not one this shortcut can be sure of (then a full
    /// decode gives the state or the precise error).
    static func decode(_ data: Data, reusing reuse: QuestionReuse?) -> CodedState? {
        let decoder = makeDecoder()
        let old = reuse?.data ?? Data()
        let found: (outline: Data, array: Range<Int>, elements: [Range<Int>], kept: [Question?])? =
            data.withUnsafeBytes { raw in
                old.withUnsafeBytes { oldRaw in
                    var scanner = Scanner(bytes: raw.bindMemory(to: UInt8.self))
                    guard let found = scanner.questions(reuse: reuse, old: oldRaw.bindMemory(to: UInt8.self))
                    else { return nil }
                    let (array, elements) = found
                    var outline = Data(capacity: data.count - array.count + 2)
                    outline.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[..<array.lowerBound]))
                    outline.append(contentsOf: Array("[]".utf8))
                    outline.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[array.upperBound...]))
                    return (outline, array, elements.ranges, elements.kept)
                }
            }
        guard let found, var state = try? decoder.decode(PodiumState.self, from: found.outline),
              state.questions.isEmpty
        else { return nil }
        let changed = zip(found.elements, found.kept).compactMap { $0.1 == nil ? $0.0 : nil }
        guard let parsed = parseQuestions(at: changed, in: data) else { return nil }
        var next = parsed.makeIterator()
        var questions: [Question] = []
        questions.reserveCapacity(found.elements.count)
        for kept in found.kept {
            guard let question = kept ?? next.next() else { return nil }
            questions.append(question)
        }
        state.questions = QuestionList(questions)
        return CodedState(state: state, data: data, questionRanges: found.elements)
    }

    /// The questions at `ranges` of `data`, in order: by `QuestionParser` where it is sure,
    /// else by JSONDecoder (about 20 µs a question, which made a console's start with 10,000
    /// questions slow). Many (a file read for the first time) are parsed in a few slices at
    /// once, one per processor.
    private static func parseQuestions(at ranges: [Range<Int>], in data: Data) -> [Question]? {
        if ranges.isEmpty { return [] }
        @Sendable func parse(_ slice: ArraySlice<Range<Int>>) -> [Question]? {
            // The strict shortcut first; whatever it is unsure of, JSONDecoder reads.
            if let questions = QuestionParser.questions(at: slice, in: data) { return questions }
            var array = Data()
            array.append(UInt8(ascii: "["))
            for range in slice {
                if range != slice.first { array.append(UInt8(ascii: ",")) }
                array.append(data[(data.startIndex + range.lowerBound)..<(data.startIndex + range.upperBound)])
            }
            array.append(UInt8(ascii: "]"))
            return try? makeDecoder().decode([Question].self, from: array)
        }
        let slices = ranges.count < 2_000 ? 1 : min(4, ProcessInfo.processInfo.activeProcessorCount)
        if slices <= 1 { return parse(ranges[...]) }
        let size = (ranges.count + slices - 1) / slices
        let results = Mutex([[Question]?](repeating: nil, count: slices))
        DispatchQueue.concurrentPerform(iterations: slices) { slice in
            let part = parse(ranges[(slice * size)..<min(ranges.count, (slice + 1) * size)])
            results.withLock { $0[slice] = part }
        }
        var questions: [Question] = []
        questions.reserveCapacity(ranges.count)
        for part in results.withLock({ $0 }) {
            guard let part else { return nil }
            questions.append(contentsOf: part)
        }
        return questions
    }

    /// Finds values in a JSON document without parsing them: strings, brackets and braces.
    /// Anything malformed gives nil (JSONDecoder then reports it).
    private struct Scanner {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0

        mutating func skipSpace() {
            while index < bytes.count {
                switch bytes[index] {
                case 0x20, 0x0A, 0x0D, 0x09: index += 1
                default: return
                }
            }
        }

        /// Moves past the string that starts at `index`; false when it does not end.
        mutating func skipString() -> Bool {
            index += 1
            while index < bytes.count {
                switch bytes[index] {
                case UInt8(ascii: "\""): index += 1; return true
                case UInt8(ascii: "\\"): index += 2
                default: index += 1
                }
            }
            return false
        }

        /// Moves past one value (of any kind) that starts at `index`.
        mutating func skipValue() -> Bool {
            guard index < bytes.count else { return false }
            switch bytes[index] {
            case UInt8(ascii: "\""): return skipString()
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                var depth = 0
                while index < bytes.count {
                    switch bytes[index] {
                    case UInt8(ascii: "\""):
                        guard skipString() else { return false }
                        continue
                    case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                    case UInt8(ascii: "}"), UInt8(ascii: "]"):
                        depth -= 1
                        if depth == 0 { index += 1; return true }
                    default: break
                    }
                    index += 1
                }
                return false
            default:
                // A number or a literal: up to the next separator.
                let start = index
                while index < bytes.count {
                    switch bytes[index] {
                    case UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), 0x20, 0x0A, 0x0D, 0x09:
                        return index > start
                    default: index += 1
                    }
                }
                return index > start
            }
        }

        /// The range (`[` to `]`) of the array that is the value of the top-level key
        /// "questions", and its elements, when the document is an object that has it once.
        mutating func questions(reuse: QuestionReuse?, old: UnsafeBufferPointer<UInt8>)
            -> (Range<Int>, (ranges: [Range<Int>], kept: [Question?]))?
        {
            let key = Array("\"questions\"".utf8)
            skipSpace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "{") else { return nil }
            index += 1
            var result: (Range<Int>, (ranges: [Range<Int>], kept: [Question?]))?
            while true {
                skipSpace()
                guard index < bytes.count else { return nil }
                if bytes[index] == UInt8(ascii: "}") { break }
                guard bytes[index] == UInt8(ascii: "\"") else { return nil }
                let keyStart = index
                guard skipString() else { return nil }
                let name = UnsafeBufferPointer(rebasing: bytes[keyStart..<index])
                // An escaped key could spell "questions" too: leave such files to JSONDecoder.
                if name.contains(UInt8(ascii: "\\")) { return nil }
                let isTarget = name.count == key.count && name.elementsEqual(key)
                skipSpace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return nil }
                index += 1
                skipSpace()
                let valueStart = index
                if isTarget {
                    guard result == nil, index < bytes.count, bytes[index] == UInt8(ascii: "["),
                          let elements = elements(from: valueStart, reuse: reuse, old: old)
                    else { return nil }
                    result = (valueStart..<index, elements)
                } else {
                    guard skipValue() else { return nil }
                }
                skipSpace()
                guard index < bytes.count else { return nil }
                if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                guard bytes[index] == UInt8(ascii: "}") else { return nil }
                break
            }
            index += 1
            skipSpace()
            return index == bytes.count ? result : nil
        }

        /// The elements of the array that starts at `start`, each either reused (its bytes are
        /// those of the question at the same place in `reuse`) or to be parsed (nil); moves
        /// past the array.
        mutating func elements(from start: Int, reuse: QuestionReuse?, old: UnsafeBufferPointer<UInt8>)
            -> (ranges: [Range<Int>], kept: [Question?])?
        {
            var ranges: [Range<Int>] = [], kept: [Question?] = []
            index = start + 1
            skipSpace()
            guard index < bytes.count else { return nil }
            if bytes[index] == UInt8(ascii: "]") { index += 1; return ([], []) }
            while true {
                skipSpace()
                let start = index
                let position = ranges.count
                var reused: Question?
                if let reuse, position < reuse.questions.count, let base = bytes.baseAddress,
                   let oldBase = old.baseAddress
                {
                    let range = reuse.ranges[position]
                    if start + range.count <= bytes.count, range.upperBound <= old.count,
                       memcmp(base + start, oldBase + range.lowerBound, range.count) == 0
                    {
                        index = start + range.count
                        reused = reuse.questions[position]
                    }
                }
                if reused == nil {
                    guard index < bytes.count, bytes[index] == UInt8(ascii: "{"), skipValue() else { return nil }
                }
                ranges.append(start..<index)
                kept.append(reused)
                skipSpace()
                guard index < bytes.count else { return nil }
                if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                guard bytes[index] == UInt8(ascii: "]") else { return nil }
                index += 1
                return (ranges, kept)
            }
        }
    }
}
