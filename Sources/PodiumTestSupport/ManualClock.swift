import Foundation

/// A clock that tests move by hand (the product passes `Date()` in as `ActionContext.now`, and
/// the console's loop asks its time source). Not thread-safe: one test thread moves and reads it.
public final class ManualClock {
    private var current: Date
    public init(_ start: Date = Date(timeIntervalSince1970: 1_700_000_000)) { current = start }
    public func now() -> Date { current }
    public func advance(by seconds: TimeInterval) { current += seconds }
    public func set(_ date: Date) { current = date }
}
