import Foundation
import PodiumCore
@testable import PodiumStore
import XCTest

final class CodecTests: StoreTestCase {
    func richState() -> PodiumState {
        var state = sampleState()
        reduce(&state, ask("q1", "東京で Swift を使う人は？ 🍣"), context: context(1))
        reduce(&state, ask("q2", "Quote \" and \\ and\nnewline"), context: context(2.5))
        reduce(&state, .vote(id: "q1", voter: "alice", delta: 1), context: context(3))
        reduce(&state, .approve(id: "q1"), context: context(4))
        reduce(&state, .startTimer(session: "s1"), context: context(5.0625))
        reduce(&state, .sendMessage(SpeakerMessage(text: "あと5分", sentBy: "host", sentAt: baseDate)),
               context: context(6))
        reduce(&state, .setNotes(session: "s1", kind: .speaker, text: "新しい", basedOn: nil),
               context: context(7))
        state.revision = 42
        state.writer = Writer(host: "mac", pid: 7, role: .moderator)
        return state
    }

    func testRoundTripKeepsEverything() throws {
        let state = richState()
        let data = try StateCodec.encode(state)
        let decoded = try StateCodec.decode(data, file: "x.json")
        XCTAssertEqual(decoded, state)
        let text = String(decoding: data, as: UTF8.self)
        XCTAssertTrue(text.contains("\"revision\" : 42"), "pretty-printed, readable")
        XCTAssertTrue(text.contains("東京で Swift"), "non-ASCII kept readable")
        XCTAssertEqual(try StateCodec.encode(decoded), data, "stable bytes")
    }

    /// Decodes `bytes` and returns the corrupt error (fails if it decodes).
    func corruptError(_ bytes: [UInt8]) -> (line: Int?, column: Int?, reason: String, text: String)? {
        do {
            _ = try StateCodec.decode(Data(bytes), file: "/some/podium.json")
            XCTFail("decoded")
        } catch let StoreError.corrupt(file, line, column, reason) {
            XCTAssertEqual(file, "/some/podium.json")
            let text = StoreError.corrupt(file: file, line: line, column: column, reason: reason).description
            XCTAssertFalse(text.contains("\n"), "one line")
            XCTAssertTrue(text.contains("/some/podium.json"))
            XCTAssertTrue(text.contains("podium merge"), "recovery hint")
            return (line, column, reason, text)
        } catch {
            XCTFail("unexpected \(error)")
        }
        return nil
    }

    func testEmptyFile() throws {
        let error = try XCTUnwrap(corruptError([]))
        XCTAssertEqual(error.line, 1)
        XCTAssertEqual(error.column, 1)
        XCTAssertTrue(error.reason.contains("empty"), error.reason)
        XCTAssertTrue(error.text.hasPrefix("/some/podium.json:1:1: "), error.text)
    }

