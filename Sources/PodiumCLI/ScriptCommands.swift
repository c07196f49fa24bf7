import ArgumentParser
import Foundation
import PodiumCore
import PodiumStore
import PodiumText

extension QuestionSource: ExpressibleByArgument {
    public init?(argument: String) {
        self.init(loose: argument)
    }
}

struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Print the current session, the timer, the counts and the queue.")

    @OptionGroup var stateOptions: StateOptions

    @Flag(help: "Print JSON for scripts.")
    var json = false

    func run() throws {
        let (_, state) = try stateOptions.loadExisting()
        let now = Date()
        let reading = state.reading(at: now)
        let visible = Array(state.questions.filter { $0.mergedInto == nil })
        if json {
            printOut(try StatusReport(state: state, reading: reading, questions: visible).json())
            return
        }
        var lines: [String] = []
        lines.append(state.event.title)
        let index = (state.currentSessionIndex ?? 0) + 1
        // The labels in the chosen language; in English the status and phase names are the
        // ones --json uses, in Japanese they are words (--json never changes).
        let l = processLanguage
        func timerStatus(_ status: SessionTimer.Status) -> String {
            guard l != .en else { return status.rawValue }
            switch status {
            case .idle: return l.t(.wordReady)
            case .running: return l.t(.timerRunning)
            case .paused: return l.t(.wordPaused)
            }
        }
        func phase(_ phase: TimerPhase) -> String {
            guard l != .en else { return phase.rawValue }
            switch phase {
            case .idle: return l.t(.wordReady)
            case .normal: return l.t(.phaseNormal)
            case .warning: return l.t(.phaseWarning)
            case .danger: return l.t(.phaseDanger)
            case .overtime: return l.t(.wordOvertime)
            }
        }
        func questionStatus(_ status: QuestionStatus) -> String {
            l == .en ? status.rawValue : QuestionExport.statusWord(status.rawValue, l)
        }
        lines.append(l.t(.statusSession, "\(index)/\(state.event.sessions.count)", state.currentSession?.title ?? "—"))
        lines.append(l.t(.statusTimer, timerStatus(reading.status), TimeText.reading(reading), l.t(reading.phase == .overtime ? .statusOver : .wordLeft), phase(reading.phase)))
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .current
        lines.append(l.t(.statusSchedule, Schedule.project(state, now: now, calendar: calendar).summaryLine(l)))
        let counts = state.countsByStatus()
        lines.append(l.t(.statusQuestions, QuestionStatus.allCases.map { "\(questionStatus($0)) \(counts[$0] ?? 0)" }.joined(separator: l.t(.listSeparator))))
        if let message = state.message { lines.append(l.t(.statusMessage, message.text)) }
        for question in QueueQuery(filter: .triage, session: .all).apply(to: state) {
            lines.append("  [\(questionStatus(question.status))] \(question.text)  (\(question.source.rawValue)\(l.t(.listSeparator))\(l.t(.votes, question.voteCount))\(question.author.isEmpty ? "" : l.t(.listSeparator) + question.author))")
        }
        lines.append(l.t(.statusRevision, state.revision))
        printOut(lines.map(Sanitizer.line).joined(separator: "\n"))
    }
}

/// The JSON that `podium status --json` prints. Stable for scripts.
struct StatusReport: Encodable {
    struct TimerJSON: Encodable {
        var session: String
        var sessionTitle: String
        var state: String
        var phase: String
        var remainingSeconds: Int
        var overtimeSeconds: Int
        var elapsedSeconds: Int
        var allowedSeconds: Int
    }

    struct QuestionJSON: Encodable {
        var id: String
        var text: String
        var author: String
        var source: String
        var status: String
        var votes: Int
        var pinned: Bool
        var session: String?
        var askedAt: Date
    }

    var revision: Int
    var event: String
    var timer: TimerJSON
    var message: String?
    var counts: [String: Int]
    var questions: [QuestionJSON]

