import Foundation

/// Notes as Markdown files, for `podium notes export`: the speaker's file stays the source they
/// know. Pure: building the text only; the CLI writes the files.
///
/// Round trip. The event-file loader stores a notes file's content verbatim, and `parse` is that
/// same reading. `export` writes the stored text exactly, adding a final newline only when the
/// text has none (as every editor does). So:
/// - `parse(export(x)) == x` for every notes text that is empty or ends with a newline, which is
///   every text that came from a file, a YAML `|` block or an editor;
/// - for any other text, `parse(export(x)) == x + "\n"`, and exporting again writes the same
///   bytes (`export(parse(export(x))) == export(x)`): nothing drifts from export to export;
/// - notes freshly loaded from a file export back to that file byte for byte.
public enum NotesMarkdown {
    /// The content of a Markdown file for a notes text.
    public static func export(_ notes: String) -> String {
        // By scalar: "\r\n" is one Character, which `hasSuffix("\n")` would not match.
        if notes.isEmpty || notes.unicodeScalars.last == "\n" { return notes }
        return notes + "\n"
    }

    /// The content of the Markdown file for one kind of a session's notes.
    public static func export(_ notes: SessionNotes, kind: SessionNotes.Kind = .speaker) -> String {
        export(notes.text(kind))
    }

    /// The notes text read back from a file's content, as the event-file loader stores it.
    public static func parse(_ fileText: String) -> String {
        fileText
    }

    /// The form a notes text takes after an export and a reload.
    public static func normalized(_ notes: String) -> String {
        parse(export(notes))
    }

    /// One file `podium notes export` would write.
    public struct FileExport: Equatable, Sendable {
        public var sessionID: String
        /// Speaker notes (`notes_file`) or host notes (`host_notes_file`).
        public var kind: SessionNotes.Kind = .speaker
        /// The path as the event file names it (`notes_file`), relative to the event file's
        /// directory unless absolute.
        public var path: String
        /// The file content.
        public var text: String
        /// Whether the notes in the state differ from what the event file loaded (ignoring a
        /// missing final newline): false means writing would change nothing that matters.
        public var changed: Bool

        public init(sessionID: String, path: String, text: String, changed: Bool) {
            self.sessionID = sessionID
            self.path = path
            self.text = text
            self.changed = changed
        }
    }

    /// The notes files to write back: one per session and kind whose notes came from a file
    /// (`notes_file`, `host_notes_file`), in rundown order, speaker notes first. Notes written
    /// inline have no file to write. With `sessionID`, only that session.
    public static func exports(from state: PodiumState, sessionID: String? = nil) -> [FileExport] {
        state.event.sessions.flatMap { session -> [FileExport] in
            if let sessionID, session.id != sessionID { return [] }
            let files: [(SessionNotes.Kind, String?, String)] = [
                (.speaker, session.notesPath, session.notes), (.host, session.hostNotesPath, session.hostNotes),
            ]
            return files.compactMap { kind, path, loaded in
                guard let path, !path.isEmpty else { return nil }
                let current = state.notes[session.id]?.text(kind) ?? loaded
                var file = FileExport(
                    sessionID: session.id, path: path, text: export(current),
                    changed: normalized(current) != normalized(loaded))
                file.kind = kind
                return file
            }
        }
    }

    /// One session's notes as `podium notes export --stdout` prints them.
    public struct Printed: Equatable, Sendable {
        public var sessionID: String
        public var kind: SessionNotes.Kind
        /// The file the notes came from, nil for notes written inline in the event file.
        public var path: String?
        /// The text as a Markdown file would hold it.
        public var text: String
    }

    /// Every session's notes as they are now, in rundown order, speaker notes first: those
    /// from a file and those written inline (or typed in a console) alike. Empty notes without
    /// a file are left out. With `sessionID`, only that session.
    public static func printed(from state: PodiumState, sessionID: String? = nil) -> [Printed] {
        state.event.sessions.flatMap { session -> [Printed] in
            if let sessionID, session.id != sessionID { return [] }
            let kinds: [(SessionNotes.Kind, String?, String)] = [
                (.speaker, session.notesPath, session.notes), (.host, session.hostNotesPath, session.hostNotes),
            ]
            return kinds.compactMap { kind, path, loaded in
                let current = state.notes[session.id]?.text(kind) ?? loaded
                let file = path.flatMap { $0.isEmpty ? nil : $0 }
                if file == nil, current.isEmpty { return nil }
                return Printed(sessionID: session.id, kind: kind, path: file, text: export(current))
            }
        }
    }
}
