import Foundation
import Glibc

/// Monotonic time in nanoseconds (CLOCK_MONOTONIC is system-wide: comparable across processes).
func monotonicNanoseconds() -> UInt64 {
    var spec = timespec()
    clock_gettime(CLOCK_MONOTONIC, &spec)
    return UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
}

/// CPU time of this thread in nanoseconds: unlike the wall clock, it does not grow while
/// other processes have the CPU (the machine is shared), nor while waiting for the disk.
func threadCPUNanoseconds() -> UInt64 {
    var spec = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
    return UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
}

/// One measurement: wall-clock and CPU milliseconds.
struct Timing {
    var wall: Double
    var cpu: Double
}

/// How long one call of `body` takes.
@inline(never)
func milliseconds(_ body: () throws -> Void) rethrows -> Timing {
    let cpu = threadCPUNanoseconds()
    let begin = monotonicNanoseconds()
    try body()
    let wall = monotonicNanoseconds() - begin
    return Timing(wall: Double(wall) / 1e6, cpu: Double(threadCPUNanoseconds() - cpu) / 1e6)
}

/// Samples in milliseconds and their percentiles (nearest rank).
struct Samples {
    var values: [Double] = []
    /// CPU milliseconds of the same runs (empty when not measured).
    var cpu: [Double] = []

    mutating func add(_ value: Double) { values.append(value) }
    mutating func add(_ timing: Timing) {
        values.append(timing.wall)
        cpu.append(timing.cpu)
    }

    var cpuMedian: Double {
        cpu.isEmpty ? .nan : Samples(values: cpu).median
    }

    var cpuP99: Double {
        cpu.isEmpty ? .nan : Samples(values: cpu).percentile(99)
    }

    func percentile(_ p: Double) -> Double {
        guard !values.isEmpty else { return .nan }
        let sorted = values.sorted()
        let rank = Int((p / 100 * Double(sorted.count)).rounded(.up)) - 1
        return sorted[max(0, min(sorted.count - 1, rank))]
    }

    var median: Double { percentile(50) }
    var count: Int { values.count }
}

/// One row of the result table.
struct Row {
    var what: String
    var questions: Int
    var samples: Samples
    var target: String = ""
    /// nil when the row has no target.
    var met: Bool? = nil
}

func format(_ value: Double) -> String {
    if value.isNaN { return "-" }
    if value >= 100 { return String(format: "%.0f", value) }
    if value >= 10 { return String(format: "%.1f", value) }
    if value >= 1 { return String(format: "%.2f", value) }
    return String(format: "%.3f", value)
}

func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
    let count = text.count
    guard count < width else { return text }
    let spaces = String(repeating: " ", count: width - count)
    return right ? spaces + text : text + spaces
}

/// Prints rows as a Markdown table (readable in a terminal and pasteable into BENCHMARKS.md).
func printTable(_ rows: [Row]) {
    let header = ["what", "questions", "n", "p50 ms", "p90 ms", "p99 ms", "max ms", "cpu p50", "cpu p99", "target", "met"]
    var lines = [header]
    for row in rows {
        lines.append([
            row.what, row.questions > 0 ? String(row.questions) : "-", String(row.samples.count),
            format(row.samples.median), format(row.samples.percentile(90)),
            format(row.samples.percentile(99)), format(row.samples.percentile(100)),
            format(row.samples.cpuMedian), format(row.samples.cpuP99), row.target, row.met.map { $0 ? "yes" : "NO" } ?? "",
        ])
    }
    var widths = header.map(\.count)
    for line in lines { for (index, cell) in line.enumerated() { widths[index] = max(widths[index], cell.count) } }
    func render(_ cells: [String]) -> String {
        "| " + cells.enumerated().map { pad($1, widths[$0], right: $0 >= 1 && $0 <= 8) }.joined(separator: " | ") + " |"
    }
    print(render(lines[0]))
    print("| " + widths.enumerated().map { String(repeating: "-", count: $1 - ($0 >= 1 && $0 <= 8 ? 1 : 0)) + ($0 >= 1 && $0 <= 8 ? ":" : "") }.joined(separator: " | ") + " |")
    for line in lines.dropFirst() { print(render(line)) }
}
