import XCTest
@testable import PodiumCore

final class NotesTests: XCTestCase {
    let t0 = Date(timeIntervalSince1970: 1_750_000_000)

    func makeState(notes: String = "# Talk\n[5:00] Demo\n") -> PodiumState {
        let event = Event(title: "Meetup", sessions: [
            Session(id: "talk", title: "Talk", plannedSeconds: 1200, notes: notes,
                    hostNotes: "Wi-Fi: podium / pass", notesPath: "notes/talk.md"),
            Session(id: "lt", title: "LT", plannedSeconds: 300, notes: "inline"),
        ])
        return PodiumState(event: event, now: t0)
    }

    // MARK: Export

    func testExportIsTheStoredTextWithOneFinalNewline() {
        XCTAssertEqual(NotesMarkdown.export("# Hi\n- a"), "# Hi\n- a\n")
        XCTAssertEqual(NotesMarkdown.export("# Hi\n- a\n"), "# Hi\n- a\n")
        XCTAssertEqual(NotesMarkdown.export("a\n\n"), "a\n\n")
        XCTAssertEqual(NotesMarkdown.export(""), "")
    }

    func testRoundTripParseOfExportGivesTheNotes() {
        let samples = [
            "", "\n", "# 入門\n\n[0:00] 自己紹介\n- [5:00] **Demo**\n", "line\r\nwith CRLF\r\n",
            "trailing blank lines\n\n\n", "  indented\n```\ncode\n```\n", "evil \u{1B}[2J text\n",
        ]
        for notes in samples {
            XCTAssertEqual(NotesMarkdown.parse(NotesMarkdown.export(notes)), notes, "\(notes.debugDescription)")
        }
    }

    func testTextWithoutFinalNewlineGainsOneAndThenNeverDrifts() {
        let notes = "no final newline"
        let once = NotesMarkdown.export(notes)
        XCTAssertEqual(NotesMarkdown.parse(once), notes + "\n")
        XCTAssertEqual(NotesMarkdown.export(NotesMarkdown.parse(once)), once)
        // The rendered cues are the same either way.
        XCTAssertEqual(PacingCues.parse("[1:00] a"), PacingCues.parse(NotesMarkdown.export("[1:00] a")))
    }

    func testExportThroughTheEventFileLoaderGivesTheSameNotes() throws {
        // The speaker's file is loaded, edited live, exported, and loaded again.
        let original = "# Kubernetes 入門\n\n[0:00] 自己紹介\n- [5:00] Pod とは\n"
        let yaml = """
            title: Meetup
            sessions:
              - id: talk
                title: Talk
                minutes: 20
                notes_file: notes/talk.md
            """
        var files = ["/event/notes/talk.md": original]
        let loader: (String) throws -> String = { path in
            guard let text = files[path] else { throw CocoaError(.fileNoSuchFile) }
            return text
        }
        var state = PodiumState(event: try EventFile.parse(yaml, file: "/event/meetup.yaml", readFile: loader), now: t0)
        // Unchanged notes export back byte for byte.
        var exports = NotesMarkdown.exports(from: state)
        XCTAssertEqual(exports, [.init(sessionID: "talk", path: "/event/notes/talk.md", text: original, changed: false)])

        let edited = state.notes["talk"]!.speaker + "- アンケートのお願い"
        reduce(&state, .setNotes(session: "talk", kind: .speaker, text: edited, basedOn: t0),
               context: ActionContext(now: t0 + 60, actor: "host@a"))
        exports = NotesMarkdown.exports(from: state)
        XCTAssertEqual(exports.count, 1)
        XCTAssertTrue(exports[0].changed)
        files["/event/notes/talk.md"] = exports[0].text
        let reloaded = try EventFile.parse(yaml, file: "/event/meetup.yaml", readFile: loader)
        XCTAssertEqual(reloaded.sessions[0].notes, NotesMarkdown.normalized(edited))
        XCTAssertEqual(reloaded.sessions[0].notes, edited + "\n")
    }

    /// Host notes loaded from `host_notes_file` go back to that file too, apart from the
    /// speaker's, and round trip the same way.
    func testHostNotesFromAFileExportBackToIt() throws {
        let yaml = """
            title: E
            sessions:
              - id: talk
                title: Talk
                minutes: 20
                notes_file: notes/talk.md
                host_notes_file: notes/talk-host.md
              - id: lt
                title: LT
                minutes: 5
                host_notes: inline only
            """
        var files = ["/event/notes/talk.md": "# Talk\n", "/event/notes/talk-host.md": "- 会場: 受付は 18:30\n"]
        let loader: (String) throws -> String = { path in
            guard let text = files[path] else { throw CocoaError(.fileNoSuchFile) }
            return text
        }
        var state = PodiumState(event: try EventFile.parse(yaml, file: "/event/meetup.yaml", readFile: loader), now: t0)
        XCTAssertEqual(NotesMarkdown.exports(from: state).map { "\($0.kind.rawValue) \($0.path) \($0.changed)" },
                       ["speaker /event/notes/talk.md false", "host /event/notes/talk-host.md false"])
        reduce(&state, .setNotes(session: "talk", kind: .host, text: "- 会場: 受付は 18:45", basedOn: t0),
               context: ActionContext(now: t0 + 60, actor: "host@a"))
        let host = try XCTUnwrap(NotesMarkdown.exports(from: state).first { $0.kind == .host })
        XCTAssertTrue(host.changed)
        XCTAssertFalse(try XCTUnwrap(NotesMarkdown.exports(from: state).first { $0.kind == .speaker }).changed)
        files["/event/notes/talk-host.md"] = host.text
        let reloaded = try EventFile.parse(yaml, file: "/event/meetup.yaml", readFile: loader)
        XCTAssertEqual(reloaded.sessions[0].hostNotes, "- 会場: 受付は 18:45\n")
        XCTAssertEqual(reloaded.sessions[0].hostNotesPath, "/event/notes/talk-host.md")
    }

