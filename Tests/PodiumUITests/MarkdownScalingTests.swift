import Dispatch
import Foundation
import PodiumCore
import PodiumText
import XCTest
@testable import PodiumUI

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Notes that are not Markdown at all (a pasted log, stray `*`, `_`, `` ` ``, `[`) must draw
/// at once whatever their size: the renderer's time grows linearly with the note.
///
/// The growth is judged on ratios measured in the same run (CPU time of the rendering thread,
/// the best of a few runs), never on absolute times, so a slow or busy machine does not fail it.
final class MarkdownScalingTests: XCTestCase {
    /// Pathological notes: one unit repeated to the size asked for.
    static let patterns: [(name: String, unit: String)] = [
        ("unclosed *", "note *a "),
        ("unclosed **", "**bold words "),
        ("unclosed _", "_x snake_case_name "),
        ("mixed * and _ openers", "*a _b **c __d ***e "),
        ("code spans among openers", "*a ` b `` c "),
        ("unclosed `", "``a ```b "),
        ("unclosed [", "[a [b](c "),
        ("links and brackets", "[x](y) [a] (b) [[c] "),
        ("escapes", "\\*a \\`b \\[c *d "),
        ("Japanese with *", "日本語の*強調と_下線 "),
        ("one long word", "abcdefghijklmnopqrstuvwxyz0123456789"),
        ("many lines", "- *a [b `c _d **e\n"),
    ]

    static func note(_ unit: String, bytes: Int) -> String {
        var text = ""
        let copies = bytes / unit.utf8.count + 1
        text.reserveCapacity(copies * unit.utf8.count)
        for _ in 0..<copies { text += unit }
        var cut = text.utf8.prefix(bytes)
        while String(cut) == nil { cut = cut.dropLast() }
        return String(cut)!
    }

    /// The best CPU seconds of `runs` renders at width 80, measured on a thread of their own;
    /// nil when one render takes longer than `limit` (the thread is then left to finish).
    static func renderSeconds(_ notes: String, runs: Int, limit: TimeInterval) -> Double? {
        final class Box: @unchecked Sendable { var best = Double.infinity }
        let box = Box()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            for _ in 0..<runs {
                let start = threadCPUSeconds()
                let rows = MarkdownRenderer.render(notes, width: 80, elapsedSeconds: 30)
                let used = threadCPUSeconds() - start
                precondition(!rows.isEmpty)
                box.best = min(box.best, used)
            }
            done.signal()
        }
        thread.stackSize = 8 << 20
        thread.start()
        guard done.wait(timeout: .now() + limit) == .success else { return nil }
        return box.best
    }

    static func threadCPUSeconds() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }

    /// 1 KB → 10 KB → 100 KB: each step of ×10 in size must cost well under ×30 in time
    /// (linear is ×10; the quadratic scan for closers that this replaces was ×100 or worse,
    /// and took minutes for 48 KB). A step that takes more than 20 s fails at once.
    func testRenderTimeGrowsLinearlyWithPathologicalNotes() {
        for (name, unit) in Self.patterns {
            var previous: (bytes: Int, seconds: Double)?
            for bytes in [1_000, 10_000, 100_000] {
                let notes = Self.note(unit, bytes: bytes)
                guard let seconds = Self.renderSeconds(notes, runs: bytes >= 100_000 ? 2 : 5, limit: 20) else {
                    XCTFail("\(name): \(bytes) bytes took more than 20 s to render")
                    break
                }
                if let previous {
                    let ratio = seconds / max(previous.seconds, 1e-6)
                    print("\(name): \(previous.bytes) → \(bytes) bytes: "
                          + String(format: "%.3f → %.3f ms (×%.1f)", previous.seconds * 1000, seconds * 1000, ratio))
                    XCTAssertLessThan(
                        ratio, 30,
                        "\(name): \(previous.bytes) → \(bytes) bytes took \(previous.seconds * 1000) → \(seconds * 1000) ms (×\(ratio))")
                    if ratio >= 30 { break }
                }
                previous = (bytes, seconds)
            }
        }
    }
}
