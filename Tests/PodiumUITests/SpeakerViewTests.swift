import Foundation
import PodiumCore
import PodiumUI
import XCTest

/// A speaker view fixture: Kubernetes Internal #1 (a Japanese session title, a live Japanese
/// question from CloudNative Days, a message from the host).
enum SpeakerFixture {
    /// 2020-10-13 10:00:00 UTC (19:00 in Tokyo).
    static let start = Date(timeIntervalSince1970: 1_602_583_200)
    static let utc = TimeZone(identifier: "UTC")!

    static func event() -> Event {
        Event(
            title: "Kubernetes Internal #1", date: "2020-10-13", venue: "Zoom", start: "10:00",
            sessions: [
                Session(
                    id: "reading", title: "Kubernetesのコードリーディングをする上で知っておくと良さそうなこと",
                    speaker: "主催者", plannedSeconds: 40 * 60,
                    notes: "[00:00] 自己紹介\n[10:00] ディレクトリ構成を見せる\n[30:00] Discussion に移る",
                    hostNotes: "HOST ONLY: start the YouTube Live stream"),
                Session(id: "discussion", title: "Open discussion", speaker: "Everyone", plannedSeconds: 40 * 60),
            ])
    }

    /// The state `seconds` after the talk started (nil: not started), with a message and a
    /// live question.
    static func state(after seconds: Double?) -> (PodiumState, Date) {
        var state = PodiumState(event: event(), now: start)
        let context = ActionContext(now: start, actor: "host@test")
        if seconds != nil { reduce(&state, .startTimer(session: "reading"), context: context) }
        reduce(&state, .sendMessage(SpeakerMessage(
            text: "Please wrap up — あと5分でまとめてください", sentBy: "host@test", sentAt: start)),
            context: context)
        let question = Question(
            id: "q1", text: "実際どう?使ってる?メルペイでもサーバーレスワークロードって検討してる?",
            author: "zoom-user", source: .zoom, askedAt: start)
        reduce(&state, .addQuestion(question), context: context)
        reduce(&state, .putLive(id: "q1"), context: context)
        return (state, start.addingTimeInterval(seconds ?? 0))
    }

    static let phases: [(String, Double?)] = [
        ("idle", nil), ("normal", 600), ("warning", 36 * 60), ("danger", 38 * 60 + 30),
        ("overtime", 41 * 60 + 5),
    ]
}

final class SpeakerViewTests: XCTestCase {
    func render(_ state: PodiumState, _ now: Date, _ width: Int, _ height: Int) -> Screen {
        SpeakerView.render(
            state: state, now: now, width: width, height: height, timeZone: SpeakerFixture.utc)
    }

    func testGoldensInEveryPhaseAndSize() {
        for (width, height) in [(40, 12), (80, 24), (200, 60)] {
            for (phase, seconds) in SpeakerFixture.phases {
                let (state, now) = SpeakerFixture.state(after: seconds)
                XCTAssertEqual(state.reading(at: now).phase.rawValue, phase)
                assertGolden(render(state, now, width, height), named: "speaker-\(width)x\(height)-\(phase)")
            }
        }
    }

    func testDigitsAreDrawnInThePhaseColourAndOvertimeFlashes() {
        let expected: [String: Style] = [
            "idle": Style(.dim), "normal": Style(.good, bold: true),
            "warning": Style(.warning, bold: true), "danger": Style(.danger, bold: true),
            "overtime": Style(.danger, bold: true, blink: true),
        ]
        for (phase, seconds) in SpeakerFixture.phases {
            let (state, now) = SpeakerFixture.state(after: seconds)
            let screen = render(state, now, 80, 24)
            let blocks = screen.cells.filter { $0.glyph == .line(.block) }
            XCTAssertGreaterThan(blocks.count, 50, phase)
            XCTAssertEqual(Set(blocks.map(\.style)), [expected[phase]!], phase)
        }
    }

