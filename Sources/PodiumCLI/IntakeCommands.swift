import ArgumentParser
import Foundation
import Glibc
import PodiumCore
import PodiumStore
import PodiumTerminal
import PodiumText

/// The message of every script command run on a state file that does not exist yet.
func missingStateMessage(_ path: String) -> String {
    processLanguage.t(.missingState, path)
}

// MARK: init

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Put an event into the state file without a terminal (as the host's first run with --event does).",
        discussion: """
            Creates the state file, or, when it exists, puts the event file's changes into it the way `podium host --event` does (timers, notes and questions already there are kept). For servers, scripts and chat bridges started before anyone opens a console.
            """)

    @OptionGroup var stateOptions: StateOptions

    @Option(name: .long, help: ArgumentHelp("The event file (YAML).", valueName: "file"))
    var event: String

    func run() throws {
        let parsed = try loadEvent(event)
        let store = stateOptions.store(role: .host)
        let now = Date()
        let context = ActionContext(now: now, actor: actorName(.host))
        let existing = try store.load()
        let l = processLanguage
        let sessions = l.t(parsed.sessions.count == 1 ? .sessionsCountOne : .sessionsCount, parsed.sessions.count)
        if existing == nil {
            let saved = try store.commit([.loadEvent(parsed)], context: context, create: PodiumState(event: parsed, now: now))
            printOut(l.t(.initCreated, stateOptions.path, parsed.title, sessions, saved.revision))
        } else if existing?.event != parsed {
            let saved = try store.commit([.loadEvent(parsed)], context: context)
            printOut(l.t(.initUpdated, stateOptions.path, parsed.title, sessions, saved.revision))
        } else {
            printOut(l.t(.initSame, stateOptions.path, existing?.revision ?? 0))
        }
    }
}

// MARK: ask

