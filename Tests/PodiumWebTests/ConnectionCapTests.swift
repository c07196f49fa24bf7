import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import PodiumCore
import XCTest
@testable import PodiumWeb

final class ConnectionCapTests: XCTestCase {
    /// The connection above the cap gets a 503 with Retry-After at once (not a hang, not a
    /// dropped socket), the open ones keep their updates, questions are still taken, and a
    /// place freed by a closed page can be taken again. The open pages are held as the
    /// server holds them (subscriptions), so that a cap of 3 stands for the real 5,000.
    func testTheConnectionAboveTheCapIsRefusedAndTheServerStaysHealthy() async throws {
        let fixture = try WebFixture(review: false, maximumConnections: 3)
        let broadcaster = fixture.hub.broadcaster
        var open: [(id: Int, stream: AsyncStream<PublicSnapshot>)] = []
        for n in 0..<3 {
            open.append(try XCTUnwrap(broadcaster.subscribe(.init(isStage: false, person: nil, address: "10.0.0.\(n)", since: Date()), limit: 3)))
        }
        try await fixture.test { client in
            let started = Date()
            let refused = try await client.execute(uri: "/api/events", method: .get)
            XCTAssertEqual(refused.status, .serviceUnavailable)
            XCTAssertEqual(refused.headers[.retryAfter], "10")
            XCTAssertTrue(text(refused).contains("too many open pages"), text(refused))
            XCTAssertLessThan(Date().timeIntervalSince(started), 2, "refused at once")
            XCTAssertEqual(broadcaster.connectionCount, 3, "the refused one takes no place")

            // Healthy: pages, the API and writes still answer.
            let page = try await client.execute(uri: "/", method: .get)
            XCTAssertEqual(page.status, .ok)
            let stage = try await client.execute(uri: "/stage", method: .get)
            XCTAssertEqual(stage.status, .ok)
            let posted = try await client.execute(uri: "/api/questions", method: .post, headers: headers(), body: json(["text": "above the cap"]))
            XCTAssertEqual(posted.status, .created)
        }
        // The open pages get the change.
        for subscription in open {
            var iterator = subscription.stream.makeAsyncIterator()
            var seen = false
            let deadline = Date().addingTimeInterval(5)
            while !seen, Date() < deadline, let snapshot = await iterator.next() {
                seen = snapshot.json.contains("above the cap")
            }
            XCTAssertTrue(seen, "an open page gets the change")
        }
        // A closed page frees its place.
        broadcaster.unsubscribe(open[0].id)
        let reopened = broadcaster.subscribe(.init(isStage: false, person: nil, address: "10.0.0.9", since: Date()), limit: 3)
        XCTAssertNotNil(reopened)
        XCTAssertNil(broadcaster.subscribe(.init(isStage: false, person: nil, address: "10.0.0.10", since: Date()), limit: 3))
        withExtendedLifetime((open, reopened)) {}
    }
}
