/// A key press, as the terminal layer reads it (`get_wch`) and the keymap sees it.
public enum Key: Equatable, Hashable, Sendable {
    /// A printable character (also a whole scalar typed through an input method).
    case character(Character)
    /// Ctrl plus a letter, lower case: Ctrl-C is `.control("c")`.
    case control(Character)
    case enter, escape, backspace, delete, tab, backTab
    case up, down, left, right, home, end, pageUp, pageDown
    case function(Int)
    /// The terminal changed size.
    case resize
    /// A key code the terminal sent that Podium does not use.
    case unknown(Int32)
}
