import Foundation
import PodiumCore
@testable import PodiumStore
import XCTest

/// Changes a console could not write are kept in a file, and read back exactly.
final class UnsavedChangesTests: XCTestCase {
    func testEveryKindOfActionIsKeptAndReadBackExactly() throws {
        let folder = NSTemporaryDirectory() + "podium-unsaved-\(getpid())-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let date = Date(timeIntervalSince1970: 1_700_000_000.25)
        let event = Event(title: "E", sessions: [Session(id: "s", title: "S", plannedSeconds: 60)])
        let actions: [Action] = [
            .startTimer(session: "s"), .pauseTimer(session: "s"), .adjustTime(session: "s", seconds: -90),
            .restartSession(session: "s"), .nextSession(from: "s"), .previousSession(from: "s"), .goToSession("s"),
            .addQuestion(Question(id: "q1", text: "etcd はなぜ? 👍🏽", author: "ken", source: .zoom, sessionID: "s", askedAt: date)),
            .approve(id: "q1"), .dismiss(id: "q1", reason: nil), .dismiss(id: "q1", reason: "spam"), .restore(id: "q1"),
            .putLive(id: "q1"), .markAnswered(id: "q1"), .vote(id: "q1", voter: "v", delta: -1),
            .setPinned(id: "q1", pinned: true), .editText(id: "q1", text: "新しい"), .mergeQuestion(duplicate: "q2", into: "q1"),
            .unmergeQuestion(duplicate: "q2"), .moveQuestion(id: "q1", position: -1.5), .setLabels(id: "q1", labels: ["a", "b"]),
            .assign(id: "q1", to: nil), .assign(id: "q1", to: "ken"), .setEditing(id: "q1", by: "m@h"),
            .setStatus(id: "q1", status: .approved), .sendMessage(SpeakerMessage(text: "Please wrap up", sentBy: "host@h", sentAt: date)),
            .clearMessage, .setNotes(session: "s", kind: .host, text: "# Notes", basedOn: date), .setNotes(session: "s", kind: .speaker, text: "", basedOn: nil),
            .loadEvent(event),
        ]
        let intents = actions.enumerated().map { ($0.element, ActionContext(now: date + Double($0.offset), actor: "host@laptop")) }
        let state = folder + "/podium.json"
        let path = try UnsavedChanges(statePath: state, intents: intents).save(host: "lap top/1", pid: 42)
        XCTAssertEqual(path, folder + "/podium.json.unsaved-laptop1-42.json", "next to the state file, a safe name")
        XCTAssertEqual(UnsavedChanges.files(nextTo: state), [path])
        let read = try UnsavedChanges.load(path: path)
        XCTAssertEqual(read.statePath, state)
        XCTAssertEqual(read.intents.map(\.action), actions)
        XCTAssertEqual(read.intents.map(\.context.now), intents.map(\.1.now))
        XCTAssertEqual(read.intents.map(\.context.actor), intents.map(\.1.actor))

        try Data("{\"statePath\": 1}".utf8).write(to: URL(fileURLWithPath: folder + "/bad.json"))
        XCTAssertThrowsError(try UnsavedChanges.load(path: folder + "/bad.json")) { error in
            XCTAssertTrue("\(error)".contains("bad.json"), "\(error)")
        }
    }

    /// When the state file's folder cannot take the file, it goes to $XDG_STATE_HOME/podium.
    func testAFolderThatCannotTakeTheFileFallsBackToTheStateHome() throws {
        let folder = NSTemporaryDirectory() + "podium-unsaved-home-\(getpid())-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // A regular file where the folder should be: no file can be written "inside" it, even as root.
        FileManager.default.createFile(atPath: folder + "/not-a-folder", contents: Data())
        let previous = ProcessInfo.processInfo.environment["XDG_STATE_HOME"]
        setenv("XDG_STATE_HOME", folder + "/state-home", 1)
        defer { if let previous { setenv("XDG_STATE_HOME", previous, 1) } else { unsetenv("XDG_STATE_HOME") } }
        let intents = [(Action.clearMessage, ActionContext(now: Date(timeIntervalSince1970: 1), actor: "host@a"))]
        let path = try UnsavedChanges(statePath: folder + "/not-a-folder/podium.json", intents: intents).save(host: "a", pid: 7)
        XCTAssertEqual(path, folder + "/state-home/podium/podium.json.unsaved-a-7.json")
        XCTAssertEqual(try UnsavedChanges.load(path: path).intents.map(\.action), [.clearMessage])
    }
}
