import Foundation
import PodiumCore
import PodiumStore
import XCTest

/// The real binary under load from a second process (browser/load_test.py), on loopback.
final class LoadTests: XCTestCase {
    func testTwoThousandQuestionsLandOnceTheRateLimitHoldsAndKillNineLosesNothing() throws {
        let directory = NSTemporaryDirectory() + "podium-load-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/podium.json"
        // A state of 1,000 questions, as in the benchmark.
        let event = Event(title: "Load", sessions: [Session(id: "talk", title: "Talk", plannedSeconds: 1200)])
        let now = Date()
        let questions = (0..<1000).map { n in
            Question(id: "q-seed-\(n)", text: "seed question \(n) スケーラビリティに関して", author: "seed", source: .zoom,
                     sessionID: "talk", status: n % 3 == 0 ? .approved : .new, askedAt: now.addingTimeInterval(Double(n)), by: "seed")
        }
        let store = StateStore(path: path, writer: Writer(host: "test", pid: 1, role: .host))
        try store.commit(questions.map { .addQuestion($0) }, context: ActionContext(now: now, actor: "seed"),
                         create: PodiumState(event: event, now: now))
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("browser/load_test.py").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script, BrowserTests.podiumBinary(), path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        print(text)
        XCTAssertEqual(process.terminationStatus, 0, "load checks failed:\n" + text)
    }
}
