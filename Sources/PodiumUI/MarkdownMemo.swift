import Foundation
import PodiumCore

/// Remembers the last notes laid out by a console (a running timer must cost almost
/// nothing). Every second the notes pane is drawn again, but its rows change only when the
/// text, the width or the state of a pacing cue (passed, current, upcoming) changes: a few
/// times per talk. The key is exactly what `MarkdownRenderer`'s layout reads, so a hit gives
/// the same rows as laying the notes out again. Copies of a model share one memo; that is
/// safe because the key decides the answer.
public final class MarkdownMemo: @unchecked Sendable {
    private let lock = NSLock()
    private var markdown: String?
    private var source: [String] = []
    private var cues: [PacingCue] = []
    private var layoutKey: (width: Int, states: [PacingStatus.CueState])?
    private var lines: [StyledLine] = []

    public init() {}

    /// `MarkdownRenderer(markdown:width:elapsedSeconds:)`, remembered.
    public func renderer(markdown: String, width: Int, elapsedSeconds: Int?) -> MarkdownRenderer {
        lock.lock()
        defer { lock.unlock() }
        let width = max(1, width)
        if markdown != self.markdown {
            self.markdown = markdown
            source = PacingCues.lines(of: markdown)
            cues = PacingCues.parse(lines: source)
            layoutKey = nil
        }
        let pacing = elapsedSeconds.flatMap { PacingCues.status(cues: cues, elapsedSeconds: $0) }
        // The layout reads the pacing only through each cue's state (upcoming without one).
        let states = cues.map { pacing?.state(of: $0) ?? .upcoming }
        if let layoutKey, layoutKey.width == width, layoutKey.states == states {
            return MarkdownRenderer(width: width, lines: lines, cues: cues, pacing: pacing)
        }
        lines = MarkdownRenderer.layout(source, width: width, pacing: pacing)
        layoutKey = (width, states)
        return MarkdownRenderer(width: width, lines: lines, cues: cues, pacing: pacing)
    }
}

/// The selected question's text and meta line wrapped for the queue pane's detail area,
/// remembered for the last (text, meta line, width): the wrap is a pure function of them.
final class DetailMemo: @unchecked Sendable {
    private let lock = NSLock()
    private var key: (text: String, meta: String, width: Int)?
    private var value: (text: [String], meta: [String]) = ([], [])

    func wrap(_ text: String, _ meta: String, width: Int, _ compute: () -> (text: [String], meta: [String]))
        -> (text: [String], meta: [String])
    {
        lock.lock()
        defer { lock.unlock() }
        if let key, key.text == text, key.meta == meta, key.width == width { return value }
        value = compute()
        key = (text, meta, width)
        return value
    }
}
