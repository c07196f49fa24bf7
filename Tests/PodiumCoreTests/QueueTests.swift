import Foundation
import XCTest

@testable import PodiumCore

/// Test data for the Q&A tests: the questions asked after a real talk at CloudNative Days
/// Tokyo 2019 and at Kubernetes Meetup Tokyo #19 (shared/fixtures/real-events.md).
enum QAFixture {
    /// 2019-10-13 10:00 UTC.
    static let start = Date(timeIntervalSince1970: 1_570_960_800)

    static func context(minute: Double = 60, actor: String = "moderator@tokyo") -> ActionContext {
        ActionContext(now: start.addingTimeInterval(minute * 60), actor: actor)
    }

    static let event = Event(
        title: "CloudNative Days Tokyo 2019",
        sessions: [
            Session(id: "knative", title: "Knativeで実現するKubernetes上のサーバーレスアーキテクチャ",
                    plannedSeconds: 40 * 60),
            Session(id: "origins", title: "The origins and future of Kubernetes", plannedSeconds: 30 * 60),
        ])

    static let knativeQuestions = [
        "K8s使い始めだとメリットが理解しづらかった",
        "実際どう?使ってる?メルペイでもサーバーレスワークロードって検討してる?",
        "K8sクラスタでFaaSを使えるようにする意義は?",
        "node affinityと両立するにはどうしたらいい?",
        "FaaSはわかるけどPaaS基盤を構築するってどういうこと?",
        "いつGA?ロードマップでてる?",
        "ブルーグリーンデプロイってK8sやIstioでもできると思うけどKnativeでやる意義は?",
        "隠蔽されることで調査しづらくなったりする部分ないか",
        "K8sでできるけどKnative使うとできなくなることないか",
        "(プラットフォーム的に現実的に選択できる)Cloud Runどう使うとよさそうか",
        "Istio、Gloo以外にもAmbassador使えるのでは?",
        "EventingのIstio依存ってもうないのでは?",
    ]

    static let originsQuestions = [
        "StatefulSets には今回触れられなかったが、どういう扱いなのか",
        "スケーラビリティに関して",
        "Kubernetes はなぜ etcd を使っているか",
    ]

    static func question(
        _ id: String, _ text: String, minute: Double, source: QuestionSource = .venue,
        author: String = "", session: String = "knative", status: QuestionStatus = .new
    ) -> Question {
        Question(
            id: id, text: text, author: author, source: source, sessionID: session, status: status,
            askedAt: start.addingTimeInterval(minute * 60), by: "script@test")
    }

    /// A state with the twelve Knative questions (k1…k12, new, asked a minute apart, sources
    /// in turn) in the current session and the Osaka keynote's questions (o1…o3) in the next.
    static func state() -> PodiumState {
        var state = PodiumState(event: event, now: start)
        let sources: [QuestionSource] = [.venue, .zoom, .youtube, .discord, .satellite, .other]
        for (index, text) in knativeQuestions.enumerated() {
            let q = question(
                "k\(index + 1)", text, minute: Double(index), source: sources[index % sources.count],
                author: "参加者\(index + 1)")
            reduce(&state, .addQuestion(q), context: context(minute: Double(index)))
        }
        for (index, text) in originsQuestions.enumerated() {
            let q = question("o\(index + 1)", text, minute: Double(100 + index), session: "origins")
            reduce(&state, .addQuestion(q), context: context(minute: Double(100 + index)))
        }
        return state
    }

    /// Applies actions in order, each a minute later.
    static func apply(_ actions: [Action], to state: inout PodiumState, from minute: Double = 60) {
        for (offset, action) in actions.enumerated() {
            reduce(&state, action, context: context(minute: minute + Double(offset)))
        }
    }
}

final class QueueTests: XCTestCase {
    private func ids(_ questions: [Question]) -> [String] { questions.map(\.id) }

    /// k1 new, k2 approved, k3 live, k4 answered, k5 dismissed, k6 merged into k2 (was new).
    private func triagedState() -> PodiumState {
        var state = QAFixture.state()
        QAFixture.apply([
            .approve(id: "k2"), .approve(id: "k3"), .putLive(id: "k4"), .putLive(id: "k3"),
            .dismiss(id: "k5", reason: "spam"), .mergeQuestion(duplicate: "k6", into: "k2"),
        ], to: &state)
        return state
    }