struct AskCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ask",
        abstract: "Add questions to the queue (for scripts and chat bridges), one, streamed from stdin, or from a followed file.",
        discussion: """
            podium ask "Kubernetes はなぜ etcd を使っているか" --source zoom --author ken
            chat-bridge | podium ask -     one question per line, or JSON lines:
              {"id": "…", "text": "…", "author": "…", "source": "youtube", "session": "…"}
            podium ask --follow meeting_saved_chat.txt --format zoom --questions-only

            `ask -` streams: every line is written within a second of arriving while the input stays open (what has arrived together goes in one write). While the state file cannot be written (a lock held, a full disk) the lines wait in memory and are retried; at the end of input it exits once all are written; on SIGTERM or SIGINT it writes what it has read, or keeps it in a file for `podium recover`, and says so. A bad line (too long, not JSON, not UTF-8, no text) is named on stderr as stdin:LINE: why and skipped; the exit status is then 2 (0 when all landed). --strict refuses the whole input when one line is bad.

            An id (a JSON line's "id", --id) names the message: the same id from the same source is added once, so a bridge may re-send its history. Lines of a followed file get an id from where they were read (Zoom messages: time, author and text), so a restart adds nothing twice.

            Sources: venue, zoom, youtube, discord, satellite, other.
            Questions are at most \(Question.maximumLength) characters; a longer one is refused, never cut.
            See docs/intake.md for YouTube Live, Zoom and webhook recipes.
            """)

    @OptionGroup var stateOptions: StateOptions

    @Argument(help: "The question, or - to read questions from standard input (omit with --follow).")
    var text: String?

    @Option(help: "Who asked (for lines that do not say).")
    var author: String = ""

    @Option(help: "Where it came from: venue, zoom, youtube, discord, satellite, other (default: zoom with --format zoom, else other).")
    var source: QuestionSource?

    @Option(help: ArgumentHelp("The session it belongs to (default: the current one).", valueName: "id"))
    var session: String?

    @Option(help: ArgumentHelp("The message's id in its chat: the same id from the same source is added only once.", valueName: "id"))
    var id: String?

    @Option(help: ArgumentHelp("Follow a growing file like tail -F (survives truncation and rotation) instead of reading stdin.", valueName: "file"))
    var follow: String?

    @Option(help: ArgumentHelp("How lines are read: auto (JSON when a line starts with {), lines, jsonl, zoom (Zoom's saved chat).", valueName: "format"))
    var format: IntakeFormatArgument = .auto

    // The wide markers last: ArgumentParser wraps by characters, and they take two cells each.
    @Flag(help: "Take only messages marked as questions, without the marker. Markers: Q: Q： 質問: 質問： 【質問】 [Q] …")
    var questionsOnly = false

    @Option(help: ArgumentHelp("A marker that makes a message a question (repeatable; implies --questions-only).", valueName: "text"))
    var marker: [String] = []

    @Flag(help: "All or nothing: when one line is bad, add none (reads the whole input first).")
    var strict = false

    func validate() throws {
        if follow != nil, text != nil {
            throw ValidationError(processLanguage.t(.askEitherQuestion))
        }
        if follow == nil, text == nil {
            throw ValidationError(processLanguage.t(.askGiveQuestion))
        }
        if strict, follow != nil {
            throw ValidationError(processLanguage.t(.askStrictNotFollow))
        }
        if id != nil, text == "-" || follow != nil {
            throw ValidationError(processLanguage.t(.askIDForOne))
        }
    }

    func run() throws {
        let (store, state) = try stateOptions.loadExisting()
        if let session, state.event.session(withID: session) == nil {
            throw CommandFailure(message: processLanguage.t(.noSuchSession, session, state.event.sessions.map(\.id).joined(separator: ", ")), status: ExitStatus.badInput)
        }
        let markers = marker.isEmpty ? (questionsOnly ? ChatIntake.defaultMarkers : []) : marker
        let defaults = IntakeDefaults(
            author: author, source: source ?? (format.value == .zoom ? .zoom : .other), session: session,
            markers: markers, actor: actorName(.script))
        let intake = Intake(store: store, defaults: defaults)
        let status: Int32
        if let follow {
            status = try intake.follow(path: follow, format: format.value)
        } else if text == "-" {
            status = try strict ? intake.readAllStrict(format: format.value) : intake.stream(format: format.value)
        } else {
            status = try intake.single(ChatMessage(text: text ?? "", messageID: id, line: 1))
        }
        // The summary is on stdout already; refused lines were named on stderr.
        if status != 0 { Foundation.exit(status) }
    }
}

struct IntakeFormatArgument: ExpressibleByArgument, CustomStringConvertible {
    var value: IntakeFormat
    static let auto = IntakeFormatArgument(value: .auto)

    init(value: IntakeFormat) { self.value = value }

    init?(argument: String) {
        guard let format = IntakeFormat(rawValue: argument.lowercased()) else { return nil }
        value = format
    }

    static var allValueStrings: [String] { IntakeFormat.allCases.map(\.rawValue) }
    var description: String { value.rawValue }
}

struct IntakeDefaults {
    var author: String
    var source: QuestionSource
    var session: String?
    var markers: [String]
    var actor: String
}

/// Reads messages, turns them into questions, and writes them in batches: one write per batch
/// of lines that arrived together; while the file cannot be written the questions wait here
/// and the write is retried, so nothing read is ever dropped.
final class Intake {
    let store: StateStore
    let defaults: IntakeDefaults

    /// Questions read but not yet written.
    private var pending: [Question] = []
    private var lastFailure: Date?
    private var reportedFailure: String?
    private var lastAskedAt = Date.distantPast
    private var added = 0
    private var alreadyThere = 0
    private var refused = 0
    private var unmarked = 0
    private var privateSkipped = 0
    private var lastRevision: Int?
    /// Where lines come from in messages: "stdin" or the followed file.
    private var place = "stdin"

    /// How long a write waits for the lock before the loop takes it back (it retries).
    static let lockWait = 0.5
    /// Pause between attempts while the file cannot be written.
    static let retryPause = 0.5
    /// A Zoom message is complete when the next one starts, or when nothing more has come for
    /// this long (Zoom writes a message's lines together; the wait must stay well under the
    /// second a question may take to reach the screens).
    static let zoomQuiet = 0.5

