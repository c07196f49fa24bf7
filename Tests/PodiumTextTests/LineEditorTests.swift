import XCTest
@testable import PodiumText

final class LineEditorTests: XCTestCase {
    func testTypingJapaneseAndEmojiMovesByGrapheme() {
        var editor = LineEditor(maximumLength: 100)
        for character in "質問👨‍👩‍👧です" { XCTAssertEqual(editor.insert(character), .inserted) }
        XCTAssertEqual(editor.text, "質問👨‍👩‍👧です")
        XCTAssertEqual(editor.count, 5)
        XCTAssertEqual(editor.cursor, 5)
        XCTAssertEqual(editor.cursorCells, 10)
        editor.left(); editor.left()
        XCTAssertEqual(editor.cursorCells, 6)
        XCTAssertTrue(editor.backspace())  // removes the whole family
        XCTAssertEqual(editor.text, "質問です")
        XCTAssertEqual(editor.cursor, 2)
        editor.insert("🇯🇵")
        XCTAssertEqual(editor.text, "質問🇯🇵です")
        XCTAssertEqual(editor.cursor, 3)
        XCTAssertTrue(editor.delete())
        XCTAssertEqual(editor.text, "質問🇯🇵す")
        editor.home()
        XCTAssertFalse(editor.left())
        XCTAssertFalse(editor.backspace())
        editor.insert("e")
        editor.insert("\u{0301}")  // combining accent joins the e before it
        XCTAssertEqual(editor.text, "e\u{0301}質問🇯🇵す")
        XCTAssertEqual(editor.cursor, 1)
        XCTAssertEqual(editor.count, 5)
        editor.end()
        XCTAssertFalse(editor.right())
        XCTAssertFalse(editor.delete())
        XCTAssertEqual(editor.cursor, 5)
    }

    func testRegionalIndicatorsTypedOneByOneMakeOneFlag() {
        var editor = LineEditor()
        editor.insert("\u{1F1EF}")
        editor.insert("\u{1F1F5}")
        XCTAssertEqual(editor.count, 1)
        XCTAssertEqual(editor.cursor, 1)
        XCTAssertEqual(editor.text, "🇯🇵")
    }

    func testInsertIsSanitisedAsOneLine() {
        var editor = LineEditor()
        editor.insert("a\u{1B}[2J\nb\tc\u{202E}")
        XCTAssertEqual(editor.text, "a␛[2J b c\u{FFFD}")
        XCTAssertTrue(Sanitizer.isSafeLine(editor.text))
    }

    func testMaximumLengthRefusesWholeInsertion() {
        var editor = LineEditor("12345678", maximumLength: 10)
        XCTAssertEqual(editor.remaining, 2)
        XCTAssertEqual(editor.insert("abc"), .tooLong(maximum: 10, wouldBe: 11))
        XCTAssertEqual(editor.text, "12345678", "nothing is cut silently")
        XCTAssertEqual(editor.insert("漢字"), .inserted)
        XCTAssertEqual(editor.insert(Character("x")), .tooLong(maximum: 10, wouldBe: 11))
        XCTAssertEqual(editor.count, 10)
        // Graphemes count, not scalars: a family emoji is one.
        var emoji = LineEditor(maximumLength: 1)
        XCTAssertEqual(emoji.insert("👨‍👩‍👧"), .inserted)
    }

    func testKills() {
        var editor = LineEditor("hello big world")
        editor.deleteWordBackward()
        XCTAssertEqual(editor.text, "hello big ")
        editor.home(); editor.right(); editor.right()
        editor.killToEnd()
        XCTAssertEqual(editor.text, "he")
        editor.left()
        editor.killToStart()
        XCTAssertEqual(editor.text, "e")
        XCTAssertEqual(editor.cursor, 0)
        editor.clear()
        XCTAssertTrue(editor.isEmpty)
    }

    /// Checks that a view shows the text around the cursor with the cursor at its column.
    static func assertView(_ editor: LineEditor, width: Int, file: StaticString = #filePath, line: UInt = #line) {
        let view = editor.visible(width: width)
        XCTAssertLessThanOrEqual(DisplayWidth.cells(of: view.text), width, file: file, line: line)
        XCTAssertTrue((0..<width).contains(view.cursorColumn), "column \(view.cursorColumn)", file: file, line: line)
        let shown = Array(view.text)
        // The view is characters[cursor - k ..< cursor + rest] for some k whose cells are the
        // cursor column (several k when zero-width graphemes sit before the cursor).
        var matched: Int? = nil
        var cells = 0
        for k in 0...shown.count {
            if k > 0 { cells += DisplayWidth.cells(of: shown[k - 1]) }
            if cells > view.cursorColumn { break }
            guard cells == view.cursorColumn, k <= editor.cursor, shown.count - k <= editor.characters.count - editor.cursor else { continue }
            if Array(shown[0..<k]) == Array(editor.characters[(editor.cursor - k)..<editor.cursor]),
               Array(shown[k...]) == Array(editor.characters[editor.cursor..<(editor.cursor + shown.count - k)]) {
                matched = k
                break
            }
        }
        guard let k = matched else {
            return XCTFail("view \(view) does not show the text at the cursor of \(editor.characters) at \(editor.cursor)", file: file, line: line)
        }
        let after = Array(shown[k...])
        // The view is as full as the line allows: the next grapheme would not fit.
        let end = editor.cursor + after.count
        if end < editor.characters.count {
            XCTAssertGreaterThan(DisplayWidth.cells(of: view.text) + DisplayWidth.cells(of: editor.characters[end]), width, file: file, line: line)
        }
    }

    func testVisibleScrollsToKeepCursorInView() {
        var editor = LineEditor(String(repeating: "ab漢字👍🏽cdé👨‍👩‍👧 ", count: 8))
        for width in [1, 2, 3, 5, 10, 11, 20, 200] {
            editor.end()
            repeat { Self.assertView(editor, width: width) } while editor.left()
        }
        editor.home()
        XCTAssertEqual(editor.visible(width: 10).text, "ab漢字👍🏽cd")
        XCTAssertEqual(editor.visible(width: 10).cursorColumn, 0)
        editor.end()
        // At the end the cursor sits in the right half of the view, so text before it shows.
        let end = editor.visible(width: 10)
        XCTAssertGreaterThanOrEqual(end.cursorColumn, 4)
        XCTAssertEqual(LineEditor("abc").visible(width: 0).text, "")
    }

    func testVisibleShowsTextAtCursor() {
        var editor = LineEditor("abcdefghijklmnopqrstuvwxyz")
        editor.end()
        let view = editor.visible(width: 10)
        // Cursor after z: the view ends with the text just before the cursor.
        XCTAssertTrue(view.text.hasSuffix("z"))
        XCTAssertEqual(view.cursorColumn, view.text.count)
        editor.home()
        XCTAssertEqual(editor.visible(width: 10).text, "abcdefghij")
        for _ in 0..<12 { editor.right() }  // cursor before "m", column 12
        let middle = editor.visible(width: 10)
        XCTAssertEqual(Array(middle.text)[middle.cursorColumn], "m")
    }
}
