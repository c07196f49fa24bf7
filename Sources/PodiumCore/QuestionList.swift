/// The questions of a state, in order: used like an array, stored in chunks of 256.
///
/// Why not `[Question]` (a key and its frame flat from 100 to 10,000 questions): the
/// store and the consoles' memos keep the previous state, so a change of one question copies
/// the whole array, and later frees the old one: 10,000 reference counts each way. Here a
/// change copies the list of chunks (40 references at 10,000) and the one chunk it touches
/// (256); the other chunks stay shared. Sharing also tells what did not change: see
/// `changedIndices(since:limit:)`.
public struct QuestionList: Sendable {
    @usableFromInline static let chunkShift = 8
    @usableFromInline static let chunkSize = 1 << chunkShift

    /// Every chunk but the last holds exactly `chunkSize` questions; none is empty.
    @usableFromInline var chunks: [[Question]]
    @usableFromInline var storedCount: Int

    public init() {
        chunks = []
        storedCount = 0
    }

    public init<S: Sequence>(_ questions: S) where S.Element == Question {
        self.init()
        append(contentsOf: questions)
    }

    public mutating func append(_ question: Question) {
        if let last = chunks.indices.last, chunks[last].count < Self.chunkSize {
            chunks[last].append(question)
        } else {
            var chunk: [Question] = []
            chunk.reserveCapacity(Self.chunkSize)
            chunk.append(question)
            chunks.append(chunk)
        }
        storedCount += 1
    }

    public mutating func append<S: Sequence>(contentsOf questions: S) where S.Element == Question {
        for question in questions { append(question) }
    }

    /// The indices whose question is not the very one at that index of `old` (changed since,
    /// or added at the end), in order; nil when questions were removed or more than `limit`
    /// changed. Chunks still shared with `old` are skipped whole, so the usual answer (one
    /// question changed) costs a few dozen comparisons with 10,000 questions. Exact while
    /// `old` is kept: a question changed in place gets a new box (`Question.isSameStorage`)
    /// and a chunk changed in place gets new storage, since `old` shares them.
    public func changedIndices(since old: QuestionList, limit: Int) -> [Int]? {
        guard count >= old.count else { return nil }
        var changed: [Int] = []
        for chunkIndex in old.chunks.indices {
            let before = old.chunks[chunkIndex]
            let after = chunks[chunkIndex]
            let shared = before.withUnsafeBufferPointer { b in
                after.withUnsafeBufferPointer { a in a.baseAddress == b.baseAddress && a.count == b.count }
            }
            if shared { continue }
            let offset = chunkIndex << Self.chunkShift
            for index in before.indices where !after[index].isSameStorage(as: before[index]) {
                changed.append(offset + index)
                if changed.count > limit { return nil }
            }
        }
        guard count - old.count + changed.count <= limit else { return nil }
        changed.append(contentsOf: old.count..<count)
        return changed
    }
}

extension QuestionList: RandomAccessCollection, MutableCollection {
    public typealias Index = Int

    @inlinable public var startIndex: Int { 0 }
    @inlinable public var endIndex: Int { storedCount }
    @inlinable public var count: Int { storedCount }

    @inlinable
    public subscript(position: Int) -> Question {
        _read {
            precondition(position >= 0 && position < storedCount, "question index out of range")
            yield chunks[position &>> Self.chunkShift][position & (Self.chunkSize - 1)]
        }
        _modify {
            precondition(position >= 0 && position < storedCount, "question index out of range")
            yield &chunks[position &>> Self.chunkShift][position & (Self.chunkSize - 1)]
        }
    }
}

extension QuestionList: RangeReplaceableCollection {
    /// Inserting or removing in the middle rebuilds the list (questions are only ever added
    /// at the end in practice: merged ones are hidden, not removed).
    public mutating func replaceSubrange<C: Collection>(_ subrange: Range<Int>, with newElements: C)
    where C.Element == Question {
        if subrange.isEmpty, subrange.lowerBound == count {
            append(contentsOf: newElements)
            return
        }
        var all = Array(self)
        all.replaceSubrange(subrange, with: newElements)
        self = QuestionList(all)
    }
}

extension QuestionList: ExpressibleByArrayLiteral {
    public init(arrayLiteral questions: Question...) {
        self.init(questions)
    }
}

extension QuestionList: Equatable {
    public static func == (lhs: QuestionList, rhs: QuestionList) -> Bool {
        lhs.count == rhs.count && lhs.elementsEqual(rhs)
    }
}

/// Written and read as a plain JSON array: the state file does not change.
extension QuestionList: Codable {
    public init(from decoder: Decoder) throws {
        self.init(try [Question](from: decoder))
    }

    public func encode(to encoder: Encoder) throws {
        try Array(self).encode(to: encoder)
    }
}
