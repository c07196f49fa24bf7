import Synchronization

/// A bounded, thread-safe memo of a pure function of text. A console draws the same question
/// titles, notes and labels every second; working out their graphemes, display forms and
/// widths again each time was most of the once-a-second frame. The answer depends
/// only on the key, so remembering it changes nothing but the time taken.
final class TextMemo<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private let table = Mutex<[Key: Value]>([:])
    /// When full, the memo starts again empty: simple, and a screen holds far fewer texts.
    private let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
    }

    func value(_ key: Key, _ make: () -> Value) -> Value {
        if let known = table.withLock({ $0[key] }) { return known }
        let value = make()
        table.withLock { table in
            if table.count >= capacity { table.removeAll(keepingCapacity: true) }
            table[key] = value
        }
        return value
    }
}

/// One grapheme as drawn: its display form and the cells it takes (1 or 2).
public struct ShapedGrapheme: Equatable, Sendable {
    public let form: String
    public let cells: Int
}

extension DisplayWidth {
    private static let shapes = TextMemo<String, [ShapedGrapheme]>(capacity: 4_096)

    /// A line of text as drawn: sanitised (`Sanitizer.line`), each grapheme in display form
    /// with its width, graphemes of no width left out. Remembered.
    public static func lineShape(_ text: String) -> [ShapedGrapheme] {
        shapes.value(text) {
            Sanitizer.line(text).compactMap { character in
                let cells = DisplayWidth.cells(of: character)
                return cells == 0 ? nil : ShapedGrapheme(form: displayForm(of: character), cells: cells)
            }
        }
    }
}

extension TextLayout {
    struct TruncateKey: Hashable, Sendable {
        var text: String
        var width: Int
    }

    static let truncations = TextMemo<TruncateKey, String>(capacity: 4_096)
}
