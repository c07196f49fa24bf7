import Foundation

/// A clock that tests move by hand (the product passes `Date()` in as `ActionContext.now`).
final class ManualClock {
    private var current: Date
    init(_ start: Date = Date(timeIntervalSince1970: 1_700_000_000)) { current = start }
    func now() -> Date { current }
    func advance(by seconds: TimeInterval) { current += seconds }
    func set(_ date: Date) { current = date }
}
