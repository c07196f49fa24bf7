import Foundation
import PodiumCore
import XCTest
@testable import PodiumStore

/// What `podium serve` adds to the state file goes through the hand-written codec intact and
/// byte for byte as Foundation's encoder writes it.
final class WebStateCodecTests: XCTestCase {
    func testBlockedPeopleAndTheWebSourceRoundTrip() throws {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        var state = PodiumState(event: Event(title: "E", sessions: [Session(id: "s", title: "S", plannedSeconds: 60)]), now: now)
        state.blockedPeople = ["0123456789abcdef0123456789abcdef"]
        state.questions.append(Question(id: "q-1", text: "from a phone", source: .web, sessionID: "s", askedAt: now, by: "web:fedcba9876543210fedcba9876543210"))
        let data = try StateCodec.encode(state)
        XCTAssertEqual(data, try StateCodec.encodeWithFoundation(state))
        let decoded = try StateCodec.decode(data, file: "test")
        XCTAssertEqual(decoded.blockedPeople, state.blockedPeople)
        XCTAssertEqual(decoded.questions.first?.source, .web)
        XCTAssertEqual(decoded, state)
        // A file written before blockedPeople existed still loads.
        var object = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        XCTAssertNotNil(object.removeValue(forKey: "blockedPeople"))
        let old = try JSONSerialization.data(withJSONObject: object)
        XCTAssertEqual(try StateCodec.decode(old, file: "test").blockedPeople, [])
    }
}
