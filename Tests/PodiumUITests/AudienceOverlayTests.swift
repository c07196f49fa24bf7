import Foundation
import PodiumCore
import PodiumText
import XCTest
@testable import PodiumUI

final class AudienceOverlayTests: XCTestCase {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    func model(role: Role = .moderator) -> ConsoleModel {
        var state = PodiumState(event: Event(title: "E", sessions: [Session(id: "s1", title: "S", plannedSeconds: 600)]), now: now)
        state.questions.append(Question(id: "q-web", text: "spam from a phone", source: .web, sessionID: "s1", askedAt: now, by: "web:0123456789abcdef0123456789abcdef"))
        state.questions.append(Question(id: "q-zoom", text: "from zoom", source: .zoom, sessionID: "s1", askedAt: now + 1, by: "moderator@test"))
        var model = ConsoleModel(role: role, actor: "\(role.rawValue)@test", shared: state)
        model.timeZone = TimeZone(identifier: "UTC")!
        model.width = 80
        model.height = 24
        return model
    }

    func testQShowsTheURLItsQRCodeAndTheStageScreens() {
        var console = model()
        _ = console.handle(.character("Q"), now: now)
        XCTAssertEqual(console.overlay, .audience)
        var screen = ConsoleView.render(console, now: now, width: 80, height: 24)
        XCTAssertTrue(screen.text.contains("podium serve is not running"))
        console.presence = ServePresence(
            pid: 1, updatedAt: now - 2, urls: ["http://192.168.1.20:8080/", "http://127.0.0.1:8080/"], audience: 37,
            stages: [.init(address: "192.168.1.30", since: now - 600)])
        screen = ConsoleView.render(console, now: now, width: 80, height: 24)
        XCTAssertTrue(screen.text.contains("Audience page: http://192.168.1.20:8080/"))
        XCTAssertTrue(screen.text.contains("1 stage screen following: 192.168.1.30 since 07:50"))
        XCTAssertTrue(screen.text.contains("37 audience pages open"))
        XCTAssertTrue(screen.lines().contains { $0.contains("▀") || $0.contains("▄") }, "the QR code is drawn")
        // A server that stopped writing its presence is gone.
        console.presence?.updatedAt = now - 60
        XCTAssertTrue(ConsoleView.render(console, now: now, width: 80, height: 24).text.contains("not running"))
        _ = console.handle(.character("x"), now: now)
        XCTAssertNil(console.overlay)
    }

    func testTheBoxSpeaksJapanese() {
        var console = model()
        console.language = .ja
        console.selectedQuestionID = "q-web"
        _ = console.handle(.character("Q"), now: now)
        var screen = ConsoleView.render(console, now: now, width: 80, height: 24)
        XCTAssertTrue(screen.text.contains("この状態ファイルで podium serve が動いていません。"), screen.text)
        XCTAssertTrue(screen.text.contains("何かキーで閉じる"), screen.text)
        console.presence = ServePresence(
            pid: 1, updatedAt: now - 2, urls: ["http://192.168.1.20:8080/", "http://127.0.0.1:8080/"], audience: 37,
            stages: [.init(address: "192.168.1.30", since: now - 600)])
        screen = ConsoleView.render(console, now: now, width: 80, height: 24)
        XCTAssertTrue(screen.text.contains("参加者ページ: http://192.168.1.20:8080/  (ほかに http://127.0.0.1:8080/)"), screen.text)
        XCTAssertTrue(screen.text.contains("ステージ画面 1 台が接続中: 192.168.1.30 (07:50 から)"), screen.text)
        XCTAssertTrue(screen.text.contains("b: 選んだ質問の質問者をブロック · 参加者ページ 37 件"), screen.text)
        console.presence?.stages = []
        XCTAssertTrue(ConsoleView.render(console, now: now, width: 80, height: 24).text.contains("ステージ画面の接続なし"))
        _ = console.handle(.character("b"), now: now)
        XCTAssertEqual(console.notice, "「spam from a phone」の質問者をブロックしました: 未処理の質問は却下し、新しい質問は受け付けません")
        console.selectedQuestionID = "q-zoom"
        _ = console.handle(.character("Q"), now: now)
        _ = console.handle(.character("b"), now: now)
        XCTAssertEqual(console.notice, "選んだ質問は参加者ページからではありません: ブロックする相手がいません")
    }

    func testBInTheBoxBlocksWhoAskedTheSelectedQuestionFromThePage() {
        var console = model()
        console.selectedQuestionID = "q-web"
        _ = console.handle(.character("Q"), now: now)
        let output = console.handle(.character("b"), now: now)
        XCTAssertEqual(output.actions.map(\.unguarded), [.blockPerson("0123456789abcdef0123456789abcdef")])
        XCTAssertNil(console.overlay)
        console.selectedQuestionID = "q-zoom"
        _ = console.handle(.character("Q"), now: now)
        XCTAssertTrue(console.handle(.character("b"), now: now).actions.isEmpty, "nobody to block")
    }

    func testTheSpeakerHasNoAudienceBox() {
        var console = model(role: .speaker)
        _ = console.handle(.character("Q"), now: now)
        XCTAssertNil(console.overlay)
    }

    func testBlockingDismissesTheirOpenQuestionsAndRecordsThem() {
        var state = model().shared
        reduce(&state, .blockPerson("0123456789abcdef0123456789abcdef"), context: ActionContext(now: now, actor: "moderator@test"))
        XCTAssertEqual(state.blockedPeople, ["0123456789abcdef0123456789abcdef"])
        XCTAssertEqual(state.question("q-web")?.status, .dismissed)
        XCTAssertEqual(state.question("q-web")?.dismissReason, "blocked")
        XCTAssertEqual(state.question("q-zoom")?.status, .new)
    }
}
