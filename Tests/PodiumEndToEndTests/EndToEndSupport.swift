import Foundation
import XCTest

/// A scratch directory per test, with a small event file whose sessions are short.
final class Scratch {
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("podium-e2e-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }

    func path(_ name: String) -> String {
        directory.appendingPathComponent(name).path
    }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let file = path(name)
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }

    /// A test event: two short sessions, Japanese titles and notes.
    func writeTestEvent(minutes: Double = 2, secondMinutes: Double = 1) throws -> String {
        try write("event.yaml", """
            title: "テスト勉強会 #1"
            start: "19:00"
            warning_minutes: 1
            danger_minutes: 0.5
            sessions:
              - id: talk
                title: Knativeで実現するサーバーレス
                speaker: 登壇者A
                minutes: \(minutes)
                notes: |
                  # 導入
                  - [00:00] 自己紹介
                  - [01:00] デモ
                host_notes: |
                  - Wi-Fi password: hunter2
              - id: qa
                title: Ask the speaker
                minutes: \(secondMinutes)
            """)
    }
}

/// Runs the podium binary with arguments and returns (status, stdout, stderr).
@discardableResult
func runPodium(_ arguments: [String], stdin: String? = nil, environment: [String: String] = [:], in directory: URL? = nil) throws -> (status: Int32, stdout: String, stderr: String) {
    let process = Process()
    process.executableURL = TmuxSession.podiumBinary()
    process.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    env["LANG"] = "C.UTF-8"
    // English whatever the developer's own locale, PODIUM_LANG or config file say.
    for name in ["LC_ALL", "LC_MESSAGES", "PODIUM_LANG"] { env[name] = nil }
    env["XDG_CONFIG_HOME"] = "/nonexistent/podium-test-config"
    env.merge(environment) { _, new in new }
    process.environment = env
    if let directory { process.currentDirectoryURL = directory }
    let out = Pipe()
    let err = Pipe()
    let input = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = input
    try process.run()
    if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
    try input.fileHandleForWriting.close()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
}

/// `podium status --json` parsed.
func statusJSON(_ state: String) throws -> [String: Any] {
    let result = try runPodium(["status", "--json", "--state", state])
    guard result.status == 0 else {
        throw TmuxError(message: "status failed (\(result.status)): \(result.stderr)")
    }
    return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] ?? [:]
}

func questions(in json: [String: Any]) -> [[String: Any]] {
    json["questions"] as? [[String: Any]] ?? []
}

func requireTmux() throws {
    guard TmuxSession.isAvailable else {
        throw XCTSkip("tmux is not installed: run scripts/setup (end-to-end tests need it)")
    }
}
