import Foundation
import Glibc
import PodiumCore
import PodiumStore
import XCTest

final class StoreTests: StoreTestCase {
    func testLoadMissingFileIsNil() throws {
        let store = StateStore(path: statePath, writer: testWriter())
        XCTAssertNil(try store.load())
        XCTAssertThrowsError(try store.commit([ask("q1")], context: context())) { error in
            XCTAssertEqual(error as? StoreError, .missing(file: statePath))
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: statePath))
    }

    func testCommitCreatesAndIncrementsRevision() throws {
        let store = try makeStore([ask("q1")])
        XCTAssertEqual(store.state?.revision, 1)
        let second = try store.commit([ask("q2")], context: context(5, "moderator@b"))
        XCTAssertEqual(second.revision, 2)
        XCTAssertEqual(second.writer, testWriter())
        XCTAssertEqual(second.updatedAt, baseDate.addingTimeInterval(5))
        let reread = try XCTUnwrap(StateStore(path: statePath, writer: testWriter()).load())
        XCTAssertEqual(reread, second)
        XCTAssertEqual(directoryNames(directory), ["podium.json", "podium.json.lock"])
    }

    /// Intents, not snapshots: a commit is applied to the file another process wrote since.
    func testCommitAppliesOntoFresherFile() throws {
        let first = try makeStore([ask("q1")])
        let other = StateStore(path: statePath, writer: Writer(host: "b", pid: 2, role: .moderator))
        try other.load()
        try other.commit([ask("q2"), .approve(id: "q1")], context: context(1, "moderator@b"))
        let result = try first.commit([ask("q3"), .vote(id: "q1", voter: "alice", delta: 1)],
                                      context: context(2))
        XCTAssertEqual(result.revision, 3)
        XCTAssertEqual(result.questions.map(\.id), ["q1", "q2", "q3"])
        XCTAssertEqual(result.question("q1")?.status, .approved)
        XCTAssertEqual(result.question("q1")?.votes, ["alice": 1])

        // A reader sees the new revision once, then nothing until the next write.
        let reader = StateStore(path: statePath, writer: testWriter(.speaker))
        XCTAssertEqual(try reader.reloadIfChanged()?.revision, 3)
        XCTAssertNil(try reader.reloadIfChanged())
        try other.commit([ask("q4")], context: context(3))
        XCTAssertEqual(try reader.reloadIfChanged()?.revision, 4)
    }

    func testNewFileHonoursUmask() throws {
        let old = umask(0o027)
        defer { umask(old) }
        _ = try makeStore()
        var info = stat()
        XCTAssertEqual(stat(statePath, &info), 0)
        XCTAssertEqual(info.st_mode & 0o777, 0o640)
    }

    func testModeAndGroupSurviveReplaces() throws {
        let store = try makeStore()
        XCTAssertEqual(chmod(statePath, 0o640), 0)
        var info = stat()
        stat(statePath, &info)
        // Another group than ours, where we may (root may give any; others only their own).
        let groups = [gid_t](unsafeUninitializedCapacity: 64) { buffer, count in
            count = Int(max(0, getgroups(64, buffer.baseAddress)))
        }
        let otherGroup: gid_t? = geteuid() == 0 ? 1 : groups.first { $0 != info.st_gid }
        if let otherGroup { XCTAssertEqual(chown(statePath, uid_t.max, otherGroup), 0) }
        stat(statePath, &info)
        let inode = info.st_ino
        for index in 0..<3 { try store.commit([ask("q\(index)")], context: context(Double(index))) }
        stat(statePath, &info)
        XCTAssertNotEqual(info.st_ino, inode, "replaced, not rewritten in place")
        XCTAssertEqual(info.st_mode & 0o7777, 0o640)
        if let otherGroup { XCTAssertEqual(info.st_gid, otherGroup) }
    }

    func testCorruptFilesAreReportedAndNeverOverwritten() throws {
        let good = try StateCodec.encode(sampleState())
        var newer = sampleState()
        newer.schemaVersion = 99
        let kinds: [(String, Data, String)] = [
            ("empty", Data(), "empty"),
            ("truncated", Data(#"{"revision":"#.utf8), "truncated"),
            ("NUL", good.prefix(200) + Data(count: 100), "NUL"),
            ("UTF-8", Data(#"{"revision": "a\#u{FF}"}"#.utf8.map { $0 }) + Data([0xC3, 0x28]), "UTF-8"),
            ("schema", try StateCodec.encode(newer), "schemaVersion 99"),
        ]
        for (name, bytes, expected) in kinds {
            let reader = try makeStore([ask("q1")])
            XCTAssertEqual(reader.state?.revision, 1)
            XCTAssertTrue(FileManager.default.createFile(atPath: statePath, contents: bytes))

            // Readers keep the last good state and say what is wrong, once per change.
            XCTAssertThrowsError(try reader.reloadIfChanged(), name) { error in
                XCTAssertTrue((error as? StoreError)?.isCorrupt == true, "\(name): \(error)")
            }
            XCTAssertEqual(reader.state?.revision, 1, name)
            XCTAssertTrue(reader.lastError?.isCorrupt == true, name)
            XCTAssertNil(try reader.reloadIfChanged(), name)

            // Writers refuse, leave the bytes as they are and leave no temp.
            for writer in [reader, StateStore(path: statePath, writer: testWriter())] {
                XCTAssertThrowsError(try writer.commit([ask("q2")], context: context(9)), name) { error in
                    guard case .corrupt(let file, let line, let column, let reason)? = error as? StoreError
                    else { return XCTFail("\(name): \(error)") }
                    XCTAssertEqual(file, statePath)
                    XCTAssertNotNil(line, name)
                    XCTAssertNotNil(column, name)
                    XCTAssertTrue(reason.contains(expected), "\(name): \(reason)")
                    XCTAssertTrue("\(error)".contains(statePath + ":\(line!):\(column!)"), "\(error)")
                }
            }
            XCTAssertEqual(fileBytes(statePath), bytes, name)
            XCTAssertEqual(temps(in: directory), [], name)
            XCTAssertThrowsError(try StateStore(path: statePath, writer: testWriter()).load(), name)
            unlink(statePath)
        }
    }

    func testLockTimeoutNamesTheFile() throws {
        let store = try makeStore()
        store.lockTimeout = 0.2
        let holder = open(store.lockPath, O_RDWR)
        XCTAssertEqual(flock(holder, LOCK_EX), 0)
        let start = Date()
        XCTAssertThrowsError(try store.commit([ask("q1")], context: context())) { error in
            XCTAssertEqual(error as? StoreError, .lockTimeout(file: statePath, seconds: 0.2))
            XCTAssertTrue("\(error)".contains(statePath), "\(error)")
        }
        XCTAssertGreaterThanOrEqual(Date().timeIntervalSince(start), 0.2)
        close(holder)
        XCTAssertEqual(try store.commit([ask("q1")], context: context()).revision, 2)
    }

    func testReadOnlyDirectoryGivesPermissionDenied() throws {
        let store = try makeStore()
        let before = fileBytes(statePath)
        XCTAssertEqual(chmod(directory, 0o555), 0)
        // Root ignores modes: act as "nobody" for the attempt.
        let asRoot = geteuid() == 0
        if asRoot { XCTAssertEqual(seteuid(65534), 0) }
        var thrown: Error?
        do { try store.commit([ask("q1")], context: context()) } catch { thrown = error }
        if asRoot { XCTAssertEqual(seteuid(0), 0) }
        chmod(directory, 0o755)
        guard case .permissionDenied(let path, _)? = thrown as? StoreError else {
            return XCTFail("expected permission denied, got \(String(describing: thrown))")
        }
        XCTAssertEqual(path, directory)
        XCTAssertTrue("\(thrown!)".contains("permission denied"), "\(thrown!)")
        XCTAssertTrue("\(thrown!)".contains(directory), "\(thrown!)")
        XCTAssertEqual(fileBytes(statePath), before)
        XCTAssertEqual(temps(in: directory), [])
    }

    func testDiskFullKeepsOldFileAndLeavesNoTemp() throws {
        guard geteuid() == 0 else { throw XCTSkip("disk-full test needs root to mount a 16k tmpfs") }
        let mountPoint = directory + "/small"
        mkdir(mountPoint, 0o755)
        guard mount("tmpfs", mountPoint, "tmpfs", 0, "size=16k") == 0 else {
            throw XCTSkip("cannot mount a tmpfs here: \(String(cString: strerror(errno)))")
        }
        defer { umount(mountPoint) }
        let path = mountPoint + "/podium.json"
        let store = StateStore(path: path, writer: testWriter())
        try store.commit([ask("q1")], context: context(), create: sampleState())
        let before = fileBytes(path)
        let huge = String(repeating: "長い質問", count: 2_000)
        XCTAssertThrowsError(try store.commit([ask("q2", huge)], context: context(1))) { error in
            XCTAssertEqual(error as? StoreError, .noSpace(file: path))
            XCTAssertTrue("\(error)".contains("disk is full"), "\(error)")
        }
        XCTAssertEqual(fileBytes(path), before)
        XCTAssertEqual(temps(in: mountPoint), [])
        XCTAssertEqual(store.state?.revision, 1, "the store keeps the last good state")
        // Once there is room again (smaller change), writing works.
        XCTAssertEqual(try store.commit([ask("q3")], context: context(2)).revision, 2)
    }

    func testStaleTempsOfOtherHostsExpireAfterTenMinutes() throws {
        let store = try makeStore()
        let old = directory + "/.podium.json.otherhost.local.4242.tmp"
        let fresh = directory + "/.podium.json.otherhost.local.4343.tmp"
        let unrelated = directory + "/.notes.json.otherhost.1.tmp"
        for path in [old, fresh, unrelated] { FileManager.default.createFile(atPath: path, contents: Data("x".utf8)) }
        var times = [timeval(tv_sec: time(nil) - 700, tv_usec: 0), timeval(tv_sec: time(nil) - 700, tv_usec: 0)]
        XCTAssertEqual(utimes(old, &times), 0)
        XCTAssertEqual(utimes(unrelated, &times), 0)
        try store.commit([ask("q1")], context: context())
        XCTAssertFalse(FileManager.default.fileExists(atPath: old))
        XCTAssertTrue(FileManager.default.fileExists(atPath: fresh), "a writer elsewhere may still be at it")
        XCTAssertTrue(FileManager.default.fileExists(atPath: unrelated))
    }

    func testConflictCopiesAreFoundAndMerged() throws {
        let store = try makeStore([ask("q1")])
        var theirs = try XCTUnwrap(store.state)
        reduce(&theirs, ask("q9", at: 30), context: context(30, "moderator@laptop"))
        theirs.updatedAt = baseDate.addingTimeInterval(30)
        let copy = directory + "/podium.sync-conflict-20250301-101500-ABCDEFG.json"
        FileManager.default.createFile(atPath: copy, contents: try StateCodec.encode(theirs))
        FileManager.default.createFile(atPath: directory + "/other.sync-conflict-1.json", contents: Data())
        XCTAssertEqual(store.conflictCopies(), [copy])
        // The console's once-a-second check lists the folder only when it changed.
        let later = Date().addingTimeInterval(10)
        XCTAssertEqual(store.conflictCopiesIfFolderChanged(now: later), [copy])
        XCTAssertNil(store.conflictCopiesIfFolderChanged(now: later))
        XCTAssertEqual(store.conflictCopiesIfFolderChanged(now: Date()), [copy], "a folder changed under 2 s ago is listed again")
        let second = directory + "/podium.sync-conflict-20250301-101600-HIJKLMN.json"
        FileManager.default.createFile(atPath: second, contents: try StateCodec.encode(theirs))
        XCTAssertEqual(store.conflictCopiesIfFolderChanged(now: later), [copy, second])
        XCTAssertNil(store.conflictCopiesIfFolderChanged(now: later))
        try FileManager.default.removeItem(atPath: second)

        try store.commit([ask("q2", at: 40)], context: context(40))
        let merged = try store.merge([StateStore.readCopy(atPath: copy)], now: baseDate.addingTimeInterval(50))
        XCTAssertEqual(merged.questions.map(\.id), ["q1", "q9", "q2"])
        XCTAssertEqual(merged.revision, 3)
        XCTAssertEqual(try StateStore(path: statePath, writer: testWriter()).load(), merged)
    }

    /// The watcher sees a writer's last revision after 100 quick writes by another process.
    func testWatcherSeesLastRevisionAfterManyWrites() throws {
        let store = try makeStore()
        let watch = store.watchDescriptor
        XCTAssertGreaterThanOrEqual(watch, 0)
        let run = try StressRun(["--state", statePath, "--actions", "100", "--seed", "7", "--prefix", "w"])
        var seen = 0
        var touches = 0
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            var descriptor = pollfd(fd: watch, events: Int16(POLLIN), revents: 0)
            if poll(&descriptor, 1, 200) > 0, store.drainWatchEvents() {
                touches += 1
                if let state = try store.reloadIfChanged() { seen = state.revision }
            }
            if seen == 101 { break }
        }
        _ = try run.finish()
        XCTAssertEqual(seen, 101, "last revision seen through the watcher alone")
        XCTAssertGreaterThan(touches, 1)
        XCTAssertFalse(store.drainWatchEvents())
    }
}