    func testFiltersByStatus() {
        let state = triagedState()
        XCTAssertEqual(state.question("k4")?.status, .answered)
        func listed(_ filter: QueueQuery.Filter) -> Set<String> {
            Set(ids(QueueQuery(filter: filter, order: .age).apply(to: state)))
        }
        let untouched = Set((7...12).map { "k\($0)" })
        XCTAssertEqual(listed(.incoming), untouched.union(["k1"]))
        XCTAssertEqual(listed(.queue), ["k2", "k3"])
        XCTAssertEqual(listed(.triage), untouched.union(["k1", "k2", "k3"]))
        XCTAssertEqual(listed(.answered), ["k4"])
        XCTAssertEqual(listed(.dismissed), ["k5"])
        // `all` shows everything of the session, the merged duplicate too.
        XCTAssertEqual(listed(.all), Set((1...12).map { "k\($0)" }))
        // The default is the moderator's triage view.
        XCTAssertEqual(QueueQuery().filter, .triage)
    }

    func testFiltersBySourceAndLabel() {
        var state = QAFixture.state()
        QAFixture.apply([
            .setLabels(id: "k3", labels: ["FaaS"]), .setLabels(id: "k5", labels: ["faas", "PaaS"]),
        ], to: &state)
        XCTAssertEqual(ids(QueueQuery(source: .zoom, order: .age).apply(to: state)), ["k2", "k8"])
        XCTAssertEqual(ids(QueueQuery(label: "ＦａａＳ", order: .age).apply(to: state)), ["k3", "k5"])
        XCTAssertEqual(ids(QueueQuery(label: "paas").apply(to: state)), ["k5"])
        XCTAssertEqual(QueueQuery(source: .zoom, label: "faas").apply(to: state).count, 0)
    }

    func testSessionsStartFreshQueuesAndEarlierOnesStayReachable() {
        var state = QAFixture.state()
        XCTAssertEqual(QueueQuery().apply(to: state).count, 12)
        XCTAssertEqual(ids(QueueQuery(session: .session("origins")).apply(to: state)), ["o1", "o2", "o3"])
        XCTAssertEqual(QueueQuery.openInOtherSessions(state), 3)

        QAFixture.apply([.markAnswered(id: "k1"), .nextSession(from: "knative")], to: &state)
        XCTAssertEqual(ids(QueueQuery().apply(to: state)), ["o1", "o2", "o3"])
        XCTAssertEqual(QueueQuery.openInOtherSessions(state), 11)
        let everything = QueueQuery(session: .all).apply(to: state)
        XCTAssertEqual(everything.count, 14)
        XCTAssertFalse(everything.contains { $0.id == "k1" }, "answered is not in triage")
        // A question asked now belongs to the new session.
        var asked = QAFixture.question("n1", "etcd の代わりは?", minute: 200)
        asked.sessionID = nil
        reduce(&state, .addQuestion(asked), context: QAFixture.context(minute: 200))
        XCTAssertEqual(state.question("n1")?.sessionID, "origins")
    }

    func testOrderByPositionPinnedThenLiveThenPosition() {
        var state = QAFixture.state()
        QAFixture.apply([
            .approve(id: "k9"), .putLive(id: "k9"), .setPinned(id: "k7", pinned: true),
            .moveQuestion(id: "k12", position: -1),
        ], to: &state)
        let order = ids(QueueQuery(order: .position).apply(to: state))
        XCTAssertEqual(Array(order.prefix(4)), ["k7", "k9", "k12", "k1"])
        XCTAssertEqual(order.count, 12)
    }

    func testOrderByVotesThenAge() {
        var state = QAFixture.state()
        QAFixture.apply([
            .vote(id: "k5", voter: "a", delta: 1), .vote(id: "k5", voter: "b", delta: 1),
            .vote(id: "k3", voter: "a", delta: 1), .vote(id: "k8", voter: "c", delta: 1),
            .vote(id: "k1", voter: "c", delta: -1),
        ], to: &state)
        let order = ids(QueueQuery(order: .votes).apply(to: state))
        XCTAssertEqual(Array(order.prefix(4)), ["k5", "k3", "k8", "k2"])
        XCTAssertEqual(order.last, "k1")
    }

