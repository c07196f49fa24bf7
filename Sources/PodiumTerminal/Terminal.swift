import CNcursesw
import PodiumUI
import PodiumText
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The real terminal, through ncursesw: the only code that calls curses. Use it from one
/// thread. `open` sets the locale, starts curses in raw mode; `draw` sends only what changed;
/// `readKeys` never blocks (wait with `Poller` on `inputDescriptor`); `close` restores the
/// terminal, and runs at the latest in `deinit`.
public final class Terminal: TerminalBackend {
    /// Line pieces are drawn in ASCII (`+-|#.`): asked for, or no UTF-8 locale.
    public let asciiLines: Bool
    /// The locale can show non-ASCII text. When false, non-ASCII graphemes are drawn as `?`.
    public let unicodeText: Bool
    /// One line to show the user once when no UTF-8 locale was found (podium then draws ASCII).
    public let localeWarning: String?
    /// The descriptor to `poll()` for key presses: standard input.
    public let inputDescriptor: Int32 = 0
    /// Set by `readKeys()` when standard input hung up (a closed ssh or terminal): the loop
    /// should restore and exit, as for SIGHUP.
    public private(set) var inputClosed = false

    private let screenPointer: OpaquePointer
    private let window: UnsafeMutablePointer<WINDOW>
    private let hasColors: Bool
    private var closed = false
    private var suspended = false
    private var resumedFromStop = false
    private var previous: Screen?
    private var cursorVisible: Bool?
    private var styleCache: [Style: (attrs: attr_t, pair: Int16)] = [:]

    private init(
        screen: OpaquePointer, window: UnsafeMutablePointer<WINDOW>, asciiLines: Bool,
        unicodeText: Bool, localeWarning: String?, hasColors: Bool
    ) {
        screenPointer = screen
        self.window = window
        self.asciiLines = asciiLines
        self.unicodeText = unicodeText
        self.localeWarning = localeWarning
        self.hasColors = hasColors
    }

    deinit {
        close()
    }

    /// Sets the locale, checks that standard input and output are a terminal that curses knows,
    /// and starts curses (raw, no echo, keypad, Esc after 25 ms, non-blocking reads, colours).
    /// Throws a `TerminalError` with a message for the user instead of letting curses exit.
    public static func open(ascii: Bool = false, language l: Language = .en) throws -> Terminal {
        let (utf8, warning) = setUTF8Locale(language: l)
        guard isatty(0) == 1 else {
            throw TerminalError(l.t(.noTerminalInput))
        }
        guard isatty(1) == 1 else {
            throw TerminalError(l.t(.noTerminalOutput))
        }
        guard let term = getenv("TERM").map({ String(cString: $0) }), !term.isEmpty else {
            throw TerminalError(l.t(.noTerm))
        }
        // The modes to put back if the process crashes (curses changes them from newterm on).
        _ = podium_crash_save_modes(0)
        guard let screen = podium_newterm() else {
            throw TerminalError(l.t(.unknownTerm, term))
        }
        set_term(screen)
        guard podium_can_address_cursor() != 0 else {
            endwin()
            delscreen(screen)
            throw TerminalError(l.t(.termCannotMove, term))
        }
        guard let window = podium_stdscr() else {
            endwin()
            delscreen(screen)
            throw TerminalError(l.t(.cursesFailed, term))
        }
        raw()
        noecho()
        nonl()
        keypad(window, true)
        nodelay(window, true)
        set_escdelay(25)
        curs_set(0)
        // NO_COLOR (no-color.org): set and not empty means no colour at all; the states are
        // then shown with bold, reverse and underline as on a terminal without colours.
        let noColor = getenv("NO_COLOR").map { $0.pointee != 0 } ?? false
        let colors = has_colors() && !noColor
        if colors {
            start_color()
            use_default_colors()
            for (pair, foreground) in Self.pairColors.enumerated() {
                init_pair(Int16(pair + 1), foreground, -1)
            }
        }
        def_prog_mode()
        armCrashRestore()
        let terminal = Terminal(
            screen: screen, window: window, asciiLines: ascii || !utf8, unicodeText: utf8,
            localeWarning: warning, hasColors: colors)
        terminal.cursorVisible = false
        return terminal
    }

    /// Makes a crash (SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT) restore the terminal before
    /// the process ends: the modes saved before newterm, and the bytes that reset attributes,
    /// leave keypad mode, show the cursor and leave the alternate screen, as endwin would
    /// (`podium_crash_handler` in shim.h).
    private static func armCrashRestore() {
        for capability in ["sgr0", "rmkx", "cnorm", "rmcup"] { podium_crash_add_capability(capability) }
        _ = podium_crash_arm(1)
    }

