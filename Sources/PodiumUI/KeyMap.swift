import Foundation
import PodiumCore
import PodiumText

/// What a key does when no input line and no box is open. Each command is bound to its keys in
/// `keyTable`, and only there.
public enum KeyCommand: String, Sendable, CaseIterable {
    // The timer and the rundown (the host's).
    case startPause, next, previous, nextAndStart, plusMinute, minusMinute, exactTime, restart
    // This console's view and the shared message.
    case bigDigits, messagePalette, clearMessage, ask, search
    case down, up, first, last, focus, escape
    case filter, order, source, sessions
    case nextNotes, hostNotes, editNotes, versions, undo
    // The selected question.
    case approve, dismiss, restore, live, answered, voteUp, voteDown, pin, edit
    case merge, moveDown, moveUp, label, assign, full
    // Everyone's.
    case notesPageUp, notesPageDown, rundown, audience, help, quit
    /// Ctrl-C: quits even from the input line or a box.
    case interrupt

    /// Commands on the selected question: with none selected they only say so.
    var needsSelectedQuestion: Bool {
        switch self {
        case .approve, .dismiss, .restore, .live, .answered, .voteUp, .voteDown, .pin, .edit,
             .merge, .moveDown, .moveUp, .label, .assign, .full:
            return true
        default:
            return false
        }
    }
}

/// Keys that run one command.
public struct KeyPress: Sendable {
    public var keys: [Key]
    public var command: KeyCommand

    public init(_ keys: Key..., run command: KeyCommand) {
        self.keys = keys
        self.command = command
    }
}

/// A key's word on the status line ("y ok"), for the roles that show it, at its place there.
public struct KeyHint: Sendable {
    public var key: String
    public var word: Msg
    public var roles: Set<Role>
    /// Where it goes on the status line (smaller first): not the help's order, which groups
    /// keys by what they act on.
    public var rank: Int
}

/// One line of the key table: the keys as the help shows them, what they do, who may use
/// them, their status-line hint and the commands they run. Dispatch, the `?` box, the status
/// line and the README's table are all made from `keyTable`.
public struct KeyBinding: Sendable {
    /// The keys as the help overlay and the README name them.
    public var label: String
    /// What the keys do, from the catalog.
    public var message: Msg
    public var roles: Set<Role>
    public var hint: KeyHint?
    public var presses: [KeyPress]

    /// What the keys do in English (the README's table).
    public var action: String { message.text(.en) }

    public func action(_ language: Language) -> String { message.text(language) }
}

