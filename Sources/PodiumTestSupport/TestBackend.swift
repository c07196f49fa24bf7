import Foundation
import PodiumUI

/// A terminal for tests: keys are fed to it, its size is set by hand, and every frame the loop
/// draws is kept as rows of text (`Screen.lines()`), so a test asserts what a person would see.
public final class TestBackend: TerminalBackend {
    public var size: (width: Int, height: Int)
    /// Every frame drawn, oldest first, as rows of text.
    public private(set) var frames: [[String]] = []
    /// How many times the bell rang.
    public private(set) var bells = 0
    /// Suspends and resumes, in order (`true`: suspended), to check the editor's hand-over.
    public private(set) var handOvers: [Bool] = []
    public private(set) var closed = false
    public var inputClosed = false
    private var queued: [Key] = []
    private var suspended = false

    public init(width: Int = 80, height: Int = 24) {
        size = (width, height)
    }

    /// The last frame drawn, as one string of rows joined by newlines ("" before the first).
    public var lastFrame: String { frames.last?.joined(separator: "\n") ?? "" }

    /// Queues keys for the next `readKeys`.
    public func feed(_ keys: Key...) { queued += keys }

    /// Queues the characters of `text`, one key each.
    public func type(_ text: String) { queued += text.map { Key.character($0) } }

    public func draw(_ screen: Screen) {
        guard !closed, !suspended else { return }
        frames.append(screen.lines())
    }

    public func readKeys() -> [Key] {
        guard !closed, !suspended else { return [] }
        defer { queued.removeAll() }
        return queued
    }

    public var keysWaiting: Bool { !queued.isEmpty }

    public func bell() {
        guard !closed, !suspended else { return }
        bells += 1
    }

    public func suspend() {
        suspended = true
        handOvers.append(true)
    }

    public func resume() {
        suspended = false
        handOvers.append(false)
    }

    public func close() { closed = true }
}
