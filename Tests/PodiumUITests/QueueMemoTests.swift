import Foundation
import PodiumCore
@testable import PodiumUI
import XCTest

/// Issue 7: the console remembers its queue list while the questions stay the same; every
/// change of the questions, however it is made, gives the list anew.
final class QueueMemoTests: XCTestCase {
    let date = Date(timeIntervalSince1970: 1_700_000_000)

    func model(_ count: Int) -> ConsoleModel {
        var state = PodiumState(event: Event(title: "E", sessions: [Session(id: "s1", title: "S", plannedSeconds: 600)]), now: date)
        for index in 0..<count {
            state.questions.append(Question(id: "q\(index)", text: "Q\(index)", sessionID: "s1", askedAt: date + Double(index)))
        }
        return ConsoleModel(role: .moderator, actor: "moderator@test", shared: state)
    }

    func testTheListFollowsEveryChange() {
        var model = model(5)
        XCTAssertEqual(model.visibleQuestions.map(\.id), ["q0", "q1", "q2", "q3", "q4"])
        // Changed in place (no new array from outside): still seen.
        model.shared.questions[1].status = .dismissed
        XCTAssertEqual(model.visibleQuestions.map(\.id), ["q0", "q2", "q3", "q4"])
        // Same count, different content, through the reducer.
        reduce(&model.shared, .moveQuestion(id: "q4", position: -1), context: ActionContext(now: date, actor: "m"))
        XCTAssertEqual(model.visibleQuestions.map(\.id), ["q4", "q0", "q2", "q3"])
        // A copy changed, the original not: each sees its own questions.
        var copy = model
        copy.shared.questions[0].status = .answered
        XCTAssertEqual(copy.visibleQuestions.map(\.id), ["q4", "q2", "q3"])
        XCTAssertEqual(model.visibleQuestions.map(\.id), ["q4", "q0", "q2", "q3"])
        // The query is part of the key.
        model.query.filter = .dismissed
        XCTAssertEqual(model.visibleQuestions.map(\.id), ["q1"])
        XCTAssertEqual(model.statusCounts(session: "s1")[.dismissed], 1)
        model.shared.questions[2].status = .dismissed
        XCTAssertEqual(model.statusCounts(session: "s1")[.dismissed], 2)
    }

    func testAnOtherSessionsOpenQuestionsAreCountedAfreshAfterAChange() {
        var model = model(3)
        XCTAssertEqual(model.openQuestionsInOtherSessions, 0)
        model.shared.questions[0].sessionID = "earlier"
        XCTAssertEqual(model.openQuestionsInOtherSessions, 1)
        XCTAssertEqual(model.openQuestionsInOtherSessions, QueueQuery.openInOtherSessions(model.shared))
    }
}