    init(state: PodiumState, reading: TimerReading, questions: [Question]) {
        revision = state.revision
        event = Sanitizer.line(state.event.title)
        timer = TimerJSON(
            session: state.currentSessionID, sessionTitle: Sanitizer.line(state.currentSession?.title ?? ""),
            state: reading.status.rawValue, phase: reading.phase.rawValue,
            remainingSeconds: reading.remainingSeconds, overtimeSeconds: reading.overtimeSeconds,
            elapsedSeconds: reading.elapsedSeconds, allowedSeconds: reading.allowedSeconds)
        message = state.message.map { Sanitizer.line($0.text) }
        var counts: [String: Int] = [:]
        for status in QuestionStatus.allCases { counts[status.rawValue] = 0 }
        for (status, count) in state.countsByStatus() { counts[status.rawValue] = count }
        self.counts = counts
        self.questions = questions.map {
            QuestionJSON(id: $0.id, text: Sanitizer.line($0.text), author: Sanitizer.line($0.author), source: $0.source.rawValue,
                         status: $0.status.rawValue, votes: $0.voteCount, pinned: $0.pinned, session: $0.sessionID, askedAt: $0.askedAt)
        }
    }

    func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }
}

struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge copies of the state (such as Syncthing's *.sync-conflict-* files) into --state.",
        discussion: "Every question from every copy is kept; for a record edited on both sides the later edit wins; votes from both sides count. The copies are left in place; remove them once you are happy.")

    @OptionGroup var stateOptions: StateOptions

    @Argument(help: "The copies to merge.")
    var files: [String]

    func run() throws {
        guard !files.isEmpty else {
            throw CommandFailure(message: processLanguage.t(.mergeNoFiles), status: ExitStatus.badInput)
        }
        let copies = try files.map { file -> PodiumState in
            do {
                return try StateStore.readCopy(atPath: file)
            } catch let error as StoreError {
                // A copy named on the command line is input: status 3 is for --state only.
                throw CommandFailure(message: error.description(processLanguage), status: ExitStatus.badInput)
            }
        }
        let store = stateOptions.store(role: .script)
        let merged: PodiumState
        if try store.load() == nil {
            merged = try store.commit([], context: ActionContext(now: Date(), actor: actorName(.script)), create: StateMerge.merge(copies))
        } else {
            merged = try store.merge(copies, now: Date())
        }
        printOut(processLanguage.t(files.count == 1 ? .mergedCopy : .mergedCopies, files.count, stateOptions.path, merged.questions.count, merged.revision))
    }
}