    func testShowsTimeOfDayTitleMessageQuestionAndNextButNeverHostNotes() {
        let (state, now) = SpeakerFixture.state(after: 600)
        for (width, height) in [(40, 12), (80, 24), (200, 60)] {
            let text = render(state, now, width, height).text
            XCTAssertTrue(text.contains("10:10"), "time of day at \(width)x\(height)")
            XCTAssertTrue(text.contains("Kubernetesのコード"), "title at \(width)x\(height)")
            XCTAssertTrue(text.contains("Please wrap up"), "message at \(width)x\(height)")
            XCTAssertTrue(text.contains("Q: 実際どう"), "question at \(width)x\(height)")
            XCTAssertTrue(text.contains("Next: Open discussion"), "next at \(width)x\(height)")
            XCTAssertFalse(text.contains("HOST ONLY"), "host notes at \(width)x\(height)")
        }
        let large = render(state, now, 200, 60).text
        XCTAssertTrue(large.contains("ディレクトリ構成を見せる"), "speaker notes when there is room")
    }

    func testTheLiveQuestionNamesThePanelistItIsAssignedTo() {
        var (state, now) = SpeakerFixture.state(after: 600)
        reduce(&state, .assign(id: "q1", to: "山田"), context: ActionContext(now: now, actor: "moderator@test"))
        for (width, height) in [(40, 12), (80, 24)] {
            XCTAssertTrue(render(state, now, width, height).text.contains("Q: → 山田: 実際"), "\(width)x\(height)")
        }
    }

    func testTimeOfDayUsesTheGivenTimeZone() {
        let (state, now) = SpeakerFixture.state(after: 600)
        let tokyo = SpeakerView.render(
            state: state, now: now, width: 80, height: 24, timeZone: TimeZone(identifier: "Asia/Tokyo")!)
        XCTAssertTrue(tokyo.lines()[0].hasSuffix("19:10 "))
    }

    func testNotesLinesReplaceTheStateNotes() {
        let (state, now) = SpeakerFixture.state(after: 600)
        let screen = SpeakerView.render(
            state: state, now: now, width: 200, height: 60, notesLines: ["> [10:00] cue now"],
            timeZone: SpeakerFixture.utc)
        XCTAssertTrue(screen.text.contains("> [10:00] cue now"))
        XCTAssertFalse(screen.text.contains("自己紹介"))
    }

    func testTooSmallSaysWhatItNeeds() {
        let (state, now) = SpeakerFixture.state(after: 600)
        let screen = render(state, now, 29, 12)
        XCTAssertTrue(screen.text.contains("terminal too small"))
        XCTAssertTrue(screen.text.contains("30×10"))
        XCTAssertFalse(screen.cells.contains { $0.glyph == .line(.block) })
        XCTAssertTrue(render(state, now, 40, 9).text.contains("terminal too small"))
    }

    func testHostileTextNeverReachesACellAsAControl() {
        var (state, now) = SpeakerFixture.state(after: 600)
        state.message = SpeakerMessage(text: "hi\u{1B}]52;c;AAAA\u{07}\nthere", sentBy: "x", sentAt: now)
        state.event.sessions[0].title = "\u{1B}[2Jevil"
        let screen = render(state, now, 80, 24)
        for cell in screen.cells {
            if case .text(let text) = cell.glyph {
                XCTAssertFalse(text.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F })
            }
        }
        XCTAssertTrue(screen.text.contains("␛[2Jevil"))
    }
}

