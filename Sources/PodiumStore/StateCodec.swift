import Foundation
import PodiumCore

/// Turns the shared state into the bytes of the state file and back. All JSON of the state file
/// goes through this one type: JSONEncoder and JSONDecoder, with the bytes of unchanged
/// questions reused (`FoundationCodec`, `QuestionReuse`). The models' `Codable` conformance is
/// the only description of the format, so a new field needs no edit here.
///
/// Format: UTF-8 JSON, pretty-printed with sorted keys (readable, and stable for diffs).
/// Dates are numbers: seconds since 1970-01-01 UTC, with fractions (`1700000000.25`), so a
/// date survives a round trip exactly; optional fields that are nil are left out.
public enum StateCodec {
    /// The bytes of the state file for `state`.
    public static func encode(_ state: PodiumState) throws -> Data {
        try encodeWithFoundation(state)
    }

    /// As `encode`, copying the bytes of unchanged questions from the last version the store
    /// read or wrote (`reuse`), and saying where each question is (for the next time).
    static func encode(_ state: PodiumState, reusing reuse: QuestionReuse?) throws -> CodedState {
        try FoundationCodec.encode(state, reusing: reuse)
    }

    /// As `decode`, taking unchanged questions from the last version the store read or wrote.
    /// Anything unusual (a file written by hand, an error) goes through `decode`.
    static func decode(_ data: Data, file: String, reusing reuse: QuestionReuse?) throws -> CodedState {
        let valid = data.withUnsafeBytes {
            JSONLocator.firstNulOrInvalidUTF8(in: $0.bindMemory(to: UInt8.self)) == nil
        }
        if valid, let coded = FoundationCodec.decode(data, reusing: reuse),
           coded.state.schemaVersion <= PodiumState.currentSchemaVersion
        {
            return coded
        }
        return CodedState(state: try decode(data, file: file), data: data, questionRanges: [])
    }

    /// As `decode`, taking the questions whose bytes are unchanged from `previous` (an earlier
    /// version of the file, itself decoded in full), as a store does on reload. For the fuzz
    /// target, which checks that it always gives what `decode` gives.
    public static func decode(_ data: Data, file: String, reusingQuestionsOf previous: Data) throws -> PodiumState {
        let base = try decode(previous, file: file, reusing: nil)
        return try decode(data, file: file, reusing: base.reuse).state
    }

    /// The whole state through one JSONEncoder call.
    static func encodeWithFoundation(_ state: PodiumState) throws -> Data {
        var data = try FoundationCodec.makeEncoder().encode(state)
        data.append(0x0A)
        return data
    }

    /// Parses the bytes of the state file named `file` (the name is only used in errors).
    /// Throws `StoreError.corrupt` saying where (line, column) and why: empty file, NUL bytes,
    /// invalid UTF-8, broken or truncated JSON, a missing or mistyped field, or a
    /// `schemaVersion` newer than `PodiumState.currentSchemaVersion`.
    public static func decode(_ data: Data, file: String) throws -> PodiumState {
        func corrupt(at offset: Int?, _ reason: String) -> StoreError {
            guard let offset else { return .corrupt(file: file, line: nil, column: nil, reason: reason) }
            let place = JSONLocator.place(ofOffset: offset, in: [UInt8](data))
            return .corrupt(file: file, line: place.line, column: place.column, reason: reason)
        }

        if data.allSatisfy({ [0x20, 0x0A, 0x0D, 0x09].contains($0) }) {
            throw corrupt(at: 0, data.isEmpty ? "the file is empty (0 bytes)" : "the file is blank")
        }
        let problem = data.withUnsafeBytes {
            JSONLocator.firstNulOrInvalidUTF8(in: $0.bindMemory(to: UInt8.self))
        }
        if let problem {
            let byte = data[data.startIndex + problem]
            if byte == 0 {
                let count = data.lazy.filter { $0 == 0 }.count
                throw corrupt(at: problem, "the file contains \(count) NUL byte(s) (left by a crash or a full disk?)")
            }
            throw corrupt(at: problem, String(format: "invalid UTF-8 (byte 0x%02X)", byte))
        }

        let decoder = FoundationCodec.makeDecoder()
        let state: PodiumState
        do {
            state = try FoundationCodec.decode(data, reusing: nil)?.state ?? decoder.decode(PodiumState.self, from: data)
        } catch let error as DecodingError {
            let bytes = [UInt8](data)
            if let syntax = JSONLocator.syntaxError(in: bytes) {
                throw corrupt(at: syntax.offset, syntax.reason)
            }
            try checkVersion(of: bytes, decoder: decoder, corrupt: corrupt)
            throw describe(error, bytes: bytes, corrupt: corrupt)
        }
        if state.schemaVersion > PodiumState.currentSchemaVersion {
            try checkVersion(of: [UInt8](data), decoder: decoder, corrupt: corrupt)
        }
        return state
    }

    private struct VersionProbe: Decodable {
        var schemaVersion: Int?
    }

    private static func checkVersion(
        of bytes: [UInt8], decoder: JSONDecoder, corrupt: (Int?, String) -> StoreError
    ) throws {
        guard let probe = try? decoder.decode(VersionProbe.self, from: Data(bytes)),
              let version = probe.schemaVersion, version > PodiumState.currentSchemaVersion
        else { return }
        throw corrupt(
            JSONLocator.offset(of: ["schemaVersion"], in: bytes),
            "schemaVersion \(version) is newer than this podium understands "
                + "(\(PodiumState.currentSchemaVersion)): upgrade podium")
    }

    private static func describe(
        _ error: DecodingError, bytes: [UInt8], corrupt: (Int?, String) -> StoreError
    ) -> StoreError {
        func keys(_ path: [CodingKey]) -> [String] {
            path.map { key in key.intValue.map(String.init) ?? key.stringValue }
        }
        func dotted(_ path: [String]) -> String {
            path.isEmpty ? "the top level" : path.joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, let context):
            let path = keys(context.codingPath)
            return corrupt(
                JSONLocator.offset(of: path, in: bytes),
                "missing field \"\(key.stringValue)\" in \(dotted(path))")
        case .typeMismatch(_, let context), .valueNotFound(_, let context),
             .dataCorrupted(let context):
            let path = keys(context.codingPath)
            return corrupt(
                JSONLocator.offset(of: path, in: bytes),
                "bad value at \(dotted(path)): \(context.debugDescription)")
        @unknown default:
            return corrupt(nil, "\(error)")
        }
    }
}
