import Foundation
import PodiumCore
import PodiumText

/// One line of the help overlay: the key, what it does, and who may use it.
public struct KeyHelp: Sendable {
    public var keys: String
    /// What the key does, from the catalog.
    public var message: Msg
    public var roles: Set<Role>

    /// What the key does in English (the README's table).
    public var action: String { message.text(.en) }

    public func action(_ language: Language) -> String { message.text(language) }
}

/// Every key, in the order the help overlay lists them. The same keys in every role where
/// they apply.
public let keyHelp: [KeyHelp] = {
    let all: Set<Role> = [.host, .moderator, .speaker]
    let staff: Set<Role> = [.host, .moderator]
    let host: Set<Role> = [.host]
    return [
        KeyHelp(keys: "space", message: .keyStartPause, roles: host),
        KeyHelp(keys: "n / p", message: .keyNextPrevious, roles: host),
        KeyHelp(keys: ">", message: .keyNextAndStart, roles: host),
        KeyHelp(keys: "+ / -", message: .keyPlusMinus, roles: host),
        KeyHelp(keys: "t", message: .keyExactTime, roles: host),
        KeyHelp(keys: "0", message: .keyRestart, roles: host),
        KeyHelp(keys: "B", message: .keyBigDigits, roles: staff),
        KeyHelp(keys: "m / c", message: .keyMessage, roles: staff),
        KeyHelp(keys: "a", message: .keyAsk, roles: staff),
        KeyHelp(keys: "j k ↑ ↓", message: .keyMove, roles: staff),
        KeyHelp(keys: "Home / End", message: .keyFirstLast, roles: staff),
        KeyHelp(keys: "y", message: .keyApprove, roles: staff),
        KeyHelp(keys: "x / r", message: .keyDismissRestore, roles: staff),
        KeyHelp(keys: "Enter", message: .keyLive, roles: staff),
        KeyHelp(keys: "d", message: .keyAnswered, roles: staff),
        KeyHelp(keys: "u / U", message: .keyVote, roles: staff),
        KeyHelp(keys: "s", message: .keyPin, roles: staff),
        KeyHelp(keys: "e", message: .keyEdit, roles: staff),
        KeyHelp(keys: "M", message: .keyMerge, roles: staff),
        KeyHelp(keys: "J / K", message: .keyReorder, roles: staff),
        KeyHelp(keys: "l / w", message: .keyLabelAssign, roles: staff),
        KeyHelp(keys: "z", message: .keyUndo, roles: staff),
        KeyHelp(keys: "f / o / v", message: .keyFilterOrderSource, roles: staff),
        KeyHelp(keys: "S", message: .keySessions, roles: staff),
        KeyHelp(keys: "/", message: .keySearch, roles: staff),
        KeyHelp(keys: "i", message: .keyFull, roles: staff),
        KeyHelp(keys: "Esc", message: .keyEscape, roles: staff),
        KeyHelp(keys: "Tab", message: .keyFocus, roles: staff),
        KeyHelp(keys: "PgUp PgDn", message: .keyScrollNotes, roles: all),
        KeyHelp(keys: "N", message: .keyNextNotes, roles: staff),
        KeyHelp(keys: "h", message: .keyHostNotes, roles: staff),
        KeyHelp(keys: "E", message: .keyEditNotes, roles: staff),
        KeyHelp(keys: "V", message: .keyVersions, roles: staff),
        KeyHelp(keys: "R", message: .keyRundown, roles: all),
        KeyHelp(keys: "Q", message: .keyAudience, roles: staff),
        KeyHelp(keys: "?", message: .keyHelp, roles: all),
        KeyHelp(keys: "q  Ctrl-C", message: .keyQuit, roles: all),
    ]
}()