final class BigDigitsTests: XCTestCase {
    func testLayoutFillsLargeAreasAndStaysReadableInSmallOnes() {
        let big = BigDigits.layout("12:34", width: 200, height: 60)!
        XCTAssertEqual(big.font.rows, 5)
        XCTAssertGreaterThanOrEqual(big.width, 180)
        XCTAssertLessThanOrEqual(big.width, 200)
        XCTAssertLessThanOrEqual(big.height, 60)
        XCTAssertGreaterThanOrEqual(big.height, 40)

        let small = BigDigits.layout("12:34", width: 40, height: 12)!
        XCTAssertEqual(small.font.rows, 5)
        XCTAssertEqual(small.height, 5)
        XCTAssertEqual(small.width, 21)

        let tiny = BigDigits.layout("1:02:03", width: 30, height: 4)!
        XCTAssertEqual(tiny.font.rows, 3)
        XCTAssertNil(BigDigits.layout("1:02:03", width: 10, height: 2))
    }

    func testGlyphsAreDrawnPixelForPixel() {
        var screen = Screen(width: 21, height: 5)
        BigDigits.draw("12:34", into: &screen, rect: Rect(x: 0, y: 0, width: 21, height: 5), style: .normal)
        XCTAssertEqual(screen.lines(ascii: true), [
            "  #  ####   #### #  #",
            " ##     # #    # #  #",
            "  #  ####    ### ####",
            "  #  #    #    #    #",
            " ### ####   ####    #",
        ])
    }

    func testScaledGlyphsRepeatEachPixel() {
        var screen = Screen(width: 16, height: 10)
        BigDigits.draw("+1", into: &screen, rect: Rect(x: 0, y: 0, width: 16, height: 10), style: .normal)
        // "+1" is 8 pixels wide and 5 tall: each pixel is 2 cells by 2 rows.
        let lines = screen.lines(ascii: true)
        XCTAssertEqual(lines[0], lines[1])
        XCTAssertEqual(lines[4], lines[5])
        XCTAssertEqual(lines[4], "######      ##  ")
        XCTAssertEqual(lines[2], "  ##      ####  ")
    }

    func testFallsBackToPlainText() {
        var screen = Screen(width: 6, height: 1)
        BigDigits.draw("+1:05", into: &screen, rect: Rect(x: 0, y: 0, width: 6, height: 1), style: .normal)
        XCTAssertEqual(screen.text, "+1:05 ")
    }
}

