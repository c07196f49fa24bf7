import Foundation
@testable import PodiumCore
import XCTest

/// The chat parsers on the samples of ../shared/fixtures/chat-formats.md (the shapes of real
/// files: Japanese names, one or two spaces, LF or CRLF, multi-line and private messages).
final class ChatIntakeTests: XCTestCase {
    private func zoom(_ text: String) -> (messages: [ChatMessage], privates: [Int], problems: [IntakeProblem]) {
        var parser = ZoomChatParser()
        var events: [ZoomChatParser.Event] = []
        // Split on LF bytes, as the command does: a CRLF line keeps its CR for the parser.
        let lines = text.utf8.split(separator: 10, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
        for (index, line) in lines.enumerated() where !(index == lines.count - 1 && line.isEmpty) {
            events += parser.feed(line, number: index + 1)
        }
        events += parser.finish()
        var messages: [ChatMessage] = [], privates: [Int] = [], problems: [IntakeProblem] = []
        for event in events {
            switch event {
            case .message(let message): messages.append(message)
            case .skippedPrivate(let line, _): privates.append(line)
            case .problem(let problem): problems.append(problem)
            }
        }
        return (messages, privates, problems)
    }

    private let currentShape = """
        19:05:12 From  山田 太郎  to  Everyone:
        \tetcd はなぜ Raft を使うのですか？
        19:05:40 From  Ken  to  Everyone:
        \tKubelet の再起動は？
        \t(2 行目の続き)
        19:06:02 From  Aiko  to  運営チーム(Direct Message):
        \tマイクが聞こえません

        """

    func testZoomCurrentShapeWithJapaneseNamesMultiLineAndDirectMessage() {
        let result = zoom(currentShape)
        XCTAssertEqual(result.messages.map(\.text), ["etcd はなぜ Raft を使うのですか？", "Kubelet の再起動は？\n(2 行目の続き)"])
        XCTAssertEqual(result.messages.map(\.author), ["山田 太郎", "Ken"])
        XCTAssertEqual(result.messages.map(\.line), [1, 3])
        XCTAssertEqual(result.privates, [6], "the direct message is never taken")
        XCTAssertEqual(result.problems, [])
    }

    func testZoomCurrentShapeWithOneSpaceAndCRLFGivesTheSameMessagesAndIds() {
        let oneSpace = currentShape.replacingOccurrences(of: "  ", with: " ")
        let crlf = currentShape.replacingOccurrences(of: "\n", with: "\r\n")
        let reference = zoom(currentShape).messages
        XCTAssertEqual(zoom(oneSpace).messages, reference)
        XCTAssertEqual(zoom(crlf).messages, reference)
        XCTAssertEqual(zoom("\u{FEFF}" + currentShape).messages, reference, "a byte-order mark is not a problem")
    }

    func testZoomOneLineShapeWithContinuationLines() {
        let result = zoom("""
            19:05:12\t From  山田 太郎  to  Everyone : etcd はなぜ Raft を使うのですか？
            続きの行
            19:06:02\t From  Aiko  to  運営チーム(Direct Message) : マイクが聞こえません
            19:07:00\t From Ken to Everyone : How to use etcd: any tips?
            """)
        XCTAssertEqual(result.messages.map(\.text), ["etcd はなぜ Raft を使うのですか？\n続きの行", "How to use etcd: any tips?"])
        XCTAssertEqual(result.messages.map(\.author), ["山田 太郎", "Ken"])
        XCTAssertEqual(result.privates, [3])
    }

    func testZoomOlderShapeWithoutRecipientAndPrivately() {
        let result = zoom("""
            19:05:12\t From  山田 太郎 : etcd はなぜ Raft を使うのですか？
            19:06:02\t From  Aiko   to   運営チーム(Privately) : マイクが聞こえません
            19:06:30\t From  Ken : How to use etcd: to be or not?
            """)
        XCTAssertEqual(result.messages.map(\.text), ["etcd はなぜ Raft を使うのですか？", "How to use etcd: to be or not?"])
        XCTAssertEqual(result.messages.map(\.author), ["山田 太郎", "Ken"])
        XCTAssertEqual(result.privates, [2])
    }

    func testZoomCloudRecordingShape() {
        let result = zoom("19:05:12\t山田 太郎:\tetcd はなぜ Raft を使うのですか？\n19:05:20\tKen:\tQ: ほかには？\n")
        XCTAssertEqual(result.messages.map(\.text), ["etcd はなぜ Raft を使うのですか？", "Q: ほかには？"])
        XCTAssertEqual(result.messages.map(\.author), ["山田 太郎", "Ken"])
    }

    func testZoomMessageToOnePersonIsPrivate() {
        let result = zoom("19:05:12 From  Ken  to  Aiko:\n\tsecret\n19:05:13 From  Ken  to  全員:\n\t公開\n")
        XCTAssertEqual(result.messages.map(\.text), ["公開"])
        XCTAssertEqual(result.privates, [1])
    }

    func testZoomTextBeforeAnyHeaderIsReportedOnce() {
        let result = zoom("garbage\nmore garbage\n19:05:12 From  Ken  to  Everyone:\n\tok\n")
        XCTAssertEqual(result.problems.map(\.line), [1])
        XCTAssertEqual(result.messages.map(\.text), ["ok"])
    }

    func testZoomIdsAreTimeAuthorAndText() {
        let first = zoom(currentShape).messages
        let again = zoom(currentShape).messages
        XCTAssertEqual(first.map(\.messageID), again.map(\.messageID))
        XCTAssertEqual(Set(first.compactMap(\.messageID)).count, 2)
        let otherTime = zoom(currentShape.replacingOccurrences(of: "19:05:12", with: "19:05:13")).messages
        XCTAssertNotEqual(otherTime[0].messageID, first[0].messageID)
        XCTAssertEqual(otherTime[1].messageID, first[1].messageID)
    }

    // MARK: Lines

    func testJSONLines() throws {
        func parse(_ line: String) -> Result<ChatMessage?, IntakeProblem> {
            ChatIntake.parseLine(line, format: .auto, number: 7)
        }
        let full = try parse(#"{"id": "discord-1130458", "text": "スライドはどこで見られますか", "author": "naoki", "source": "discord"}"#).get()
        XCTAssertEqual(full, ChatMessage(text: "スライドはどこで見られますか", author: "naoki", source: "discord", messageID: "discord-1130458", line: 7))
        XCTAssertEqual(try parse(#"{"id": 1130458, "text": "x"}"#).get()?.messageID, "1130458")
        XCTAssertEqual(try parse("plain text").get()?.text, "plain text")
        XCTAssertNil(try parse("   ").get())
        XCTAssertEqual(ChatIntake.parseLine("{not json", format: .lines, number: 1), .success(ChatMessage(text: "{not json", line: 1)))
        let problems: [(String, String)] = [
            ("{broken", "not valid JSON"),
            (#"{"author": "x"}"#, "no \"text\" field"),
            (#"{"text": 5}"#, "\"text\" is not a string"),
            (#"{"text": "x", "author": 5}"#, "\"author\" is not a string"),
            (#"{"text": "x", "id": true}"#, "\"id\" is not a string or a whole number"),
            (#"["text"]"#, "not a JSON object"),
        ]
        for (line, reason) in problems {
            guard case .failure(let problem) = ChatIntake.parseLine(line, format: .jsonl, number: 3) else {
                XCTFail("accepted \(line)")
                continue
            }
            XCTAssertEqual(problem.line, 3)
            XCTAssertTrue(problem.reason.contains(reason), "\(line): \(problem.reason)")
        }
        guard case .failure = ChatIntake.parseLine("plain", format: .jsonl, number: 1) else {
            return XCTFail("jsonl takes only JSON")
        }
    }

    func testLineDecodingAndLength() {
        XCTAssertEqual(ChatIntake.decodeLine(Array("質問\r\n".utf8)), "質問")
        XCTAssertNil(ChatIntake.decodeLine([0x66, 0xff, 0x0a]))
        XCTAssertEqual(try ChatIntake.questionText(String(repeating: "あ", count: 1000), line: 1).get().count, 1000)
        guard case .failure(let problem) = ChatIntake.questionText(String(repeating: "あ", count: 1001), line: 4) else {
            return XCTFail("1,001 characters accepted")
        }
        XCTAssertTrue(problem.reason.contains("at most 1000"), problem.reason)
    }

    func testMarkers() {
        let markers = ChatIntake.defaultMarkers
        XCTAssertEqual(ChatIntake.strippingMarker("Q: etcd は？", markers: markers), "etcd は？")
        XCTAssertEqual(ChatIntake.strippingMarker("  q：etcd は？", markers: markers), "etcd は？")
        XCTAssertEqual(ChatIntake.strippingMarker("質問：Raft とは", markers: markers), "Raft とは")
        XCTAssertEqual(ChatIntake.strippingMarker("【質問】Raft とは", markers: markers), "Raft とは")
        XCTAssertNil(ChatIntake.strippingMarker("こんにちは", markers: markers))
        XCTAssertNil(ChatIntake.strippingMarker("Quick question", markers: markers))
        XCTAssertEqual(ChatIntake.strippingMarker("?? help", markers: ["??"]), "help")
    }

    func testQuestionIdsAreStableAndPerSource() {
        // Fixed: every process and every version must make the same id from the same message.
        XCTAssertEqual(ChatIntake.questionID(source: .youtube, messageID: "ChwKGkNKeV9"), ChatIntake.questionID(source: .youtube, messageID: "ChwKGkNKeV9"))
        XCTAssertNotEqual(ChatIntake.stableHash(["ab", ""]), ChatIntake.stableHash(["a", "b"]))
        XCTAssertNotEqual(ChatIntake.questionID(source: .youtube, messageID: "1"), ChatIntake.questionID(source: .zoom, messageID: "1"))
        XCTAssertEqual(ChatIntake.questionID(source: .zoom, messageID: "1").utf8.count, 15, "a small string")
    }

    // MARK: Adding without duplicates

    private func state() -> PodiumState {
        PodiumState(event: Event(title: "t", sessions: [Session(id: "s1", title: "S", plannedSeconds: 60)]), now: Date(timeIntervalSince1970: 0))
    }

    private func chatQuestion(_ messageID: String?, _ text: String, source: QuestionSource = .youtube, at seconds: Double = 0) -> Question {
        var question = Question(
            id: messageID.map { ChatIntake.questionID(source: source, messageID: $0) } ?? UUID().uuidString,
            text: text, source: source, askedAt: Date(timeIntervalSince1970: seconds))
        question.sourceMessageID = messageID
        return question
    }

    func testTheSameMessageFromTheSameSourceIsAddedOnce() {
        var state = state()
        let context = ActionContext(now: Date(timeIntervalSince1970: 1), actor: "script@test")
        reduce(&state, .addQuestion(chatQuestion("m1", "first")), context: context)
        reduce(&state, .addQuestion(chatQuestion("m1", "first, sent again")), context: context)
        // A question carrying the message id under another question id (an older bridge) too.
        var other = chatQuestion("m1", "first, other id")
        other.id = "q-other"
        reduce(&state, .addQuestion(other), context: context)
        reduce(&state, .addQuestion(chatQuestion("m1", "same id, other chat", source: .discord)), context: context)
        reduce(&state, .addQuestion(chatQuestion(nil, "no id")), context: context)
        reduce(&state, .addQuestion(chatQuestion(nil, "no id")), context: context)
        XCTAssertEqual(state.questions.map(\.text), ["first", "same id, other chat", "no id", "no id"])
    }

    /// The index behind `containsQuestion` is shared by every list: copies that diverged (two
    /// processes' states, undo's old state) must each get their own answers.
    func testLookupIsRightForDivergedCopies() {
        var base = state()
        let context = ActionContext(now: Date(timeIntervalSince1970: 1), actor: "a")
        for index in 0..<600 { reduce(&base, .addQuestion(chatQuestion("b\(index)", "b\(index)")), context: context) }
        var left = base, right = base
        reduce(&left, .addQuestion(chatQuestion("x", "left x")), context: context)
        reduce(&right, .addQuestion(chatQuestion("y", "right y")), context: context)
        reduce(&left, .addQuestion(chatQuestion("y", "left y")), context: context)
        reduce(&right, .addQuestion(chatQuestion("x", "right x")), context: context)
        reduce(&left, .addQuestion(chatQuestion("b5", "again")), context: context)
        XCTAssertEqual(left.questions.suffix(2).map(\.text), ["left x", "left y"])
        XCTAssertEqual(right.questions.suffix(2).map(\.text), ["right y", "right x"])
        XCTAssertEqual(left.questions.count, 602)
        XCTAssertFalse(base.questions.containsQuestion(id: "none", source: .youtube, messageID: "x"))
        XCTAssertTrue(left.questions.containsQuestion(id: "none", source: .youtube, messageID: "x"))
        XCTAssertTrue(base.questions.containsQuestion(id: "none", source: .youtube, messageID: "b599"))
    }

    func testABurstOf1000OnTenThousandQuestionsIsQuick() {
        var state = state()
        let context = ActionContext(now: Date(timeIntervalSince1970: 1), actor: "a")
        state.questions = QuestionList((0..<10_000).map { chatQuestion("old\($0)", "old \($0)") })
        let burst = (0..<1_000).map { chatQuestion($0 % 10 == 0 ? "old\($0)" : "new\($0)", "new \($0)") }
        let started = Date()
        for question in burst { reduce(&state, .addQuestion(question), context: context) }
        let elapsed = Date().timeIntervalSince(started)
        XCTAssertEqual(state.questions.count, 10_900)
        // A linear search per line takes far longer than this even in a release build.
        XCTAssertLessThan(elapsed, 1.0, "1,000 additions to 10,000 questions took \(elapsed) s")
    }
}
