import Foundation
import PodiumUI
import XCTest

/// Compares a screen, as text (`screen.lines()` joined with "\n"), with the golden file
/// `Goldens/<name>.txt` next to the calling test file. With `PODIUM_UPDATE_GOLDENS=1` in the
/// environment the file is (re)written instead and the check passes, saying so.
func assertGolden(
    _ screen: Screen, named name: String, file: StaticString = #filePath, line: UInt = #line
) {
    let actual = screen.lines().joined(separator: "\n")
    let url = URL(fileURLWithPath: "\(file)").deletingLastPathComponent()
        .appendingPathComponent("Goldens").appendingPathComponent(name + ".txt")
    if ProcessInfo.processInfo.environment["PODIUM_UPDATE_GOLDENS"] == "1" {
        do {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data((actual + "\n").utf8).write(to: url, options: .atomic)
            print("golden written: \(url.path)")
        } catch {
            XCTFail("cannot write golden \(url.path): \(error)", file: file, line: line)
        }
        return
    }
    guard let data = try? Data(contentsOf: url) else {
        XCTFail(
            "missing golden \(url.path); run with PODIUM_UPDATE_GOLDENS=1 to create it\n\(actual)",
            file: file, line: line)
        return
    }
    var expected = String(decoding: data, as: UTF8.self)
    if expected.hasSuffix("\n") { expected.removeLast() }
    guard expected != actual else { return }
    let expectedLines = expected.components(separatedBy: "\n")
    let actualLines = actual.components(separatedBy: "\n")
    var report = "screen differs from golden \(name).txt"
    if expectedLines.count != actualLines.count {
        report += " (\(expectedLines.count) lines expected, \(actualLines.count) drawn)"
    }
    for index in 0..<max(expectedLines.count, actualLines.count) {
        let want = index < expectedLines.count ? expectedLines[index] : "<none>"
        let got = index < actualLines.count ? actualLines[index] : "<none>"
        if want != got {
            report += "\nfirst difference at line \(index + 1):\n  expected: \(want)\n  actual:   \(got)"
            break
        }
    }
    report += "\n(run with PODIUM_UPDATE_GOLDENS=1 to accept the new screen)\n" + actual
    XCTFail(report, file: file, line: line)
}