    init(store: StateStore, defaults: IntakeDefaults) {
        self.store = store
        self.defaults = defaults
        store.lockTimeout = Self.lockWait
    }

    // MARK: Messages to questions

    /// Takes one parsed message (or reports why not).
    private func take(_ message: ChatMessage) {
        var text = message.text
        if !defaults.markers.isEmpty {
            guard let stripped = ChatIntake.strippingMarker(text, markers: defaults.markers) else {
                unmarked += 1
                return
            }
            text = stripped
        }
        switch makeQuestion(message, text: text) {
        case .success(let question): pending.append(question)
        case .failure(let problem): report(problem)
        }
    }

    private func makeQuestion(_ message: ChatMessage, text: String) -> Result<Question, IntakeProblem> {
        let stored: String
        switch ChatIntake.questionText(text, line: message.line) {
        case .success(let value): stored = value
        case .failure(let problem): return .failure(problem)
        }
        var source = defaults.source
        if let name = message.source {
            guard let parsed = QuestionSource(loose: name) else {
                return .failure(IntakeProblem(line: message.line, .askUnknownSource, name))
            }
            source = parsed
        }
        let session = message.session ?? defaults.session
        if let session, let state = store.state, state.event.session(withID: session) == nil {
            return .failure(IntakeProblem(line: message.line, .noSuchSession, session, state.event.sessions.map(\.id).joined(separator: ", ")))
        }
        // Never two at the same moment: the queue keeps the order of the lines.
        let now = Date()
        let askedAt = now > lastAskedAt.addingTimeInterval(0.001) ? now : lastAskedAt.addingTimeInterval(0.001)
        lastAskedAt = askedAt
        let messageID = message.messageID.map(ChatIntake.storedMessageID)
        var question = Question(
            id: messageID.map { ChatIntake.questionID(source: source, messageID: $0) } ?? Question.newID(),
            text: stored, author: message.author ?? defaults.author, source: source, sessionID: session,
            status: .new, askedAt: askedAt, by: defaults.actor)
        question.sourceMessageID = messageID
        return .success(question)
    }

    private func report(_ problem: IntakeProblem) {
        refused += 1
        printError("\(place):\(problem.line): \(problem.reason(processLanguage))")
    }

    // MARK: Writing

    /// One write of every pending question. True when none are left.
    @discardableResult
    private func flush(force: Bool = false) -> Bool {
        guard !pending.isEmpty else { return true }
        if !force, let lastFailure, Date().timeIntervalSince(lastFailure) < Self.retryPause { return false }
        // Questions already in the file as last seen (a restarted bridge re-reading its
        // history) cost no write; the reducer checks again against the fresh file.
        if let known = store.state {
            let before = pending.count
            pending.removeAll { known.questions.containsQuestion(id: $0.id, source: $0.source, messageID: $0.sourceMessageID) }
            alreadyThere += before - pending.count
            if pending.isEmpty { return true }
        }
        var seen = Set<String>()
        let batch = pending.filter { seen.insert($0.id).inserted }
        alreadyThere += pending.count - batch.count
        do {
            let saved = try store.commit(
                batch.map { .addQuestion($0) }, context: ActionContext(now: Date(), actor: defaults.actor))
            pending.removeAll()
            let landed = Self.landed(batch, in: saved)
            added += landed
            alreadyThere += batch.count - landed
            lastRevision = saved.revision
            if reportedFailure != nil {
                printError(processLanguage.t(batch.count == 1 ? .askWrittenAfterWaitingOne : .askWrittenAfterWaiting, batch.count, saved.revision))
            }
            lastFailure = nil
            reportedFailure = nil
            return true
        } catch {
            lastFailure = Date()
            let text = (error as? StoreError)?.description(processLanguage) ?? "\(error)"
            if text != reportedFailure {
                reportedFailure = text
                printError(processLanguage.t(pending.count == 1 ? .askWaitingOne : .askWaiting, pending.count, Self.retryPause, text))
            }
            return false
        }
    }

