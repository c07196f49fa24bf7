import Foundation
import Glibc
import PodiumConsole
import PodiumCore
import PodiumStore
import PodiumTestSupport
import PodiumUI
import XCTest

/// The console's event loop in process, as the real console runs it but on a `TestBackend`:
/// keys fed, another writer on the same state file, a clock moved by hand; what is asserted is
/// the frames a person would have seen, the bell, and the file.
final class ConsoleLoopTests: XCTestCase {
    var directory = ""
    var path = ""
    let clock = ManualClock(Date(timeIntervalSince1970: 1_548_925_200))  // 2019-01-31 09:00 UTC
    private var nextPID: Int32 = 100

    override func setUpWithError() throws {
        let base = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
        directory = base + "/podium-loop-\(getpid())-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        path = directory + "/podium.json"
        let event = Event(title: "Loop Night", start: "19:00", warningSeconds: 60, dangerSeconds: 30, sessions: [
            Session(id: "talk", title: "The loop", speaker: "Hana", plannedSeconds: 120),
            Session(id: "closing", title: "Closing", plannedSeconds: 60),
        ])
        var initial = PodiumState(event: event, now: clock.now())
        initial.questions.append(Question(
            id: "q1", text: "Why etcd?", author: "guest", source: .zoom, sessionID: "talk",
            askedAt: clock.now(), by: "script@test"))
        let creator = StateStore(path: path, writer: Writer(host: "test", pid: 1, role: .host))
        try creator.commit([], context: ActionContext(now: clock.now(), actor: "script@test"), create: initial)
    }

