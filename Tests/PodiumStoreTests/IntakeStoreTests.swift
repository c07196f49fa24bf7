import Foundation
import PodiumCore
@testable import PodiumStore
import XCTest

/// A question's chat message id through the codec, a merge, and two writers on one file.
final class IntakeStoreTests: StoreTestCase {
    private func chatAsk(_ messageID: String, _ text: String, source: QuestionSource = .youtube) -> Action {
        var question = Question(
            id: ChatIntake.questionID(source: source, messageID: messageID), text: text, source: source,
            askedAt: baseDate, by: "script@test")
        question.sourceMessageID = messageID
        return .addQuestion(question)
    }

    func testMessageIdSurvivesTheCodecBothWays() throws {
        var state = sampleState()
        reduce(&state, chatAsk("ChwKGkNKeV9", "Raft の選出タイムアウトは？"), context: context(1))
        reduce(&state, ask("plain"), context: context(2))
        let data = try StateCodec.encode(state)
        XCTAssertTrue(String(decoding: data, as: UTF8.self).contains("\"sourceMessageID\" : \"ChwKGkNKeV9\""))
        let decoded = try StateCodec.decode(data, file: "x.json")
        XCTAssertEqual(decoded, state)
        XCTAssertEqual(decoded.questions.map(\.sourceMessageID), ["ChwKGkNKeV9", nil])
    }

    func testMergeKeepsTheMessageId() {
        var left = sampleState(), right = sampleState()
        reduce(&left, chatAsk("m1", "left"), context: context(1))
        reduce(&right, chatAsk("m1", "left"), context: context(1))
        reduce(&right, .approve(id: right.questions[0].id), context: context(2))
        let merged = StateMerge.merge([left, right])
        XCTAssertEqual(merged.questions.count, 1, "one message, one question in every copy")
        XCTAssertEqual(merged.questions[0].sourceMessageID, "m1")
    }

    /// Two processes' stores, each adding the same chat message from its own stale copy: the
    /// reducer, re-applied under the lock to the fresh file, adds it once.
    func testTwoWritersAddingTheSameMessageAddItOnce() throws {
        let first = try makeStore()
        let second = StateStore(path: statePath, writer: testWriter(.script))
        _ = try second.load()
        try first.commit([chatAsk("m1", "from the first bridge")], context: context(1))
        try second.commit([chatAsk("m1", "from the second bridge"), chatAsk("m2", "other")], context: context(2))
        let state = try XCTUnwrap(StateStore(path: statePath, writer: testWriter()).load())
        XCTAssertEqual(state.questions.map(\.text), ["from the first bridge", "other"])
    }
}