    /// How many of `batch` this write added (the others were added by another process since
    /// this one last read the file): new questions are at the end of the list.
    private static func landed(_ batch: [Question], in state: PodiumState) -> Int {
        var asked = Dictionary(batch.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var count = 0
        for question in state.questions.reversed() {
            guard !asked.isEmpty else { break }
            guard let mine = asked.removeValue(forKey: question.id) else { continue }
            if mine.askedAt == question.askedAt, mine.updatedBy == question.history.first?.by { count += 1 }
        }
        return count
    }

    /// The poll timeout while questions wait for the file.
    private var retryTimeout: Int32? {
        pending.isEmpty ? nil : Int32(Self.retryPause * 1000)
    }

    /// Writes what is left (one last attempt with the usual lock wait), else keeps it for
    /// `podium recover`. Returns the exit status after a signal.
    private func endBySignal(_ signal: Int32) -> Int32 {
        if !pending.isEmpty {
            store.lockTimeout = 3
            flush(force: true)
        }
        if !pending.isEmpty {
            let count = pending.count
            let absolute = store.path.hasPrefix("/") ? store.path : FileManager.default.currentDirectoryPath + "/" + store.path
            let intents = pending.map { (action: Action.addQuestion($0), context: ActionContext(now: $0.askedAt, actor: defaults.actor)) }
            do {
                let file = try UnsavedChanges(statePath: absolute, intents: intents).save(host: store.writer.host, pid: getpid())
                printError(processLanguage.t(count == 1 ? .askKeptOne : .askKept, count, store.path, reportedFailure ?? processLanguage.t(.askCouldNotWrite), file))
                pending.removeAll()
            } catch {
                printError(processLanguage.t(count == 1 ? .askKeepFailedOne : .askKeepFailed, count, store.path, error))
            }
        } else {
            printError(processLanguage.t(.askStoppedAllWritten, signal))
        }
        summary()
        return SignalWatcher.exitStatus(for: signal)
    }

    private func summary() {
        let l = processLanguage
        var parts = [l.t(added == 1 ? .askAddedOne : .askAdded, added)]
        if let lastRevision { parts[0] += l.t(.askRevision, lastRevision) }
        if alreadyThere > 0 { parts.append(l.t(.askAlready, alreadyThere)) }
        if refused > 0 { parts.append(l.t(.askRefused, refused)) }
        if unmarked > 0 { parts.append(l.t(.askUnmarked, unmarked)) }
        if privateSkipped > 0 { parts.append(l.t(privateSkipped == 1 ? .askPrivateOne : .askPrivate, privateSkipped)) }
        printOut(parts.joined(separator: l.t(.listSeparator)))
    }

    private var finalStatus: Int32 {
        if !pending.isEmpty { return ExitStatus.storeFailure }
        return refused > 0 ? ExitStatus.badInput : 0
    }

    // MARK: Modes

    /// One question from the command line: waits for the file like a stream does.
    func single(_ message: ChatMessage) throws -> Int32 {
        place = processLanguage.t(.askPlaceQuestion)
        switch makeQuestion(message, text: message.text) {
        case .success(let question): pending.append(question)
        case .failure(let problem):
            throw CommandFailure(message: processLanguage.t(.askNothingAdded, problem.reason(processLanguage)), status: ExitStatus.badInput)
        }
        return writeWaitingForTheFile()
    }

    /// Writes what was taken, retrying while the file cannot be written; a signal meanwhile
    /// ends it the way a stream ends (written, or kept for `podium recover`).
    private func writeWaitingForTheFile() -> Int32 {
        guard let signals = try? SignalWatcher(signals: [SIGTERM, SIGINT, SIGHUP]) else {
            flush(force: true)
            return finish()
        }
        while !flush() {
            let ready = Poller.wait([signals.descriptor], timeoutMilliseconds: retryTimeout)
            if ready.contains(signals.descriptor), let signal = signals.pendingSignals().first(where: SignalWatcher.isTermination) {
                return endBySignal(signal)
            }
        }
        return finish()
    }

    private func finish() -> Int32 {
        summary()
        return finalStatus
    }

    /// `ask - --strict`: the whole input first; one bad line refuses all of it.
    func readAllStrict(format: IntakeFormat) throws -> Int32 {
        let data = FileHandle.standardInput.readDataToEndOfFile()
        var splitter = LineSplitter()
        splitter.append(Array(data)[...])
        var zoom = ZoomChatParser()
        var number = 0
        var problems = 0
        func handle(_ bytes: ArraySlice<UInt8>) {
            number += 1
            lineTaken(bytes, number: number, offset: nil, format: format, zoom: &zoom)
        }
        while let line = splitter.nextLine() { handle(line.bytes) }
        if let rest = splitter.takeRest() { handle(rest.bytes) }
        for event in zoom.finish() { zoomEvent(event) }
        problems = refused
        if problems > 0 {
            let count = pending.count
            pending.removeAll()
            let l = processLanguage
            throw CommandFailure(message: l.t(problems == 1 ? .askBadLine : .askBadLines, problems) + l.t(count == 1 ? .askStrictNotWrittenOne : .askStrictNotWritten, count), status: ExitStatus.badInput)
        }
        return writeWaitingForTheFile()
    }

    /// One complete line of input.
    private func lineTaken(_ bytes: ArraySlice<UInt8>, number: Int, offset: UInt64?, format: IntakeFormat, zoom: inout ZoomChatParser) {
        if bytes.count > LineSplitter.longestLine {
            report(IntakeProblem(line: number, .askLineTooLong, LineSplitter.longestLine / 1024))
            return
        }
        guard let text = ChatIntake.decodeLine(bytes) else {
            report(IntakeProblem(line: number, .askNotUTF8))
            return
        }
        if format == .zoom {
            for event in zoom.feed(text, number: number) { zoomEvent(event) }
            return
        }
        switch ChatIntake.parseLine(text, format: format, number: number) {
        case .success(nil): return
        case .success(var message?):
            if message.messageID == nil, let offset {
                message.messageID = ChatIntake.lineMessageID(offset: offset, text: text)
            }
            take(message)
        case .failure(let problem): report(problem)
        }
    }

    private func zoomEvent(_ event: ZoomChatParser.Event) {
        switch event {
        case .message(let message): take(message)
        case .skippedPrivate: privateSkipped += 1
        case .problem(let problem): report(problem)
        }
    }

    /// `ask -`: streams stdin. Each wake-up takes every complete line available and writes
    /// them in one commit.
    func stream(format: IntakeFormat) throws -> Int32 {
        let signals: SignalWatcher
        do {
            signals = try SignalWatcher(signals: [SIGTERM, SIGINT, SIGHUP])
        } catch {
            throw CommandFailure(message: "\(error)", status: 1)
        }
        var splitter = LineSplitter()
        var zoom = ZoomChatParser()
        var number = 0
        var atEnd = false
        var lastInput = Date()
        let input: Int32 = 0
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            var timeout = retryTimeout
            if zoom.hasPending {
                // A Zoom message may continue on the next lines: it is complete after a quiet moment.
                let quiet = Int32(max(0, (Self.zoomQuiet - Date().timeIntervalSince(lastInput)) * 1000)) + 1
                timeout = min(timeout ?? quiet, quiet)
            }
            let ready = Poller.wait(atEnd ? [signals.descriptor] : [input, signals.descriptor], timeoutMilliseconds: atEnd ? (timeout ?? 0) : timeout)
            if ready.contains(signals.descriptor), let signal = signals.pendingSignals().first(where: SignalWatcher.isTermination) {
                // What has already arrived counts as read.
                if !atEnd {
                    while Poller.wait([input], timeoutMilliseconds: 0).contains(input) {
                        let count = read(input, &buffer, buffer.count)
                        if count <= 0 { break }
                        splitter.append(buffer[0..<count])
                    }
                }
                while let line = splitter.nextLine() {
                    number += 1
                    lineTaken(line.bytes, number: number, offset: nil, format: format, zoom: &zoom)
                }
                for event in zoom.finish() { zoomEvent(event) }
                return endBySignal(signal)
            }
            if !atEnd, ready.contains(input) {
                // Everything available now, up to 4 MB: a burst becomes one write.
                var taken = 0
                repeat {
                    let count = read(input, &buffer, buffer.count)
                    if count < 0 {
                        if errno == EINTR { continue }
                        // A non-blocking stdin handed over by the parent: nothing more for now.
                        if errno == EAGAIN || errno == EWOULDBLOCK { break }
                        printError("stdin: " + processLanguage.t(.askStdinStops, String(cString: strerror(errno))))
                    }
                    if count <= 0 {
                        atEnd = true
                        break
                    }
                    splitter.append(buffer[0..<count])
                    taken += count
                } while taken < 4 << 20 && Poller.wait([input], timeoutMilliseconds: 0).contains(input)
                lastInput = Date()
                while let line = splitter.nextLine() {
                    number += 1
                    lineTaken(line.bytes, number: number, offset: nil, format: format, zoom: &zoom)
                }
                if atEnd, let rest = splitter.takeRest() {
                    number += 1
                    lineTaken(rest.bytes, number: number, offset: nil, format: format, zoom: &zoom)
                }
            }
            if zoom.hasPending, atEnd || Date().timeIntervalSince(lastInput) >= Self.zoomQuiet {
                for event in zoom.finish() { zoomEvent(event) }
            }
            flush()
            if atEnd, pending.isEmpty, !zoom.hasPending {
                return finish()
            }
        }
    }

