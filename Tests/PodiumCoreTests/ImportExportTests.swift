import Foundation
import XCTest

@testable import PodiumCore

final class ImportExportTests: XCTestCase {
    private let tokyo = TimeZone(identifier: "Asia/Tokyo")!
    private let now = QAFixture.start

    private func fixture(_ name: String) throws -> String {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures").appendingPathComponent(name)
        // Decoded by hand: Foundation's String(contentsOf:) would drop the BOM under test.
        return String(decoding: try Data(contentsOf: url), as: UTF8.self)
    }

    private func parse(_ csv: String, skipBad: Bool = false) throws -> ImportResult {
        try QuestionImport.parse(csv: csv, file: "q.csv", skipBad: skipBad, now: now, timeZone: tokyo)
    }

    private func issues(_ csv: String) -> [ImportIssue] {
        do {
            _ = try parse(csv)
            XCTFail("expected the import to be refused")
            return []
        } catch let error as ImportError {
            return error.issues
        } catch {
            XCTFail("unexpected \(error)")
            return []
        }
    }

    private func date(_ text: String) -> Date {
        ISO8601DateFormatter().date(from: text)!
    }

    // MARK: Import

    func testImportsAFormExportWithBOMCRLFQuotesAndJapanese() throws {
        let csv = try fixture("knative-questions.csv")
        XCTAssertTrue(csv.hasPrefix("\u{FEFF}"))
        let result = try QuestionImport.parse(
            csv: csv, file: "knative-questions.csv", now: now, timeZone: tokyo)
        XCTAssertEqual(result.warnings, [])
        XCTAssertEqual(result.questions.count, 5)
        let q = result.questions
        XCTAssertEqual(q[0].text, "K8s使い始めだとメリットが理解しづらかった")
        XCTAssertEqual(q[0].author, "たなか")
        XCTAssertEqual(q[0].source, .venue)
        XCTAssertEqual(q[0].askedAt, date("2019-10-13T10:30:05Z"))
        XCTAssertEqual(q[0].voteCount, 3)
        XCTAssertEqual(q[0].votes, ["import:\(q[0].id)": 3])
        XCTAssertEqual(q[0].status, .new)
        XCTAssertEqual(q[1].author, "@m_san 🎤")
        XCTAssertEqual(q[1].source, .youtube)
        XCTAssertEqual(q[1].askedAt, date("2019-10-13T10:31:00Z"))
        XCTAssertEqual(q[2].text, "Istio、Gloo以外にも\nAmbassador使えるのでは?")
        XCTAssertEqual(q[2].author, "")
        XCTAssertEqual(q[2].voteCount, 0)
        XCTAssertEqual(q[2].askedAt, date("2019-10-13T10:32:00Z"))
        XCTAssertEqual(q[3].text, "ブルーグリーンデプロイって\"K8s\"やIstioでもできると思うけどKnativeでやる意義は?")
        XCTAssertEqual(q[3].author, "Suzuki, Ichiro")
        XCTAssertEqual(q[3].askedAt, date("2019-10-13T10:33:10Z"))
        XCTAssertEqual(q[4].source, .satellite)
        XCTAssertEqual(Set(q.map(\.id)).count, 5)
        XCTAssertTrue(q.allSatisfy { $0.id.hasPrefix("imp-") && $0.id.count == 20 })
    }

    func testImportingTheSameFileTwiceAddsNothingTwice() throws {
        let csv = try fixture("knative-questions.csv")
        var state = QAFixture.state()
        let count = state.questions.count
        let first = try parse(csv)
        XCTAssertEqual(first.newQuestions(in: state).count, 5)
        QAFixture.apply(first.actions, to: &state)
        XCTAssertEqual(state.questions.count, count + 5)
        reduce(&state, .vote(id: first.questions[0].id, voter: "moderator@tokyo", delta: 1),
               context: QAFixture.context())
        XCTAssertEqual(state.question(first.questions[0].id)?.voteCount, 4, "imported votes add to live ones")

        // Again, on another machine, another day: same ids, nothing added.
        let second = try QuestionImport.parse(
            csv: csv, file: "copy.csv", now: now.addingTimeInterval(86_400), timeZone: tokyo)
        XCTAssertEqual(second.questions.map(\.id), first.questions.map(\.id))
        XCTAssertEqual(second.newQuestions(in: state), [])
        QAFixture.apply(second.actions, to: &state)
        XCTAssertEqual(state.questions.count, count + 5)

        // A row repeated in one file is imported once.
        let repeated = "text\nいつGA?\nいつGA?\nいつGA?\n"
        let result = try parse(repeated)
        XCTAssertEqual(result.questions.count, 1)
        XCTAssertEqual(result.duplicateRows, 2)
        // Rows without a time get the same id whenever they are imported.
        XCTAssertEqual(
            try QuestionImport.parse(csv: repeated, file: "x", now: .distantFuture).questions[0].id,
            result.questions[0].id)
        XCTAssertEqual(result.questions[0].askedAt, now)
    }

