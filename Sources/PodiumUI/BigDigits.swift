import PodiumCore

/// Large block digits for a timer ("12:34", "+1:05", "1:02:03"), scaled by whole factors to fill
/// a rectangle: readable from a few metres on a stage monitor. Drawn with `.line(.block)` cells,
/// which the terminal draws as a solid block (or `#` in ASCII mode).
public enum BigDigits {
    /// A bitmap font: each glyph is `rows` strings of `#` (on) and space (off).
    public struct Font: Equatable, Sendable {
        public let name: String
        public let rows: Int
        let glyphs: [Character: [String]]

        /// 3 rows, digits 3 wide: for very small areas.
        public static let small = Font(name: "small", rows: 3, glyphs: [
            "0": ["###", "# #", "###"],
            "1": ["## ", " # ", "###"],
            "2": ["## ", " # ", " ##"],
            "3": ["###", " ##", "###"],
            "4": ["# #", "###", "  #"],
            "5": [" ##", " # ", "## "],
            "6": ["#  ", "###", "###"],
            "7": ["###", "  #", "  #"],
            "8": [" ##", "###", "## "],
            "9": ["###", "###", "  #"],
            ":": [" ", "#", " "],
            "+": [" # ", "###", " # "],
            "-": ["   ", "###", "   "],
            "m": ["     ", "#####", "# # #"],
            "h": ["#  ", "###", "# #"],
            " ": ["  ", "  ", "  "],
        ])

        /// 5 rows, digits 4 wide: the font that is scaled up to fill the screen.
        public static let large = Font(name: "large", rows: 5, glyphs: [
            "0": ["####", "#  #", "#  #", "#  #", "####"],
            "1": ["  # ", " ## ", "  # ", "  # ", " ###"],
            "2": ["####", "   #", "####", "#   ", "####"],
            "3": ["####", "   #", " ###", "   #", "####"],
            "4": ["#  #", "#  #", "####", "   #", "   #"],
            "5": ["####", "#   ", "####", "   #", "####"],
            "6": ["####", "#   ", "####", "#  #", "####"],
            "7": ["####", "   #", "   #", "   #", "   #"],
            "8": ["####", "#  #", "####", "#  #", "####"],
            "9": ["####", "#  #", "####", "   #", "####"],
            ":": [" ", "#", " ", "#", " "],
            "+": ["   ", " # ", "###", " # ", "   "],
            "-": ["   ", "   ", "###", "   ", "   "],
            "m": ["     ", "     ", "#####", "# # #", "# # #"],
            "h": ["#   ", "#   ", "####", "#  #", "#  #"],
            " ": ["  ", "  ", "  ", "  ", "  "],
        ])

        func glyph(_ character: Character) -> [String] {
            glyphs[character] ?? glyphs[" "]!
        }

        /// Width in font pixels of `text`, one blank pixel column between glyphs.
        public func width(of text: String) -> Int {
            guard !text.isEmpty else { return 0 }
            return text.reduce(0) { $0 + (glyph($1).first?.count ?? 0) } + text.count - 1
        }
    }

    /// How a text is drawn in a rectangle: a font and whole scale factors (a font pixel is
    /// `scaleX` cells wide and `scaleY` rows tall).
    public struct Layout: Equatable, Sendable {
        public var font: Font
        public var scaleX: Int
        public var scaleY: Int
        public var width: Int
        public var height: Int
    }

    /// The biggest layout of `text` that fits `width` × `height` cells, or nil when even the
    /// small font does not fit. Pixels are kept between square (2 cells wide per row, as a
    /// terminal cell is about twice as tall as wide) and twice as tall as wide.
    public static func layout(_ text: String, width: Int, height: Int) -> Layout? {
        for font in [Font.large, Font.small] {
            let pixelsWide = font.width(of: text)
            guard pixelsWide > 0 else { return nil }
            let maxX = width / pixelsWide
            let maxY = height / font.rows
            guard maxX >= 1, maxY >= 1 else { continue }
            let scaleY = min(maxY, maxX)
            let scaleX = min(maxX, 2 * scaleY)
            return Layout(
                font: font, scaleX: scaleX, scaleY: scaleY,
                width: pixelsWide * scaleX, height: font.rows * scaleY)
        }
        return nil
    }

    /// Draws `text` as big digits centred in `rect`. When even the small font does not fit,
    /// the text is written plainly in the middle. Returns the rectangle drawn on.
    @discardableResult
    public static func draw(_ text: String, into screen: inout Screen, rect: Rect, style: Style) -> Rect {
        guard let layout = layout(text, width: rect.width, height: rect.height) else {
            let x = rect.x + max(0, (rect.width - text.count) / 2)
            let y = rect.y + max(0, (rect.height - 1) / 2)
            let used = screen.put(text, x: x, y: y, maxWidth: rect.maxX - x, style: style)
            return Rect(x: x, y: y, width: used, height: rect.height > 0 ? 1 : 0)
        }
        let left = rect.x + (rect.width - layout.width) / 2
        let top = rect.y + (rect.height - layout.height) / 2
        var pixelX = 0
        for character in text {
            let glyph = layout.font.glyph(character)
            for (row, bits) in glyph.enumerated() {
                for (column, bit) in bits.enumerated() where bit == "#" {
                    for dy in 0..<layout.scaleY {
                        for dx in 0..<layout.scaleX {
                            screen.line(
                                .block,
                                x: left + (pixelX + column) * layout.scaleX + dx,
                                y: top + row * layout.scaleY + dy, style: style)
                        }
                    }
                }
            }
            pixelX += (glyph.first?.count ?? 0) + 1
        }
        return Rect(x: left, y: top, width: layout.width, height: layout.height)
    }

    /// The colour of a timer phase: normal green, warning yellow, danger red, overtime red and
    /// flashing, idle dim.
    public static func style(for phase: TimerPhase) -> Style {
        switch phase {
        case .idle: return Style(.dim)
        case .normal: return Style(.good, bold: true)
        case .warning: return Style(.warning, bold: true)
        case .danger: return Style(.danger, bold: true)
        case .overtime: return Style(.danger, bold: true, blink: true)
        }
    }
}