    func testTruncatedFile() throws {
        let error = try XCTUnwrap(corruptError(Array(#"{"revision":"#.utf8)))
        XCTAssertEqual(error.line, 1)
        XCTAssertEqual(error.column, 13)
        XCTAssertTrue(error.reason.contains("truncated"), error.reason)

        // A real file cut in the middle: the place is its end.
        let full = try StateCodec.encode(richState())
        let cut = Array(full.prefix(full.count / 2))
        let place = JSONLocator.place(ofOffset: cut.count, in: cut)
        let error2 = try XCTUnwrap(corruptError(cut))
        XCTAssertEqual(error2.line, place.line)
        XCTAssertGreaterThan(place.line, 10)
    }

    func testSyntaxErrorPlace() throws {
        let error = try XCTUnwrap(corruptError(Array("{\n  \"revision\" : 1,\n  \"x\" : [1, 2,]\n}".utf8)))
        XCTAssertEqual(error.line, 3)
        XCTAssertEqual(error.column, 15)
    }

    func testNulBytes() throws {
        let full = Array(try StateCodec.encode(richState()))
        let bytes = Array(full.prefix(300)) + [UInt8](repeating: 0, count: 64)
        let error = try XCTUnwrap(corruptError(bytes))
        let expectedLine = full.prefix(300).filter { $0 == 0x0A }.count + 1
        XCTAssertEqual(error.line, expectedLine)
        XCTAssertTrue(error.reason.contains("NUL"), error.reason)
    }

    func testInvalidUTF8() throws {
        var bytes = Array(try StateCodec.encode(richState()))
        let tokyo = Array("東京".utf8)
        let start = try XCTUnwrap(bytes.indices.first { Array(bytes[$0..<($0 + tokyo.count)]) == tokyo })
        bytes[start + 1] = 0xFF
        let error = try XCTUnwrap(corruptError(bytes))
        let lineStart = bytes[..<start].lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
        XCTAssertEqual(error.line, bytes[..<start].filter { $0 == 0x0A }.count + 1)
        XCTAssertEqual(error.column, start - lineStart + 1, "all ASCII before it on that line")
        XCTAssertTrue(error.reason.contains("UTF-8"), error.reason)
    }

    func testNewerSchemaVersion() throws {
        var state = richState()
        state.schemaVersion = 99
        let bytes = Array(try StateCodec.encode(state))
        let error = try XCTUnwrap(corruptError(bytes))
        XCTAssertTrue(error.reason.contains("schemaVersion 99"), error.reason)
        let text = String(decoding: bytes, as: UTF8.self)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let line = try XCTUnwrap(error.line)
        XCTAssertTrue(lines[line - 1].contains("\"schemaVersion\" : 99"), String(lines[line - 1]))
    }

    func testMissingFieldIsPlaced() throws {
        let text = String(decoding: try StateCodec.encode(richState()), as: UTF8.self)
            .replacingOccurrences(of: "\"currentSessionID\"", with: "\"currentSession\"")
        let error = try XCTUnwrap(corruptError(Array(text.utf8)))
        XCTAssertTrue(error.reason.contains("currentSessionID"), error.reason)
        XCTAssertEqual(error.line, 1, "the object that lacks it")
    }

    /// Every field set, odd strings, odd numbers and dictionary keys.
    func exoticState() -> PodiumState {
        var state = richState()
        state.event.date = "2025-03-01"
        state.event.venue = "渋谷 / Shibuya"
        state.event.start = "19:00"
        state.event.sessions[0].warningSeconds = 100
        state.event.sessions[0].dangerSeconds = 30
        state.event.sessions[0].notesPath = "notes/a.md"
        state.event.sessions[0].hostNotesPath = "notes/a-host.md"
        reduce(&state, ask("q3", "ctl \u{1}\u{1F}\u{7F} \t\r\u{8}\u{C} \u{2028} 🍣 \"/\\"), context: context(8))
        reduce(&state, .dismiss(id: "q3", reason: "dup"), context: context(9))
        reduce(&state, .setLabels(id: "q2", labels: ["a", "日本語"]), context: context(10))
        reduce(&state, .assign(id: "q2", to: "ken"), context: context(11))
        reduce(&state, .setEditing(id: "q2", by: "mod@b"), context: context(12))
        reduce(&state, .mergeQuestion(duplicate: "q3", into: "q1"), context: context(13))
        reduce(&state, .editText(id: "q2", text: "edited"), context: context(14))
        for voter in ["a10", "a2", "B", "a", "_x", "Z", "é", "東", "b"] {
            reduce(&state, .vote(id: "q1", voter: voter, delta: voter.count % 2 == 0 ? 1 : -1), context: context(15))
        }
        reduce(&state, .moveQuestion(id: "q1", position: -0.0), context: context(16))
        reduce(&state, .moveQuestion(id: "q2", position: 1e-7), context: context(17))
        state.questions[0].position = 1e21
        state.timers["s1"]?.elapsedBeforeRun = 0.30000000000000004
        state.timers["s2"] = SessionTimer(sessionID: "s2")
        state.timers["s2"]?.actualStart = Date(timeIntervalSince1970: 1e15)
        state.timers["s2"]?.actualEnd = Date(timeIntervalSince1970: 1e16)
        state.timers["s2"]?.addedSeconds = -120
        state.notes["s1"]?.previousVersions.append(.init(text: "old", savedAt: baseDate, savedBy: "x"))
        return state
    }

    /// The spliced encode (a skeleton, then each question alone or copied) is byte for byte
    /// one JSONEncoder call over the whole state.
    func testSplicedEncodeWritesExactlyWhatOneJSONEncoderCallWrites() throws {
        var empty = sampleState()
        empty.questions = []
        for state in [sampleState(), richState(), exoticState(), empty] {
            let reference = String(decoding: try StateCodec.encodeWithFoundation(state), as: UTF8.self)
            let first = try FoundationCodec.encode(state, reusing: nil)
            XCTAssertEqual(String(decoding: first.data, as: UTF8.self), reference)
            XCTAssertEqual(first.questionRanges.count, state.questions.count)
            var changed = state
            changed.revision += 1
            if !changed.questions.isEmpty { changed.questions[0].votes["zz"] = 1 }
            let spliced = try FoundationCodec.encode(changed, reusing: first.reuse)
            XCTAssertEqual(String(decoding: spliced.data, as: UTF8.self),
                           String(decoding: try StateCodec.encodeWithFoundation(changed), as: UTF8.self))
            // Every range is one question's object, as the next reuse expects.
            for (range, question) in zip(spliced.questionRanges, changed.questions) {
                XCTAssertEqual(try foundationDecode(Question.self, spliced.data.subdata(in: range)), question)
            }
        }
    }

    func foundationDecode(_ data: Data) throws -> PodiumState {
        try foundationDecode(PodiumState.self, data)
    }

    func foundationDecode<T: Decodable>(_ type: T.Type, _ data: Data) throws -> T {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        return try decoder.decode(type, from: data)
    }

    func testReusingDecoderReadsWhatJSONDecoderReads() throws {
        for state in [sampleState(), richState(), exoticState()] {
            let data = try StateCodec.encodeWithFoundation(state)
            XCTAssertEqual(FoundationCodec.decode(data, reusing: nil)?.state, state)
        }
        // Escapes, nulls, unknown keys and compact layout, as a person or another tool may write.
        let original = try FoundationCodec.encode(exoticState(), reusing: nil)
        var text = String(decoding: original.data, as: UTF8.self)
        text = text.replacingOccurrences(of: "\"渋谷 / Shibuya\"", with: #""\u6e0b\u8c37 \/ Shibuya \ud83c\udf63""#)
        text = text.replacingOccurrences(
            of: "\"currentSessionID\"",
            with: #""future" : {"a": [1, -2.5e3, true, false, null, "x\"y]"], "b": {}}, "currentSessionID""#)
        text = text.replacingOccurrences(of: #""sessionID" : "s2""#, with: #""runningSince" : null, "sessionID" : "s2""#)
        let unchangedLayout = Data(text.utf8)
        let expected = try foundationDecode(unchangedLayout)
        XCTAssertEqual(expected.event.venue, "渋谷 / Shibuya 🍣")
        let reused = try XCTUnwrap(FoundationCodec.decode(unchangedLayout, reusing: original.reuse))
        XCTAssertEqual(reused.state, expected)
        XCTAssertTrue(zip(reused.state.questions, original.state.questions).allSatisfy { $0.isSameStorage(as: $1) },
                      "questions whose bytes did not change are taken, not parsed")
        let crlf = Data(text.replacingOccurrences(of: "\n", with: "\r\n").utf8)
        let reparsed = try XCTUnwrap(FoundationCodec.decode(crlf, reusing: original.reuse))
        XCTAssertEqual(reparsed.state, try foundationDecode(crlf))
        XCTAssertFalse(zip(reparsed.state.questions, original.state.questions).contains { $0.isSameStorage(as: $1) })

        // What it cannot be sure of, it leaves to the full decode (which says what is wrong).
        XCTAssertNil(FoundationCodec.decode(Data(#"{"revision": 1}"#.utf8), reusing: nil))
        XCTAssertNil(FoundationCodec.decode(Data(#"{"questions": [], "questions": []}"#.utf8), reusing: nil))
        XCTAssertNil(FoundationCodec.decode(Data(text.replacingOccurrences(of: "\"venue\"", with: "\"venue\" : 1, \"x\"").utf8), reusing: nil))
    }

    /// Numbers JSON forbids are refused, as JSONSerialization refuses them.
    func testNumbersJSONForbidsAreRefused() throws {
        let text = String(decoding: try StateCodec.encode(richState()), as: UTF8.self)
        for bad in ["+42", "042", "42.", ".5", "0x2A", "NaN", "Infinity", "1e", "--42"] {
            let data = Data(text.replacingOccurrences(of: "\"revision\" : 42", with: "\"revision\" : \(bad)").utf8)
            XCTAssertNil(try? JSONSerialization.jsonObject(with: data), bad)
            XCTAssertThrowsError(try StateCodec.decode(data, file: "x.json"), bad)
        }
    }

    /// The budget of a large state, measured (not asserted: debug builds are several times slower).
    func testMeasureTenThousandQuestions() throws {
        var state = sampleState()
        for index in 0..<10_000 {
            state.questions.append(Question(
                id: "q\(index)", text: "質問 number \(index): how do you test a TUI?",
                askedAt: baseDate.addingTimeInterval(Double(index)), by: "host@test"))
        }
        var start = Date()
        let data = try StateCodec.encode(state)
        let encodeTime = Date().timeIntervalSince(start)
        start = Date()
        let foundationTime = Date().timeIntervalSince(start)
        start = Date()
        let decoded = try StateCodec.decode(data, file: "big.json")
        let decodeTime = Date().timeIntervalSince(start)
        XCTAssertEqual(decoded, state)
        start = Date()
        XCTAssertEqual(try foundationDecode(data), state)
        let foundationDecodeTime = Date().timeIntervalSince(start)
        XCTAssertEqual(decoded.questions.count, 10_000)
        print(String(format: "StateCodec 10,000 questions (debug build): %.1f MB, encode %.0f ms (JSONEncoder %.0f ms), "
                     + "decode %.0f ms (JSONDecoder %.0f ms)", Double(data.count) / 1e6, encodeTime * 1000,
                     foundationTime * 1000, decodeTime * 1000, foundationDecodeTime * 1000))
    }
}
