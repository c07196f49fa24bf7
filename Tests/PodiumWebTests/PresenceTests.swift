import Foundation
import PodiumCore
import PodiumStore
import XCTest
@testable import PodiumWeb

/// Two servers on one state file each keep their own presence file; consoles see both.
final class PresenceTests: XCTestCase {
    var directory = ""
    var state = ""

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "podium-presence-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        state = directory + "/podium.json"
    }

    override func tearDown() {
        try? FileManager.default.removeItem(atPath: directory)
    }

    private func write(_ name: String, _ object: [String: Any]) throws {
        try JSONSerialization.data(withJSONObject: object).write(to: URL(fileURLWithPath: directory + "/" + name))
    }

    private func millis(_ date: Date) -> Double { (date.timeIntervalSince1970 * 1000).rounded() }

    func testTwoServersWriteTheirOwnFilesAndTheReaderMergesThem() throws {
        let event = Event(title: "t", sessions: [Session(id: "s", title: "s", plannedSeconds: 60)])
        let first = Broadcaster(state: PodiumState(event: event, now: Date()))
        let second = Broadcaster(state: PodiumState(event: event, now: Date()))
        // Two processes are two pids; in one test process the pid is given by the path.
        let firstPath = ServePresence.path(forState: state, pid: Int(getpid()))
        let secondPath = ServePresence.path(forState: state, pid: Int(getpid()) + 1_000_000)
        XCTAssertNotEqual(firstPath, secondPath)
        XCTAssertTrue(firstPath.hasPrefix(state + ".serve-"), firstPath)
        let a = Presence(path: firstPath, broadcaster: first)
        let b = Presence(path: secondPath, broadcaster: second, pid: Int(getpid()) + 1_000_000)
        a.urls = ["http://192.168.1.20:8080/", "http://127.0.0.1:8080/"]
        b.urls = ["http://192.168.1.20:8081/", "http://127.0.0.1:8081/"]
        let stageA = try XCTUnwrap(first.subscribe(.init(isStage: true, person: nil, address: "192.168.1.30", since: Date(timeIntervalSince1970: 1000))))
        let stageB = try XCTUnwrap(second.subscribe(.init(isStage: true, person: nil, address: "192.168.1.31", since: Date(timeIntervalSince1970: 2000))))
        let phone = try XCTUnwrap(second.subscribe(.init(isStage: false, person: nil, address: "192.168.1.40", since: Date())))
        a.write()
        b.write()
        _ = (stageA, stageB, phone)

        // Both files are there. The second's pid does not run on this host (its file counts as
        // a dead server's for `read`), so both are merged here as `read` merges live ones.
        let files = ServePresence.files(forState: state)
        XCTAssertEqual(Set(files.map(\.path)), [firstPath, secondPath])
        let merged = try XCTUnwrap(ServePresence.merge(files.map(\.presence)))
        XCTAssertEqual(merged.audienceURL, "http://192.168.1.20:8080/", "the longest-running server's URL first")
        XCTAssertEqual(merged.urls, ["http://192.168.1.20:8080/", "http://192.168.1.20:8081/", "http://127.0.0.1:8080/", "http://127.0.0.1:8081/"])
        XCTAssertEqual(merged.stages.map(\.address), ["192.168.1.30", "192.168.1.31"], "both servers' stage screens")
        XCTAssertEqual(merged.audience, 1)

        // `read` keeps only live servers: this process's file, not the one of a pid that is gone.
        let live = try XCTUnwrap(ServePresence.read(forState: state))
        XCTAssertEqual(live.stages.map(\.address), ["192.168.1.30"])

        // Removed at a clean exit, and not brought back by a write still in flight.
        a.remove()
        a.write()
        XCTAssertFalse(FileManager.default.fileExists(atPath: firstPath))
        XCTAssertNil(ServePresence.read(forState: state), "no server left running")
    }

    func testBothLiveServersAreMergedByRead() throws {
        // Two live servers: this process, and its parent (alive, on this host).
        let now = Date()
        for (pid, port, stage, started) in [(Int(getpid()), 8080, "10.0.0.5", 100.0), (Int(getppid()), 8081, "10.0.0.6", 50.0)] {
            try write("podium.json.serve-\(ServePresence.fileSafe(ServePresence.thisHost))-\(pid).json", [
                "pid": pid, "host": ServePresence.thisHost, "startedAt": millis(now - started), "updatedAt": millis(now - 1),
                "urls": ["http://10.0.0.1:\(port)/"], "audience": 2,
                "stages": [["address": stage, "since": millis(now - 30)]],
            ])
        }
        let merged = try XCTUnwrap(ServePresence.read(forState: state, now: now))
        XCTAssertEqual(merged.urls, ["http://10.0.0.1:8080/", "http://10.0.0.1:8081/"], "the one started first leads")
        XCTAssertEqual(Set(merged.stages.map(\.address)), ["10.0.0.5", "10.0.0.6"])
        XCTAssertEqual(merged.audience, 4)
        XCTAssertTrue(merged.isFresh(at: now))
    }

    func testStaleAndDeadServersAreIgnoredAndTidiedAway() throws {
        let now = Date()
        let host = ServePresence.thisHost
        // A pid that cannot exist on this host (above pid_max): killed without removing its file.
        try write("podium.json.serve-\(ServePresence.fileSafe(host))-99999999.json", [
            "pid": 99_999_999, "host": host, "updatedAt": millis(now - 1), "urls": ["http://dead/"], "stages": [],
        ])
        // Another machine's server that stopped writing a minute ago.
        try write("podium.json.serve-other-box-123.json", [
            "pid": 123, "host": "other-box", "updatedAt": millis(now - 60), "urls": ["http://old/"], "stages": [],
        ])
        // The single file of older versions, stale; a temp being written; another state's file.
        try write("podium.json.serve.json", ["pid": 1, "updatedAt": millis(now - 30), "urls": ["http://legacy/"]])
        try write("podium.json.serve-x-1.json.tmp", ["pid": 1, "updatedAt": millis(now), "urls": ["http://temp/"]])
        try write("other.json.serve-x-1.json", ["pid": Int(getpid()), "host": host, "updatedAt": millis(now), "urls": ["http://other/"]])
        XCTAssertEqual(ServePresence.files(forState: state).count, 3)
        XCTAssertNil(ServePresence.read(forState: state, now: now), "none of them is running")

        // Another machine's server a second ago counts (its pid cannot be checked from here).
        try write("podium.json.serve-far-7.json", [
            "pid": 7, "host": "far", "updatedAt": millis(now - 1), "urls": ["http://far/"], "stages": [],
        ])
        XCTAssertEqual(ServePresence.read(forState: state, now: now)?.urls, ["http://far/"])

        // A server starting tidies away the dead one of this host, never the others' live ones.
        let event = Event(title: "t", sessions: [Session(id: "s", title: "s", plannedSeconds: 60)])
        let presence = Presence(path: ServePresence.path(forState: state), broadcaster: Broadcaster(state: PodiumState(event: event, now: now)))
        presence.removeStale(statePath: state)
        let left = Set(ServePresence.files(forState: state).map { ($0.path as NSString).lastPathComponent })
        XCTAssertEqual(left, ["podium.json.serve-other-box-123.json", "podium.json.serve.json", "podium.json.serve-far-7.json"])
    }
}