struct RecoverCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recover",
        abstract: "Write changes a console could not save (a *.unsaved-*.json file) into --state.",
        discussion: "A console that must exit while the state file cannot be written (a second q, or a signal) keeps its changes in STATE.unsaved-HOST-PID.json next to the state file (or in ~/.local/state/podium) and says so. Each change is applied as it was made, with its time and actor; the file is removed once they are written. Without --state, the state file the changes were meant for is used.")

    @Option(name: .long, help: ArgumentHelp("The state file (default: the one the changes were meant for).", valueName: "file"))
    var state: String?

    @Argument(help: "Files of unsaved changes.")
    var files: [String]

    func run() throws {
        guard !files.isEmpty else {
            throw CommandFailure(message: processLanguage.t(.recoverNoFiles), status: ExitStatus.badInput)
        }
        for file in files {
            let unsaved: UnsavedChanges
            guard FileManager.default.fileExists(atPath: file) else {
                throw CommandFailure(message: processLanguage.t(.recoverNoFile, file), status: ExitStatus.badInput)
            }
            do {
                unsaved = try UnsavedChanges.load(path: file, language: processLanguage)
            } catch let error as StoreError {
                // The file of changes is input: status 3 is for the state file only.
                throw CommandFailure(message: error.description(processLanguage), status: ExitStatus.badInput)
            }
            let path = state ?? unsaved.statePath
            let store = StateStore(path: path, writer: Writer(host: hostName(), pid: getpid(), role: .script))
            guard try store.load() != nil else {
                throw CommandFailure(message: processLanguage.t(.recoverNoState, path, file), status: ExitStatus.badInput)
            }
            let saved = try store.commit(unsaved.intents)
            do {
                try FileManager.default.removeItem(atPath: file)
            } catch {
                let count = unsaved.changes.count
                throw CommandFailure(message: processLanguage.t(count == 1 ? .recoverNotRemovedOne : .recoverNotRemoved, count, file, path, saved.revision), status: 1)  // 1: unexpected (the changes are written)
            }
            printOut(processLanguage.t(unsaved.changes.count == 1 ? .recoverDoneOne : .recoverDone, unsaved.changes.count, file, path, saved.revision))
        }
    }
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case md, csv, json
}

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Print a planned-vs-actual report of the event (Markdown, CSV or JSON).",
        discussion: "Per session: the planned start (the event's own clock: its start plus the planned lengths before, on any day), the actual start and end, the planned length, the time added or taken, the time taken and \"over\" (the time taken beyond the planned length plus the time added: the overtime the timer showed); questions asked, answered and dismissed; messages sent to the speaker. After the host ended the event every time is an actual one; before, the rest of the event is forecast. JSON keys are fixed English names for scripts (listed in the README).")

    @OptionGroup var stateOptions: StateOptions

    @Option(help: "md, csv or json.")
    var format: OutputFormat = .md

    func run() throws {
        let (_, state) = try stateOptions.loadExisting()
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .current
        let now = Date()
        switch format {
        // The report sanitises every field itself; CSV keeps its row ends.
        case .csv: writeOut(Report.csv(state, now: now, calendar: calendar, language: processLanguage))
        case .md: writeOut(Report.markdown(state, now: now, calendar: calendar, language: processLanguage))
        case .json: writeOut(Report.json(state, now: now, calendar: calendar))
        }
    }
}

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export the questions with status, votes, session, source and times (any time, during or after the event).")

    @OptionGroup var stateOptions: StateOptions

    @Option(help: "csv, json or md.")
    var format: OutputFormat = .csv

    func run() throws {
        let (_, state) = try stateOptions.loadExisting()
        switch format {
        // The exporters sanitise every field themselves; CSV keeps its CRLF row ends.
        case .csv: writeOut(QuestionExport.csv(state, timeZone: .current))
        case .json: writeOut(QuestionExport.json(state, exportedAt: Date(), timeZone: .current))
        case .md: writeOut(QuestionExport.markdown(state, exportedAt: Date(), timeZone: .current, language: processLanguage))
        }
    }
}

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import questions from a CSV file with a header row (text, author, source, votes, time).",
        discussion: "Importing the same file twice adds nothing twice. A malformed row is reported with its line number and nothing is imported, unless --skip-bad is given.")

    @OptionGroup var stateOptions: StateOptions

    @Argument(help: "The CSV file.")
    var file: String

    @Flag(help: "Import the good rows and report the bad ones.")
    var skipBad = false

    @Option(help: "Source of rows without one.")
    var source: QuestionSource = .other

    @Option(help: ArgumentHelp("The session the questions belong to (default: the current one).", valueName: "id"))
    var session: String?

    func run() throws {
        let (store, state) = try stateOptions.loadExisting()
        guard let data = FileManager.default.contents(atPath: file) else {
            throw CommandFailure(message: processLanguage.t(.importUnreadable, file), status: ExitStatus.badInput)
        }
        let text = Sanitizer.decode([UInt8](data))
        let result: ImportResult
        do {
            result = try QuestionImport.parse(csv: text, file: file, skipBad: skipBad, defaultSource: source, session: session, now: Date(), actor: actorName(.script))
        } catch let error as ImportError {
            throw CommandFailure(message: error.description(processLanguage), status: ExitStatus.badInput)
        }
        for warning in result.warnings { printError(processLanguage.t(.importSkipped, warning.description(processLanguage))) }
        // One set lookup per row (a large file against a large state stays linear).
        let fresh = result.newQuestions(in: state)
        if !fresh.isEmpty {
            try store.commit(fresh.map { .addQuestion($0) }, context: ActionContext(now: Date(), actor: actorName(.script)))
        }
        printOut(processLanguage.t(fresh.count == 1 ? .importedOne : .imported, fresh.count, file, result.questions.count - fresh.count, result.warnings.count))
    }
}

struct NotesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notes",
        abstract: "Work with speaker notes: export to Markdown, list and restore earlier versions.",
        discussion: "Notes are edited live in a console with E (in $VISUAL / $EDITOR). Every save keeps the text it replaced as a previous version (at most 20 per session); list them with `podium notes versions` and bring one back with `podium notes restore`.",
        subcommands: [NotesExportCommand.self, NotesVersionsCommand.self, NotesRestoreCommand.self])
}