    /// `ask --follow FILE`: like tail -F from the start of the file (ids make re-reading
    /// harmless). A truncated file is read again from its start; a new file under the name
    /// (rotation) is read from its start once the old one has been read to its end.
    func follow(path: String, format: IntakeFormat) throws -> Int32 {
        place = path
        let signals: SignalWatcher
        do {
            signals = try SignalWatcher(signals: [SIGTERM, SIGINT, SIGHUP])
        } catch {
            throw CommandFailure(message: "\(error)", status: 1)
        }
        var file = FollowedFile(path: path)
        var splitter = LineSplitter()
        var zoom = ZoomChatParser()
        var number = 0
        var lastInput = Date()
        var saidWaiting = false

        func takeLines() {
            while let line = splitter.nextLine() {
                number += 1
                lineTaken(line.bytes, number: number, offset: line.offset, format: format, zoom: &zoom)
            }
        }
        func restart(_ why: String) {
            if let rest = splitter.takeRest() {
                number += 1
                lineTaken(rest.bytes, number: number, offset: rest.offset, format: format, zoom: &zoom)
            }
            for event in zoom.finish() { zoomEvent(event) }
            printError("\(path): " + processLanguage.t(.askReadFromStart, why))
            splitter = LineSplitter()
            zoom = ZoomChatParser()
            number = 0
        }

        while true {
            switch file.poll() {
            case .missing:
                if !saidWaiting {
                    printError("\(path): " + processLanguage.t(.askWaitingForFile))
                    saidWaiting = true
                }
            case .data(let bytes):
                saidWaiting = false
                splitter.append(bytes[...])
                lastInput = Date()
                takeLines()
            case .none:
                saidWaiting = false
            case .truncated:
                restart(processLanguage.t(.askTruncated))
            case .replaced(let rest):
                splitter.append(rest[...])
                takeLines()
                restart(processLanguage.t(.askRotated))
            }
            if zoom.hasPending, Date().timeIntervalSince(lastInput) >= Self.zoomQuiet {
                for event in zoom.finish() { zoomEvent(event) }
            }
            flush()
            let ready = Poller.wait([signals.descriptor], timeoutMilliseconds: 250)
            if ready.contains(signals.descriptor), let signal = signals.pendingSignals().first(where: SignalWatcher.isTermination) {
                if case .data(let bytes) = file.poll() { splitter.append(bytes[...]) }
                takeLines()
                for event in zoom.finish() { zoomEvent(event) }
                return endBySignal(signal)
            }
        }
    }
}