extension KeyHelp {
    /// The README's key table, made from `keyHelp` (a test keeps the README equal to it).
    public static func markdownTable() -> String {
        func roles(_ roles: Set<Role>) -> String {
            if roles.count == 3 { return "everyone" }
            return [Role.host, .moderator, .speaker].filter(roles.contains).map(\.rawValue).joined(separator: ", ")
        }
        func keys(_ keys: String) -> String {
            let tokens = keys.split(separator: " ")
            return tokens.map { $0 == "/" && tokens.count > 1 ? "/" : "`\($0)`" }.joined(separator: " ")
        }
        var lines = ["| key | does | who |", "| --- | --- | --- |"]
        for entry in keyHelp {
            lines.append("| \(keys(entry.keys)) | \(entry.action.replacingOccurrences(of: "|", with: "\\|")) | \(roles(entry.roles)) |")
        }
        return lines.joined(separator: "\n")
    }
}

extension ConsoleModel {
    /// Handles one key. Shared changes come back as actions for the loop to apply and persist;
    /// local changes (selection, overlays, input) are made here.
    public mutating func handle(_ key: Key, now: Date) -> ConsoleOutput {
        keyTime = now
        var output = handleKey(key, now: now)
        if output.quit, case .editQuestion(let id) = input {
            // Quitting in the middle of an edit: the other consoles must not show it edited.
            output.actions.append(.setEditing(id: id, by: nil))
        }
        output.actions = Self.withWhatWasSeen(output.actions, in: shared, now: now, actor: actor)
        followSelection(after: output.actions, now: now)
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

    /// When the selected question leaves the list (dismissed, merged, answered in the triage
    /// view…), the selection moves to the next question below it (or above), not to the top.
    ///
    /// Issue 7 (a key in ≤ 2 ms with 10,000 questions): whether a question is listed depends on
    /// that question alone (and the current session), so only the questions the actions touch
    /// can leave the list. Actions that touch none (the timer, votes, pins, messages, notes)
    /// cost nothing here; the others are applied to a small state holding just the touched
    /// questions, instead of to a copy of all of them followed by the whole queue query.
    private mutating func followSelection(after actions: [Action], now: Date) {
        guard !actions.isEmpty, let id = selectedQuestionID else { return }
        var touched: Set<String> = []
        var whole = false
        for action in actions {
            switch Self.listEffect(of: action) {
            case .none: continue
            case .question(let touchedID): touched.insert(touchedID)
            case .live(let touchedID):
                // Putting one live takes the one on stage off it.
                touched.insert(touchedID)
                for question in shared.questions where question.status == .live { touched.insert(question.id) }
            case .whole: whole = true
            }
        }
        guard whole || touched.contains(id) else { return }
        let before = visibleQuestions
        // Through the buffers, questions are read in place, never copied.
        let found = before.withUnsafeBufferPointer { list in list.indices.first { list[$0].id == id } }
        guard let index = found else { return }
        let context = ActionContext(now: now, actor: actor)
        let listed: (String) -> Bool
        if whole {
            var after = shared
            for action in actions { reduce(&after, action, context: context) }
            let visible = Set(query.apply(to: after).map(\.id))
            listed = { visible.contains($0) }
        } else {
            var small = shared
            small.questions = QuestionList(touched.compactMap { queueMemo.index(ofQuestion: $0, in: shared) }
                .sorted().map { shared.questions[$0] })
            for action in actions { reduce(&small, action, context: context) }
            let kept = Set(small.questions.filter { query.matches($0, in: small) }.map(\.id))
            listed = { !touched.contains($0) || kept.contains($0) }
        }
        guard !listed(id) else { return }
        if let next = before[(index + 1)...].first(where: { listed($0.id) })
            ?? before[..<index].last(where: { listed($0.id) }) {
            selectedQuestionID = next.id
        }
    }

    private enum ListEffect {
        /// Cannot take any question out of the list (it may reorder it).
        case none
        /// May take this question out of the list.
        case question(String)
        /// May take this question and the one on stage out of the list.
        case live(String)
        /// May change the whole list (another session, merges that follow chains).
        case whole
    }

    private static func listEffect(of action: Action) -> ListEffect {
        switch action {
        case .guarded(let inner, _):
            return listEffect(of: inner)
        case .startTimer, .pauseTimer, .adjustTime, .restartSession, .addQuestion, .vote, .setPinned,
             .moveQuestion, .assign, .setEditing, .sendMessage, .clearMessage, .setNotes:
            return .none
        case .approve(let id), .dismiss(let id, _), .restore(let id), .markAnswered(let id),
             .editText(let id, _), .setLabels(let id, _), .setStatus(let id, _):
            return .question(id)
        case .putLive(let id):
            return .live(id)
        case .nextSession, .nextSessionAndStart, .previousSession, .goToSession, .endEvent,
             .mergeQuestion, .unmergeQuestion, .loadEvent, .blockPerson:
            return .whole
        }
    }

    private mutating func handleKey(_ key: Key, now: Date) -> ConsoleOutput {
        var output = ConsoleOutput()
        if key == .control("c") {
            output.quit = true
            return output
        }
        if input != nil {
            handleInput(key, now: now, output: &output)
            return output
        }
        if let overlay {
            handleOverlay(overlay, key, now: now, output: &output)
            return output
        }
        notice = nil
        noticeIsError = false
        switch key {
        case .character("q"):
            output.quit = true
        case .character("?"):
            overlay = .help
            helpScroll = 0
        case .character("R"):
            overlay = .rundown
        case .character("Q") where role != .speaker:
            overlay = .audience
        case .pageDown:
            notesScroll = min(notesScroll + 5, maximumNotesScroll)
            notesScrolledByHand = true
        case .pageUp:
            notesScroll = max(0, min(notesScroll, maximumNotesScroll) - 5)
            notesScrolledByHand = notesScroll > 0
        case .resize:
            break
        default:
            if role == .speaker {
                if case .character = key { say(.readOnly) }
            } else {
                handleStaffKey(key, now: now, output: &output)
            }
        }
        return output
    }

    private mutating func handleStaffKey(_ key: Key, now: Date, output: inout ConsoleOutput) {
        let session = shared.currentSessionID
        switch key {
        // Timer and rundown: the host's.
        case .character(" "), .character("n"), .character("p"), .character("+"),
             .character("="), .character("-"), .character("t"), .character("0"), .character(">"):
            guard controlsTimer else {
                say(.timerIsHosts)
                return
            }
            switch key {
            case .character(" "):
                output.actions.append(
                    shared.currentTimer.status == .running
                        ? .pauseTimer(session: session) : .startTimer(session: session))
            case .character("n"), .character(">"):
                if shared.endedAt != nil {
                    return say(.eventEndedGoBack)
                }
                if shared.nextSession == nil {
                    // The last session: n ends the event, after asking.
                    overlay = .confirmEndEvent(session: session)
                    return
                }
                output.actions.append(key == .character(">") ? .nextSessionAndStart(from: session) : .nextSession(from: session))
                if let next = shared.nextSession {
                    say(key == .character(">") ? .started : .next, next.title)
                }
                notesScroll = 0
                notesScrolledByHand = false
            case .character("p"):
                output.actions.append(.previousSession(from: session))
                notesScroll = 0
                notesScrolledByHand = false
            case .character("+"), .character("="):
                output.actions.append(.adjustTime(session: session, seconds: 60))
                say(.plusMinute)
            case .character("-"):
                output.actions.append(.adjustTime(session: session, seconds: -60))
                say(.minusMinute)
            case .character("t"):
                beginInput(.adjustTime)
            default:
                overlay = .confirmRestart(session: session)
            }

        case .character("m"):
            overlay = .messagePalette
        case .character("c"):
            if shared.message != nil {
                output.actions.append(.clearMessage)
                say(.messageCleared)
            } else {
                say(.noMessageToClear)
            }
        case .character("a"):
            beginInput(.addQuestion)
        case .character("/"):
            beginInput(.search, text: [query.search, query.label.map { "#" + $0 } ?? ""]
                .filter { !$0.isEmpty }.joined(separator: " "))
        case .character("j"), .down:
            if focus == .notes {
                // Tab gave the notes the focus: the arrows scroll them.
                notesScroll = min(notesScroll + 1, maximumNotesScroll)
                notesScrolledByHand = true
            } else {
                moveSelection(by: 1)
            }
        case .character("k"), .up:
            if focus == .notes {
                notesScroll = max(0, min(notesScroll, maximumNotesScroll) - 1)
                notesScrolledByHand = notesScroll > 0
            } else {
                moveSelection(by: -1)
            }
        case .home:
            moveSelection(toIndex: 0)
        case .end:
            moveSelection(toIndex: Int.max)
        case .tab:
            focus = focus == .queue ? .notes : .queue
        case .escape where !query.search.isEmpty || query.label != nil:
            query.search = ""
            query.label = nil
            say(.searchCleared)
        case .character("f"):
            query.filter = query.filter.next
            say(.showing, query.filter.label(language))
        case .character("o"):
            query.order = query.order.next
            say(.orderNotice, query.order.label)
        case .character("v"):
            query.source = nextSource(after: query.source)
            say(.sourceNotice, query.source?.rawValue ?? language.t(.sourceAll))
        case .character("S"):
            query.session = query.session == .current ? .all : .current
            say(query.session == .current ? .showingThisSession : .showingAllSessions)
        case .character("N"):
            showNextSessionNotes.toggle()
            notesScroll = 0
        case .character("h"):
            showHostNotes.toggle()
            notesScroll = 0
        case .character("E"):
            let target = showNextSessionNotes ? (shared.nextSession?.id ?? session) : session
            output.editNotes = (target, showHostNotes ? .host : .speaker)
        case .character("B"):
            // This console's view only (as --big-seconds): nothing shared changes.
            bigSeconds.toggle()
            say(bigSeconds ? .bigWithSeconds : .bigWholeMinutes)
        case .character("V"):
            if shownNoteVersions.isEmpty {
                say(.noEarlierVersions)
            } else {
                overlay = .noteVersions(selected: 0)
            }
        case .character("z"):
            if let last = undoStack.pop() {
                output.actions.append(contentsOf: last.inverse)
                say(.undone, language.t(Self.describe(last.actions)))
            } else {
                say(.nothingToUndo)
            }
        default:
            handleQuestionKey(key, now: now, output: &output)
        }
    }

    private mutating func handleQuestionKey(_ key: Key, now: Date, output: inout ConsoleOutput) {
        guard let question = selectedQuestion else {
            if case .character = key { say(.noQuestionSelected) }
            if key == .enter { say(.noQuestionSelected) }
            return
        }
        let id = question.id
        switch key {
        case .character("y"):
            record(.approve(id: id), output: &output)
            say(question.status == .approved ? .alreadyApproved : .approved)
        case .character("x"):
            beginInput(.dismissReason(id: id))
        case .character("r"):
            record(.restore(id: id), output: &output)
            say(question.status == .dismissed ? .restored : .notDismissed)
        case .enter:
            record(.putLive(id: id), output: &output)
            say(.liveNow)
        case .character("d"):
            record(.markAnswered(id: id), output: &output)
            say(question.status == .answered ? .alreadyAnswered : .markedAnswered)
        case .character("u"):
            record(.vote(id: id, voter: "\(actor):\(UUID().uuidString.prefix(8))", delta: 1), output: &output)
        case .character("U"):
            record(.vote(id: id, voter: "\(actor):\(UUID().uuidString.prefix(8))", delta: -1), output: &output)
        case .character("s"):
            record(.setPinned(id: id, pinned: !question.pinned), output: &output)
            say(question.pinned ? .unpinned : .pinned)
        case .character("e"):
            output.actions.append(.setEditing(id: id, by: actor))
            beginInput(.editQuestion(id: id), text: question.text)
        case .character("l"):
            beginInput(.label(id: id), text: question.labels.joined(separator: ", "))
        case .character("w"):
            beginInput(.assign(id: id), text: question.assignee ?? "")
        case .character("M"):
            if let source = mergeSourceID, source != id {
                record(.mergeQuestion(duplicate: source, into: id), output: &output)
                mergeSourceID = nil
                say(.merged)
            } else {
                mergeSourceID = id
                say(.duplicateMarked)
            }
        case .escape:
            if mergeSourceID != nil {
                mergeSourceID = nil
                say(.mergeCancelled)
            }
        case .character("i"):
            overlay = .question(id: id, scroll: 0)
        case .character("J"), .character("K"):
            guard query.order == .position else {
                return say(.moveNeedsPosition)
            }
            var list = visibleQuestions
            guard let index = list.firstIndex(where: { $0.id == id }) else { return }
            let target = key == .character("J") ? index + 1 : index - 1
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
                record(.moveQuestion(id: id, position: (previous + following) / 2), output: &output)
            case (let previous?, nil):
                record(.moveQuestion(id: id, position: previous + 1), output: &output)
            case (nil, let following?):
                record(.moveQuestion(id: id, position: following - 1), output: &output)
            default:
                let base = list.map(\.position).min() ?? 0
                let moves = list.enumerated().compactMap { offset, item -> Action? in
                    item.position == base + Double(offset) ? nil
                        : .moveQuestion(id: item.id, position: base + Double(offset))
                }
                recordGroup(moves, output: &output)
            }
        default:
            break
        }
    }

