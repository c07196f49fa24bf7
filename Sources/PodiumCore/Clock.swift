import Foundation

/// Where "now" comes from in tests, which set the time by hand (the console reads `Date()`
/// and passes it on as `ActionContext.now`).
public protocol Clock: Sendable {
    func now() -> Date
}

/// A clock that tests move by hand.
public final class ManualClock: Clock, @unchecked Sendable {
    private var current: Date
    public init(_ start: Date = Date(timeIntervalSince1970: 1_700_000_000)) { current = start }
    public func now() -> Date { current }
    public func advance(by seconds: TimeInterval) { current += seconds }
    public func set(_ date: Date) { current = date }
}
