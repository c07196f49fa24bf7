import Foundation
import PodiumText

/// A pacing cue in speaker notes: a line that starts with a time marker, such as
///
/// ```markdown
/// [10:00] Demo: kubectl apply
/// - [25:00] Questions
/// [1:05:00] Wrap up
/// ```
///
/// meaning "by 10:00 of elapsed time in this session, I should be here".
public struct PacingCue: Equatable, Sendable {
    /// The index of the line in the notes, counted on `PacingCues.lines(of:)` (the notes
    /// sanitised and split at newlines): the same lines the notes renderer draws.
    public var line: Int
    /// Elapsed seconds in the session at which the cue is due.
    public var seconds: Int
    /// The rest of the line after the marker, trimmed.
    public var text: String

    public init(line: Int, seconds: Int, text: String) {
        self.line = line
        self.seconds = seconds
        self.text = text
    }

    /// The marker in canonical form: "[10:00]", "[1:05:00]".
    public var marker: String {
        "[" + TimeText.clock(seconds) + "]"
    }
}

/// Where the session's clock stands against the cues: the pacing timer of reveal.js, without
/// slides.
///
/// Semantics. Podium does not know where the speaker actually is in their notes; it knows only
/// the elapsed time. So the cues are read as checkpoints against the clock:
/// - `current` is the last cue whose time has come (`seconds <= elapsed`). The speaker should
///   have reached it by now; if they have not, they are behind by `sinceCurrent` seconds.
/// - `next` is the first cue whose time has not come; `untilNext` (always > 0) is the time left
///   before it is due: the time the speaker has to get there.
/// - `pace` is one signed number for a compact display: `untilNext` while a cue is ahead
///   (positive: time in hand before the next checkpoint), and after the last cue minus the time
///   since it was due (negative: running past the last checkpoint).
public struct PacingStatus: Equatable, Sendable {
    public enum CueState: Equatable, Sendable {
        /// Its time came before the current cue's.
        case passed
        /// The last cue whose time has come.
        case current
        /// Its time has not come.
        case upcoming
    }

    public var elapsedSeconds: Int
    public var current: PacingCue?
    public var next: PacingCue?
    /// Seconds since the current cue was due (>= 0), nil before the first cue.
    public var sinceCurrent: Int?
    /// Seconds until the next cue is due (> 0), nil after the last cue.
    public var untilNext: Int?

    public init(elapsedSeconds: Int, current: PacingCue?, next: PacingCue?) {
        self.elapsedSeconds = elapsedSeconds
        self.current = current
        self.next = next
        sinceCurrent = current.map { elapsedSeconds - $0.seconds }
        untilNext = next.map { $0.seconds - elapsedSeconds }
    }

    /// Signed seconds for a compact display: see the type's documentation.
    public var pace: Int {
        if let untilNext { return untilNext }
        return -(sinceCurrent ?? 0)
    }

    /// How a cue stands at this time.
    public func state(of cue: PacingCue) -> CueState {
        if let current, cue.line == current.line { return .current }
        return cue.seconds <= elapsedSeconds ? .passed : .upcoming
    }

    /// One line for a status bar or a border, e.g.
    /// "next [15:00] Demo in 2:10", "[10:00] Intro +1:20 · next [15:00] Demo in 3:40",
    /// "[20:00] Wrap up +1:05 · last cue". "+m:ss" is the time since a cue was due (as overtime
    /// is shown on the timer). Cue texts are shown as written (Markdown and all), sanitised.
    public var summary: String {
        summary { $0.text }
    }

    /// The summary with each cue's text given by `text` (e.g. the Markdown rendered as plain
    /// text); the result is sanitised.
    public func summary(language: Language = .en, text: (PacingCue) -> String) -> String {
        func describe(_ cue: PacingCue) -> String {
            let words = Sanitizer.line(text(cue))
            return words.isEmpty ? cue.marker : cue.marker + " " + words
        }
        var parts: [String] = []
        if let current, let sinceCurrent {
            parts.append(describe(current) + " +" + TimeText.clock(sinceCurrent))
        }
        if let next, let untilNext {
            parts.append(language.t(.cueNext, describe(next), TimeText.clock(untilNext)))
        } else if current != nil {
            parts.append(language.t(.lastCue))
        }
        return parts.joined(separator: " · ")
    }
}