    /// `setlocale(LC_ALL, "")`, then C.UTF-8 if the environment's codeset is not UTF-8.
    private static func setUTF8Locale(language: Language) -> (utf8: Bool, warning: String?) {
        func codesetIsUTF8() -> Bool {
            guard let codeset = podium_codeset() else { return false }
            let name = String(cString: codeset).lowercased()
            return name == "utf-8" || name == "utf8"
        }
        setlocale(podium_lc_all(), "")
        if codesetIsUTF8() { return (true, nil) }
        if setlocale(podium_lc_all(), "C.UTF-8") != nil, codesetIsUTF8() { return (true, nil) }
        let names: [String] = ["LC_ALL", "LC_CTYPE", "LANG"]
        let environment = names.compactMap { (name: String) -> String? in
            getenv(name).map { "\(name)=\(String(cString: $0))" }
        }.first ?? "LANG is not set"
        setlocale(podium_lc_all(), "")
        return (false, language.t(.noUTF8Locale, environment))
    }

    /// Foregrounds of colour pairs 1...5.
    private static let pairColors: [Int16] = [
        Int16(COLOR_GREEN), Int16(COLOR_YELLOW), Int16(COLOR_RED), Int16(COLOR_CYAN),
        Int16(COLOR_MAGENTA),
    ]
    private enum Pair: Int16 { case none = 0, green, yellow, red, cyan, magenta }

    /// The terminal's size in cells.
    public var size: (width: Int, height: Int) {
        guard !closed else { return (0, 0) }
        return (Int(getmaxx(window)), Int(getmaxy(window)))
    }

    // MARK: Drawing

    /// Draws a screen: only the cells that differ from the screen drawn last (all of them after
    /// a resize, a size change or `resume`), then the cursor, then one refresh.
    public func draw(_ screen: Screen) {
        guard !closed, !suspended else { return }
        let (columns, rows) = size
        let full = previous.map { $0.width != screen.width || $0.height != screen.height } ?? true
        if full { werase(window) }
        for y in 0..<min(rows, screen.height) {
            for x in 0..<min(columns, screen.width) {
                let cell = screen[x, y]
                if !full, let previous, previous[x, y] == cell { continue }
                // A wide glyph in the last two cells also ends at the bottom-right corner.
                let last = x == columns - 1
                    || (x == columns - 2 && x + 1 < screen.width && screen[x + 1, y].glyph == .continuation)
                put(cell, x: x, y: y, bottomRight: last && y == rows - 1)
            }
        }
        if let cursor = screen.cursor, cursor.x >= 0, cursor.y >= 0, cursor.x < columns,
            cursor.y < rows
        {
            setCursorVisible(true)
            wmove(window, Int32(cursor.y), Int32(cursor.x))
        } else {
            setCursorVisible(false)
        }
        wnoutrefresh(window)
        doupdate()
        previous = screen
    }

    private func setCursorVisible(_ visible: Bool) {
        guard cursorVisible != visible else { return }
        curs_set(visible ? 1 : 0)
        cursorVisible = visible
    }

    private func put(_ cell: Cell, x: Int, y: Int, bottomRight: Bool) {
        let (attrs, pair) = attributes(for: cell.style)
        let row = Int32(y)
        let column = Int32(x)
        switch cell.glyph {
        case .continuation:
            // ncurses fills it when drawing the wide glyph to its left; without a UTF-8
            // locale that glyph became one `?`, so this cell needs a blank.
            if !unicodeText { putText(" ", row, column, attrs, pair, bottomRight) }
        case .text(let grapheme):
            putText(grapheme, row, column, attrs, pair, bottomRight)
        case .line(let piece):
            if asciiLines {
                putText(String(piece.ascii), row, column, attrs, pair, bottomRight)
            } else if piece == .block {
                // A reverse blank: a solid block that is one cell in every terminal
                // (█ is East Asian Ambiguous and two cells wide in some).
                putText(" ", row, column, attrs | podium_a_reverse(), pair, bottomRight)
            } else {
                // Unicode box characters as text, not DEC line graphics: a terminal that ignores
                // the line-graphics switch (tmux with TERM=xterm-256color) shows `lqqk` for those.
                putText(String(piece.unicode), row, column, attrs, pair, bottomRight)
            }
        }
    }

    private func putText(
        _ grapheme: String, _ row: Int32, _ column: Int32, _ attrs: attr_t, _ pair: Int16,
        _ bottomRight: Bool
    ) {
        var text = grapheme
        if !unicodeText, !grapheme.unicodeScalars.allSatisfy({ $0.isASCII }) { text = "?" }
        // A cchar_t holds one spacing character and a few combining ones (CCHARW_MAX = 5), so
        // a grapheme with several spacing scalars (a flag: two regional indicators) is drawn as
        // consecutive cells, each as wide as ncurses (wcwidth) thinks.
        var pieces: [[wchar_t]] = []
        for scalar in text.unicodeScalars {
            let character = wchar_t(bitPattern: scalar.value)
            if podium_wcwidth(character) != 0 || pieces.isEmpty {
                pieces.append([character])
            } else if pieces[pieces.count - 1].count < 5 {
                pieces[pieces.count - 1].append(character)
            }
        }
        var x = column
        for var piece in pieces {
            let advance = max(1, podium_wcwidth(piece[0]))
            piece.append(0)
            let result = podium_put_cell(row, x, piece, attrs, pair)
            // Writing the bottom-right cell returns ERR (the cursor cannot advance): ignore it.
            if result == ERR, !bottomRight {
                _ = podium_put_cell(row, x, [wchar_t(0x3F), 0], attrs, pair)
            }
            x += advance
        }
    }

