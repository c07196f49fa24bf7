import Foundation
import PodiumText
import XCTest

/// A real browser against the real binary: Debian's chromium in headless mode, driven by
/// selenium (browser/browser_test.py), with a host console in tmux on the same state file.
final class BrowserTests: XCTestCase {
    func testTheAudienceAndTheStageInARealBrowser() throws {
        let chromium = "/usr/bin/chromium", driver = "/usr/bin/chromedriver"
        guard FileManager.default.isExecutableFile(atPath: chromium), FileManager.default.isExecutableFile(atPath: driver) else {
            throw XCTSkip("chromium or chromedriver is missing (scripts/setup installs Debian's chromium and chromium-driver)")
        }
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("browser/browser_test.py").path
        let work = NSTemporaryDirectory() + "podium-browser-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        let hostile = work + "/hostile.json"
        let entries = HostileStrings.named.map { ["name": $0.name, "text": $0.text] }
        try JSONSerialization.data(withJSONObject: entries).write(to: URL(fileURLWithPath: hostile))

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script, Self.podiumBinary(), work, hostile]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        print(text)
        if text.contains("No module named 'selenium'") {
            XCTFail("python3 selenium is missing: scripts/setup installs it from PyPI")
        }
        XCTAssertEqual(process.terminationStatus, 0, "browser checks failed (screenshots in \(work)/screenshots):\n" + text)
        if process.terminationStatus == 0 { try? FileManager.default.removeItem(atPath: work) }
    }

    /// The `podium` executable built next to this test bundle (or $PODIUM_BINARY).
    static func podiumBinary() -> String {
        if let path = ProcessInfo.processInfo.environment["PODIUM_BINARY"] { return path }
        let bundle = Bundle(for: BrowserTests.self).bundleURL
        for directory in [bundle.deletingLastPathComponent(), bundle] {
            let candidate = directory.appendingPathComponent("podium").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return bundle.deletingLastPathComponent().appendingPathComponent("podium").path
    }
}
