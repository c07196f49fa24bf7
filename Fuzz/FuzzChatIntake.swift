// libFuzzer target: the chat formats of `podium ask` (ChatIntake: lines, jsonl, auto; and
// ZoomChatParser for Zoom's saved chat). The first byte picks the format, the rest is the
// input, split into lines as the reader does. Any problem reported is fine; a crash, a trap or
// a hang is not. A message's stored text is never empty or too long. Build and run with
// scripts/fuzz.
import Foundation
import PodiumCore

@_cdecl("LLVMFuzzerInitialize")
public func fuzzInitialize(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> CInt {
    writeHostileSeeds(prefix: [0])
    writeSeeds([
        "\u{0}plain question\n\n  spaced  \r\n",
        "\u{1}{\"id\":\"m1\",\"text\":\"Raft の選出タイムアウトは？\",\"author\":\"ken\",\"source\":\"youtube\"}\n{\"id\":42,\"text\":\"x\"}\n{\"text\":1}\n[1]\n",
        "\u{2}{\"text\":\"auto json\"}\nplain line\n",
        "\u{3}19:02:11 From ken to Everyone:\n\tQ: how does etcd scale?\n\tsecond line\n19:03:00 From  Ann  to  Bob(Direct Message) : secret\n19:04 From x : old shape\n",
    ])
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzChatIntake(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    guard count > 0 else { return 0 }
    let formats: [IntakeFormat] = [.lines, .jsonl, .auto, .zoom]
    let format = formats[Int(start[0]) % formats.count]
    let bytes = UnsafeBufferPointer(start: start + 1, count: count - 1)
    var zoom = ZoomChatParser()
    var messages: [ChatMessage] = []
    for (index, raw) in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() {
        guard let line = ChatIntake.decodeLine(raw) else { continue }
        if format == .zoom {
            for case .message(let message) in zoom.feed(line, number: index + 1) { messages.append(message) }
        } else if case .success(let message?) = ChatIntake.parseLine(line, format: format, number: index + 1) {
            messages.append(message)
        }
    }
    for case .message(let message) in zoom.finish() { messages.append(message) }
    for message in messages {
        if case .success(let text) = ChatIntake.questionText(message.text, line: message.line) {
            fuzzCheck(!text.isEmpty && text.count <= Question.maximumLength, "a stored text is empty or too long")
        }
        _ = ChatIntake.strippingMarker(message.text, markers: ["Q:", "質問:"])
        if let id = message.messageID {
            _ = ChatIntake.questionID(source: .zoom, messageID: id)
        }
    }
    return 0
}
