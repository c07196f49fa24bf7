import Foundation
import PodiumText
import XCTest

/// `--help`, `podium help <command>`, the shell completions and the man page.
final class HelpEndToEndTests: XCTestCase {
    static let commands: [[String]] = [
        [], ["host"], ["moderate"], ["speaker"], ["init"], ["ask"], ["status"], ["merge"], ["report"],
        ["export"], ["import"], ["notes"], ["notes", "export"], ["notes", "versions"], ["notes", "restore"],
        ["recover"],
    ]

    /// At 80 columns: no line wider, no option cut across lines (every line of the usage has
    /// its brackets closed), and `podium help <command>` says the same as `--help`.
    func testHelpReadsWellAt80Columns() throws {
        for command in Self.commands {
            let name = (["podium"] + command).joined(separator: " ")
            let help = try runPodium(command + ["--help"], environment: ["COLUMNS": "80"])
            XCTAssertEqual(help.status, 0, name)
            XCTAssertTrue(help.stdout.contains("USAGE: "), name)
            var inUsage = false
            for line in help.stdout.split(separator: "\n", omittingEmptySubsequences: false) {
                XCTAssertLessThanOrEqual(DisplayWidth.cells(of: String(line)), 80, "\(name): \(line)")
                if line.hasPrefix("USAGE: ") { inUsage = true } else if line.isEmpty { inUsage = false }
                if inUsage {
                    XCTAssertEqual(line.filter { $0 == "[" }.count, line.filter { $0 == "]" }.count, "\(name): \(line)")
                    XCTAssertEqual(line.filter { $0 == "<" }.count, line.filter { $0 == ">" }.count, "\(name): \(line)")
                }
            }
            guard !command.isEmpty else { continue }
            let viaHelp = try runPodium(["help"] + command, environment: ["COLUMNS": "80"])
            XCTAssertEqual(viaHelp.status, 0, name)
            XCTAssertEqual(viaHelp.stdout, help.stdout, name)
        }
    }

    private var docs: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs")
    }

    /// The committed completions are what the commands generate now (`scripts/generate-docs`).
    func testCompletionsAreCurrent() throws {
        for (shell, file) in [("bash", "completions/podium.bash"), ("zsh", "completions/_podium"), ("fish", "completions/podium.fish")] {
            let generated = try runPodium(["--generate-completion-script", shell])
            XCTAssertEqual(generated.status, 0, shell)
            let committed = try String(contentsOf: docs.appendingPathComponent(file), encoding: .utf8)
            XCTAssertEqual(committed, generated.stdout, "\(file) is stale: run scripts/generate-docs")
            XCTAssertTrue(committed.contains("moderate") && committed.contains("lang"), file)
        }
    }

    /// The committed man page covers every command and option of the definitions.
    func testManPageCoversEveryCommand() throws {
        let page = try String(contentsOf: docs.appendingPathComponent("man/podium.1"), encoding: .utf8)
        for command in Self.commands.compactMap(\.last) {
            XCTAssertTrue(page.contains(".It Em \(command)"), "man page lacks \(command): run scripts/generate-docs")
        }
        for option in ["lang", "state", "ascii", "big-seconds", "follow", "format"] {
            XCTAssertTrue(page.contains("Fl -\(option)"), "man page lacks --\(option)")
        }
    }
}
