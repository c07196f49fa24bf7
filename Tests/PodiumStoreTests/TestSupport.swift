import Foundation
import Glibc
import PodiumCore
import PodiumStore
import XCTest

/// A fresh directory under /tmp (traversable by every user, for the permission tests).
func makeTemporaryDirectory() throws -> String {
    var template = Array("/tmp/podium-store-test-XXXXXX".utf8CString)
    guard let made = mkdtemp(&template) else { throw StoreError.io(file: "/tmp", operation: "mkdtemp", errno: errno) }
    let path = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    _ = made
    chmod(path, 0o755)
    return path
}

func removeDirectory(_ path: String) {
    chmod(path, 0o755)
    try? FileManager.default.removeItem(atPath: path)
}

let baseDate = Date(timeIntervalSince1970: 1_700_000_000.125)

func sampleEvent() -> Event {
    Event(title: "Tokyo Swift 勉強会", sessions: [
        Session(id: "s1", title: "Opening", speaker: "山田", plannedSeconds: 600, notes: "Hello"),
        Session(id: "s2", title: "Talk", plannedSeconds: 1200),
    ])
}

func sampleState() -> PodiumState {
    PodiumState(event: sampleEvent(), now: baseDate)
}

func context(_ seconds: Double = 0, _ actor: String = "host@test") -> ActionContext {
    ActionContext(now: baseDate.addingTimeInterval(seconds), actor: actor)
}

func ask(_ id: String, _ text: String = "", at seconds: Double = 0) -> Action {
    .addQuestion(Question(
        id: id, text: text.isEmpty ? "Question \(id)?" : text, author: "someone",
        askedAt: baseDate.addingTimeInterval(seconds), by: "host@test"))
}

func testWriter(_ role: Role = .host) -> Writer {
    Writer(host: "test", pid: getpid(), role: role)
}

func fileBytes(_ path: String) -> Data? {
    FileManager.default.contents(atPath: path)
}

func directoryNames(_ path: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted()
}

func temps(in directory: String) -> [String] {
    directoryNames(directory).filter { $0.hasSuffix(".tmp") }
}

/// The podium-stress binary built next to the test bundle (`.build*/debug/`).
func stressBinary(file: StaticString = #filePath) throws -> String {
    var candidates: [URL] = []
    let bundle = Bundle(for: StoreTestCase.self).bundleURL
    candidates.append(bundle.deletingLastPathComponent())
    candidates.append(bundle.deletingLastPathComponent().deletingLastPathComponent())
    candidates.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent())
    let packageRoot = URL(fileURLWithPath: "\(file)")
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let builds = ((try? FileManager.default.contentsOfDirectory(atPath: packageRoot.path)) ?? [])
        .filter { $0.hasPrefix(".build") }.sorted()
    for build in builds { candidates.append(packageRoot.appendingPathComponent(build + "/debug")) }
    for directory in candidates {
        let path = directory.appendingPathComponent("podium-stress").path
        if FileManager.default.isExecutableFile(atPath: path) { return path }
    }
    throw XCTSkip("podium-stress not found next to the test bundle (\(bundle.path))")
}

/// Starts podium-stress; stdout goes to a pipe read by `finish`.
final class StressRun {
    let process = Process()
    private let output = Pipe()

    init(_ arguments: [String], environment extra: [String: String] = [:]) throws {
        process.executableURL = URL(fileURLWithPath: try stressBinary())
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        for (key, value) in extra { environment[key] = value }
        process.environment = environment
        process.standardOutput = output
        try process.run()
    }

    struct Summary: Decodable {
        var asked: [String]
        var approved: [String]
        var voted: [String]
        var adjustSeconds: Int
    }

    /// Waits for the end; the summary it printed.
    func finish() throws -> Summary {
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, "podium-stress failed")
        return try JSONDecoder().decode(Summary.self, from: data)
    }
}

/// The process state letter from /proc (R, S, T for stopped...).
func processState(_ pid: Int32) -> Character? {
    guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
          let close = text.lastIndex(of: ")")
    else { return nil }
    return text[text.index(close, offsetBy: 2)...].first
}

/// Base class, so the bundle can be found from any test.
class StoreTestCase: XCTestCase {
    var directory = ""
    var statePath: String { directory + "/podium.json" }

    override func setUpWithError() throws {
        directory = try makeTemporaryDirectory()
    }

    override func tearDown() {
        removeDirectory(directory)
    }

    /// A store on `statePath` with a first revision written.
    func makeStore(_ actions: [Action] = [], role: Role = .host) throws -> StateStore {
        let store = StateStore(path: statePath, writer: testWriter(role))
        try store.commit(actions, context: context(), create: sampleState())
        return store
    }
}
