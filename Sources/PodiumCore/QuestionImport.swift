import Foundation
import PodiumText

/// A row of an import that could not be taken, with the physical line where it starts.
public struct ImportIssue: Error, Equatable, Sendable, CustomStringConvertible {
    public var file: String
    /// 1-based physical line of the file where the row starts.
    public var line: Int
    /// What is wrong: a message of the catalog and its arguments, safe to print (values
    /// quoted from the file are sanitised).
    public var reason: Msg
    public var arguments: [String]

    public init(file: String, line: Int, _ reason: Msg, _ arguments: Any...) {
        self.file = file
        self.line = line
        self.reason = reason
        self.arguments = arguments.map { "\($0)" }
    }

    init(file: String, line: Int, reason: Msg, arguments: [String]) {
        self.file = file
        self.line = line
        self.reason = reason
        self.arguments = arguments
    }

    /// What is wrong, in English.
    public var message: String { reason.text(.en, arguments) }

    public var description: String { description(.en) }

    /// "FILE:LINE: what is wrong", the words in `language`.
    public func description(_ language: Language) -> String {
        "\(Sanitizer.line(file)):\(line): \(reason.text(language, arguments))"
    }
}

/// Why an import was refused as a whole: the file cannot be read as CSV, it has no text
/// column, or (without `skipBad`) some rows are malformed.
public struct ImportError: Error, Equatable, Sendable, CustomStringConvertible {
    public var issues: [ImportIssue]

    public init(issues: [ImportIssue]) {
        self.issues = issues
    }

    public var description: String { description(.en) }

    public func description(_ language: Language) -> String {
        issues.map { $0.description(language) }.joined(separator: "\n")
    }
}

/// What an import brings in.
public struct ImportResult: Equatable, Sendable {
    /// The questions of the file, in file order, one per distinct row.
    public var questions: [Question]
    /// Malformed rows that were skipped (only with `skipBad`).
    public var warnings: [ImportIssue]
    /// Rows identical to an earlier row of the same file (same id), not imported twice.
    public var duplicateRows: Int

    public init(questions: [Question], warnings: [ImportIssue], duplicateRows: Int) {
        self.questions = questions
        self.warnings = warnings
        self.duplicateRows = duplicateRows
    }

    /// One `addQuestion` per question: idempotent by id, so importing twice adds nothing twice.
    public var actions: [Action] { questions.map { .addQuestion($0) } }

    /// The questions that `state` does not hold yet.
    public func newQuestions(in state: PodiumState) -> [Question] {
        let known = Set(state.questions.map(\.id))
        return questions.filter { !known.contains($0.id) }
    }
}

/// One record of a CSV file.
public struct CSVRecord: Equatable, Sendable {
    /// 1-based physical line where the record starts.
    public var line: Int
    public var fields: [String]
}

/// `podium import FILE.csv`: questions from exports of forms or other Q&A tools. Pure: it is
/// given the file's text and name; the CLI reads the file and applies `actions`.
public enum QuestionImport {
    /// The columns understood, each with the header names that map to it (compared after
    /// lowercasing and dropping spaces, `_` and `-`).
    public enum Column: String, CaseIterable, Sendable {
        case text, author, source, votes, time

        public var headerNames: [String] {
            switch self {
            case .text: return ["text", "question", "body", "質問"]
            case .author: return ["author", "name", "user", "username", "名前"]
            case .source: return ["source", "platform"]
            case .votes: return ["votes", "upvotes", "likes"]
            case .time: return ["time", "timestamp", "askedat", "date", "タイムスタンプ"]
            }
        }

        static func matching(_ header: String) -> Column? {
            let key = String(
                header.trimmingCharacters(in: .whitespaces).lowercased()
                    .filter { $0 != " " && $0 != "_" && $0 != "-" })
            return allCases.first { $0.headerNames.contains(key) }
        }
    }

