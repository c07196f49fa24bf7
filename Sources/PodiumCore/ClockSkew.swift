import Foundation
import PodiumText

/// Another machine's clock running ahead of this one, as the state file shows it: a version
/// written "in the future" by another host. Timers are anchored to wall-clock times, so that
/// machine's consoles show the time left off by as much (users: "no clock drift between
/// screens"). A clock running behind shows up on the other machine the same way, as this one
/// running ahead; a file arriving late (a sync tool) can only look older, never newer.
public enum ClockSkew {
    /// Smaller differences are not reported (timestamps and file systems add a little).
    public static let threshold: TimeInterval = 2

    /// Seconds by which the writer of `state` is ahead of `now`, when it is another host and
    /// the difference reaches `threshold`.
    public static func secondsAhead(of state: PodiumState, now: Date, thisHost: String) -> Int? {
        guard let writer = state.writer, writer.host != thisHost else { return nil }
        let ahead = state.updatedAt.timeIntervalSince(now)
        return ahead >= threshold ? Int(ahead.rounded()) : nil
    }

    /// The line a console shows while the difference lasts.
    public static func warning(host: String, secondsAhead: Int, language: Language = .en) -> String {
        language.t(.clockAhead, host, TimeText.clock(secondsAhead))
    }
}