    /// Curses attributes and colour pair for a style. Without colours, roles that matter
    /// (danger, warning, live, incoming) are shown with bold, reverse or underline.
    private func attributes(for style: Style) -> (attrs: attr_t, pair: Int16) {
        if let cached = styleCache[style] { return cached }
        var attrs: attr_t = podium_a_normal()
        var pair = Pair.none
        switch style.color {
        case .normal: break
        case .dim: attrs |= podium_a_dim()
        case .accent: pair = .cyan
        case .good: pair = .green
        case .warning:
            pair = .yellow
            if !hasColors { attrs |= podium_a_bold() }
        case .danger:
            pair = .red
            attrs |= podium_a_bold()
        case .selected, .inverse: attrs |= podium_a_reverse()
        case .title: attrs |= podium_a_bold()
        case .incoming:
            pair = .magenta
            if !hasColors { attrs |= podium_a_underline() }
        case .live:
            pair = .green
            attrs |= podium_a_reverse() | podium_a_bold()
        }
        if style.bold { attrs |= podium_a_bold() }
        if style.reverse { attrs |= podium_a_reverse() }
        if style.blink { attrs |= podium_a_blink() }
        let result = (attrs, hasColors ? pair.rawValue : 0)
        styleCache[style] = result
        return result
    }

    // MARK: Input

    /// Every key available now (never blocks). A resize arrives as `.resize`; scalars that
    /// combine (pasted emoji, Japanese) are merged into one `.character`.
    public func readKeys() -> [Key] {
        guard !closed, !suspended else { return [] }
        var keys: [Key] = []
        var value: wint_t = 0
        while keys.count < 4096 {
            let result = wget_wch(window, &value)
            if result == OK {
                if let key = KeyDecoder.key(forCharacter: UInt32(value)) {
                    KeyDecoder.append(key, to: &keys)
                }
            } else if result == podium_key_code_yes() {
                let key = KeyDecoder.key(forCode: Int32(bitPattern: UInt32(value)))
                if key == .resize { previous = nil }
                keys.append(key)
            } else {
                break
            }
        }
        if keys.isEmpty, standardInputHungUp() { inputClosed = true }
        return keys
    }

    /// Whether keys are waiting on standard input (never blocks).
    public var keysWaiting: Bool {
        guard !closed, !suspended else { return false }
        return Poller.wait([inputDescriptor], timeoutMilliseconds: 0).contains(inputDescriptor)
    }

    private func standardInputHungUp() -> Bool {
        var fd = pollfd(fd: inputDescriptor, events: Int16(POLLIN), revents: 0)
        guard poll(&fd, 1, 0) == 1 else { return false }
        return fd.revents & (Int16(POLLHUP) | Int16(POLLERR) | Int16(POLLNVAL)) != 0
    }

    // MARK: Handing the terminal over, signals, teardown

    /// Hands the terminal to another program (an `$EDITOR`): restores the shell's modes.
    public func suspend() {
        guard !closed, !suspended else { return }
        def_prog_mode()
        endwin()
        suspended = true
    }

    /// Takes the terminal back after `suspend` (or after the process was stopped and
    /// continued): curses modes again, and the next `draw` repaints everything.
    public func resume() {
        guard !closed else { return }
        reset_prog_mode()
        _ = podium_resize_from_terminal()
        suspended = false
        previous = nil
        cursorVisible = nil
        clearok(window, true)
        wrefresh(window)
    }

    /// Does what a signal from `SignalWatcher` asks. Returns the exit status (128 + signal)
    /// when the program should exit now: the terminal is then already restored. SIGTSTP
    /// stops the process with the terminal restored and takes it back when continued;
    /// SIGCONT (after a stop from outside) takes the terminal back and repaints. SIGWINCH
    /// resizes curses to the terminal (`size` is then current) and the next `draw` repaints
    /// everything: handle it like a `.resize` key.
    public func respond(to signal: Int32) -> Int32? {
        if SignalWatcher.isTermination(signal) {
            close()
            return SignalWatcher.exitStatus(for: signal)
        }
        if signal == SIGTSTP {
            suspend()
            SignalWatcher.stopProcess()
            resume()
            resumedFromStop = true
        } else if signal == SIGWINCH {
            guard !closed, !suspended else { return nil }  // `resume` resizes
            _ = podium_resize_from_terminal()
            previous = nil
        } else if signal == SIGCONT {
            if resumedFromStop {
                resumedFromStop = false
            } else {
                resume()
            }
        }
        return nil
    }

    /// Rings the terminal bell.
    public func bell() {
        guard !closed, !suspended else { return }
        beep()
    }

    /// Restores the terminal (`endwin`). Safe to call more than once; also run by `deinit`.
    public func close() {
        guard !closed else { return }
        closed = true
        podium_crash_disarm()
        if !suspended { endwin() }
        delscreen(screenPointer)
        fflush(nil)
    }
}