    /// Reads CSV text as questions.
    ///
    /// - Parameters:
    ///   - csv: the file's text (a leading BOM is ignored; LF or CRLF line ends).
    ///   - file: the file's name, for messages.
    ///   - skipBad: take the good rows and return the bad ones as `warnings`; otherwise any
    ///     bad row refuses the whole import (all or nothing).
    ///   - defaultSource: the source of rows without one (no column, or an empty cell).
    ///   - session: the session the questions belong to (`nil`: the one current when added).
    ///   - now: the time of asking for rows without a time.
    ///   - timeZone: the zone of times written without an offset ("2019-10-13 19:30").
    ///   - actor: recorded in each question's history.
    public static func parse(
        csv: String, file: String, skipBad: Bool = false, defaultSource: QuestionSource = .other,
        session: String? = nil, now: Date, timeZone: TimeZone = .current,
        actor: String = "import"
    ) throws -> ImportResult {
        let records = try parseRecords(csv, file: file)
        guard let header = records.first else {
            throw ImportError(issues: [ImportIssue(file: file, line: 1, .importEmpty)])
        }
        var columns: [Column: Int] = [:]
        for (index, name) in header.fields.enumerated() {
            if let column = Column.matching(name), columns[column] == nil { columns[column] = index }
        }
        guard let textColumn = columns[.text] else {
            throw ImportError(issues: [ImportIssue(
                file: file, line: header.line,
                .importNoTextColumn)])
        }

        var questions: [Question] = []
        var issues: [ImportIssue] = []
        var seen = Set<String>()
        var duplicates = 0
        for record in records.dropFirst() {
            // A row of empty cells (spreadsheets leave them at the end) is a blank line.
            if record.fields.allSatisfy({ $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }) {
                continue
            }
            // A row of empty cells (spreadsheets leave them at the end) is a blank line.
            if record.fields.allSatisfy({ $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }) {
                continue
            }
            func bad(_ reason: Msg, _ arguments: Any...) {
                issues.append(ImportIssue(file: file, line: record.line, reason: reason, arguments: arguments.map { "\($0)" }))
            }
            guard record.fields.count == header.fields.count else {
                bad(.importFieldCount, header.fields.count, record.fields.count)
                continue
            }
            func cell(_ column: Column) -> String {
                columns[column].map { record.fields[$0].trimmingCharacters(in: .whitespaces) } ?? ""
            }
            let text = record.fields[textColumn].trimmingCharacters(in: .whitespacesAndNewlines)
            if text.isEmpty {
                bad(.importNoText)
                continue
            }
            if text.count > Question.maximumLength {
                bad(.importTooLong, text.count, Question.maximumLength)
                continue
            }
            let author = cell(.author)
            var source = defaultSource
            let sourceText = cell(.source)
            if !sourceText.isEmpty {
                guard let parsed = QuestionSource(loose: sourceText) else {
                    bad(.importUnknownSource, quoted(sourceText), QuestionSource.allCases.map(\.rawValue).joined(separator: ", "))
                    continue
                }
                source = parsed
            }
            var votes = 0
            let votesText = cell(.votes)
            if !votesText.isEmpty {
                guard let parsed = Int(votesText), parsed >= 0 else {
                    bad(.importBadVotes, quoted(votesText))
                    continue
                }
                votes = parsed
            }
            var askedAt: Date?
            let timeText = cell(.time)
            if !timeText.isEmpty {
                guard let parsed = parseTime(timeText, timeZone: timeZone) else {
                    bad(.importBadTime, quoted(timeText))
                    continue
                }
                askedAt = parsed
            }
            let id = questionID(text: text, author: author, source: source, time: askedAt)
            guard seen.insert(id).inserted else {
                duplicates += 1
                continue
            }
            var question = Question(
                id: id, text: text, author: author, source: source, sessionID: session,
                askedAt: askedAt ?? now, by: actor)
            if votes > 0 { question.votes["import:\(id)"] = votes }
            questions.append(question)
        }
        if !issues.isEmpty && !skipBad { throw ImportError(issues: issues) }
        return ImportResult(questions: questions, warnings: issues, duplicateRows: duplicates)
    }