/// Splits bytes into lines, keeping where each line starts (its offset in the input).
struct LineSplitter {
    /// Longer lines are refused without being kept whole in memory.
    static let longestLine = 1 << 20

    private var buffer: [UInt8] = []
    private var start = 0
    /// The input offset of `buffer[0]`.
    private var bufferOffset: UInt64 = 0
    /// Inside a line already too long: its bytes are dropped up to its end.
    private var overlong = false
    private var overlongOffset: UInt64 = 0

    mutating func append(_ bytes: ArraySlice<UInt8>) {
        if start > 0, start >= buffer.count / 2 {
            buffer.removeFirst(start)
            bufferOffset += UInt64(start)
            start = 0
        }
        buffer.append(contentsOf: bytes)
    }

    /// The next complete line (with its line end), or nil.
    mutating func nextLine() -> (bytes: ArraySlice<UInt8>, offset: UInt64)? {
        guard let end = buffer[start...].firstIndex(of: UInt8(ascii: "\n")) else {
            if buffer.count - start > Self.longestLine {
                // Keep counting, but not keeping: the line is refused as a whole at its end.
                if !overlong { overlongOffset = bufferOffset + UInt64(start) }
                overlong = true
                bufferOffset += UInt64(buffer.count)
                buffer.removeAll(keepingCapacity: true)
                start = 0
            }
            return nil
        }
        let offset = overlong ? overlongOffset : bufferOffset + UInt64(start)
        var line = buffer[start...end]
        if overlong {
            // A stand-in of the right kind: longer than any line accepted.
            line = ArraySlice(repeating: UInt8(ascii: "x"), count: Self.longestLine + 1)
            overlong = false
        }
        start = end + 1
        return (line, offset)
    }

