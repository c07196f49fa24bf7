import Foundation
import Glibc
@testable import PodiumCore
@testable import PodiumStore
import XCTest

/// A store re-encodes and re-parses only the questions that changed, and skips reading
/// a file it wrote itself. The results must be exactly those of a full encode and decode.
final class ReuseTests: XCTestCase {
    var directory = ""
    var path: String { directory + "/state.json" }

    override func setUpWithError() throws {
        directory = try makeTemporaryDirectory()
    }

    override func tearDown() {
        removeDirectory(directory)
    }

    func stateWithQuestions(_ count: Int) -> PodiumState {
        var state = sampleState()
        for index in 0..<count {
            reduce(&state, ask("q\(index)", index % 2 == 0 ? "質問 \(index) \"quoted\"" : "", at: Double(index) + 0.3),
                   context: context(Double(index)))
        }
        return state
    }

    func testIncrementalEncodeIsByteIdenticalToAFullOne() throws {
        var state = stateWithQuestions(50)
        let first = try StateCodec.encode(state, reusing: nil)
        XCTAssertEqual(first.data, try StateCodec.encode(state))
        reduce(&state, .vote(id: "q7", voter: "v", delta: 1), context: context(100))
        reduce(&state, .editText(id: "q30", text: "edited\nline"), context: context(101))
        reduce(&state, ask("new"), context: context(102))
        let second = try StateCodec.encode(state, reusing: first.reuse)
        XCTAssertEqual(String(decoding: second.data, as: UTF8.self),
                       String(decoding: try StateCodec.encode(state), as: UTF8.self))
        XCTAssertEqual(second.questionRanges.count, 51)
    }

    func testIncrementalDecodeEqualsAFullOne() throws {
        var state = stateWithQuestions(50)
        let first = try StateCodec.encode(state, reusing: nil)
        reduce(&state, .vote(id: "q7", voter: "v", delta: 1), context: context(100))
        reduce(&state, .approve(id: "q49"), context: context(101))
        let data = try StateCodec.encode(state)
        let incremental = try StateCodec.decode(data, file: "x", reusing: first.reuse)
        XCTAssertEqual(incremental.state, try StateCodec.decode(data, file: "x"))
        XCTAssertEqual(incremental.state.questions[7].voteCount, 1)
        XCTAssertEqual(incremental.state.questions[49].status, .approved)
    }

    func testReaderAndWriterFollowAnotherWritersChanges() throws {
        let first = StateStore(path: path, writer: testWriter(.host))
        let second = StateStore(path: path, writer: testWriter(.moderator))
        try first.commit([], context: context(), create: stateWithQuestions(20))
        _ = try second.load()
        try second.commit([.vote(id: "q3", voter: "m", delta: 1)], context: context(10, "moderator@test"))
        let reloaded = try XCTUnwrap(try first.reloadIfChanged())
        XCTAssertEqual(reloaded, try StateCodec.decode(try XCTUnwrap(fileBytes(path)), file: path))
        try first.commit([.approve(id: "q4")], context: context(11))
        let onDisk = try StateCodec.decode(try XCTUnwrap(fileBytes(path)), file: path)
        XCTAssertEqual(onDisk.questions[3].voteCount, 1, "the other writer's vote is kept")
        XCTAssertEqual(onDisk.questions[4].status, .approved)
        XCTAssertEqual(fileBytes(path), try StateCodec.encode(onDisk), "byte-identical to a full encode")
    }

    /// A file changed in place (same inode, by an editor) after this process wrote it is read
    /// again before the next write: the skipped re-read applies only to our own version.
    func testAnInPlaceEditAfterOurWriteIsNotLost() throws {
        let store = StateStore(path: path, writer: testWriter(.host))
        try store.commit([], context: context(), create: stateWithQuestions(5))
        var edited = try StateCodec.decode(try XCTUnwrap(fileBytes(path)), file: path)
        edited.questions[2].text = "changed by hand, in place"
        let bytes = try StateCodec.encode(edited)
        let fd = open(path, O_WRONLY | O_TRUNC)
        XCTAssertGreaterThanOrEqual(fd, 0)
        _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
        try store.commit([.approve(id: "q1")], context: context(20))
        let onDisk = try StateCodec.decode(try XCTUnwrap(fileBytes(path)), file: path)
        XCTAssertEqual(onDisk.questions[2].text, "changed by hand, in place")
        XCTAssertEqual(onDisk.questions[1].status, .approved)
    }

    func testABurstOfIntentsIsOneWriteWithEachContext() throws {
        let store = StateStore(path: path, writer: testWriter(.host))
        let created = try store.commit([], context: context(), create: stateWithQuestions(3))
        let result = try store.commit([
            (action: Action.approve(id: "q0"), context: context(30)),
            (action: Action.vote(id: "q1", voter: "x", delta: 1), context: context(31)),
        ])
        XCTAssertEqual(result.revision, created.revision + 1)
        XCTAssertEqual(result.questions[0].updatedAt, context(30).now)
        XCTAssertEqual(result.questions[1].updatedAt, context(31).now)
        XCTAssertEqual(result.updatedAt, context(31).now)
    }
}
