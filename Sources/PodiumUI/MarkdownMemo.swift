import Foundation
import PodiumCore
import Synchronization

/// Remembers the last notes laid out by a console (a running timer must cost almost
/// nothing). Every second the notes pane is drawn again, but its rows change only when the
/// text, the width or the state of a pacing cue (passed, current, upcoming) changes: a few
/// times per talk. The key is exactly what `MarkdownRenderer`'s layout reads, so a hit gives
/// the same rows as laying the notes out again. The answer depends on the arguments alone,
/// never on what was asked last. The `Mutex` keeps two
/// threads from changing it at once.
public final class MarkdownMemo: Sendable {
    private struct Layout {
        var markdown: String?
        var source: [String] = []
        var cues: [PacingCue] = []
        var key: (width: Int, states: [PacingStatus.CueState])?
        var lines: [StyledLine] = []
    }

    private let layout = Mutex(Layout())

    public init() {}

    /// `MarkdownRenderer(markdown:width:elapsedSeconds:)`, remembered.
    public func renderer(markdown: String, width: Int, elapsedSeconds: Int?) -> MarkdownRenderer {
        let width = max(1, width)
        return layout.withLock { memo in
            if markdown != memo.markdown {
                memo.markdown = markdown
                memo.source = PacingCues.lines(of: markdown)
                memo.cues = PacingCues.parse(lines: memo.source)
                memo.key = nil
            }
            let pacing = elapsedSeconds.flatMap { PacingCues.status(cues: memo.cues, elapsedSeconds: $0) }
            // The layout reads the pacing only through each cue's state (upcoming without one).
            let states = memo.cues.map { pacing?.state(of: $0) ?? .upcoming }
            if let key = memo.key, key.width == width, key.states == states {
                return MarkdownRenderer(width: width, lines: memo.lines, cues: memo.cues, pacing: pacing)
            }
            memo.lines = MarkdownRenderer.layout(memo.source, width: width, pacing: pacing)
            memo.key = (width, states)
            return MarkdownRenderer(width: width, lines: memo.lines, cues: memo.cues, pacing: pacing)
        }
    }
}

/// The selected question's text and meta line wrapped for the queue pane's detail area,
/// remembered for the last (text, meta line, width): the wrap is a pure function of them.
final class DetailMemo: Sendable {
    private struct Wrapped {
        var key: (text: String, meta: String, width: Int)?
        var value: (text: [String], meta: [String]) = ([], [])
    }

    private let wrapped = Mutex(Wrapped())

    func wrap(_ text: String, _ meta: String, width: Int, _ compute: () -> (text: [String], meta: [String]))
        -> (text: [String], meta: [String])
    {
        wrapped.withLock { memo in
            if let key = memo.key, key.text == text, key.meta == meta, key.width == width { return memo.value }
            memo.value = compute()
            memo.key = (text, meta, width)
            return memo.value
        }
    }
}