final class RundownViewTests: XCTestCase {
    /// Kubernetes Meetup Tokyo #15 in Tokyo, 19:00–21:00: the opening ran 2 minutes over, the
    /// GitOps lightning talk was skipped (10 minutes won back), the KubeVirt talk is 15 minutes
    /// into overtime: 2 - 10 + 15 = 7 minutes behind.
    func meetup() -> (PodiumState, Date, Calendar) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        func at(_ hour: Int, _ minute: Int) -> Date {
            calendar.date(from: DateComponents(year: 2019, month: 1, day: 23, hour: hour, minute: minute))!
        }
        let event = Event(
            title: "Kubernetes Meetup Tokyo #15", date: "2019-01-23", start: "19:00",
            sessions: [
                Session(id: "opening", title: "Opening", plannedSeconds: 10 * 60),
                Session(id: "overview", title: "KubeCon + CloudNativeCon North America 2018 Overview", plannedSeconds: 20 * 60),
                Session(id: "gitops", title: "Lightning Talk: GitOps", plannedSeconds: 10 * 60),
                Session(id: "kubevirt", title: "KubeVirtでVMとコンテナを並べて動かす", plannedSeconds: 20 * 60),
                Session(id: "airbnb", title: "Developing Kubernetes Services at Airbnb Scale", plannedSeconds: 20 * 60),
                Session(id: "harbor", title: "Harbor and Dragonfly", plannedSeconds: 20 * 60),
                Session(id: "opa", title: "Securing Kubernetes With Admission Controllers", plannedSeconds: 20 * 60),
            ])
        var state = PodiumState(event: event, now: at(18, 30))
        func act(_ time: Date, _ action: Action) {
            reduce(&state, action, context: ActionContext(now: time, actor: "host@test"))
        }
        act(at(19, 0), .startTimer(session: "opening"))
        act(at(19, 12), .nextSession(from: "opening"))
        act(at(19, 12), .startTimer(session: "overview"))
        act(at(19, 32), .goToSession("kubevirt"))
        act(at(19, 32), .startTimer(session: "kubevirt"))
        return (state, at(20, 7), calendar)
    }

    func testRundownShowsEverySessionTheCurrentOneAndTheSummary() {
        let (state, now, calendar) = meetup()
        let projection = Schedule.project(state, now: now, calendar: calendar)
        XCTAssertEqual(projection.summaryLine, "7 min behind · ends 21:07 (planned 21:00)")
        var screen = Screen(width: 100, height: 14)
        RundownView.render(projection: projection, state: state, now: now, into: &screen,
                           rect: Rect(x: 0, y: 0, width: 100, height: 14))
        let lines = screen.lines()
        XCTAssertTrue(lines[0].hasPrefix("┌ Rundown ─"))
        XCTAssertTrue(lines.contains { $0.contains("skipped") && $0.contains("GitOps") })
        let current = lines.first { $0.contains(">") }!
        XCTAssertTrue(current.contains("KubeVirtでVMとコンテナ"))
        XCTAssertTrue(current.contains("+15:00"))
        XCTAssertTrue(lines[12].contains("7 min behind · ends 21:07 (planned 21:00)"))
        let currentRow = lines.firstIndex(of: current)!
        XCTAssertEqual(screen[1, currentRow].style, Style(.selected, bold: true, reverse: true))
        assertGolden(screen, named: "speaker-rundown-100x14")

        // Narrow: fewer columns, the same rows and summary; every line the same width.
        var narrow = Screen(width: 50, height: 12)
        RundownView.render(projection: projection, state: state, now: now, into: &narrow,
                           rect: Rect(x: 0, y: 0, width: 50, height: 12))
        assertGolden(narrow, named: "speaker-rundown-50x12")
        XCTAssertTrue(narrow.text.contains("7 min behind"))
    }
}

/// The one rounding rule: at every instant around zero, the speaker's big digits, the line
/// under them, the host's big digits and the line under those, the rundown and the report
/// show one overtime (or time left) number.
final class OneOvertimeNumberTests: XCTestCase {
    private let utc = TimeZone(identifier: "UTC")!
    private let start = Date(timeIntervalSince1970: 1_548_925_200)  // 2019-01-31 09:00 UTC

    /// A 10-second slot, as in the report of the bug: "+0:13" over "OVER TIME · 0:23 of 0:10".
    private func state() -> PodiumState {
        let event = Event(
            title: "Kubernetes Internal #1", start: "09:00",
            sessions: [
                Session(id: "lt", title: "Kubernetesのコードリーディング", plannedSeconds: 10),
                Session(id: "talk", title: "Discussion", plannedSeconds: 2400),
            ])
        var state = PodiumState(event: event, now: start)
        reduce(&state, .startTimer(session: "lt"), context: ActionContext(now: start + 0.37, actor: "host@test"))
        return state
    }

    /// The cells drawn as blocks above row `limit`, moved to start at (0, 0).
    private func blocks(_ screen: Screen, above limit: Int) -> Set<[Int]> {
        var found: [[Int]] = []
        for y in 0..<min(limit, screen.height) {
            for x in 0..<screen.width where screen[x, y].glyph == .line(.block) { found.append([x, y]) }
        }
        let minX = found.map { $0[0] }.min() ?? 0
        let minY = found.map { $0[1] }.min() ?? 0
        return Set(found.map { [$0[0] - minX, $0[1] - minY] })
    }