/// Every key, in the order the help overlay lists them. The same keys in every role where
/// they apply.
public let keyTable: [KeyBinding] = {
    let all: Set<Role> = [.host, .moderator, .speaker]
    let staff: Set<Role> = [.host, .moderator]
    let host: Set<Role> = [.host]
    let moderator: Set<Role> = [.moderator]
    func bind(_ label: String, _ message: Msg, _ roles: Set<Role>, hint: (String, Msg, Set<Role>, Int)? = nil,
              _ presses: KeyPress...) -> KeyBinding {
        KeyBinding(label: label, message: message, roles: roles,
                   hint: hint.map { KeyHint(key: $0.0, word: $0.1, roles: $0.2, rank: $0.3) }, presses: presses)
    }
    func c(_ character: Character) -> Key { .character(character) }
    return [
        bind("space", .keyStartPause, host, hint: ("space", .hintStartPause, host, 1), KeyPress(c(" "), run: .startPause)),
        bind("n / p", .keyNextPrevious, host, hint: ("n", .hintNext, host, 2),
             KeyPress(c("n"), run: .next), KeyPress(c("p"), run: .previous)),
        bind(">", .keyNextAndStart, host, KeyPress(c(">"), run: .nextAndStart)),
        bind("+ = / -", .keyPlusMinus, host, hint: ("+/-", .hintMinute, host, 3),
             KeyPress(c("+"), c("="), run: .plusMinute), KeyPress(c("-"), run: .minusMinute)),
        bind("t", .keyExactTime, host, KeyPress(c("t"), run: .exactTime)),
        bind("0", .keyRestart, host, KeyPress(c("0"), run: .restart)),
        bind("B", .keyBigDigits, staff, KeyPress(c("B"), run: .bigDigits)),
        bind("m / c", .keyMessage, staff, hint: ("m", .hintMessage, staff, 10),
             KeyPress(c("m"), run: .messagePalette), KeyPress(c("c"), run: .clearMessage)),
        bind("a", .keyAsk, staff, hint: ("a", .hintAsk, staff, 4), KeyPress(c("a"), run: .ask)),
        bind("j k ↑ ↓", .keyMove, staff, KeyPress(c("j"), .down, run: .down), KeyPress(c("k"), .up, run: .up)),
        bind("Home / End", .keyFirstLast, staff, KeyPress(.home, run: .first), KeyPress(.end, run: .last)),
        bind("y", .keyApprove, staff, hint: ("y", .hintApprove, staff, 5), KeyPress(c("y"), run: .approve)),
        bind("x / r", .keyDismissRestore, staff, hint: ("x", .hintDismiss, moderator, 6),
             KeyPress(c("x"), run: .dismiss), KeyPress(c("r"), run: .restore)),
        bind("Enter", .keyLive, staff, hint: ("⏎", .hintLive, staff, 7), KeyPress(.enter, run: .live)),
        bind("d", .keyAnswered, staff, hint: ("d", .hintDone, moderator, 8), KeyPress(c("d"), run: .answered)),
        bind("u / U", .keyVote, staff, KeyPress(c("u"), run: .voteUp), KeyPress(c("U"), run: .voteDown)),
        bind("s", .keyPin, staff, KeyPress(c("s"), run: .pin)),
        bind("e", .keyEdit, staff, KeyPress(c("e"), run: .edit)),
        bind("M", .keyMerge, staff, hint: ("M", .hintMerge, moderator, 9), KeyPress(c("M"), run: .merge)),
        bind("J / K", .keyReorder, staff, KeyPress(c("J"), run: .moveDown), KeyPress(c("K"), run: .moveUp)),
        bind("l / w", .keyLabelAssign, staff, KeyPress(c("l"), run: .label), KeyPress(c("w"), run: .assign)),
        bind("z", .keyUndo, staff, KeyPress(c("z"), run: .undo)),
        bind("f / o / v", .keyFilterOrderSource, staff,
             KeyPress(c("f"), run: .filter), KeyPress(c("o"), run: .order), KeyPress(c("v"), run: .source)),
        bind("S", .keySessions, staff, KeyPress(c("S"), run: .sessions)),
        bind("/", .keySearch, staff, hint: ("/", .hintFind, moderator, 11), KeyPress(c("/"), run: .search)),
        bind("i", .keyFull, staff, KeyPress(c("i"), run: .full)),
        bind("Esc", .keyEscape, staff, KeyPress(.escape, run: .escape)),
        bind("Tab", .keyFocus, staff, KeyPress(.tab, run: .focus)),
        // Not the speaker's: the speaker view's notes follow the pacing cues by themselves.
        bind("PgUp PgDn", .keyScrollNotes, staff, KeyPress(.pageUp, run: .notesPageUp), KeyPress(.pageDown, run: .notesPageDown)),
        bind("N", .keyNextNotes, staff, KeyPress(c("N"), run: .nextNotes)),
        bind("h", .keyHostNotes, staff, KeyPress(c("h"), run: .hostNotes)),
        bind("E", .keyEditNotes, staff, KeyPress(c("E"), run: .editNotes)),
        bind("V", .keyVersions, staff, KeyPress(c("V"), run: .versions)),
        bind("R", .keyRundown, all, KeyPress(c("R"), run: .rundown)),
        bind("Q", .keyAudience, staff, KeyPress(c("Q"), run: .audience)),
        bind("?", .keyHelp, all, hint: ("?", .hintHelp, all, 12), KeyPress(c("?"), run: .help)),
        bind("q  Ctrl-C", .keyQuit, all, hint: ("q", .hintQuit, all, 13),
             KeyPress(c("q"), run: .quit), KeyPress(.control("c"), run: .interrupt)),
    ]
}()

