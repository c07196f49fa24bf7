/// The editable input line at the bottom of the screen, as a pure value.
///
/// The text is a list of graphemes (Swift `Character`s); the cursor sits between graphemes
/// (0 = before the first, `count` = after the last) and moves by grapheme, so a kana, an emoji
/// ZWJ sequence or `e` + combining accent is always one step, and backspace/delete remove a whole
/// grapheme. Text inserted is sanitised as one line (`Sanitizer.line`): a pasted newline or tab
/// becomes a space, an ESC becomes `␛`, so the line never holds a control character.
///
/// `maximumLength` is the most graphemes the line may hold (a question: 1,000, chosen by the
/// caller). An insertion that would make the line longer is refused whole and reported with
/// `.tooLong`, so the UI can say so; the text is never cut silently.
public struct LineEditor: Equatable, Sendable {
    /// What `insert` did.
    public enum InsertResult: Equatable, Sendable {
        /// The text was inserted (or was empty).
        case inserted
        /// Nothing was inserted: the line would hold `wouldBe` graphemes, more than `maximum`.
        case tooLong(maximum: Int, wouldBe: Int)
    }

    /// The graphemes of the line.
    public private(set) var characters: [Character]
    /// The cursor position in graphemes, `0...characters.count`.
    public private(set) var cursor: Int
    /// The most graphemes the line may hold.
    public let maximumLength: Int

    /// An editor holding `text` (sanitised as one line), with the cursor at the end. Text longer
    /// than `maximumLength` is kept whole (never cut silently); further insertions are refused.
    public init(_ text: String = "", maximumLength: Int = 1_000) {
        self.maximumLength = max(0, maximumLength)
        let characters = Array(Sanitizer.line(text))
        self.characters = characters
        self.cursor = characters.count
    }

    /// The text of the line.
    public var text: String { String(characters) }
    /// The number of graphemes in the line.
    public var count: Int { characters.count }
    public var isEmpty: Bool { characters.isEmpty }
    /// How many more graphemes fit.
    public var remaining: Int { max(0, maximumLength - characters.count) }
    /// Display cells before the cursor (from the start of the line).
    public var cursorCells: Int { cells(0, cursor) }

    // MARK: Editing

    /// Inserts a grapheme at the cursor and moves the cursor after it.
    @discardableResult
    public mutating func insert(_ character: Character) -> InsertResult {
        insert(String(character))
    }

    /// Inserts text (typed, or pasted) at the cursor and moves the cursor after it. The whole
    /// insertion is refused when the line would be longer than `maximumLength`.
    @discardableResult
    public mutating func insert(_ text: String) -> InsertResult {
        let safe = Sanitizer.line(text)
        if safe.isEmpty { return .inserted }
        let head = String(characters[0..<cursor]) + safe
        let combined = head + String(characters[cursor...])
        let newCharacters = Array(combined)
        if newCharacters.count > maximumLength {
            return .tooLong(maximum: maximumLength, wouldBe: newCharacters.count)
        }
        // Graphemes may merge across the join (a combining mark, a second regional indicator):
        // put the cursor at the first grapheme boundary at or after the inserted text.
        characters = newCharacters
        cursor = Self.boundary(in: newCharacters, atOrAfterUTF8Offset: head.utf8.count)
        return .inserted
    }

    /// Deletes the grapheme before the cursor (Backspace). Returns whether anything changed.
    @discardableResult
    public mutating func backspace() -> Bool {
        guard cursor > 0 else { return false }
        remove(cursor - 1, cursor)
        return true
    }

    /// Deletes the grapheme under the cursor (Delete). Returns whether anything changed.
    @discardableResult
    public mutating func delete() -> Bool {
        guard cursor < characters.count else { return false }
        remove(cursor, cursor + 1)
        return true
    }

    /// Deletes from the start of the line to the cursor (Ctrl-U). Returns whether anything changed.
    @discardableResult
    public mutating func killToStart() -> Bool {
        guard cursor > 0 else { return false }
        remove(0, cursor)
        return true
    }

    /// Deletes from the cursor to the end of the line (Ctrl-K). Returns whether anything changed.
    @discardableResult
    public mutating func killToEnd() -> Bool {
        guard cursor < characters.count else { return false }
        remove(cursor, characters.count)
        return true
    }

    /// Deletes the word before the cursor, and the spaces after it (Ctrl-W).
    @discardableResult
    public mutating func deleteWordBackward() -> Bool {
        guard cursor > 0 else { return false }
        var start = cursor
        while start > 0, characters[start - 1] == " " { start -= 1 }
        while start > 0, characters[start - 1] != " " { start -= 1 }
        remove(start, cursor)
        return true
    }

    /// Empties the line.
    public mutating func clear() {
        characters = []
        cursor = 0
    }

    // MARK: Moving

    /// One grapheme left. Returns whether the cursor moved.
    @discardableResult
    public mutating func left() -> Bool {
        guard cursor > 0 else { return false }
        cursor -= 1
        return true
    }

    /// One grapheme right. Returns whether the cursor moved.
    @discardableResult
    public mutating func right() -> Bool {
        guard cursor < characters.count else { return false }
        cursor += 1
        return true
    }

    /// To the start of the line.
    public mutating func home() { cursor = 0 }

    /// To the end of the line.
    public mutating func end() { cursor = characters.count }

    // MARK: Display

    /// The part of the line to draw in `width` cells and the cursor's column in it
    /// (`0..<width`). The line scrolls horizontally by half a width at a time, so the cursor
    /// is always visible and the view does not move while typing within it. The text is raw
    /// graphemes (draw it with `Screen.put`, which sanitises and uses display form); a wide
    /// grapheme that would cross the right edge is left out. Returns `("", 0)` when
    /// `width <= 0`.
    public func visible(width: Int) -> (text: String, cursorColumn: Int) {
        guard width > 0 else { return ("", 0) }
        let cursorColumn = cursorCells
        var first = 0
        var firstColumn = 0
        if cursorColumn >= width {
            let step = max(1, width / 2)
            let wanted = ((cursorColumn - width) / step + 1) * step  // cursorColumn - wanted < width
            while first < cursor, firstColumn < wanted {
                firstColumn += DisplayWidth.cells(of: characters[first])
                first += 1
            }
        }
        var used = 0
        var last = first
        while last < characters.count {
            let cells = DisplayWidth.cells(of: characters[last])
            if used + cells > width { break }
            used += cells
            last += 1
        }
        return (String(characters[first..<last]), min(cursorColumn - firstColumn, width - 1))
    }

    // MARK: Private

    private func cells(_ start: Int, _ end: Int) -> Int {
        var total = 0
        for index in start..<end { total += DisplayWidth.cells(of: characters[index]) }
        return total
    }

    /// Removes `characters[start..<end]`, puts the cursor there and re-segments the text
    /// (removing a grapheme can let its neighbours join into one, e.g. two regional indicators),
    /// keeping the cursor on a grapheme boundary.
    private mutating func remove(_ start: Int, _ end: Int) {
        let head = String(characters[0..<start])
        var remaining = characters
        remaining.removeSubrange(start..<end)
        let newCharacters = Array(String(remaining))
        characters = newCharacters
        cursor = Self.boundary(in: newCharacters, atOrAfterUTF8Offset: head.utf8.count)
    }

    /// The index of the first grapheme boundary at or after a UTF-8 offset.
    private static func boundary(in characters: [Character], atOrAfterUTF8Offset offset: Int) -> Int {
        var bytes = 0
        var index = 0
        while index < characters.count, bytes < offset {
            bytes += characters[index].utf8.count
            index += 1
        }
        return index
    }
}