    /// Whether `screen` shows `text` in big digits above row `limit`, at any scale.
    private func showsBigDigits(_ text: String, _ screen: Screen, above limit: Int) -> Bool {
        let shown = blocks(screen, above: limit)
        for font in [BigDigits.Font.large, .small] {
            for scaleY in 1...12 {
                for scaleX in scaleY...(2 * scaleY) {
                    let width = font.width(of: text) * scaleX
                    let height = font.rows * scaleY
                    guard width <= screen.width, height <= screen.height else { continue }
                    var candidate = Screen(width: width, height: height)
                    BigDigits.draw(text, into: &candidate, rect: Rect(x: 0, y: 0, width: width, height: height), style: .normal)
                    if blocks(candidate, above: height) == shown { return true }
                }
            }
        }
        return false
    }

    func testEveryScreenAndLineShowsOneNumberAroundZero() {
        let state = state()
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = utc
        var checkedOvertime = 0
        // From 2 s before zero to 14 s after, in steps that land on and between whole seconds.
        for step in 0..<160 {
            let now = start + 0.37 + 8 + Double(step) * 0.1 + (step % 2 == 0 ? 0 : 0.001)
            let reading = state.reading(at: now)
            let shown = TimeText.reading(reading)  // "0:01" or "+0:13"

            // The speaker: big digits, and the same number in the line under them.
            let speaker = SpeakerView.render(state: state, now: now, width: 80, height: 24, timeZone: utc)
            let speakerLines = speaker.lines()
            let statusRow = try! XCTUnwrap(speakerLines.firstIndex { $0.contains("used ") }, speaker.text)
            XCTAssertTrue(showsBigDigits(shown, speaker, above: statusRow), "speaker digits at \(step): \(shown)\n\(speaker.text)")
            // (The reading is not vacuous: the time used is never what the digits show.)
            XCTAssertFalse(showsBigDigits(TimeText.clock(reading.elapsedSeconds), speaker, above: statusRow))
            let status = speakerLines[statusRow]
            if reading.phase == .overtime {
                XCTAssertTrue(status.contains("OVER TIME \(shown) · used "), "\(step): \(status)")
                checkedOvertime += 1
            }
            XCTAssertTrue(status.contains("used \(TimeText.clock(reading.elapsedSeconds)) of 0:10"), status)
            XCTAssertEqual(reading.elapsedSeconds - 10, reading.phase == .overtime ? reading.overtimeSeconds : -reading.remainingSeconds)

            // The host with big seconds: digits and the line under them.
            var model = ConsoleModel(role: .host, actor: "host@test", shared: state)
            model.timeZone = utc
            model.bigSeconds = true
            let host = ConsoleView.render(model, now: now, width: 80, height: 24)
            let hostLines = host.lines()
            let lineRow = try! XCTUnwrap(hostLines.firstIndex { $0.contains(" planned") && $0.contains("0:10") }, host.text)
            XCTAssertTrue(hostLines[lineRow].contains("│" + shown + " "), hostLines[lineRow])
            XCTAssertTrue(showsBigDigits(shown, host, above: lineRow), "host digits at \(step): \(shown)\n\(host.text)")

            // The rundown and the report: the same overtime, once there is some.
            let projection = Schedule.project(state, now: now, calendar: calendar)
            var rundown = Screen(width: 100, height: 10)
            RundownView.render(projection: projection, state: state, now: now, into: &rundown, rect: Rect(x: 0, y: 0, width: 100, height: 10))
            let row = try! XCTUnwrap(rundown.lines().first { $0.contains(">") })
            let line = Report.lines(state, now: now, calendar: calendar)[0]
            if reading.phase == .overtime {
                let over = row.split(separator: " ").dropLast().last.map(String.init)
                XCTAssertEqual(over, shown, "\(step): \(row)")
                XCTAssertEqual(line.over, shown)
            } else {
                XCTAssertFalse(row.contains("+"), row)
                XCTAssertEqual(line.over, "")
            }
            XCTAssertTrue(row.contains(" " + TimeText.clock(reading.elapsedSeconds) + " "), row)
            XCTAssertEqual(line.actualLength, TimeText.clock(reading.elapsedSeconds))
        }
        XCTAssertGreaterThan(checkedOvertime, 100)
    }
}