/// The key table read the other way: the binding of each key.
let bindingByKey: [Key: (command: KeyCommand, roles: Set<Role>)] = {
    var table: [Key: (command: KeyCommand, roles: Set<Role>)] = [:]
    for binding in keyTable {
        for press in binding.presses {
            for key in press.keys {
                precondition(table[key] == nil, "\(key) is bound twice in keyTable")
                table[key] = (press.command, binding.roles)
            }
        }
    }
    return table
}()

extension KeyBinding {
    /// The README's key table, made from `keyTable` (a test keeps the README equal to it).
    public static func markdownTable() -> String {
        func roles(_ roles: Set<Role>) -> String {
            if roles.count == 3 { return "everyone" }
            return [Role.host, .moderator, .speaker].filter(roles.contains).map(\.rawValue).joined(separator: ", ")
        }
        var lines = ["| key | does | who |", "| --- | --- | --- |"]
        for entry in keyTable {
            lines.append("| \(markdownKeys(entry.label)) | \(entry.action.replacingOccurrences(of: "|", with: "\\|")) | \(roles(entry.roles)) |")
        }
        return lines.joined(separator: "\n")
    }

    /// A help label as the README writes it: "j k ↑ ↓" → `j` `k` `↑` `↓`, "x / r" → `x` / `r`.
    static func markdownKeys(_ label: String) -> String {
        let tokens = label.split(separator: " ")
        return tokens.map { $0 == "/" && tokens.count > 1 ? "/" : "`\($0)`" }.joined(separator: " ")
    }

    /// The status line's hints for a role: " space start/pause  n next  …  q quit".
    public static func statusHints(_ role: Role, _ language: Language) -> String {
        let hints = keyTable.compactMap { $0.hint }.filter { $0.roles.contains(role) }.sorted { $0.rank < $1.rank }
        return " " + hints.map { $0.key + " " + $0.word.text(language) }.joined(separator: "  ")
    }
}

extension ConsoleModel {
    /// Handles one key pressed at `now`. Shared changes come back as actions for the loop to
    /// apply and persist; local changes (selection, overlays, input) are made here. `newID`
    /// gives a fresh id (a question asked, a vote): the caller's, so that tests can repeat a
    /// run exactly and key handling reads no clock and no random source of its own.
    public mutating func handle(
        _ key: Key, now: Date, newID: () -> String = Question.newID, memos: ConsoleMemos = ConsoleMemos()
    ) -> ConsoleOutput {
        // The notes' scroll is already the row shown: the loop calls followNotesCue before each
        // frame. Following the cue again here could move them to rows never seen.
        var output = handleKey(key, bindingByKey[key], now: now, newID: newID, memos: memos)
        if output.quit, case .editQuestion(let id) = input {
            // Quitting in the middle of an edit: the other consoles must not show it edited.
            output.actions.append(.setEditing(id: id, by: nil))
        }
        output.actions = Self.withWhatWasSeen(output.actions, in: shared, now: now, actor: actor)
        return output
    }

    /// Each action carries what this console showed when the key was pressed (`Seen`), so
    /// that applied again under the lock to a fresher file it changes only what still holds.
    /// Actions of one key are seen in turn: the second sees the first one's result.
    static func withWhatWasSeen(_ actions: [Action], in state: PodiumState, now: Date, actor: String) -> [Action] {
        guard actions.count > 1 else { return actions.map { $0.guarded(by: state) } }
        var seenState = state
        let context = ActionContext(now: now, actor: actor)
        return actions.map { action in
            let guarded = action.guarded(by: seenState)
            reduce(&seenState, action, context: context)
            return guarded
        }
    }

    private mutating func handleKey(
        _ key: Key, _ binding: (command: KeyCommand, roles: Set<Role>)?, now: Date, newID: () -> String, memos: ConsoleMemos
    ) -> ConsoleOutput {
        var output = ConsoleOutput()
        if binding?.command == .interrupt {
            output.quit = true
            return output
        }
        if input != nil {
            handleInput(key, now: now, newID: newID, output: &output)
            return output
        }
        if let overlay {
            handleOverlay(overlay, key, now: now, output: &output)
            return output
        }
        notice = nil
        noticeIsError = false
        guard let binding else {
            // Unbound: a speaker is told the console only reads; staff with no question
            // selected are told so (the key may have been meant for one).
            if case .character = key {
                if role == .speaker {
                    say(.readOnly)
                } else if selectedQuestion == nil {
                    say(.noQuestionSelected)
                }
            }
            return output
        }
        guard binding.roles.contains(role) else {
            if role == .speaker {
                if case .character = key { say(.readOnly) }
            } else {
                // The only keys staff may not use are the host's timer and rundown keys.
                say(.timerIsHosts)
            }
            return output
        }
        run(binding.command, key: key, now: now, newID: newID, memos: memos, output: &output)
        return output
    }

