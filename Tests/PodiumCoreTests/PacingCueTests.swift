import XCTest
@testable import PodiumCore

final class PacingCueTests: XCTestCase {
    let notes = """
        # Kubernetes 入門

        [0:00] 自己紹介
        - [5:00] Pod とは
        * [12:30] **Demo**: kubectl apply
        Not a cue [20:00]
        [link](https://example.com) and [10:00](https://example.com/t)
        ```
        [30:00] inside a fence
        ```
        [1:05:00] Wrap up
        ［25：00］ 質疑応答
        [99] no
        [5:60] no
        [12:3] no
        """

    func testParseFindsMarkersWithLineIndexSecondsAndText() {
        let cues = PacingCues.parse(notes)
        XCTAssertEqual(cues, [
            PacingCue(line: 2, seconds: 0, text: "自己紹介"),
            PacingCue(line: 3, seconds: 300, text: "Pod とは"),
            PacingCue(line: 4, seconds: 750, text: "**Demo**: kubectl apply"),
            PacingCue(line: 10, seconds: 3900, text: "Wrap up"),
            PacingCue(line: 11, seconds: 1500, text: "質疑応答"),
        ])
        XCTAssertEqual(cues[3].marker, "[1:05:00]")
        XCTAssertEqual(cues[2].marker, "[12:30]")
    }

    func testLineIndicesCountCRLFAndLoneCRLikeTheRenderer() {
        let cues = PacingCues.parse("intro\r\n[1:00] a\rmiddle\n[2:00] b")
        XCTAssertEqual(cues.map(\.line), [1, 3])
        XCTAssertEqual(PacingCues.lines(of: "intro\r\n[1:00] a\rmiddle\n[2:00] b").count, 4)
    }

    func testHostileCueTextIsSanitisedInTheSummary() {
        let cues = PacingCues.parse("[1:00] evil\u{1B}]52;c;AAAA\u{07}")
        XCTAssertEqual(cues.count, 1)
        let status = PacingCues.status(cues: cues, elapsedSeconds: 10)!
        XCTAssertFalse(status.summary.unicodeScalars.contains { $0.value < 0x20 })
        XCTAssertTrue(status.summary.contains("␛]52;c;AAAA␇"))
    }

    func testStatusBeforeFirstCue() {
        let cues = PacingCues.parse("[5:00] Pod\n[15:00] Demo")
        let status = PacingCues.status(cues: cues, elapsedSeconds: 170)!
        XCTAssertNil(status.current)
        XCTAssertEqual(status.next?.seconds, 300)
        XCTAssertEqual(status.untilNext, 130)
        XCTAssertNil(status.sinceCurrent)
        XCTAssertEqual(status.pace, 130)
        XCTAssertEqual(status.summary, "next [5:00] Pod in 2:10")
    }

    func testStatusExactlyAtACueMakesItCurrent() {
        let cues = PacingCues.parse("[5:00] Pod\n[15:00] Demo")
        let status = PacingCues.status(cues: cues, elapsedSeconds: 300)!
        XCTAssertEqual(status.current?.text, "Pod")
        XCTAssertEqual(status.sinceCurrent, 0)
        XCTAssertEqual(status.next?.text, "Demo")
        XCTAssertEqual(status.untilNext, 600)
        XCTAssertEqual(status.summary, "[5:00] Pod +0:00 · next [15:00] Demo in 10:00")
    }

    func testStatusBetweenCuesAndStates() {
        let cues = PacingCues.parse("[0:00] Hello\n[5:00] Pod\n[15:00] Demo\n[25:00] Q&A")
        let status = PacingCues.status(cues: cues, elapsedSeconds: 12 * 60 + 50)!
        XCTAssertEqual(status.current?.text, "Pod")
        XCTAssertEqual(status.sinceCurrent, 470)
        XCTAssertEqual(status.untilNext, 130)
        XCTAssertEqual(status.state(of: cues[0]), .passed)
        XCTAssertEqual(status.state(of: cues[1]), .current)
        XCTAssertEqual(status.state(of: cues[2]), .upcoming)
        XCTAssertEqual(status.state(of: cues[3]), .upcoming)
        XCTAssertEqual(status.summary, "[5:00] Pod +7:50 · next [15:00] Demo in 2:10")
    }

    func testStatusAfterLastCueIsNegativePace() {
        let cues = PacingCues.parse("[5:00] Pod\n[15:00] Demo")
        let status = PacingCues.status(cues: cues, elapsedSeconds: 16 * 60 + 5)!
        XCTAssertEqual(status.current?.text, "Demo")
        XCTAssertNil(status.next)
        XCTAssertNil(status.untilNext)
        XCTAssertEqual(status.pace, -65)
        XCTAssertEqual(status.summary, "[15:00] Demo +1:05 · last cue")
    }

    func testCuesOutOfOrderInTheTextAreReadInTimeOrder() {
        let cues = PacingCues.parse("[20:00] late\n[10:00] early")
        let status = PacingCues.status(cues: cues, elapsedSeconds: 15 * 60)!
        XCTAssertEqual(status.current?.text, "early")
        XCTAssertEqual(status.next?.text, "late")
        XCTAssertEqual(status.state(of: cues[0]), .upcoming)
    }

    func testNoCuesGiveNoStatusAndHourMarkersCount() {
        XCTAssertNil(PacingCues.status(cues: PacingCues.parse("just text\n- a list"), elapsedSeconds: 30))
        let cues = PacingCues.parse("[1:00:00] hour\n[75:00] minutes past an hour")
        XCTAssertEqual(cues.map(\.seconds), [3600, 4500])
        XCTAssertEqual(cues[1].marker, "[1:15:00]")
    }
}