    /// The id of an imported question: stable across runs and machines, so that the same row
    /// imported twice is the same question. "imp-" and the FNV-1a 64 hash of its content.
    public static func questionID(
        text: String, author: String, source: QuestionSource, time: Date?
    ) -> String {
        let timeKey = time.map { String(Int64(($0.timeIntervalSince1970 * 1000).rounded())) } ?? ""
        let key = [text, author, source.rawValue, timeKey]
            .map(\.precomposedStringWithCanonicalMapping).joined(separator: "\u{1F}")
        let hex = String(fnv1a64(key), radix: 16)
        return "imp-" + String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// FNV-1a, 64 bits, over the UTF-8 bytes: the same on every run, unlike `Hasher`.
    public static func fnv1a64(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }

    // MARK: CSV (RFC 4180)

    /// Splits CSV text into records: quoted fields, doubled quotes, line breaks inside quotes
    /// (kept as "\n"), LF or CRLF between records; a BOM is ignored; blank lines are skipped.
    public static func parseRecords(_ csv: String, file: String = "") throws -> [CSVRecord] {
        var scalars = Array(csv.unicodeScalars)
        if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
        var records: [CSVRecord] = []
        var fields: [String] = []
        var field = String.UnicodeScalarView()
        var inQuotes = false
        var wasQuoted = false
        var line = 1
        var recordLine = 1
        var index = 0
        let count = scalars.count

        func endField() {
            fields.append(String(field))
            field = String.UnicodeScalarView()
        }
        func endRecord() {
            endField()
            if !(fields.count == 1 && fields[0].isEmpty && !wasQuoted) {
                records.append(CSVRecord(line: recordLine, fields: fields))
            }
            fields = []
            wasQuoted = false
        }

        while index < count {
            let scalar = scalars[index]
            if inQuotes {
                switch scalar {
                case "\"":
                    if index + 1 < count && scalars[index + 1] == "\"" {
                        field.append("\"")
                        index += 2
                        continue
                    }
                    inQuotes = false
                case "\r":
                    field.append("\n")
                    line += 1
                    if index + 1 < count && scalars[index + 1] == "\n" { index += 1 }
                case "\n":
                    field.append("\n")
                    line += 1
                default:
                    field.append(scalar)
                }
                index += 1
                continue
            }
            switch scalar {
            case ",":
                endField()
            case "\r", "\n":
                endRecord()
                if scalar == "\r" && index + 1 < count && scalars[index + 1] == "\n" { index += 1 }
                line += 1
                recordLine = line
            case "\"" where field.isEmpty:
                inQuotes = true
                wasQuoted = true
            default:
                // Lenient: a quote inside an unquoted field is taken as it is.
                field.append(scalar)
            }
            index += 1
        }
        if inQuotes {
            throw ImportError(issues: [ImportIssue(
                file: file, line: recordLine, .importUnclosedQuote)])
        }
        if !field.isEmpty || !fields.isEmpty || wasQuoted { endRecord() }
        return records
    }

    // MARK: Times

    /// Parses "YYYY-MM-DD HH:MM[:SS]", "YYYY/MM/DD HH:MM[:SS]" or ISO 8601
    /// ("2019-10-13T19:30:00Z", "…+09:00", fractional seconds); a date alone is midnight.
    /// Times without an offset are in `timeZone`.
    public static func parseTime(_ raw: String, timeZone: TimeZone) -> Date? {
        let bytes = Array(raw.trimmingCharacters(in: .whitespaces).utf8)
        var index = 0
        func number(_ minDigits: Int, _ maxDigits: Int) -> Int? {
            var value = 0
            var digits = 0
            while index < bytes.count, digits < maxDigits, (48...57).contains(bytes[index]) {
                value = value * 10 + Int(bytes[index] - 48)
                digits += 1
                index += 1
            }
            return digits >= minDigits ? value : nil
        }
        func take(_ characters: String) -> UInt8? {
            guard index < bytes.count, characters.utf8.contains(bytes[index]) else { return nil }
            index += 1
            return bytes[index - 1]
        }
        guard let year = number(4, 4), let separator = take("-/"), let month = number(1, 2),
              take(separator == UInt8(ascii: "-") ? "-" : "/") != nil, let day = number(1, 2)
        else { return nil }
        var hour = 0, minute = 0, second = 0
        var fraction = 0.0
        var zone = timeZone
        if take("T ") != nil {
            guard let h = number(1, 2), take(":") != nil, let m = number(2, 2) else { return nil }
            hour = h
            minute = m
            if take(":") != nil {
                guard let s = number(2, 2) else { return nil }
                second = s
                if take(".,") != nil {
                    let start = index
                    guard let digits = number(1, 9) else { return nil }
                    fraction = Double(digits) / pow(10, Double(index - start))
                    while index < bytes.count, (48...57).contains(bytes[index]) { index += 1 }
                }
            }
            while index < bytes.count, bytes[index] == UInt8(ascii: " ") { index += 1 }
            if let sign = take("Zz+-") {
                if sign == UInt8(ascii: "Z") || sign == UInt8(ascii: "z") {
                    zone = TimeZone(secondsFromGMT: 0)!
                } else {
                    guard let h = number(2, 2) else { return nil }
                    _ = take(":")
                    let m = number(2, 2) ?? 0
                    guard h <= 14, m < 60,
                          let offset = TimeZone(
                            secondsFromGMT: (sign == UInt8(ascii: "-") ? -1 : 1) * (h * 3600 + m * 60))
                    else { return nil }
                    zone = offset
                }
            }
        }
        guard index == bytes.count, (1...12).contains(month), (1...31).contains(day),
              hour < 24, minute < 60, second < 61
        else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let components = DateComponents(
            year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        guard let date = calendar.date(from: components),
              calendar.component(.day, from: date) == day  // 2019-02-30 is no date
        else { return nil }
        return date.addingTimeInterval(fraction)
    }

    private static func quoted(_ value: String) -> String {
        let safe = Sanitizer.line(value)
        return "\"" + (safe.count > 40 ? String(safe.prefix(40)) + "…" : safe) + "\""
    }
}