    /// `notes export --stdout`: every session's notes as they are now, inline ones included.
    func testPrintedHasEverySessionsNotesInlineOnesToo() {
        var state = makeState()
        reduce(&state, .setNotes(session: "lt", kind: .speaker, text: "inline, edited live", basedOn: t0),
               context: ActionContext(now: t0 + 60, actor: "host@a"))
        let printed = NotesMarkdown.printed(from: state)
        XCTAssertEqual(printed.map { "\($0.sessionID) \($0.kind.rawValue) \($0.path ?? "inline")" },
                       ["talk speaker notes/talk.md", "talk host inline", "lt speaker inline"])
        XCTAssertEqual(printed[2].text, "inline, edited live\n")
        XCTAssertEqual(NotesMarkdown.printed(from: state, sessionID: "lt").map(\.sessionID), ["lt"])
        // Empty notes without a file are left out.
        reduce(&state, .setNotes(session: "lt", kind: .speaker, text: "", basedOn: t0 + 60),
               context: ActionContext(now: t0 + 120, actor: "host@a"))
        XCTAssertEqual(NotesMarkdown.printed(from: state, sessionID: "lt"), [])
    }

    func testExportsOnlySessionsWithANotesFileAndHostNotesByKind() {
        let state = makeState()
        XCTAssertEqual(NotesMarkdown.exports(from: state).map(\.sessionID), ["talk"])
        XCTAssertEqual(NotesMarkdown.exports(from: state, sessionID: "lt"), [])
        XCTAssertEqual(NotesMarkdown.export(state.notes["talk"]!, kind: .host), "Wi-Fi: podium / pass\n")
        XCTAssertEqual(NotesMarkdown.export(state.notes["talk"]!), "# Talk\n[5:00] Demo\n")
    }

    // MARK: Saving notes

    func testConcurrentSaveKeepsTheEarlierTextAsAVersion() {
        var state = makeState(notes: "v0\n")
        // Alice and Bob both open the notes at t0.
        let base = state.notes["talk"]!.updatedAt
        let bobEffects = reduce(
            &state, .setNotes(session: "talk", kind: .speaker, text: "v0\nBob's line\n", basedOn: base),
            context: ActionContext(now: t0 + 30, actor: "moderator@bob"))
        XCTAssertEqual(bobEffects, [])
        // Alice saves later from the old text: her save wins, Bob's text is kept.
        let aliceEffects = reduce(
            &state, .setNotes(session: "talk", kind: .speaker, text: "v0\nAlice's line\n", basedOn: base),
            context: ActionContext(now: t0 + 45, actor: "host@alice"))
        let notes = state.notes["talk"]!
        XCTAssertEqual(notes.speaker, "v0\nAlice's line\n")
        XCTAssertEqual(notes.updatedBy, "host@alice")
        XCTAssertEqual(notes.updatedAt, t0 + 45)
        XCTAssertEqual(notes.previousVersions.map(\.text), ["v0\n", "v0\nBob's line\n"])
        XCTAssertEqual(notes.previousVersions.last?.savedBy, "moderator@bob")
        XCTAssertEqual(notes.previousVersions.last?.savedAt, t0 + 30)
        XCTAssertEqual(aliceEffects.count, 1)
        if case .notice(let text)? = aliceEffects.first {
            XCTAssertTrue(text.description.contains("moderator@bob"))
        } else {
            XCTFail("a stale save says that the other text was kept")
        }
        XCTAssertEqual(notes.host, "Wi-Fi: podium / pass", "speaker edits leave host notes alone")
    }

    func testReplayingTheSameSaveChangesNothing() {
        var state = makeState(notes: "v0\n")
        let action = Action.setNotes(session: "talk", kind: .speaker, text: "v1\n", basedOn: t0)
        reduce(&state, action, context: ActionContext(now: t0 + 10, actor: "host@a"))
        let once = state
        reduce(&state, action, context: ActionContext(now: t0 + 20, actor: "host@a"))
        XCTAssertEqual(state, once)
        XCTAssertEqual(state.notes["talk"]!.previousVersions.map(\.text), ["v0\n"])
    }

    func testVersionsAreCappedAtTwentyNewestKept() {
        var state = makeState(notes: "v0")
        for number in 1...25 {
            reduce(&state, .setNotes(session: "talk", kind: .speaker, text: "v\(number)", basedOn: nil),
                   context: ActionContext(now: t0 + Double(number), actor: "host@a"))
        }
        let versions = state.notes["talk"]!.previousVersions.map(\.text)
        XCTAssertEqual(versions.count, 20)
        XCTAssertEqual(versions.first, "v5")
        XCTAssertEqual(versions.last, "v24")
        XCTAssertEqual(state.notes["talk"]!.speaker, "v25")
    }

    func testSavingNotesOfASessionWithoutNotesCreatesThem() {
        var state = makeState()
        state.notes["lt"] = nil
        reduce(&state, .setNotes(session: "lt", kind: .host, text: "thank sponsors", basedOn: nil),
               context: ActionContext(now: t0, actor: "host@a"))
        XCTAssertEqual(state.notes["lt"]?.host, "thank sponsors")
        XCTAssertEqual(state.notes["lt"]?.speaker, "")
        XCTAssertEqual(state.notes["lt"]?.previousVersions, [])
    }
}