    func testHeaderAliasesAndDefaults() throws {
        let csv = "Body,User,Source,UPVOTES,asked_at,extra\nスケーラビリティに関して,ken,,7,2019-05-31 19:00,x\n"
        let result = try QuestionImport.parse(
            csv: csv, file: "f.csv", defaultSource: .satellite, session: "origins", now: now,
            timeZone: tokyo, actor: "moderator@osaka")
        let question = try XCTUnwrap(result.questions.first)
        XCTAssertEqual(question.text, "スケーラビリティに関して")
        XCTAssertEqual(question.author, "ken")
        XCTAssertEqual(question.source, .satellite)
        XCTAssertEqual(question.voteCount, 7)
        XCTAssertEqual(question.sessionID, "origins")
        XCTAssertEqual(question.askedAt, date("2019-05-31T10:00:00Z"))
        XCTAssertEqual(question.history.first?.by, "moderator@osaka")
        XCTAssertThrowsError(try parse("author,votes\nken,1\n")) { error in
            XCTAssertEqual((error as? ImportError)?.issues.first?.line, 1)
        }
        XCTAssertThrowsError(try parse(""))
    }

    func testAMalformedRowIsReportedWithItsPhysicalLine() {
        // Line 1 header, 2 good, 3–5 one quoted row over three lines, 6 bad source.
        let csv = "text,source\r\nfirst,zoom\r\n\"multi\r\nline\r\nquestion\",zoom\r\nbad one,twitter\r\n"
        let found = issues(csv)
        XCTAssertEqual(found.count, 1)
        XCTAssertEqual(found.first?.line, 6)
        XCTAssertEqual(found.first?.file, "q.csv")
        XCTAssertTrue(found.first?.message.contains("unknown source \"twitter\"") ?? false, "\(found)")
        XCTAssertTrue(found.first?.description.hasPrefix("q.csv:6: unknown source") ?? false)
    }

    func testLineNumbersCountLineBreaksInsideQuotedFields() {
        // LF only; one row spans lines 3–5, a blank line 6, the bad row is on line 8.
        let csv = "text,votes\nok,1\n\"line one\nline two\nline three\",2\n\nfine,3\nbad,x\n"
        XCTAssertEqual(issues(csv).map(\.line), [8])
        let records = try? QuestionImport.parseRecords(csv)
        XCTAssertEqual(records?.map(\.line), [1, 2, 3, 7, 8])
    }

    func testEveryKindOfBadRow() {
        let long = String(repeating: "長", count: Question.maximumLength + 1)
        let exact = String(repeating: "長", count: Question.maximumLength)
        let csv = [
            "text,author,source,votes,time",
            "ok,a,zoom,1,2019-10-13 19:30",       // 2
            ",a,zoom,1,",                        // 3 missing text
            "\(long),a,zoom,,",                  // 4 too long
            "\(exact),a,zoom,,",                 // 5 fine: exactly the maximum
            "votes,a,zoom,many,",                // 6 bad votes
            "negative,a,zoom,-2,",               // 7 bad votes
            "time,a,zoom,,yesterday",            // 8 bad time
            "date,a,zoom,,2019-02-30 10:00",     // 9 no such date
            "fields,a,zoom",                     // 10 wrong number of fields
            "source,a,mastodon,,",               // 11 unknown source
            ",,,,",                              // blank row: skipped
        ].joined(separator: "\n")
        let found = issues(csv)
        XCTAssertEqual(found.map(\.line), [3, 4, 6, 7, 8, 9, 10, 11])
        let messages = found.map(\.message)
        XCTAssertTrue(messages[0].contains("missing question text"))
        XCTAssertTrue(messages[1].contains("1001 characters, longer than 1000"))
        XCTAssertTrue(messages[2].contains("bad votes \"many\""))
        XCTAssertTrue(messages[3].contains("bad votes \"-2\""))
        XCTAssertTrue(messages[4].contains("bad time \"yesterday\""))
        XCTAssertTrue(messages[5].contains("bad time"))
        XCTAssertTrue(messages[6].contains("expected 5 fields as in the header, found 3"))
        XCTAssertTrue(messages[7].contains("unknown source \"mastodon\""))

        // All or nothing, unless the bad rows are skipped.
        let skipped = try? parse(csv, skipBad: true)
        XCTAssertEqual(skipped?.questions.map(\.text), ["ok", exact])
        XCTAssertEqual(skipped?.warnings, found)
    }