    /// What is left after the last line end (a last line without one), at the end of input.
    mutating func takeRest() -> (bytes: ArraySlice<UInt8>, offset: UInt64)? {
        defer {
            bufferOffset += UInt64(buffer.count)
            buffer.removeAll()
            start = 0
            overlong = false
        }
        if overlong { return (ArraySlice(repeating: UInt8(ascii: "x"), count: Self.longestLine + 1), overlongOffset) }
        guard start < buffer.count else { return nil }
        return (buffer[start...], bufferOffset + UInt64(start))
    }
}

/// A file followed by name, like tail -F: polled (a stat and a read every 250 ms), the open
/// descriptor tells the file read so far from a new one under the same name.
struct FollowedFile {
    enum Change {
        case none
        case missing
        case data([UInt8])
        /// Shorter than what was read: read again from the start.
        case truncated
        /// Another file now has the name; the old one's last bytes come with it.
        case replaced(rest: [UInt8])
    }

    let path: String
    private var fd: Int32 = -1
    private var offset: UInt64 = 0

    init(path: String) {
        self.path = path
    }

    mutating func poll() -> Change {
        if fd < 0 {
            let opened = open(path, O_RDONLY | O_CLOEXEC)
            guard opened >= 0 else { return .missing }
            fd = opened
            offset = 0
        }
        var held = stat()
        fstat(fd, &held)
        var named = stat()
        let nameExists = stat(path, &named) == 0
        if nameExists, named.st_ino != held.st_ino || named.st_dev != held.st_dev {
            let rest = readToEnd()
            close(fd)
            fd = -1
            return .replaced(rest: rest)
        }
        if UInt64(held.st_size) < offset {
            offset = 0
            return .truncated
        }
        let bytes = readToEnd()
        return bytes.isEmpty ? .none : .data(bytes)
    }

    private mutating func readToEnd() -> [UInt8] {
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = pread(fd, &chunk, chunk.count, off_t(offset))
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { break }
            result.append(contentsOf: chunk[0..<count])
            offset += UInt64(count)
            if result.count >= 4 << 20 { break }
        }
        return result
    }
}
