import Foundation

/// The timer of one session, stored as an anchor so that every screen computes the same second
/// and nothing needs writing while it runs: `elapsed = elapsedBeforeRun + (now - runningSince)`.
public struct SessionTimer: Codable, Equatable, Sendable {
    public enum Status: String, Codable, Sendable {
        case idle, running, paused
    }

    public var sessionID: String
    public var status: Status
    /// Seconds that ran before `runningSince` (earlier runs, before pauses).
    public var elapsedBeforeRun: Double
    /// Wall-clock time of the current run's start, while running.
    public var runningSince: Date?
    /// Minutes added (+) or taken (-), in seconds, on top of the planned length.
    public var addedSeconds: Int
    /// When the session really began (first start) and ended (moved on from).
    public var actualStart: Date?
    public var actualEnd: Date?

    public init(sessionID: String) {
        self.sessionID = sessionID
        self.status = .idle
        self.elapsedBeforeRun = 0
        self.runningSince = nil
        self.addedSeconds = 0
    }

    /// Seconds this session has run, at `now`.
    public func elapsed(at now: Date) -> Double {
        guard status == .running, let since = runningSince else { return elapsedBeforeRun }
        return elapsedBeforeRun + max(0, now.timeIntervalSince(since))
    }

    /// Planned length plus added time, never below zero: time taken beyond what remains
    /// leaves the talk due now, not owed time.
    public func allowedSeconds(planned: Int) -> Int {
        max(0, planned + addedSeconds)
    }

    /// Seconds left, negative in overtime.
    public func remaining(at now: Date, planned: Int) -> Double {
        Double(allowedSeconds(planned: planned)) - elapsed(at: now)
    }

    public mutating func start(at now: Date) {
        guard status != .running else { return }
        if actualStart == nil { actualStart = now }
        actualEnd = nil
        status = .running
        runningSince = now
    }

    public mutating func pause(at now: Date) {
        guard status == .running else { return }
        elapsedBeforeRun = elapsed(at: now)
        runningSince = nil
        status = .paused
    }

    /// Stops the run (if any) and records the end.
    public mutating func finish(at now: Date) {
        if status == .running { pause(at: now) }
        if actualStart != nil { actualEnd = now }
    }

    /// Back to the state before it ever started.
    public mutating func reset() {
        self = SessionTimer(sessionID: sessionID)
    }
}

/// The colour a timer shows.
public enum TimerPhase: String, Codable, Sendable {
    case idle, normal, warning, danger, overtime
}

/// Whole seconds for display, by the one rule of `TimeText.wholeSeconds`: remaining time reads
/// `allowed - used` (0:01 until time is up), overtime `used - allowed`, from the same whole
/// seconds used.
public struct TimerReading: Equatable, Sendable {
    public var phase: TimerPhase
    public var status: SessionTimer.Status
    /// Whole seconds left (0 in overtime).
    public var remainingSeconds: Int
    /// Whole seconds past zero (0 before).
    public var overtimeSeconds: Int
    public var elapsedSeconds: Int
    public var allowedSeconds: Int
    /// 0...1 of the allowed time used.
    public var progress: Double

    public init(
        timer: SessionTimer, planned: Int, warningSeconds: Int, dangerSeconds: Int, now: Date
    ) {
        let allowed = timer.allowedSeconds(planned: planned)
        let used = TimeText.wholeSeconds(timer.elapsed(at: now))
        status = timer.status
        allowedSeconds = allowed
        elapsedSeconds = used
        remainingSeconds = max(0, allowed - used)
        overtimeSeconds = max(0, used - allowed)
        progress = allowed > 0 ? min(1, max(0, timer.elapsed(at: now) / Double(allowed))) : 1
        if timer.status == .idle {
            phase = .idle
        } else if used >= allowed {
            phase = .overtime
        } else if remainingSeconds <= dangerSeconds {
            phase = .danger
        } else if remainingSeconds <= warningSeconds {
            phase = .warning
        } else {
            phase = .normal
        }
    }
}

/// Time formatting used on every screen and in reports.
///
/// The one rounding rule. A duration counts the whole seconds that have fully passed
/// (`wholeSeconds`, rounded down), and every number shown is worked out from that whole count
/// with whole-second arithmetic: time left is `allowed - used`, overtime `used - allowed`, a
/// session's "over" in the rundown and the report `took - allowed`. Planned and added times are
/// whole seconds already, so the big digits, the line under them, the rundown and the report
/// can never disagree by a second at the same instant, and a countdown reads 0:01 until the
/// time is really up (it never shows 0:00 with time left), then +0:00, +0:01 … .
/// A time of day is the minute a wall clock shows (rounded down, `timeOfDay`), for the clock,
/// planned, actual and projected times alike, so the drift in minutes is the difference of the
/// two times shown next to it.
public enum TimeText {
    /// Whole seconds of a duration, by the rule above: a second counts once it has passed.
    public static func wholeSeconds(_ interval: Double) -> Int {
        guard interval.isFinite else { return 0 }
        return Int(interval.rounded(.down))
    }

    /// "HH:MM" of a date in a calendar's time zone: the minute a clock shows.
    public static func timeOfDay(_ date: Date, calendar: Calendar) -> String {
        let parts = calendar.dateComponents([.hour, .minute], from: date)
        return twoDigits(parts.hour ?? 0) + ":" + twoDigits(parts.minute ?? 0)
    }

    /// "+2:30", "-0:45", "+0:00": a difference of durations.
    public static func signedClock(_ seconds: Int) -> String {
        (seconds < 0 ? "-" : "+") + clock(seconds)
    }

    /// "m:ss", or "h:mm:ss" from an hour up.
    public static func clock(_ seconds: Int) -> String {
        let value = abs(seconds)
        let hours = value / 3600
        let minutes = (value % 3600) / 60
        let secs = value % 60
        if hours > 0 {
            return "\(hours):" + twoDigits(minutes) + ":" + twoDigits(secs)
        }
        return "\(minutes):" + twoDigits(secs)
    }

    /// The reading as a speaker sees it: "12:34" or "+1:05" in overtime.
    public static func reading(_ reading: TimerReading) -> String {
        reading.phase == .overtime
            ? "+" + clock(reading.overtimeSeconds) : clock(reading.remainingSeconds)
    }

    /// The reading in whole minutes, for big digits that change once a minute (the host's
    /// console: fewer bytes sent to the terminal): "12m", "+3m", "1h05m". Within a minute of
    /// zero, on either side, the seconds count and show: "0:42", "+0:15". The minutes are
    /// those of `reading` ("3:25" is "3m").
    public static func minutes(_ reading: TimerReading) -> String {
        let overtime = reading.phase == .overtime
        let seconds = abs(overtime ? reading.overtimeSeconds : reading.remainingSeconds)
        let sign = overtime ? "+" : ""
        if seconds < 60 { return sign + clock(seconds) }
        let hours = seconds / 3600
        let minutes = (seconds % 3600) / 60
        return sign + (hours > 0 ? "\(hours)h" + twoDigits(minutes) : "\(minutes)") + "m"
    }

    public static func twoDigits(_ value: Int) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }
}
