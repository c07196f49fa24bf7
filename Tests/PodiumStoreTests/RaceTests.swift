import Foundation
import Glibc
import PodiumCore
import PodiumStore
import XCTest

/// Several real processes on one file (the podium-stress helper).
final class RaceTests: StoreTestCase {
    /// Runs three racing writers of `actions` each; returns what each committed and the result.
    func race(actions: Int, unsafe: Bool) throws -> ([String: StressRun.Summary], PodiumState) {
        _ = try makeStore()
        var runs: [String: StressRun] = [:]
        for (index, prefix) in ["a", "b", "c"].enumerated() {
            runs[prefix] = try StressRun(
                ["--state", statePath, "--actions", "\(actions)", "--seed", "\(index + 11)", "--prefix", prefix]
                    + (unsafe ? ["--unsafe-no-lock"] : []))
        }
        for run in runs.values { run.process.waitUntilExit() }  // all of them, even if one fails
        let summaries = try runs.mapValues { try $0.finish() }
        let state = try XCTUnwrap(StateStore(path: statePath, writer: testWriter()).load())
        return (summaries, state)
    }

    /// Every effect a writer committed, missing from the final state.
    func lostEffects(_ summaries: [String: StressRun.Summary], _ state: PodiumState) -> [String] {
        var lost: [String] = []
        for (voter, summary) in summaries {
            for id in summary.asked where state.question(id) == nil { lost.append("ask \(id)") }
            for id in summary.approved where state.question(id)?.status != .approved {
                lost.append("approve \(id)")
            }
            for id in summary.voted where state.question(id)?.votes[voter] != 1 {
                lost.append("vote \(voter) on \(id)")
            }
        }
        let adjusted = summaries.values.map(\.adjustSeconds).reduce(0, +)
        let added = state.timer(for: "s1").addedSeconds
        if added != adjusted { lost.append("\(adjusted - added) of \(adjusted) s added") }
        return lost
    }

    func testThreeRacingWritersLoseNothing() throws {
        let (summaries, state) = try race(actions: 200, unsafe: false)
        XCTAssertEqual(lostEffects(summaries, state), [])
        XCTAssertEqual(state.revision, 1 + 600, "one revision per commit")
        XCTAssertGreaterThan(summaries.values.map(\.asked.count).reduce(0, +), 100)
        XCTAssertEqual(temps(in: directory), [])
    }

    /// The proof that the test above can fail: without the lock and the re-read before a
    /// write (podium-stress --unsafe-no-lock), racing writers overwrite each other's actions.
    func testWithoutTheLockActionsAreLost() throws {
        var lost: [String] = []
        for _ in 0..<3 where lost.isEmpty {
            let (summaries, state) = try race(actions: 200, unsafe: true)
            lost = lostEffects(summaries, state)
            unlink(statePath)
        }
        XCTAssertFalse(lost.isEmpty, "without the lock some actions should have been lost")
    }

    /// kill -9 of a writer between fsync and rename: the file keeps the old revision, the
    /// lock is free at once, and the next commit removes the dead writer's temp.
    func testKillNineMidWrite() throws {
        let store = try makeStore([ask("q1")])
        let before = fileBytes(statePath)
        let run = try StressRun(["--state", statePath, "--actions", "1", "--prefix", "k", "--pause-before-rename"])
        let pid = run.process.processIdentifier
        let deadline = Date().addingTimeInterval(20)
        while processState(pid) != "T", Date() < deadline { usleep(10_000) }
        XCTAssertEqual(processState(pid), "T", "the writer stopped before its rename")
        let temp = ".podium.json.\(hostName()).\(pid).tmp"
        XCTAssertEqual(temps(in: directory), [temp])

        // While it holds the lock nobody else writes.
        let other = StateStore(path: statePath, writer: testWriter(.moderator))
        other.lockTimeout = 0.2
        XCTAssertThrowsError(try other.commit([ask("q2")], context: context(1))) { error in
            XCTAssertEqual(error as? StoreError, .lockTimeout(file: statePath, seconds: 0.2))
        }

        kill(pid, SIGKILL)
        run.process.waitUntilExit()
        XCTAssertEqual(fileBytes(statePath), before, "the old file is intact")
        XCTAssertEqual(try StateStore(path: statePath, writer: testWriter()).load()?.revision, 1)

        let start = Date()
        let next = try store.commit([ask("q3")], context: context(2))
        XCTAssertLessThan(Date().timeIntervalSince(start), 0.5, "the dead holder's lock is free at once")
        XCTAssertEqual(next.revision, 2)
        XCTAssertEqual(next.questions.map(\.id), ["q1", "q3"])
        XCTAssertEqual(temps(in: directory), [], "the dead writer's temp is removed")
    }

    func hostName() -> String {
        StateStore.machineName
    }
}