    func testOrderByAge() {
        var state = QAFixture.state()
        reduce(&state, .moveQuestion(id: "k12", position: -5), context: QAFixture.context())
        XCTAssertEqual(ids(QueueQuery(order: .age).apply(to: state)), (1...12).map { "k\($0)" })
        XCTAssertEqual(ids(QueueQuery(order: .newest).apply(to: state)), (1...12).reversed().map { "k\($0)" })
    }

    func testSearchIsCaseAndWidthInsensitiveOnJapanese() {
        var state = QAFixture.state()
        func found(_ search: String) -> [String] {
            ids(QueueQuery(session: .all, order: .age, search: search).apply(to: state))
        }
        XCTAssertEqual(found("ｋｎａｔｉｖｅ"), ["k7", "k9"])
        XCTAssertEqual(found("KNATIVE"), ["k7", "k9"])
        XCTAssertEqual(found("サーバーレス"), ["k2"])
        XCTAssertEqual(found("さーばーれす"), ["k2"], "hiragana finds katakana")
        XCTAssertEqual(found("ｻｰﾊﾞｰﾚｽ"), ["k2"], "half-width katakana")
        XCTAssertEqual(found("istio　ambassador"), ["k11"], "every word, ideographic space")
        XCTAssertEqual(found("ETCD"), ["o3"])
        XCTAssertEqual(found("参加者12"), ["k12"], "author")
        XCTAssertEqual(found("no such thing"), [])
        XCTAssertEqual(found("  ").count, 15)

        // Aliases of merged duplicates and the original of an edited text are searched too.
        QAFixture.apply([
            .mergeQuestion(duplicate: "k8", into: "k4"),
            .editText(id: "k6", text: "GAの予定は?"),
        ], to: &state)
        XCTAssertEqual(found("隠蔽"), ["k4"])
        XCTAssertEqual(found("ロードマップ"), ["k6"])
        XCTAssertEqual(
            ids(QueueQuery(filter: .all, session: .all, order: .age, search: "隠蔽").apply(to: state)),
            ["k4", "k8"])
    }

    func testFoldingHandlesWidthCaseAndKana() {
        XCTAssertEqual(QueueQuery.fold("ｋｎａｔｉｖｅ"), "knative")
        XCTAssertEqual(QueueQuery.fold("Ｋ８Ｓ　ｸﾗｽﾀ"), "k8s クラスタ")
        XCTAssertEqual(QueueQuery.fold("ﾊﾞｽ"), QueueQuery.fold("ばす"))
        XCTAssertEqual(QueueQuery.fold("Café"), "cafe")
        XCTAssertNotEqual(QueueQuery.fold("バス"), QueueQuery.fold("パス"), "voicing marks count")
    }

    func testTenThousandQuestionsAreFilteredAndSorted() {
        var state = QAFixture.state()
        state.questions = QuestionList((0..<10_000).map { index in
            var question = QAFixture.question(
                "q\(index)", QAFixture.knativeQuestions[index % 12] + " #\(index)",
                minute: Double(index % 500), author: "参加者\(index)")
            question.votes = ["v": index % 7]
            question.status = index % 3 == 0 ? .approved : .new
            return question
        })
        let byVotes = QueueQuery(order: .votes).apply(to: state)
        let searched = QueueQuery(order: .position, search: "ｋｎａｔｉｖｅ 意義").apply(to: state)
        XCTAssertEqual(byVotes.count, 10_000)
        XCTAssertEqual(searched.count, (0..<10_000).filter { $0 % 12 == 6 }.count)
    }

    func testMatchesAgreesWithApply() {
        let state = triagedState()
        let query = QueueQuery(filter: .queue)
        XCTAssertTrue(query.matches(state.question("k3")!, in: state))
        XCTAssertFalse(query.matches(state.question("k1")!, in: state))
        XCTAssertFalse(query.matches(state.question("k6")!, in: state))
    }
}