/// The session a notes command works on: `--session`, or the current one.
private func notesSession(_ requested: String?, in state: PodiumState) throws -> Session {
    let id = requested ?? state.currentSessionID
    guard let session = state.event.sessions.first(where: { $0.id == id }) else {
        let known = state.event.sessions.map(\.id).joined(separator: ", ")
        throw CommandFailure(message: processLanguage.t(.noSuchSession, Sanitizer.line(id), known), status: ExitStatus.badInput)
    }
    return session
}

/// Previous versions newest first, numbered from 1 as `notes versions` lists them.
private func numberedVersions(_ notes: SessionNotes?) -> [(number: Int, version: SessionNotes.Version)] {
    let versions = notes?.previousVersions ?? []
    return versions.reversed().enumerated().map { ($0.offset + 1, $0.element) }
}

/// Version `number` of a session's notes, or a clear error naming how many there are.
private func numberedVersion(_ number: Int, of notes: SessionNotes?, session: String) throws -> SessionNotes.Version {
    let versions = numberedVersions(notes)
    guard let entry = versions.first(where: { $0.number == number }) else {
        throw CommandFailure(message: processLanguage.t(versions.count == 1 ? .notesNoVersionOne : .notesNoVersion, session, number, versions.count), status: ExitStatus.badInput)
    }
    return entry.version
}

/// "speaker" / "host" (登壇者 / 司会): the kind of notes, in words.
private func notesKindWord(_ kind: SessionNotes.Kind) -> String {
    processLanguage.t(kind == .host ? .notesKindHost : .notesKindSpeaker)
}

private func versionTime(_ date: Date) -> String {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
    return formatter.string(from: date)
}

struct NotesVersionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "versions",
        abstract: "List the earlier texts of a session's notes (newest first), or print one with --show.",
        discussion: "Every save in a console keeps the text it replaced, so an edit made by someone else at the same time is never lost. Restore one with `podium notes restore --session ID --version N`.")

    @OptionGroup var stateOptions: StateOptions

    @Option(help: ArgumentHelp("The session (default: the current one).", valueName: "id"))
    var session: String?

    @Option(help: ArgumentHelp("Print the full text of version N.", valueName: "n"))
    var show: Int?

    func run() throws {
        let (_, state) = try stateOptions.loadExisting()
        let session = try notesSession(session, in: state)
        let notes = state.notes[session.id]
        let versions = numberedVersions(notes)
        if let show {
            let version = try numberedVersion(show, of: notes, session: session.id)
            // As a Markdown file would hold it (one final newline), safe for the terminal.
            FileHandle.standardOutput.write(Data(Sanitizer.multiline(NotesMarkdown.export(version.text)).utf8))
            return
        }
        let l = processLanguage
        printOut(l.t(versions.isEmpty ? .notesVersionsNone : versions.count == 1 ? .notesVersionsOne : .notesVersionsMany, session.id, session.title, versions.count))
        if let notes {
            printOut("  \(l.t(.notesNow))  \(l.t(.notesBoth))  \(versionTime(notes.updatedAt))  \(notes.updatedBy)")
        }
        for (number, version) in versions {
            let firstLine = version.text.split(separator: "\n", omittingEmptySubsequences: true).first.map(String.init) ?? ""
            let lines = version.text.split(separator: "\n", omittingEmptySubsequences: false).count
            let preview = TextLayout.truncate(Sanitizer.line(firstLine), toWidth: 40)
            printOut("  \(number)  \(notesKindWord(version.kind ?? .speaker))  \(versionTime(version.savedAt))  \(version.savedBy)  \(l.t(lines == 1 ? .lineOne : .linesCount, lines))  \(preview)")
        }
    }
}

