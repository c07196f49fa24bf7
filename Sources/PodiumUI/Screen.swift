import PodiumText

/// What a cell is drawn with: a colour role and attributes. The terminal layer maps roles to
/// colour pairs; tests read only the text.
public struct Style: Equatable, Hashable, Sendable {
    public enum Color: UInt8, Sendable, CaseIterable {
        case normal, dim, accent, good, warning, danger, selected, inverse, title, incoming, live
    }

    public var color: Color
    public var bold: Bool
    public var reverse: Bool
    public var blink: Bool

    public init(_ color: Color = .normal, bold: Bool = false, reverse: Bool = false, blink: Bool = false) {
        self.color = color
        self.bold = bold
        self.reverse = reverse
        self.blink = blink
    }

    public static let normal = Style()
}

/// A piece of a line-drawing border. Drawn as Unicode box characters in a UTF-8 locale, or
/// ASCII when asked (`--ascii`, a terminal set to draw ambiguous-width characters wide) or when
/// the locale is not UTF-8.
public enum LinePiece: UInt8, Sendable {
    case horizontal, vertical, topLeft, topRight, bottomLeft, bottomRight, teeLeft, teeRight,
         teeTop, teeBottom, block, lightShade

    /// The Unicode form: golden text, and what a UTF-8 terminal is sent.
    public var unicode: Character {
        switch self {
        case .horizontal: return "─"
        case .vertical: return "│"
        case .topLeft: return "┌"
        case .topRight: return "┐"
        case .bottomLeft: return "└"
        case .bottomRight: return "┘"
        case .teeLeft: return "├"
        case .teeRight: return "┤"
        case .teeTop: return "┬"
        case .teeBottom: return "┴"
        case .block: return "█"
        case .lightShade: return "░"
        }
    }

    /// The ASCII fallback (`--ascii`, or a terminal without UTF-8).
    public var ascii: Character {
        switch self {
        case .horizontal: return "-"
        case .vertical: return "|"
        case .topLeft, .topRight, .bottomLeft, .bottomRight, .teeLeft, .teeRight, .teeTop,
             .teeBottom:
            return "+"
        case .block: return "#"
        case .lightShade: return "."
        }
    }
}

/// One cell of the screen.
public struct Cell: Equatable, Sendable {
    public enum Glyph: Equatable, Sendable {
        /// A grapheme (already sanitised and in display form) taking `DisplayWidth` cells.
        case text(String)
        /// The right half of a wide grapheme drawn in the cell to the left.
        case continuation
        case line(LinePiece)
    }

    public var glyph: Glyph
    public var style: Style

    public init(_ glyph: Glyph, _ style: Style = .normal) {
        self.glyph = glyph
        self.style = style
    }

    public static let blank = Cell(.text(" "))
}

/// A rectangle on the screen.
public struct Rect: Equatable, Sendable {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    /// The inside of a box drawn on this rectangle's edge.
    public var inner: Rect {
        Rect(x: x + 1, y: y + 1, width: width - 2, height: height - 2)
    }

    public var maxX: Int { x + width }
    public var maxY: Int { y + height }
}

