import Foundation

/// Finds WHERE a JSON text goes wrong (Foundation's decoder says only "not valid JSON"), or
/// where the value at a coding path sits, so that error messages can give a line and column.
/// Only used after a decode failed, so it favours simplicity over speed.
struct JSONLocator {
    /// A place in the text: 1-based line, and 1-based column counted in characters.
    struct Place: Equatable {
        var line: Int
        var column: Int
    }

    private let bytes: [UInt8]
    private var index = 0
    private var path: [String] = []
    private let target: [String]?
    private var found: Int?

    private struct Failure: Error {
        var offset: Int
        var reason: String
    }

    private init(_ bytes: [UInt8], target: [String]?) {
        self.bytes = bytes
        self.target = target
    }

    /// The first syntax error: its byte offset and a reason, or nil if the text is valid JSON.
    static func syntaxError(in bytes: [UInt8]) -> (offset: Int, reason: String)? {
        var locator = JSONLocator(bytes, target: nil)
        do {
            try locator.document()
            return nil
        } catch let failure as Failure {
            return (failure.offset, failure.reason)
        } catch {
            return nil
        }
    }

    /// The byte offset where the value at `path` (keys, or array indices as digits) begins.
    static func offset(of path: [String], in bytes: [UInt8]) -> Int? {
        var locator = JSONLocator(bytes, target: path)
        try? locator.document()
        return locator.found
    }

    /// Line and column of a byte offset.
    static func place(ofOffset offset: Int, in bytes: [UInt8]) -> Place {
        let end = min(offset, bytes.count)
        var line = 1
        var lineStart = 0
        for position in 0..<end where bytes[position] == 0x0A {
            line += 1
            lineStart = position + 1
        }
        let prefix = String(decoding: bytes[lineStart..<end], as: UTF8.self)
        return Place(line: line, column: prefix.unicodeScalars.count + 1)
    }

    /// The offset of the first NUL byte or byte that is not valid UTF-8, or nil.
    static func firstNulOrInvalidUTF8(in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        var i = 0
        let count = bytes.count
        while i < count {
            // Eight ASCII bytes, none of them NUL, at a time.
            if i + 8 <= count {
                let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                let high = word & 0x8080_8080_8080_8080
                let zero = (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080
                if high | zero == 0 {
                    i += 8
                    continue
                }
            }
            let lead = bytes[i]
            if lead == 0 { return i }
            if lead < 0x80 {
                i += 1
                continue
            }
            var length = 0
            var scalar: UInt32 = 0
            var smallest: UInt32 = 0
            if lead & 0xE0 == 0xC0 {
                (length, scalar, smallest) = (2, UInt32(lead & 0x1F), 0x80)
            } else if lead & 0xF0 == 0xE0 {
                (length, scalar, smallest) = (3, UInt32(lead & 0x0F), 0x800)
            } else if lead & 0xF8 == 0xF0 {
                (length, scalar, smallest) = (4, UInt32(lead & 0x07), 0x10000)
            } else {
                return i
            }
            if i + length > count { return i }
            for k in 1..<length {
                let next = bytes[i + k]
                if next & 0xC0 != 0x80 { return i }
                scalar = scalar << 6 | UInt32(next & 0x3F)
            }
            if scalar < smallest || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) {
                return i
            }
            i += length
        }
        return nil
    }

    // MARK: Recursive descent

    private mutating func document() throws {
        skipSpace()
        try value()
        skipSpace()
        if index < bytes.count {
            throw Failure(offset: index, reason: "unexpected text after the end of the JSON document")
        }
    }

    private mutating func skipSpace() {
        while index < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[index]) { index += 1 }
    }

    private func truncated() -> Failure {
        Failure(offset: bytes.count, reason: "unexpected end of file (the file looks truncated)")
    }

    private func unexpected() -> Failure {
        let byte = bytes[index]
        let shown = byte >= 0x20 && byte < 0x7F
            ? "'\(Character(Unicode.Scalar(byte)))'" : String(format: "byte 0x%02X", byte)
        return Failure(offset: index, reason: "unexpected \(shown) in JSON")
    }

    private mutating func value() throws {
        if let target, found == nil, path == target { found = index }
        guard index < bytes.count else { throw truncated() }
        switch bytes[index] {
        case UInt8(ascii: "{"): try object()
        case UInt8(ascii: "["): try array()
        case UInt8(ascii: "\""): _ = try string()
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try number()
        default: throw unexpected()
        }
    }

    private mutating func expect(_ character: Unicode.Scalar) throws {
        skipSpace()
        guard index < bytes.count else { throw truncated() }
        guard bytes[index] == UInt8(character.value) else { throw unexpected() }
        index += 1
    }

    private mutating func object() throws {
        index += 1
        skipSpace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            return
        }
        while true {
            skipSpace()
            guard index < bytes.count else { throw truncated() }
            guard bytes[index] == UInt8(ascii: "\"") else { throw unexpected() }
            let key = try string()
            try expect(":")
            skipSpace()
            path.append(key)
            try value()
            path.removeLast()
            skipSpace()
            guard index < bytes.count else { throw truncated() }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
            } else if bytes[index] == UInt8(ascii: "}") {
                index += 1
                return
            } else {
                throw unexpected()
            }
        }
    }

    private mutating func array() throws {
        index += 1
        skipSpace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            return
        }
        var element = 0
        while true {
            skipSpace()
            path.append(String(element))
            try value()
            path.removeLast()
            element += 1
            skipSpace()
            guard index < bytes.count else { throw truncated() }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
            } else if bytes[index] == UInt8(ascii: "]") {
                index += 1
                return
            } else {
                throw unexpected()
            }
        }
    }

    /// Reads a string; returns its raw text (escapes left as they are: enough for our keys).
    private mutating func string() throws -> String {
        index += 1
        let start = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let text = String(decoding: bytes[start..<index], as: UTF8.self)
                index += 1
                return text
            }
            if byte < 0x20 {
                throw Failure(
                    offset: index,
                    reason: String(format: "control character 0x%02X inside a string", byte))
            }
            if byte == UInt8(ascii: "\\") {
                index += 1
                guard index < bytes.count else { throw truncated() }
                if bytes[index] == UInt8(ascii: "u") { index += 4 }
            }
            index += 1
        }
        throw truncated()
    }

    private mutating func literal(_ word: String) throws {
        for expected in word.utf8 {
            guard index < bytes.count else { throw truncated() }
            guard bytes[index] == expected else { throw unexpected() }
            index += 1
        }
    }

    private mutating func number() throws {
        let digits = UInt8(ascii: "0")...UInt8(ascii: "9")
        let allowed: Set<UInt8> = Set("+-.eE".utf8)
        guard index < bytes.count else { throw truncated() }
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < bytes.count else { throw truncated() }
        guard digits.contains(bytes[index]) else { throw unexpected() }
        while index < bytes.count, digits.contains(bytes[index]) || allowed.contains(bytes[index]) {
            index += 1
        }
    }
}
