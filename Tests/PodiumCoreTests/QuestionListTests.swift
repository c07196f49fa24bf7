import Foundation
@testable import PodiumCore
import XCTest

/// The chunked question list behaves as an array, is written as one, and tells which
/// questions changed since an earlier copy.
final class QuestionListTests: XCTestCase {
    let date = Date(timeIntervalSince1970: 1_700_000_000)

    func questions(_ count: Int, prefix: String = "q") -> [Question] {
        (0..<count).map { Question(id: "\(prefix)\($0)", text: "Q\($0)", askedAt: date + Double($0)) }
    }

    func testItBehavesAsAnArrayAcrossChunkBoundaries() {
        let chunk = QuestionList.chunkSize
        for count in [0, 1, chunk - 1, chunk, chunk + 1, 3 * chunk + 5] {
            var array = questions(count)
            var list = QuestionList(array)
            XCTAssertEqual(list.count, count)
            XCTAssertEqual(Array(list), array)
            XCTAssertEqual(list.map(\.id), array.map(\.id))
            if count > 0 {
                list[count - 1].status = .answered
                array[count - 1].status = .answered
                list[0].text = "changed"
                array[0].text = "changed"
            }
            let extra = Question(id: "new", text: "new", askedAt: date)
            list.append(extra)
            array.append(extra)
            list.insert(extra, at: count / 2)
            array.insert(extra, at: count / 2)
            list.remove(at: 0)
            array.remove(at: 0)
            XCTAssertEqual(Array(list), array, "count \(count)")
            XCTAssertEqual(list, QuestionList(array))
            XCTAssertEqual(list.firstIndex { $0.id == "new" }, array.firstIndex { $0.id == "new" })
            // Every chunk but the last is full, so indexing stays right after the changes.
            XCTAssertTrue(list.chunks.dropLast().allSatisfy { $0.count == chunk })
            XCTAssertFalse(list.chunks.contains { $0.isEmpty })
        }
    }

    func testItIsWrittenAsAPlainArray() throws {
        let array = questions(300)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        XCTAssertEqual(try encoder.encode(QuestionList(array)), try encoder.encode(array))
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        XCTAssertEqual(try decoder.decode(QuestionList.self, from: encoder.encode(array)), QuestionList(array))
    }

    func testChangedIndicesSinceAnEarlierCopy() {
        let old = QuestionList(questions(1_000))
        var new = old
        XCTAssertEqual(new.changedIndices(since: old, limit: 8), [])
        new[3].status = .approved
        new[700].votes["v"] = 1
        XCTAssertEqual(new.changedIndices(since: old, limit: 8), [3, 700])
        // Replaced by an equal question: a different box, so reported (the caller re-checks).
        new[5] = Question(id: "q5", text: "Q5", askedAt: date + 5)
        new.append(Question(id: "added", text: "A", askedAt: date))
        XCTAssertEqual(new.changedIndices(since: old, limit: 8), [3, 5, 700, 1_000])
        XCTAssertNil(new.changedIndices(since: old, limit: 3), "over the limit")
        var shorter = old
        shorter.removeLast()
        XCTAssertNil(shorter.changedIndices(since: old, limit: 8), "removed questions")
        // The earlier copy is unchanged by all of this.
        XCTAssertEqual(Array(old), questions(1_000))
    }
}
