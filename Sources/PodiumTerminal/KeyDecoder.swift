import CNcursesw
import PodiumUI

/// Maps what `wget_wch` returns to `Key`s. Pure apart from reading ncurses' key constants.
struct KeyDecoder {
    /// A character `wget_wch` returned (`OK`): a Unicode scalar or a control byte.
    static func key(forCharacter value: UInt32) -> Key? {
        switch value {
        case 13, 10: return .enter
        case 27: return .escape
        case 127, 8: return .backspace
        case 9: return .tab
        case 1...26: return .control(Character(Unicode.Scalar(UInt8(value) + 96)))
        case 0..<32, 0x80..<0xA0: return .unknown(Int32(value))
        default:
            guard let scalar = Unicode.Scalar(value) else { return .unknown(Int32(bitPattern: value)) }
            return .character(Character(scalar))
        }
    }

    /// A key code `wget_wch` returned (`KEY_CODE_YES`).
    static func key(forCode code: Int32) -> Key {
        switch code {
        case podium_key_resize(): return .resize
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_ENTER: return .enter
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case KEY_BTAB: return .backTab
        default:
            let f0 = podium_key_f0()
            if code > f0, code <= f0 + 63 { return .function(Int(code - f0)) }
            return .unknown(code)
        }
    }

    /// Appends a key, merging a scalar that combines with the previous character into one
    /// grapheme (a combining mark, a ZWJ sequence, a skin tone, a flag's second half), since
    /// `wget_wch` returns scalars and a pasted 👍🏽 or が (か + ゛) arrives as several.
    static func append(_ key: Key, to keys: inout [Key]) {
        if case .character(let next) = key, case .character(let previous)? = keys.last {
            let joined = String(previous) + String(next)
            if joined.count == 1, let merged = joined.first {
                keys[keys.count - 1] = .character(merged)
                return
            }
        }
        keys.append(key)
    }
}
