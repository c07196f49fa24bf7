import Foundation

/// Token buckets by key (a person, an address): `perMinute` tokens a minute, at most
/// `perMinute` at once. Thread-safe.
final class RateLimiter: @unchecked Sendable {
    private let lock = NSLock()
    private let perMinute: Double
    private var buckets: [String: (tokens: Double, at: Double)] = [:]

    init(perMinute: Int) {
        self.perMinute = Double(max(1, perMinute))
    }

    /// Takes a token: nil when allowed, else the seconds to wait before the next one.
    func take(_ key: String, now: Double = Date().timeIntervalSinceReferenceDate) -> Int? {
        lock.lock()
        defer { lock.unlock() }
        var bucket = buckets[key] ?? (perMinute, now)
        bucket.tokens = min(perMinute, bucket.tokens + (now - bucket.at) * perMinute / 60)
        bucket.at = now
        if bucket.tokens >= 1 {
            bucket.tokens -= 1
            buckets[key] = bucket
            if buckets.count > 100_000 { prune(now: now) }
            return nil
        }
        buckets[key] = bucket
        return max(1, Int(((1 - bucket.tokens) * 60 / perMinute).rounded(.up)))
    }

    /// Gives back a token taken for a request that was refused for another reason.
    func giveBack(_ key: String) {
        lock.lock()
        defer { lock.unlock() }
        if var bucket = buckets[key] {
            bucket.tokens = min(perMinute, bucket.tokens + 1)
            buckets[key] = bucket
        }
    }

    /// Forgets full buckets (nobody sent lately): memory stays bounded.
    private func prune(now: Double) {
        buckets = buckets.filter { $0.value.tokens + (now - $0.value.at) * perMinute / 60 < perMinute }
    }
}