    override func tearDown() {
        chmod(directory, 0o755)
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// A console on the test's state file, drawn once as at start.
    func console(_ role: Role, bell: Bool = true, editor: ConsoleEditor? = nil) throws -> (loop: ConsoleLoop, backend: TestBackend) {
        let session = try session(role)
        let backend = TestBackend(width: 100, height: 30)
        let loop = ConsoleLoop(
            session: session, backend: backend, clock: clock.now, changes: session.store,
            editor: editor ?? ConsoleEditor(name: "no-editor") { _ in 127 }, bell: bell)
        loop.refresh()
        return (loop, backend)
    }

    func session(_ role: Role) throws -> ConsoleSession {
        nextPID += 1
        let store = StateStore(path: path, writer: Writer(host: "test", pid: nextPID, role: role))
        let state = try XCTUnwrap(store.load())
        return ConsoleSession(store: store, role: role, actor: "\(role.rawValue):\(nextPID)@test", state: state)
    }

    /// The state file as another process would read it now.
    func file() throws -> PodiumState {
        let reader = StateStore(path: path, writer: Writer(host: "test", pid: 999, role: .speaker))
        return try XCTUnwrap(reader.load())
    }

    func row(_ backend: TestBackend, containing text: String) -> String? {
        backend.frames.last?.first { $0.contains(text) }
    }

    // MARK: Keys

    func testSpaceStartsTheTimerOnScreenThenOnDisk() throws {
        let (loop, backend) = try console(.host)
        XCTAssertNotNil(row(backend, containing: "ready"), backend.lastFrame)
        backend.feed(.character(" "))
        clock.advance(by: 5)
        XCTAssertNil(loop.step(.keys))
        XCTAssertNil(row(backend, containing: "ready"), backend.lastFrame)
        XCTAssertNotNil(row(backend, containing: "left"), "the running timer says how much is left:\n\(backend.lastFrame)")
        XCTAssertTrue(loop.session.pending.isEmpty, "written right after the frame")
        XCTAssertEqual(try file().currentTimer.status, .running)
    }

    func testABurstOfKeysIsDrawnAndWrittenOnce() throws {
        let (loop, backend) = try console(.host)
        let revision = try file().revision
        backend.feed(.character(" "))
        XCTAssertNil(loop.turn(.keys))
        // Two more keys of the burst are already waiting when the frame is drawn.
        backend.feed(.character("+"), .character("+"))
        loop.refresh()
        XCTAssertEqual(loop.session.pending.count, 1, "no write while keys wait")
        loop.step(.keys)
        XCTAssertTrue(loop.session.pending.isEmpty)
        XCTAssertEqual(try file().revision, revision + 1, "the burst went in one write")
    }

    func testWhatTheReducerSaysReachesTheStatusLine() throws {
        let (loop, backend) = try console(.host)
        XCTAssertEqual(loop.commands(for: [.bell, .notice("one"), .leftAlone("two"), .notice("one")]),
                       [.notice("one · two"), .bell])
        XCTAssertEqual(loop.commands(for: []), [])
        // Two minutes planned: the third minute taken off is not there, and the reducer says so.
        backend.feed(.character("-"), .character("-"), .character("-"))
        loop.step(.keys)
        XCTAssertNotNil(row(backend, containing: "no time taken: none was left"), backend.lastFrame)
    }

    // MARK: Other writers

    func testAnotherWritersApprovalShowsInTheNextFrame() throws {
        let (loop, backend) = try console(.moderator)
        XCTAssertTrue(row(backend, containing: "Why etcd?")?.contains("NEW") ?? false, backend.lastFrame)
        let other = try session(.moderator)
        _ = other.apply([.approve(id: "q1")], now: clock.now())
        other.persist(now: clock.now(), force: true)
        XCTAssertTrue(other.pending.isEmpty)
        // The loop learns of it from the store's watch of the folder (inotify), not by polling.
        loop.step(.files)
        let question = try XCTUnwrap(row(backend, containing: "Why etcd?"), backend.lastFrame)
        XCTAssertFalse(question.contains("NEW"), question)
        XCTAssertTrue(question.contains("ok"), question)
    }

    func testWithoutAWatchTheQuietSecondStillTakesOthersChanges() throws {
        let (loop, backend) = try console(.moderator)
        let other = try session(.moderator)
        _ = other.apply([.approve(id: "q1")], now: clock.now())
        other.persist(now: clock.now(), force: true)
        // A folder the watch does not see (NFS, a sync tool): only the timeout wakes the loop.
        loop.step(.timedOut)
        let question = try XCTUnwrap(row(backend, containing: "Why etcd?"), backend.lastFrame)
        XCTAssertFalse(question.contains("NEW"), question)
    }

    // MARK: The terminal

    func testAResizeDrawsAtTheNewSizeAndARepaintDrawsAgain() throws {
        let (loop, backend) = try console(.host)
        XCTAssertEqual(backend.frames.last?.count, 30)
        backend.size = (60, 16)
        backend.feed(.resize)
        loop.step(.keys)
        XCTAssertEqual(backend.frames.last?.count, 16)
        XCTAssertEqual(backend.frames.last?.first?.count, 60)
        // The same screen again after a resize to the same size, or after the terminal was
        // taken back (SIGCONT, SIGWINCH): drawn whole again, since the terminal may have lost it.
        let drawn = backend.frames.count
        backend.feed(.resize)
        loop.step(.keys)
        XCTAssertEqual(backend.frames.count, drawn + 1)
        loop.step(Wakeup(repaint: true))
        XCTAssertEqual(backend.frames.count, drawn + 2)
        loop.step(.timedOut)
        XCTAssertEqual(backend.frames.count, drawn + 2, "nothing changed: nothing drawn")
    }

    // MARK: Time

    func testCrossingAThresholdRingsTheBellOnce() throws {
        let (loop, backend) = try console(.host)
        backend.feed(.character(" "))
        loop.step(.keys)
        XCTAssertEqual(backend.bells, 0)
        // 120 s planned, warning at 60 s left: nothing at 59 s elapsed, the bell at 61 s.
        clock.advance(by: 59)
        loop.step(.timedOut)
        XCTAssertEqual(backend.bells, 0)
        clock.advance(by: 2)
        loop.step(.timedOut)
        XCTAssertEqual(backend.bells, 1, "warning")
        for _ in 0..<5 {
            clock.advance(by: 1)
            loop.step(.timedOut)
        }
        XCTAssertEqual(backend.bells, 1, "once per threshold, not once per frame")
        clock.advance(by: 25)  // 91 s elapsed: 29 s left, danger
        loop.step(.timedOut)
        XCTAssertEqual(backend.bells, 2, "danger")
        // A minute more for the speaker (out of danger) is silent.
        backend.feed(.character("+"))
        loop.step(.keys)
        clock.advance(by: 1)
        loop.step(.timedOut)
        XCTAssertEqual(backend.bells, 2)
    }

    func testTheBellIsTheHostsAndOnlyWhenAskedFor() throws {
        let (loop, backend) = try console(.host, bell: false)
        backend.feed(.character(" "))
        loop.step(.keys)
        clock.advance(by: 61)
        loop.step(.timedOut)
        XCTAssertEqual(backend.bells, 0)
    }

    // MARK: Saving

    func testAFailedWriteIsShownAndRetriedASecondLater() throws {
        let (loop, backend) = try console(.host)
        XCTAssertEqual(chmod(directory, 0o555), 0)
        // Root ignores modes: act as "nobody" while the folder is read-only.
        let asRoot = geteuid() == 0
        if asRoot { XCTAssertEqual(seteuid(65534), 0) }
        backend.feed(.character(" "))
        loop.step(.keys)
        loop.step(.timedOut)
        if asRoot { XCTAssertEqual(seteuid(0), 0) }
        XCTAssertEqual(chmod(directory, 0o755), 0)
        XCTAssertNotNil(row(backend, containing: "not saved yet (will retry)"), backend.lastFrame)
        XCTAssertNotNil(row(backend, containing: "left"), "the screen still shows the change:\n\(backend.lastFrame)")
        XCTAssertEqual(loop.session.pending.count, 1)
        XCTAssertEqual(try file().currentTimer.status, .idle)

        // The folder is writable again, but the next attempt waits a second after the failure.
        clock.advance(by: 0.5)
        loop.step(.timedOut)
        XCTAssertEqual(loop.session.pending.count, 1, "no retry within the second")
        clock.advance(by: 0.6)
        loop.step(.timedOut)
        XCTAssertTrue(loop.session.pending.isEmpty, "retried")
        XCTAssertEqual(try file().currentTimer.status, .running)
        loop.step(.timedOut)
        XCTAssertNil(row(backend, containing: "not saved yet"), backend.lastFrame)
    }

    // MARK: Quitting

    func testQQuits() throws {
        let (loop, backend) = try console(.moderator)
        backend.feed(.character("q"))
        XCTAssertEqual(loop.step(.keys), .quit)
        XCTAssertEqual(loop.exit, .quit)
    }

    func testQWithUnsavedChangesWarnsThenKeepsThemInAFile() throws {
        let (loop, backend) = try console(.host)
        XCTAssertEqual(chmod(directory, 0o555), 0)
        let asRoot = geteuid() == 0
        if asRoot { XCTAssertEqual(seteuid(65534), 0) }
        backend.feed(.character(" "))
        loop.step(.keys)
        backend.feed(.character("q"))
        let first = loop.step(.keys)
        if asRoot { XCTAssertEqual(seteuid(0), 0) }
        XCTAssertEqual(chmod(directory, 0o755), 0)
        XCTAssertNil(first, "the first q only warns")
        XCTAssertNotNil(row(backend, containing: "q again quits WITHOUT 1 unsaved change"), backend.lastFrame)
        // The second q, the folder still read-only: quits, with the change kept in a file.
        XCTAssertEqual(chmod(directory, 0o555), 0)
        if asRoot { XCTAssertEqual(seteuid(65534), 0) }
        backend.feed(.character("q"))
        let second = loop.step(.keys)
        if asRoot { XCTAssertEqual(seteuid(0), 0) }
        XCTAssertEqual(chmod(directory, 0o755), 0)
        guard case .unsaved(let message)? = second else { return XCTFail("expected an unsaved quit, got \(String(describing: second))") }
        XCTAssertTrue(message.contains("1 change was not saved"), message)
        // The folder was read-only: the change went to a folder of last resort; tidy up.
        if let kept = message.range(of: "kept in "), let end = message.range(of: "; write them later") {
            try? FileManager.default.removeItem(atPath: String(message[kept.upperBound..<end.lowerBound]))
        }
    }

    func testRunEndsWhenQIsPressed() throws {
        let (loop, backend) = try console(.host)
        var waits: [Int32] = []
        let script: [(TestBackend) -> Wakeup] = [
            { $0.feed(.character(" ")); return .keys },
            { _ in .timedOut },
            { $0.feed(.character("q")); return .keys },
        ]
        let end = loop.run { timeout in
            waits.append(timeout)
            guard waits.count <= script.count else {
                XCTFail("the loop did not end")
                return Wakeup(termination: 1)
            }
            self.clock.advance(by: 0.3)
            return script[waits.count - 1](backend)
        }
        XCTAssertEqual(end, .quit)
        XCTAssertEqual(waits.count, 3)
        XCTAssertEqual(waits[0], 1000, "no timer running: the once-a-second check")
        XCTAssertLessThanOrEqual(waits[2], 1000)
        XCTAssertEqual(try file().currentTimer.status, .running, "written before it quit")
    }

    func testATerminatingSignalWritesFirst() throws {
        let (loop, backend) = try console(.host)
        backend.feed(.character(" "))
        XCTAssertNil(loop.turn(.keys))
        XCTAssertEqual(loop.session.pending.count, 1)
        XCTAssertEqual(loop.step(Wakeup(termination: 143)), .signal(status: 143, unsaved: nil))
        XCTAssertEqual(try file().currentTimer.status, .running)
    }

    // MARK: The editor

    func testEditedNotesAreSavedAndTheTerminalHandedBack() throws {
        var edited: [String] = []
        let editor = ConsoleEditor(name: "fake-editor") { file in
            edited.append(file)
            return (try? Data("# Opening\nWelcome.\n".utf8).write(to: URL(fileURLWithPath: file))) == nil ? 1 : 0
        }
        let (loop, backend) = try console(.host, editor: editor)
        XCTAssertEqual(loop.update(.key(.character("E")), now: clock.now()), [.openEditor(session: "talk", kind: .speaker)])
        loop.execute([.openEditor(session: "talk", kind: .speaker)])
        XCTAssertEqual(edited.count, 1)
        XCTAssertEqual(backend.handOvers, [true, false])
        loop.refresh()
        XCTAssertTrue(try file().notes["talk"]?.text(.speaker).contains("Welcome.") ?? false)
        XCTAssertNotNil(row(backend, containing: "Welcome."), "the notes pane shows the saved text:\n\(backend.lastFrame)")
    }
}