    func testMessagesDoNotCarryControlCharactersFromTheFile() {
        let found = issues("text,source\nq,\u{1B}]52;c;AAAA\u{07}\n")
        XCTAssertEqual(found.count, 1)
        XCTAssertFalse(found[0].description.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
    }

    func testUnterminatedQuoteIsReportedWhereTheFieldStarts() {
        let found = issues("text\nfine\n\"never\nclosed\n")
        XCTAssertEqual(found.map(\.line), [3])
        XCTAssertTrue(found[0].message.contains("never closed"))
    }

    func testCSVRecordsFollowRFC4180() throws {
        let records = try QuestionImport.parseRecords("a,\"b,c\",\"d\"\"e\"\r\n\r\n\"\",x,\n\"1\n2\",y,z")
        XCTAssertEqual(records, [
            CSVRecord(line: 1, fields: ["a", "b,c", "d\"e"]),
            CSVRecord(line: 3, fields: ["", "x", ""]),
            CSVRecord(line: 4, fields: ["1\n2", "y", "z"]),
        ])
    }

    func testTimes() {
        func parsed(_ text: String) -> Date? { QuestionImport.parseTime(text, timeZone: tokyo) }
        XCTAssertEqual(parsed("2019-10-13T10:30:00Z"), date("2019-10-13T10:30:00Z"))
        XCTAssertEqual(parsed("2019-10-13T19:30:00+09:00"), date("2019-10-13T10:30:00Z"))
        XCTAssertEqual(parsed("2019-10-13T05:30:00-0500"), date("2019-10-13T10:30:00Z"))
        XCTAssertEqual(parsed("2019-10-13T10:30:00.250Z"), date("2019-10-13T10:30:00Z").addingTimeInterval(0.25))
        XCTAssertEqual(parsed("2019-10-13 19:30"), date("2019-10-13T10:30:00Z"))
        XCTAssertEqual(parsed("2019/10/13 19:30:59"), date("2019-10-13T10:30:59Z"))
        XCTAssertEqual(parsed("2019-10-13"), date("2019-10-12T15:00:00Z"))
        for bad in ["19:30", "2019-13-01 10:00", "2019-10-13 25:00", "2019-10-13 10:00 PM",
                    "2019-10/13 10:00", "2019-02-29 10:00", "13/10/2019"] {
            XCTAssertNil(parsed(bad), bad)
        }
        XCTAssertNotNil(parsed("2020-02-29 10:00"))
    }

    func testFNV1a64KnownValues() {
        XCTAssertEqual(QuestionImport.fnv1a64(""), 0xcbf2_9ce4_8422_2325)
        XCTAssertEqual(QuestionImport.fnv1a64("a"), 0xaf63_dc4c_8601_ec8c)
        XCTAssertEqual(QuestionImport.fnv1a64("foobar"), 0x8594_4171_f739_67e8)
        let a = QuestionImport.questionID(text: "いつGA?", author: "", source: .zoom, time: nil)
        XCTAssertEqual(a, QuestionImport.questionID(text: "いつGA?", author: "", source: .zoom, time: nil))
        XCTAssertNotEqual(a, QuestionImport.questionID(text: "いつGA?", author: "", source: .youtube, time: nil))
        XCTAssertNotEqual(a, QuestionImport.questionID(text: "いつGA?", author: "x", source: .zoom, time: nil))
        XCTAssertNotEqual(a, QuestionImport.questionID(text: "いつGA?", author: "", source: .zoom, time: now))
    }

    // MARK: Export

    private static let hostile = "=HYPERLINK(\"http://evil.example\",\"click\")\u{1B}]52;c;QUFBQQ==\u{07}\r\n"
        + "\tnext\u{9B}31m\u{7F}\u{202E}gnp.exe\u{0}"

    /// The Knative questions in every state, one hostile question, one merged duplicate.
    private func exportState() -> PodiumState {
        var state = QAFixture.state()
        var hostile = QAFixture.question("evil", Self.hostile, minute: 20, source: .discord,
                                         author: "@admin\u{1B}[2J")
        hostile.sessionID = "knative"
        QAFixture.apply([
            .addQuestion(hostile),
            .addQuestion(QAFixture.question("md", "# [x](javascript:alert(1)) <b>*bold*</b> | cell", minute: 21)),
            .setLabels(id: "evil", labels: ["-cmd", "+1"]),
            .vote(id: "evil", voter: "a", delta: 1),
            .approve(id: "k1"), .putLive(id: "k1"), .putLive(id: "k3"),
            .dismiss(id: "k2", reason: "+SUM(A1)\u{1B}[31m"), .vote(id: "k3", voter: "x", delta: 1),
            .mergeQuestion(duplicate: "k12", into: "k11"), .editText(id: "k5", text: "PaaS基盤とは?"),
            .assign(id: "k4", to: "@panelist"),
        ], to: &state)
        return state
    }

    private func assertNoControls(_ text: String, allowing allowed: Set<UInt32>, file: StaticString = #filePath, line: UInt = #line) {
        let bad = text.unicodeScalars.filter {
            ($0.value < 0x20 && !allowed.contains($0.value)) || (0x7F...0x9F).contains($0.value)
                || (0x202A...0x202E).contains($0.value)
        }
        XCTAssertEqual(bad.map { String($0.value, radix: 16) }, [], file: file, line: line)
    }

    func testCSVExport() throws {
        let state = exportState()
        let csv = QuestionExport.csv(state, timeZone: tokyo)
        assertNoControls(csv, allowing: [0x0D, 0x0A])
        // Every CR is a row end, followed by LF.
        let scalars = Array(csv.unicodeScalars)
        for (index, scalar) in scalars.enumerated() where scalar == "\r" || scalar == "\n" {
            if scalar == "\r" { XCTAssertEqual(scalars[index + 1], "\n") } else { XCTAssertEqual(scalars[index - 1], "\r") }
        }
        XCTAssertTrue(csv.hasSuffix("\r\n"))
        let records = try QuestionImport.parseRecords(csv)
        XCTAssertEqual(records.count, state.questions.count + 1)
        XCTAssertEqual(records.map(\.line), Array(1...records.count), "one physical line per row")
        let header = records[0].fields
        XCTAssertEqual(header, QuestionExport.csvHeader)
        func row(_ id: String) throws -> [String: String] {
            let fields = try XCTUnwrap(records.first { $0.fields[0] == id }).fields
            return Dictionary(uniqueKeysWithValues: zip(header, fields))
        }
        let evil = try row("evil")
        XCTAssertTrue(evil["text"]!.hasPrefix("'=HYPERLINK(\"http://evil.example\""), evil["text"]!)
        XCTAssertTrue(evil["text"]!.contains("␛]52;c;QUFBQQ==␇"))
        XCTAssertEqual(evil["author"], "'@admin␛[2J")
        XCTAssertEqual(evil["labels"], "'-cmd, +1")
        XCTAssertEqual(evil["votes"], "1")
        XCTAssertEqual(evil["source"], "discord")
        XCTAssertEqual(evil["session_title"], "Knativeで実現するKubernetes上のサーバーレスアーキテクチャ")

        XCTAssertEqual(try row("k1")["status"], "answered")
        XCTAssertEqual(try row("k1")["answered_at"], "2019-10-13T20:06:00+09:00")
        XCTAssertEqual(try row("k3")["status"], "live")
        XCTAssertEqual(try row("k2")["status"], "dismissed")
        XCTAssertEqual(try row("k2")["dismiss_reason"], "'+SUM(A1)␛[31m")
        XCTAssertEqual(try row("k4")["assignee"], "'@panelist")
        XCTAssertEqual(try row("k11")["aliases"], QAFixture.knativeQuestions[11])
        XCTAssertEqual(try row("k11")["votes"], "1")
        XCTAssertEqual(try row("k12")["merged_into"], "k11")
        XCTAssertEqual(try row("k5")["original_text"], QAFixture.knativeQuestions[4])
        XCTAssertEqual(try row("k6")["asked_at"], "2019-10-13T19:05:00+09:00")
        XCTAssertEqual(try row("k6")["text"], "いつGA?ロードマップでてる?")

        // The export comes back in through the importer (its header maps text, author, …).
        let back = try QuestionImport.parse(csv: csv, file: "export.csv", now: now)
        XCTAssertEqual(back.questions.count, state.questions.count)
        XCTAssertTrue(QuestionExport.csv(state, byteOrderMark: true).hasPrefix("\u{FEFF}id,"))
    }

    func testJSONExport() throws {
        let state = exportState()
        let json = QuestionExport.json(state, exportedAt: now, timeZone: tokyo)
        assertNoControls(json, allowing: [0x0A])
        let document = try JSONDecoder().decode(ExportDocument.self, from: Data(json.utf8))
        XCTAssertEqual(document.event, "CloudNative Days Tokyo 2019")
        XCTAssertEqual(document.exportedAt, "2019-10-13T19:00:00+09:00")
        XCTAssertEqual(document.questions.count, state.questions.count)
        XCTAssertEqual(document.questions.map(\.id).prefix(3), ["k1", "k2", "k3"], "session, then age")
        XCTAssertEqual(document.questions.last?.sessionID, "origins")
        let evil = try XCTUnwrap(document.questions.first { $0.id == "evil" })
        XCTAssertTrue(evil.text.hasPrefix("=HYPERLINK"), "JSON keeps the text, only made inert")
        XCTAssertFalse(evil.text.unicodeScalars.contains { $0.value < 0x20 })
        let k2 = try XCTUnwrap(document.questions.first { $0.id == "k2" })
        XCTAssertEqual(k2.status, "dismissed")
        XCTAssertEqual(k2.dismissReason, "+SUM(A1)␛[31m")
        XCTAssertNotNil(k2.dismissedAt)
        let k11 = try XCTUnwrap(document.questions.first { $0.id == "k11" })
        XCTAssertEqual(k11.aliases, [QAFixture.knativeQuestions[11]])
        XCTAssertEqual(k11.sessionTitle, QAFixture.event.sessions[0].title)
        // Sorted keys.
        let aliases = try XCTUnwrap(json.range(of: "\"aliases\""))
        let votes = try XCTUnwrap(json.range(of: "\"votes\""))
        XCTAssertLessThan(aliases.lowerBound, votes.lowerBound)
    }

    func testJSONEncoderEscapesControlCharacters() throws {
        // The guarantee the export relies on even if a raw string slipped through.
        let data = try JSONEncoder().encode(["t": "a\u{1B}[2J\u{07}b"])
        let text = String(decoding: data, as: UTF8.self)
        XCTAssertFalse(data.contains(0x1B))
        XCTAssertFalse(data.contains(0x07))
        XCTAssertTrue(text.lowercased().contains("\\u001b"), text)
    }

    func testMarkdownExport() {
        let state = exportState()
        let markdown = QuestionExport.markdown(state, exportedAt: now, timeZone: tokyo)
        assertNoControls(markdown, allowing: [0x0A])
        XCTAssertTrue(markdown.hasPrefix("# Questions: CloudNative Days Tokyo 2019\n"))
        XCTAssertTrue(markdown.contains("\n## Knativeで実現するKubernetes上のサーバーレスアーキテクチャ (knative)\n"))
        XCTAssertTrue(markdown.contains("\n## The origins and future of Kubernetes (origins)\n"))
        XCTAssertTrue(markdown.contains("**dismissed** · 0 votes · zoom"))
        XCTAssertTrue(markdown.contains("   - dismissed 2019-10-13T"))
        XCTAssertTrue(markdown.contains("**merged**"))
        XCTAssertTrue(markdown.contains("   - also asked as: EventingのIstio依存ってもうないのでは?"))
        XCTAssertTrue(markdown.contains("   いつGA?ロードマップでてる?\n"))
        // Markdown in a question renders as text: no link, no heading, no HTML.
        XCTAssertTrue(markdown.contains("   \\# \\[x\\](javascript:alert(1)) \\<b\\>\\*bold\\*\\</b\\> \\| cell\n"), markdown)
        XCTAssertEqual(markdown.components(separatedBy: "\n").filter { $0.hasPrefix("#") }.count, 3)
        XCTAssertEqual(QuestionExport.render(state, format: .md, exportedAt: now, timeZone: tokyo), markdown)
        XCTAssertEqual(ExportFormat(name: "Markdown"), .md)
        XCTAssertNil(ExportFormat(name: "xlsx"))
    }
}