    /// Runs a command of the key table for a role that may use it.
    private mutating func run(
        _ command: KeyCommand, key: Key, now: Date, newID: () -> String, memos: ConsoleMemos, output: inout ConsoleOutput
    ) {
        let session = shared.currentSessionID
        if command.needsSelectedQuestion {
            guard let question = selectedQuestion else { return say(.noQuestionSelected) }
            return runOnQuestion(command, question, now: now, newID: newID, memos: memos, output: &output)
        }
        switch command {
        case .quit, .interrupt:
            output.quit = true
        case .help:
            overlay = .help
            helpScroll = 0
        case .rundown:
            overlay = .rundown
        case .audience:
            overlay = .audience
        case .notesPageDown:
            notesScroll = min(notesScroll + 5, maximumNotesScroll(now: now, memos: memos))
            notesScrolledByHand = true
        case .notesPageUp:
            notesScroll = max(0, min(notesScroll, maximumNotesScroll(now: now, memos: memos)) - 5)
            notesScrolledByHand = notesScroll > 0

        case .startPause:
            output.actions.append(
                shared.currentTimer.status == .running
                    ? .pauseTimer(session: session) : .startTimer(session: session))
        case .next, .nextAndStart:
            if shared.endedAt != nil {
                return say(.eventEndedGoBack)
            }
            guard let next = shared.nextSession else {
                // The last session: n ends the event, after asking.
                overlay = .confirmEndEvent(session: session)
                return
            }
            let start = command == .nextAndStart
            output.actions.append(start ? .nextSessionAndStart(from: session) : .nextSession(from: session))
            say(start ? .started : .next, next.title)
            notesScroll = 0
            notesScrolledByHand = false
        case .previous:
            output.actions.append(.previousSession(from: session))
            notesScroll = 0
            notesScrolledByHand = false
        case .plusMinute:
            output.actions.append(.adjustTime(session: session, seconds: 60))
            say(.plusMinute)
        case .minusMinute:
            output.actions.append(.adjustTime(session: session, seconds: -60))
            say(.minusMinute)
        case .exactTime:
            beginInput(.adjustTime)
        case .restart:
            overlay = .confirmRestart(session: session)

        case .messagePalette:
            overlay = .messagePalette
        case .clearMessage:
            if shared.message != nil {
                output.actions.append(.clearMessage)
                say(.messageCleared)
            } else {
                say(.noMessageToClear)
            }
        case .ask:
            beginInput(.addQuestion)
        case .search:
            beginInput(.search, text: [query.search, query.label.map { "#" + $0 } ?? ""]
                .filter { !$0.isEmpty }.joined(separator: " "))
        case .down:
            if focus == .notes {
                // Tab gave the notes the focus: the arrows scroll them.
                notesScroll = min(notesScroll + 1, maximumNotesScroll(now: now, memos: memos))
                notesScrolledByHand = true
            } else {
                moveSelection(by: 1, memos: memos)
            }
        case .up:
            if focus == .notes {
                notesScroll = max(0, min(notesScroll, maximumNotesScroll(now: now, memos: memos)) - 1)
                notesScrolledByHand = notesScroll > 0
            } else {
                moveSelection(by: -1, memos: memos)
            }
        case .first:
            moveSelection(toIndex: 0, memos: memos)
        case .last:
            moveSelection(toIndex: Int.max, memos: memos)
        case .focus:
            focus = focus == .queue ? .notes : .queue
        case .escape:
            if !query.search.isEmpty || query.label != nil {
                query.search = ""
                query.label = nil
                say(.searchCleared)
            } else if selectedQuestion != nil, mergeSourceID != nil {
                mergeSourceID = nil
                say(.mergeCancelled)
            }
        case .filter:
            query.filter = query.filter.next
            say(.showing, query.filter.label(language))
        case .order:
            query.order = query.order.next
            say(.orderNotice, query.order.label)
        case .source:
            query.source = nextSource(after: query.source)
            say(.sourceNotice, query.source?.rawValue ?? language.t(.sourceAll))
        case .sessions:
            query.session = query.session == .current ? .all : .current
            say(query.session == .current ? .showingThisSession : .showingAllSessions)
        case .nextNotes:
            showNextSessionNotes.toggle()
            notesScroll = 0
        case .hostNotes:
            showHostNotes.toggle()
            notesScroll = 0
        case .editNotes:
            let target = showNextSessionNotes ? (shared.nextSession?.id ?? session) : session
            output.editNotes = (target, showHostNotes ? .host : .speaker)
        case .bigDigits:
            // This console's view only (as --big-seconds): nothing shared changes.
            bigSeconds.toggle()
            say(bigSeconds ? .bigWithSeconds : .bigWholeMinutes)
        case .versions:
            if shownNoteVersions.isEmpty {
                say(.noEarlierVersions)
            } else {
                overlay = .noteVersions(selected: 0)
            }
        case .undo:
            if let last = undoStack.pop() {
                output.actions.append(contentsOf: last.inverse)
                say(.undone, language.t(Self.describe(last.actions)))
            } else {
                say(.nothingToUndo)
            }
        case .approve, .dismiss, .restore, .live, .answered, .voteUp, .voteDown, .pin, .edit,
             .merge, .moveDown, .moveUp, .label, .assign, .full:
            break  // handled above
        }
    }