struct NotesRestoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Bring back an earlier text of a session's notes (the text it replaces is kept as a version).",
        discussion: "N is the number `podium notes versions` shows (1 = the newest). The version's kind (speaker or host notes) is restored; every console shows it at once.")

    @OptionGroup var stateOptions: StateOptions

    @Option(help: ArgumentHelp("The session (default: the current one).", valueName: "id"))
    var session: String?

    @Option(help: ArgumentHelp("The version number from `podium notes versions`.", valueName: "n"))
    var version: Int

    func run() throws {
        let (store, state) = try stateOptions.loadExisting()
        let session = try notesSession(session, in: state)
        let notes = state.notes[session.id]
        let chosen = try numberedVersion(version, of: notes, session: session.id)
        let kind = chosen.kind ?? .speaker
        if notes?.text(kind) == chosen.text {
            printOut(processLanguage.t(.notesAlreadyThat, session.id, notesKindWord(kind)))
            return
        }
        try store.commit(
            [.setNotes(session: session.id, kind: kind, text: chosen.text, basedOn: notes?.updatedAt)],
            context: ActionContext(now: Date(), actor: actorName(.script)))
        printOut(processLanguage.t(.notesRestoredVersion, session.id, version, notesKindWord(kind)))
    }
}

struct NotesExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the notes edited live back to the Markdown files the event file names (notes_file, host_notes_file).",
        discussion: "The state remembers where each notes file is (an absolute path, from the event file's directory), so this works from any directory. States written by older versions hold paths relative to the event file: give --event or --dir for those. With --stdout, print every session's notes instead of writing, inline notes included. A notes file that cannot be written is exit status 2 (the state file is untouched).")

    @OptionGroup var stateOptions: StateOptions

    @Option(help: ArgumentHelp("Only this session.", valueName: "id"))
    var session: String?

    @Option(help: ArgumentHelp("The event file, for notes paths a state of an older version holds relative to it.", valueName: "file"))
    var event: String?

    @Option(help: ArgumentHelp("Directory for notes paths a state of an older version holds relative to the event file.", valueName: "dir"))
    var dir: String?

    @Flag(help: "Print every session's notes (inline ones too) instead of writing files.")
    var stdout = false

    func run() throws {
        let (_, state) = try stateOptions.loadExisting()
        if let session { _ = try notesSession(session, in: state) }
        if stdout {
            let printed = NotesMarkdown.printed(from: state, sessionID: session)
            if printed.isEmpty { printOut(processLanguage.t(.notesNoneHave)) }
            for notes in printed {
                let origin = notes.path.map { ": " + $0 } ?? " (inline)"
                printOut("<!-- \(notes.sessionID) \(notes.kind.rawValue) notes\(origin) -->\n" + notes.text)
            }
            return
        }
        let exports = NotesMarkdown.exports(from: state, sessionID: session)
        if exports.isEmpty {
            printOut(processLanguage.t(.notesNoFiles))
            return
        }
        let base = dir ?? event.map { ($0 as NSString).deletingLastPathComponent } ?? ""
        for export in exports {
            let path = export.path.hasPrefix("/") ? export.path : (base.isEmpty ? export.path : base + "/" + export.path)
            do {
                try export.text.write(toFile: path, atomically: true, encoding: .utf8)
            } catch {
                throw CommandFailure(message: notesWriteProblem(path, relative: !export.path.hasPrefix("/")), status: ExitStatus.badInput)
            }
            printOut(processLanguage.t(export.changed ? .notesWrote : .notesWroteUnchanged, path))
        }
    }

    /// Why a notes file cannot be written, in words, and what to do.
    private func notesWriteProblem(_ path: String, relative: Bool) -> String {
        let directory = (path as NSString).deletingLastPathComponent
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        let hint = relative && event == nil && dir == nil
            ? processLanguage.t(.notesRelativeHint)
            : ""
        if !directory.isEmpty, !manager.fileExists(atPath: directory, isDirectory: &isDirectory) {
            return processLanguage.t(.notesNoDirectory, path, directory, hint)
        }
        if !directory.isEmpty, !isDirectory.boolValue {
            return processLanguage.t(.notesNotDirectory, path, directory)
        }
        if !manager.isWritableFile(atPath: directory.isEmpty ? "." : directory)
            || (manager.fileExists(atPath: path) && !manager.isWritableFile(atPath: path)) {
            return processLanguage.t(.notesPermission, path)
        }
        return processLanguage.t(.notesDiskFull, path)
    }
}