/// Finding pacing cues in notes and reading them against the clock.
public enum PacingCues {
    /// The lines of notes as every notes view counts them: sanitised as multi-line text (CR LF
    /// and lone CR become LF), split at LF, then each line sanitised as a single line.
    public static func lines(of markdown: String) -> [String] {
        // Split on the byte: LF is always a character of its own, and bytes are cheaper to
        // look at than characters (notes can be 100 KB).
        Sanitizer.multiline(markdown).utf8
            .split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            .map { Sanitizer.line(String(Substring($0))) }
    }

    /// All cues in the notes, in the order of their lines. A cue line starts (after up to three
    /// spaces of indentation and an optional list bullet "- ", "* " or "+ ") with a marker
    /// `[m:ss]` or `[h:mm:ss]` (full-width `［` `］` `：` accepted too). A marker followed by
    /// "(" is a Markdown link, not a cue. Lines inside ``` fences are not cues.
    public static func parse(_ markdown: String) -> [PacingCue] {
        parse(lines: lines(of: markdown))
    }

    /// `parse` of notes already split by `lines(of:)` (a notes view has them at hand).
    public static func parse(lines: [String]) -> [PacingCue] {
        var cues: [PacingCue] = []
        var inFence = false
        for (index, line) in lines.enumerated() {
            if isFence(line) {
                inFence.toggle()
                continue
            }
            if inFence { continue }
            if let found = cue(in: line) {
                cues.append(PacingCue(line: index, seconds: found.seconds, text: found.text))
            }
        }
        return cues
    }

    /// The status at `elapsedSeconds`, nil when there are no cues. Cues are taken in time
    /// order (by line for equal times).
    public static func status(cues: [PacingCue], elapsedSeconds: Int) -> PacingStatus? {
        guard !cues.isEmpty else { return nil }
        let ordered = cues.sorted { ($0.seconds, $0.line) < ($1.seconds, $1.line) }
        let current = ordered.last { $0.seconds <= elapsedSeconds }
        let next = ordered.first { $0.seconds > elapsedSeconds }
        return PacingStatus(elapsedSeconds: elapsedSeconds, current: current, next: next)
    }

    /// Whether a line opens or closes a fenced code block.
    public static func isFence(_ line: String) -> Bool {
        line.drop { $0 == " " }.hasPrefix("```")
    }

    /// The cue on one line, if it is a cue line: its seconds and the rest of the line, trimmed.
    public static func cue(in line: String) -> (seconds: Int, text: String)? {
        var rest = Substring(line)
        var indent = 0
        while rest.first == " ", indent < 3 {
            rest = rest.dropFirst()
            indent += 1
        }
        if let first = rest.first, "-*+".contains(first), rest.dropFirst().first == " " {
            rest = rest.dropFirst(2).drop { $0 == " " }
        }
        guard let seconds = marker(at: &rest) else { return nil }
        if rest.first == "(" { return nil }  // a link: [10:00](https://…)
        return (seconds, rest.trimmingSpaces())
    }

    /// Reads "[m:ss]" or "[h:mm:ss]" at the start of `text`, advancing past it.
    static func marker(at text: inout Substring) -> Int? {
        guard let open = text.first, open == "[" || open == "［" else { return nil }
        var body = ""
        var index = text.index(after: text.startIndex)
        while index < text.endIndex, text[index] != "]", text[index] != "］" {
            body.append(text[index])
            if body.count > 9 { return nil }
            index = text.index(after: index)
        }
        guard index < text.endIndex else { return nil }
        let parts = body.replacingOccurrences(of: "：", with: ":")
            .split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3,
              parts.allSatisfy({ !$0.isEmpty && $0.count <= 3 && $0.allSatisfy { $0.isASCII && $0.isNumber } })
        else { return nil }
        let numbers = parts.compactMap { Int($0) }
        guard numbers.count == parts.count else { return nil }
        let seconds: Int
        if numbers.count == 2 {
            guard parts[1].count == 2, numbers[1] < 60 else { return nil }
            seconds = numbers[0] * 60 + numbers[1]
        } else {
            guard parts[1].count == 2, parts[2].count == 2, numbers[1] < 60, numbers[2] < 60
            else { return nil }
            seconds = numbers[0] * 3600 + numbers[1] * 60 + numbers[2]
        }
        text = text[text.index(after: index)...]
        return seconds
    }
}

extension Substring {
    fileprivate func trimmingSpaces() -> String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