    private mutating func runOnQuestion(
        _ command: KeyCommand, _ question: Question, now: Date, newID: () -> String, memos: ConsoleMemos,
        output: inout ConsoleOutput
    ) {
        let id = question.id
        switch command {
        case .approve:
            record(.approve(id: id), now: now, output: &output)
            say(question.status == .approved ? .alreadyApproved : .approved)
        case .dismiss:
            beginInput(.dismissReason(id: id))
        case .restore:
            record(.restore(id: id), now: now, output: &output)
            say(question.status == .dismissed ? .restored : .notDismissed)
        case .live:
            record(.putLive(id: id), now: now, output: &output)
            say(.liveNow)
        case .answered:
            record(.markAnswered(id: id), now: now, output: &output)
            say(question.status == .answered ? .alreadyAnswered : .markedAnswered)
        case .voteUp, .voteDown:
            // Each vote from a console counts on its own (a moderator relays a show of hands).
            let voter = "\(actor):\(newID().suffix(8))"
            record(.vote(id: id, voter: voter, delta: command == .voteUp ? 1 : -1), now: now, output: &output)
        case .pin:
            record(.setPinned(id: id, pinned: !question.pinned), now: now, output: &output)
            say(question.pinned ? .unpinned : .pinned)
        case .edit:
            output.actions.append(.setEditing(id: id, by: actor))
            beginInput(.editQuestion(id: id), text: question.text)
        case .label:
            beginInput(.label(id: id), text: question.labels.joined(separator: ", "))
        case .assign:
            beginInput(.assign(id: id), text: question.assignee ?? "")
        case .merge:
            if let source = mergeSourceID, source != id {
                record(.mergeQuestion(duplicate: source, into: id), now: now, output: &output)
                mergeSourceID = nil
                say(.merged)
            } else {
                mergeSourceID = id
                say(.duplicateMarked)
            }
        case .full:
            overlay = .question(id: id, scroll: 0)
        case .moveDown, .moveUp:
            reorder(question, down: command == .moveDown, now: now, memos: memos, output: &output)
        default:
            break
        }
    }