    /// Appends actions that one `z` undoes together.
    private mutating func recordGroup(_ actions: [Action], output: inout ConsoleOutput) {
        undoStack.record(actions, before: shared, context: ActionContext(now: keyTime, actor: actor))
        output.actions.append(contentsOf: actions)
    }

    /// Appends an action and remembers how to undo it.
    private mutating func record(_ action: Action, output: inout ConsoleOutput) {
        recordGroup([action], output: &output)
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

    private mutating func beginInput(_ purpose: InputPurpose, text: String = "") {
        input = purpose
        editor = LineEditor(text, maximumLength: Question.maximumLength)
        inputRefused = 0
    }

    private mutating func handleInput(_ key: Key, now: Date, output: inout ConsoleOutput) {
        guard let purpose = input else { return }
        // The ask line: Tab changes the source, Ctrl-O the asker's name (then back to the text).
        if purpose == .addQuestion, key == .tab {
            askSource = QuestionSource.allCases[(QuestionSource.allCases.firstIndex(of: askSource)! + 1) % QuestionSource.allCases.count]
            return say(.sourceNotice, askSource.rawValue)
        }
        if purpose == .addQuestion, key == .control("o") {
            let draft = editor.text
            beginInput(.askAuthor(draft: draft), text: askAuthor)
            return say(.whoAsked)
        }
        if case .askAuthor(let draft) = purpose, key == .enter || key == .escape {
            if key == .enter { askAuthor = Sanitizer.line(editor.text).trimmingCharacters(in: .whitespaces) }
            beginInput(.addQuestion, text: draft)
            return say(askAuthor.isEmpty ? .noName : .askedBy, askAuthor.isEmpty ? role.rawValue : askAuthor)
        }
        switch key {
        case .escape:
            if case .editQuestion(let id) = purpose { output.actions.append(.setEditing(id: id, by: nil)) }
            input = nil
            say(.cancelled)
        case .enter:
            if inputRefused > 0 {
                // Part of a paste did not fit: sending the rest would cut it silently.
                sayError(.tooLongShorten, editor.maximumLength, inputRefused)
                return
            }
            input = nil
            submit(purpose, text: editor.text, now: now, output: &output)
        case .backspace:
            if editor.backspace() { inputRefused = 0 }
        case .delete:
            if editor.delete() { inputRefused = 0 }
        case .left:
            _ = editor.left()
        case .right:
            _ = editor.right()
        case .home, .control("a"):
            editor.home()
        case .end, .control("e"):
            editor.end()
        case .control("u"):
            if editor.killToStart() { inputRefused = 0 }
        case .control("k"):
            if editor.killToEnd() { inputRefused = 0 }
        case .control("w"):
            if editor.deleteWordBackward() { inputRefused = 0 }
        case .character(let character):
            if case .tooLong(let maximum, _) = editor.insert(character) {
                inputRefused += 1
                sayError(.tooLongTyping, maximum, inputRefused)
            } else if notice != nil, inputRefused == 0 {
                notice = nil
            }
        default:
            break
        }
    }

    private mutating func submit(_ purpose: InputPurpose, text: String, now: Date, output: inout ConsoleOutput) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        switch purpose {
        case .addQuestion:
            guard !trimmed.isEmpty else { return say(.nothingAdded) }
            let question = Question(
                id: Self.newQuestionID(), text: trimmed, author: askAuthor.isEmpty ? role.rawValue : askAuthor,
                source: askSource, sessionID: shared.currentSessionID, status: .new,
                askedAt: now, by: actor)
            output.actions.append(.addQuestion(question))
            selectedQuestionID = question.id
            say(.questionAdded, askSource.rawValue + (askAuthor.isEmpty ? "" : ", " + askAuthor))
        case .askAuthor:
            break
        case .editQuestion(let id):
            if !trimmed.isEmpty, trimmed != shared.question(id)?.text {
                record(.editText(id: id, text: trimmed), output: &output)
                say(.edited)
            } else {
                say(trimmed.isEmpty ? .notEditedEmpty : .notEditedSame)
            }
            output.actions.append(.setEditing(id: id, by: nil))
        case .dismissReason(let id):
            record(.dismiss(id: id, reason: trimmed.isEmpty ? nil : trimmed), output: &output)
            say(.dismissed)
        case .message, .eventMessage:
            guard !trimmed.isEmpty else { return say(.nothingSent) }
            let wholeEvent = purpose == .eventMessage
            output.actions.append(.sendMessage(SpeakerMessage(
                text: trimmed, sentBy: actor, sentAt: now, sessionID: wholeEvent ? nil : shared.currentSessionID)))
            say(wholeEvent ? .sentEvent : .sentSession)
        case .adjustTime:
            guard let seconds = TimeAdjustment.parse(trimmed) else {
                return sayError(.notATime, Sanitizer.line(trimmed))
            }
            output.actions.append(.adjustTime(session: shared.currentSessionID, seconds: seconds))
            say((seconds >= 0 ? "+" : "-") + TimeText.clock(abs(seconds)))
        case .search:
            // "#word" filters by label; the other words are searched for.
            var words: [String] = []
            var label: String?
            for word in trimmed.split(whereSeparator: \.isWhitespace) {
                if (word.hasPrefix("#") || word.hasPrefix("＃")), word.count > 1 {
                    label = String(word.dropFirst())
                } else {
                    words.append(String(word))
                }
            }
            query.search = words.joined(separator: " ")
            query.label = label
            say(trimmed.isEmpty ? .searchCleared : .searchNotice, trimmed)
        case .label(let id):
            let labels = trimmed.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty }
            record(.setLabels(id: id, labels: labels), output: &output)
        case .assign(let id):
            record(.assign(id: id, to: trimmed.isEmpty ? nil : trimmed), output: &output)
        }
    }

    private mutating func handleOverlay(_ overlay: Overlay, _ key: Key, now: Date, output: inout ConsoleOutput) {
        switch overlay {
        case .help:
            // When the keys do not fit (80×24 has room for about half), j k Space PgDn PgUp
            // scroll them; any other key closes the help, as before.
            let lineCount = ConsoleView.helpLines(self).count
            let window = ConsoleView.helpPage(lineCount: lineCount, height: height)
            let scrolls = window != nil
            let page = window ?? lineCount
            let maximum = max(0, lineCount - page)
            switch key {
            case .character("j") where scrolls, .down where scrolls: helpScroll = min(maximum, helpScroll + 1)
            case .character("k") where scrolls, .up where scrolls: helpScroll = max(0, helpScroll - 1)
            case .character(" ") where scrolls, .pageDown where scrolls: helpScroll = min(maximum, helpScroll + page)
            case .pageUp where scrolls: helpScroll = max(0, helpScroll - page)
            case .resize: helpScroll = min(helpScroll, maximum)
            default:
                // q and Esc close the help like any other key; only a console with no
                // overlay quits on q.
                self.overlay = nil
            }
        case .rundown:
            self.overlay = nil
        case .audience:
            audienceKey(key, output: &output)
        case .question(let id, let scroll):
            let page = max(1, height - 6)
            let maximum = max(0, QueuePane.fullQuestionLines(self, id: id, now: now).count - page)
            switch key {
            case .character("j"), .down: self.overlay = .question(id: id, scroll: min(maximum, scroll + 1))
            case .character("k"), .up: self.overlay = .question(id: id, scroll: max(0, scroll - 1))
            case .pageDown, .character(" "): self.overlay = .question(id: id, scroll: min(maximum, scroll + page))
            case .pageUp: self.overlay = .question(id: id, scroll: max(0, scroll - page))
            case .resize: break
            default: self.overlay = nil
            }
        case .confirmRestart(let session):
            self.overlay = nil
            if key == .character("y") || key == .character("Y") {
                output.actions.append(.restartSession(session: session))
                say(.sessionRestarted)
            } else {
                say(.notRestarted)
            }
        case .confirmEndEvent(let session):
            self.overlay = nil
            if key == .character("y") || key == .character("Y") {
                output.actions.append(.endEvent(from: session))
                say(.eventEndedFinal)
            } else {
                say(.eventGoesOn)
            }
        case .noteVersions(let selected):
            let versions = shownNoteVersions
            switch key {
            case .character("j"), .down: self.overlay = .noteVersions(selected: min(versions.count - 1, selected + 1))
            case .character("k"), .up: self.overlay = .noteVersions(selected: max(0, selected - 1))
            case .resize: break
            case .enter:
                self.overlay = nil
                guard versions.indices.contains(selected) else { return }
                let shown = shownNotes
                let notes = shared.notes[shown.session]
                let version = versions[selected]
                guard notes?.text(shown.kind) != version.text else {
                    say(.notesSameText)
                    return
                }
                output.actions.append(.setNotes(
                    session: shown.session, kind: shown.kind, text: version.text, basedOn: notes?.updatedAt))
                say(.restoredVersion, TimerPane.timeOfDay(version.savedAt, timeZone), version.savedBy)
            default:
                self.overlay = nil
            }
        case .messagePalette:
            self.overlay = nil
            switch key {
            case .character(let character) where character.isNumber:
                let index = (Int(String(character)) ?? 0) - 1
                if cues.indices.contains(index) {
                    output.actions.append(.sendMessage(SpeakerMessage(
                        text: cues[index], sentBy: actor, sentAt: now,
                        sessionID: shared.currentSessionID)))
                    say(.sentCue, cues[index])
                }
            case .character("t"), .character("m"), .enter:
                beginInput(.message)
            case .character("g"):
                // A message for the whole event is a deliberate choice: it stays across sessions.
                beginInput(.eventMessage)
            case .character("c"):
                output.actions.append(.clearMessage)
            default:
                break
            }
        }
    }

    private mutating func moveSelection(by offset: Int) {
        let list = visibleQuestions
        guard !list.isEmpty else { return }
        let current = list.firstIndex { $0.id == selectedQuestionID } ?? (offset > 0 ? -1 : list.count)
        moveSelection(toIndex: current + offset, in: list)
    }

    private mutating func moveSelection(toIndex index: Int, in given: [Question]? = nil) {
        let list = given ?? visibleQuestions
        guard !list.isEmpty else { return }
        selectedQuestionID = list[max(0, min(list.count - 1, index))].id
    }

    /// Keeps the selection on a visible question after the list changed.
    public mutating func keepSelectionValid() {
        let list = visibleQuestions
        if let id = selectedQuestionID, list.contains(where: { $0.id == id }) { return }
        selectedQuestionID = list.first?.id
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

    /// A new question id (see `Question.newID`).
    public static func newQuestionID() -> String {
        Question.newID()
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
