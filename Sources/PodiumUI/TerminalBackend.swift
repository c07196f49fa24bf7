/// What the console's loop needs from a terminal: the real one (`Terminal`, through ncursesw)
/// or a fake that records frames as text (tests, benchmarks). Used from one thread.
public protocol TerminalBackend: AnyObject {
    /// The size in cells.
    var size: (width: Int, height: Int) { get }
    /// Shows a whole screen (a backend may send only what changed since the last one).
    func draw(_ screen: Screen)
    /// Every key available now; never blocks. A resize arrives as `.resize`.
    func readKeys() -> [Key]
    /// Whether more keys are waiting to be read (a burst, a paste); never blocks.
    var keysWaiting: Bool { get }
    /// The input hung up (a closed terminal or ssh): the loop ends as for SIGHUP.
    var inputClosed: Bool { get }
    /// Rings the bell.
    func bell()
    /// Hands the terminal to another program (an `$EDITOR`) until `resume`.
    func suspend()
    /// Takes the terminal back; the next `draw` repaints everything.
    func resume()
    /// Restores the terminal; safe to call more than once.
    func close()
}