/// A grid of cells: everything the UI draws goes here first, so every screen can be asserted
/// as text without a terminal (as ratatui's TestBackend does).
public struct Screen: Equatable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]
    /// Where the terminal cursor should be shown (the input line), if anywhere.
    public var cursor: (x: Int, y: Int)? {
        get { cursorX.map { ($0, cursorY) } }
        set {
            cursorX = newValue?.x
            cursorY = newValue?.y ?? 0
        }
    }
    private var cursorX: Int?
    private var cursorY: Int = 0

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public static func == (lhs: Screen, rhs: Screen) -> Bool {
        lhs.width == rhs.width && lhs.height == rhs.height && lhs.cells == rhs.cells
            && lhs.cursorX == rhs.cursorX && lhs.cursorY == rhs.cursorY
    }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set {
            guard x >= 0, y >= 0, x < width, y < height else { return }
            // Never leave half of a wide glyph behind.
            let index = y * width + x
            if case .continuation = cells[index].glyph, x > 0 {
                cells[index - 1] = .blank
            }
            if x + 1 < width, case .continuation = cells[index + 1].glyph {
                cells[index + 1] = .blank
            }
            cells[index] = newValue
        }
    }

    /// Writes text from (x, y) within `maxWidth` cells (to the screen edge when nil), grapheme
    /// by grapheme in display form, sanitised. A wide grapheme that would overflow is not
    /// drawn; its cell stays blank. Returns the cells used.
    @discardableResult
    public mutating func put(
        _ text: String, x: Int, y: Int, maxWidth: Int? = nil, style: Style = .normal
    ) -> Int {
        guard y >= 0, y < height, x < width else { return 0 }
        let limit = min(width, x + (maxWidth ?? width))
        if DisplayWidth.isPrintableASCII(text) {
            // One cell per byte, drawn as it is (most of a frame's text).
            var column = x
            for byte in text.utf8 {
                if column + 1 > limit { break }
                if column >= 0 { self[column, y] = Cell(.text(String(UnicodeScalar(byte))), style) }
                column += 1
            }
            return column - x
        }
        var column = x
        // A lone zero-width grapheme has nothing to show: `lineShape` leaves it out.
        for grapheme in DisplayWidth.lineShape(text) {
            if column + grapheme.cells > limit { break }
            if column >= 0 {
                self[column, y] = Cell(.text(grapheme.form), style)
                if grapheme.cells == 2 { self[column + 1, y] = Cell(.continuation, style) }
            }
            column += grapheme.cells
        }
        return column - x
    }

    /// Fills a rectangle with blanks of a style.
    public mutating func fill(_ rect: Rect, style: Style = .normal) {
        for row in rect.y..<min(height, rect.maxY) where row >= 0 {
            for column in rect.x..<min(width, rect.maxX) where column >= 0 {
                self[column, row] = Cell(.text(" "), style)
            }
        }
    }

    public mutating func line(_ piece: LinePiece, x: Int, y: Int, style: Style = .normal) {
        self[x, y] = Cell(.line(piece), style)
    }

    /// Draws a box on the edge of `rect`, with a title in its top border.
    public mutating func box(_ rect: Rect, title: String? = nil, style: Style = Style(.dim), titleStyle: Style = Style(.title, bold: true)) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        let right = rect.maxX - 1
        let bottom = rect.maxY - 1
        for column in rect.x + 1..<right {
            line(.horizontal, x: column, y: rect.y, style: style)
            line(.horizontal, x: column, y: bottom, style: style)
        }
        for row in rect.y + 1..<bottom {
            line(.vertical, x: rect.x, y: row, style: style)
            line(.vertical, x: right, y: row, style: style)
        }
        line(.topLeft, x: rect.x, y: rect.y, style: style)
        line(.topRight, x: right, y: rect.y, style: style)
        line(.bottomLeft, x: rect.x, y: bottom, style: style)
        line(.bottomRight, x: right, y: bottom, style: style)
        if let title, rect.width > 4 {
            put(" " + title + " ", x: rect.x + 1, y: rect.y, maxWidth: rect.width - 2, style: titleStyle)
        }
    }

    /// The screen as lines of text (continuation cells skipped), for golden tests.
    public func lines(ascii: Bool = false) -> [String] {
        (0..<height).map { row in
            var text = ""
            for column in 0..<width {
                switch cells[row * width + column].glyph {
                case .text(let grapheme): text += grapheme
                case .continuation: break
                case .line(let piece): text.append(ascii ? piece.ascii : piece.unicode)
                }
            }
            return text
        }
    }

    /// The text of the whole screen, lines joined by newlines, trailing spaces kept.
    public var text: String {
        lines().joined(separator: "\n")
    }
}
