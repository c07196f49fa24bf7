import Foundation
import PodiumCore
@testable import PodiumStore
import XCTest

/// The strict shortcut for reading questions: its answer is JSONDecoder's, or none.
final class QuestionParserTests: StoreTestCase {
    /// A question with every field set, as the state file writes it.
    func fullQuestion() -> Question {
        var question = Question(
            id: "q-1", text: "Quote \" \\ / \n\t\u{1} 東京 🍣 \u{202E}bidi", author: "山田 太郎", source: .zoom,
            sessionID: "s1", status: .dismissed, askedAt: baseDate, by: "moderator:aya@mac", position: 12.5)
        question.originalText = "before the edit"
        question.sourceMessageID = "zoom:19:05:12|山田"
        question.statusBeforeDismissal = .approved
        question.dismissReason = "duplicate"
        question.votes = ["alice": 1, "bob": -1]
        question.pinned = true
        question.labels = ["k8s", "ラベル"]
        question.assignee = "panelist B"
        question.aliases = ["an alias"]
        question.mergedInto = "q-0"
        question.editingBy = "moderator@host"
        question.updatedAt = baseDate.addingTimeInterval(61.25)
        question.history.append(QuestionChange(at: baseDate.addingTimeInterval(60), by: "aya", what: "dismissed: duplicate"))
        return question
    }

    func parse(_ json: String) -> Question? {
        let data = Data(json.utf8)
        return QuestionParser.questions(at: [0..<data.count], in: data)?.first
    }

    func foundation(_ json: String) -> Question? {
        try? FoundationCodec.makeDecoder().decode(Question.self, from: Data(json.utf8))
    }

    /// Fails when `Question` gains a field the parser does not read: add it to
    /// `QuestionParser.question()` and `knownKeys`.
    func testItReadsEveryFieldAQuestionIsWrittenWith() throws {
        let data = try FoundationCodec.makeEncoder().encode(fullQuestion())
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
        XCTAssertEqual(Set(object.keys), QuestionParser.knownKeys, "a new field of Question is not read by QuestionParser")
        XCTAssertEqual(parse(String(decoding: data, as: UTF8.self)), fullQuestion())
    }

    func testItAgreesWithJSONDecoderOrStepsAside() throws {
        let written = String(decoding: try FoundationCodec.makeEncoder().encode(fullQuestion()), as: UTF8.self)
        let minimal = #"{"id":"a","text":"t","author":"","source":"web","status":"new","votes":{},"pinned":false,"position":1,"labels":[],"aliases":[],"askedAt":1,"updatedAt":1.5,"updatedBy":"x","history":[]}"#
        // Accepted: the same question JSONDecoder reads.
        for json in [
            written,
            minimal,
            minimal.replacingOccurrences(of: #""text":"t""#, with: #""text":"\u6771\u4eac \ud83c\udf63 \/ \"""#),
            minimal.replacingOccurrences(of: #""id":"a""#, with: #""id":"a","sessionID":null,"assignee":null"#),
            minimal.replacingOccurrences(of: #""position":1"#, with: #""position":-0.5e-3"#),
            minimal.replacingOccurrences(of: #""askedAt":1"#, with: #"  "askedAt" :  1796187432.940 "#),
        ] {
            let parsed = try XCTUnwrap(parse(json), json)
            XCTAssertEqual(parsed, foundation(json), json)
        }
        // Refused, whatever JSONDecoder makes of it: it then decides alone.
        for json in [
            minimal.replacingOccurrences(of: #""position":1"#, with: #""position":+1"#),
            minimal.replacingOccurrences(of: #""position":1"#, with: #""position":01"#),
            minimal.replacingOccurrences(of: #""position":1"#, with: #""position":1."#),
            minimal.replacingOccurrences(of: #""position":1"#, with: #""position":.5"#),
            minimal.replacingOccurrences(of: #""votes":{}"#, with: #""votes":{"a":1.0}"#),
            minimal.replacingOccurrences(of: #""votes":{}"#, with: #""votes":{"a":1,"a":2}"#),
            minimal.replacingOccurrences(of: #""id":"a""#, with: #""id":"a","id":"b""#),
            minimal.replacingOccurrences(of: #""id":"a""#, with: #""id":"a","future":1"#),
            minimal.replacingOccurrences(of: #""id":"a""#, with: #""id":"a\#u{01}""#),
            minimal.replacingOccurrences(of: #""id":"a""#, with: #""id":"\udc00""#),
            minimal.replacingOccurrences(of: #""id":"a""#, with: #""id":null"#),
            minimal.replacingOccurrences(of: #""source":"web""#, with: #""source":"fax""#),
            minimal.replacingOccurrences(of: #""history":[]"#, with: #""history":[{"at":1,"by":"x"}]"#),
            minimal + " x",
        ] {
            XCTAssertNil(parse(json), json)
        }
        // Invalid UTF-8 inside a string.
        var bytes = Array(minimal.utf8)
        bytes.insert(0xFF, at: bytes.firstIndex(of: UInt8(ascii: "t"))! + 4)
        XCTAssertNil(QuestionParser.questions(at: [0..<bytes.count], in: Data(bytes)))
    }

    /// A file with questions the parser steps aside for still reads as JSONDecoder reads it.
    func testTheStateFileReadsTheSameEitherWay() throws {
        var state = sampleState()
        for index in 0..<300 {
            var question = fullQuestion()
            question.id = "q\(index)"
            state.questions.append(question)
        }
        let data = try StateCodec.encode(state)
        XCTAssertEqual(try StateCodec.decode(data, file: "x.json"), state)
        let text = String(decoding: data, as: UTF8.self)
        let odd = Data(text.replacingOccurrences(of: #""id" : "q7","#, with: #""id" : "q7", "future" : [1, 2],"#).utf8)
        let decoder = FoundationCodec.makeDecoder()
        XCTAssertEqual(try StateCodec.decode(odd, file: "x.json"), try decoder.decode(PodiumState.self, from: odd))
    }
}