    /// J / K: the selected question one place down or up in the list ordered by position.
    private mutating func reorder(_ question: Question, down: Bool, now: Date, memos: ConsoleMemos, output: inout ConsoleOutput) {
        let id = question.id
        guard query.order == .position else {
            return say(.moveNeedsPosition)
        }
        var list = visibleQuestions(memos)
        guard let index = list.firstIndex(where: { $0.id == id }) else { return }
        let target = down ? index + 1 : index - 1
        guard list.indices.contains(target) else { return say(target < 0 ? .alreadyFirst : .alreadyLast) }
        guard list[target].pinned == question.pinned,
              (list[target].status == .live) == (question.status == .live)
        else { return say(.pinnedStayFirst) }
        list.swapAt(index, target)
        // A place between its new neighbours; when there is none (equal positions, as for
        // questions added by one script at once), the list is numbered again.
        let previous = target > 0 ? list[target - 1].position : nil
        let following = target + 1 < list.count ? list[target + 1].position : nil
        switch (previous, following) {
        case (let previous?, let following?) where previous < following:
            record(.moveQuestion(id: id, position: (previous + following) / 2), now: now, output: &output)
        case (let previous?, nil):
            record(.moveQuestion(id: id, position: previous + 1), now: now, output: &output)
        case (nil, let following?):
            record(.moveQuestion(id: id, position: following - 1), now: now, output: &output)
        default:
            let base = list.map(\.position).min() ?? 0
            let moves = list.enumerated().compactMap { offset, item -> Action? in
                item.position == base + Double(offset) ? nil
                    : .moveQuestion(id: item.id, position: base + Double(offset))
            }
            recordGroup(moves, now: now, output: &output)
        }
    }

    /// Appends actions that one `z` undoes together.
    mutating func recordGroup(_ actions: [Action], now: Date, output: inout ConsoleOutput) {
        undoStack.record(actions, before: shared, context: ActionContext(now: now, actor: actor))
        output.actions.append(contentsOf: actions)
    }

    /// Appends an action and remembers how to undo it.
    mutating func record(_ action: Action, now: Date, output: inout ConsoleOutput) {
        recordGroup([action], now: now, output: &output)
    }

    /// What `z` undid, in a few words.
    static func describe(_ actions: [Action]) -> Msg {
        guard let first = actions.first?.unguarded else { return .undoLast }
        switch first {
        case .approve: return .undoApproval
        case .dismiss: return .undoDismissal
        case .restore: return .undoRestore
        case .putLive: return .undoLive
        case .markAnswered: return .undoAnswered
        case .vote: return .undoVote
        case .setPinned: return .undoPin
        case .editText: return .undoEdit
        case .mergeQuestion: return .undoMerge
        case .moveQuestion: return .undoMove
        case .setLabels: return .undoLabels
        case .assign: return .undoAssign
        default: return .undoLast
        }
    }

    private func nextSource(after source: QuestionSource?) -> QuestionSource? {
        let all = QuestionSource.allCases
        guard let source, let index = all.firstIndex(of: source) else { return all.first }
        return index + 1 < all.count ? all[index + 1] : nil
    }

    public mutating func say(_ text: String) {
        notice = text
        noticeIsError = false
    }

    public mutating func sayError(_ text: String) {
        notice = text
        noticeIsError = true
    }

    /// A notice from the catalog, in this console's language.
    public mutating func say(_ message: Msg, _ arguments: Any...) {
        say(message.text(language, arguments.map { "\($0)" }))
    }

    public mutating func sayError(_ message: Msg, _ arguments: Any...) {
        sayError(message.text(language, arguments.map { "\($0)" }))
    }
}

extension QueueQuery.Filter {
    /// The next filter for `f`.
    public var next: QueueQuery.Filter {
        let all = QueueQuery.Filter.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }

    /// How the filter is named in the notice and the queue pane's title: the same words as the
    /// counts in the title ("new 2 · queue 1 · live 1 · done 3 · gone 1").
    public var label: String { label(.en) }

    public func label(_ language: Language) -> String {
        switch self {
        case .triage: return language.t(.filterTriage)
        case .incoming: return language.t(.countNew)
        case .queue: return language.t(.countQueue)
        case .answered: return language.t(.countDone)
        case .dismissed: return language.t(.countGone)
        case .all: return language.t(.filterAll)
        }
    }
}

extension QueueQuery.Order {
    /// The next order for `o`.
    public var next: QueueQuery.Order {
        let all = QueueQuery.Order.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }

    public var label: String { rawValue }
}
