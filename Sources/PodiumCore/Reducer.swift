import Foundation
import PodiumText

/// Applies one intent to the state. Pure: the same state, action and context give the same
/// result, so a process can apply its intent again to a fresher copy of the file.
@discardableResult
public func reduce(_ state: inout PodiumState, _ action: Action, context: ActionContext) -> [Effect] {
    let now = context.now
    switch action {
    case .startTimer(let session):
        guard session == state.currentSessionID else { return [] }
        guard state.endedAt == nil else { return [.leftAlone(Notice(.reducerEventEnded))] }
        state.timers[session, default: SessionTimer(sessionID: session)].start(at: now)

    case .pauseTimer(let session):
        state.timers[session, default: SessionTimer(sessionID: session)].pause(at: now)

    case .adjustTime(let session, let seconds):
        // Allowed time never goes below zero, nor below what has already run: taking more
        // than remains leaves the talk due now (0:00 left), and says how much could be taken.
        var timer = state.timers[session, default: SessionTimer(sessionID: session)]
        let planned = state.event.session(withID: session)?.plannedSeconds ?? 0
        var effects: [Effect] = []
        var change = seconds
        if seconds < 0 {
            let allowed = planned + timer.addedSeconds
            let remaining = max(0, allowed - Int(timer.elapsed(at: now).rounded(.down)))
            let taken = min(-seconds, remaining)
            if taken < -seconds {
                effects.append(.leftAlone(taken == 0
                    ? Notice(.noTimeTaken, Notice(verbatim: TimeText.clock(-seconds)))
                    : Notice(.tookAllLeft, Notice(verbatim: TimeText.clock(taken)), Notice(verbatim: TimeText.clock(-seconds)))))
            }
            change = -taken
        }
        guard change != 0 else { return effects }
        timer.addedSeconds += change
        state.timers[session] = timer
        return effects

    case .restartSession(let session):
        state.timers[session, default: SessionTimer(sessionID: session)].reset()

    case .nextSession(let from), .nextSessionAndStart(let from):
        guard from == state.currentSessionID else {
            return [.leftAlone(movedAlready(state, from: from))]
        }
        guard let index = state.currentSessionIndex, index + 1 < state.event.sessions.count else {
            return [.notice(Notice(.lastSessionNotice))]
        }
        moveToSession(&state, index: index + 1, now: now)
        if case .nextSessionAndStart = action {
            state.timers[state.currentSessionID, default: SessionTimer(sessionID: state.currentSessionID)].start(at: now)
        }

    case .previousSession(let from):
        guard from == state.currentSessionID else {
            return [.leftAlone(movedAlready(state, from: from))]
        }
        if state.endedAt != nil {
            // Going back after the end reopens the event on its last session.
            state.endedAt = nil
            return [.notice(Notice(.eventReopened))]
        }
        guard let index = state.currentSessionIndex, index > 0 else { return [] }
        moveToSession(&state, index: index - 1, now: now)

    case .goToSession(let id):
        guard let index = state.event.index(ofSession: id), id != state.currentSessionID else {
            return []
        }
        state.endedAt = nil
        moveToSession(&state, index: index, now: now)

    case .endEvent(let from):
        guard from == state.currentSessionID else { return [.leftAlone(movedAlready(state, from: from))] }
        guard state.endedAt == nil else { return [] }
        state.timers[from, default: SessionTimer(sessionID: from)].finish(at: now)
        state.endedAt = now
        if state.message?.sessionID != nil { state.message = nil }

    case .addQuestion(let question):
        // Adding is idempotent by id, and by the chat message it came from: replaying an intent,
        // or a bridge re-sending its history, never duplicates a question.
        guard !state.questions.containsQuestion(
            id: question.id, source: question.source, messageID: question.sourceMessageID)
        else { return [] }
        var added = question
        if added.sessionID == nil { added.sessionID = state.currentSessionID }
        state.questions.append(added)

    case .approve(let id):
        // new → approved; an answered question can be queued again and a dismissed one is
        // taken back into the queue. The question on stage stays live (approve is no demotion).
        updateQuestion(&state, id, context, "approved") { question in
            guard question.mergedInto == nil, question.status != .live else { return }
            setTriageStatus(&question, .approved)
        }

    case .dismiss(let id, let reason):
        let reason = reason.flatMap { $0.isEmpty ? nil : $0 }
        updateQuestion(&state, id, context, "dismissed" + (reason.map { ": \($0)" } ?? "")) {
            question in
            guard question.mergedInto == nil else { return }
            if question.status != .dismissed { question.statusBeforeDismissal = question.status }
            question.status = .dismissed
            question.dismissReason = reason
        }

    case .restore(let id):
        updateQuestion(&state, id, context, "restored") { question in
            guard question.status == .dismissed else { return }
            let previous = question.statusBeforeDismissal ?? .new
            // A question dismissed while on stage comes back to the queue, not to the stage.
            setTriageStatus(&question, previous == .live ? .approved : previous)
        }

    case .putLive(let id):
        return putLive(&state, id, seenLive: nil, context)

    case .markAnswered(let id):
        updateQuestion(&state, id, context, "answered") { question in
            guard question.mergedInto == nil else { return }
            setTriageStatus(&question, .answered)
        }

    case .vote(let id, let voter, let delta):
        // One entry per voter; a delta of 0 withdraws the voter's vote (used by undo).
        let what = delta == 0
            ? "vote withdrawn (\(voter))" : "vote \(delta > 0 ? "+" : "")\(delta) (\(voter))"
        updateQuestion(&state, id, context, what) { question in
            question.votes[voter] = delta == 0 ? nil : delta
        }

    case .setPinned(let id, let pinned):
        updateQuestion(&state, id, context, pinned ? "pinned" : "unpinned") { $0.pinned = pinned }

    case .editText(let id, let text):
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return [] }
        updateQuestion(&state, id, context, "edited") { question in
            guard question.text != text else { return }
            if question.originalText == nil { question.originalText = question.text }
            question.text = text
            // Edited back to what was asked: no longer edited.
            if question.originalText == text { question.originalText = nil }
        }

    case .mergeQuestion(let duplicate, let into):
        guard let duplicateQuestion = state.question(duplicate),
              duplicateQuestion.mergedInto == nil,
              let target = mergeRoot(state, into), target != duplicate,
              let targetQuestion = state.question(target)
        else { return [] }
        updateQuestion(&state, target, context, "merged \(duplicate)") { question in
            if duplicateQuestion.text != targetQuestion.text {
                question.aliases.append(duplicateQuestion.text)
            }
            // Votes add up. Copied votes carry the duplicate's id so unmerging removes exactly
            // them; a voter who voted on both counts once.
            for (voter, vote) in duplicateQuestion.votes where question.votes[voter] == nil {
                question.votes[mergedVoteKey(duplicate, voter)] = vote
            }
            // The duplicate's asker counts as a vote too: three people asked the same thing.
            question.votes["asked:\(duplicate)"] = 1
        }
        updateQuestion(&state, duplicate, context, "merged into \(target)") { question in
            question.mergedInto = target
        }

    case .unmergeQuestion(let duplicate):
        guard let duplicateQuestion = state.question(duplicate),
              let target = duplicateQuestion.mergedInto,
              let targetQuestion = state.question(target)
        else { return [] }
        updateQuestion(&state, target, context, "unmerged \(duplicate)") { question in
            if duplicateQuestion.text != targetQuestion.text,
               let alias = question.aliases.lastIndex(of: duplicateQuestion.text) {
                question.aliases.remove(at: alias)
            }
            question.votes["asked:\(duplicate)"] = nil
            let prefix = mergedVoteKey(duplicate, "")
            question.votes = question.votes.filter { !$0.key.hasPrefix(prefix) }
        }
        let anotherLive = state.liveQuestion.map { $0.id != duplicate } ?? false
        updateQuestion(&state, duplicate, context, "unmerged") { question in
            question.mergedInto = nil
            // Never a second question on stage.
            if question.status == .live, anotherLive { setTriageStatus(&question, .approved) }
        }

    case .moveQuestion(let id, let position):
        guard position.isFinite else { return [] }
        updateQuestion(&state, id, context, "moved") { $0.position = position }

    case .setLabels(let id, let labels):
        let cleaned = normalizedLabels(labels)
        updateQuestion(&state, id, context, "labels: " + cleaned.joined(separator: ", ")) {
            $0.labels = cleaned
        }

    case .assign(let id, let person):
        let person = person.flatMap { $0.isEmpty ? nil : $0 }
        updateQuestion(&state, id, context, "assigned to \(person ?? "nobody")") {
            $0.assignee = person
        }

    case .setEditing(let id, let editor):
        guard let index = state.questionIndex(id) else { return [] }
        state.questions[index].editingBy = editor

    case .setStatus(let id, let status):
        // Raw: puts a triage state back as it was (undo). It never puts a second question on
        // stage: while another one is live, the question goes back to the queue instead.
        if status == .live, let other = state.liveQuestion, other.id != id {
            updateQuestion(&state, id, context, "set to approved (\(other.id) is live)") { question in
                setTriageStatus(&question, .approved)
            }
            return [.leftAlone(Notice(.notBackOnStage))]
        }
        updateQuestion(&state, id, context, "set to \(status.rawValue)") { question in
            setTriageStatus(&question, status)
        }

    case .sendMessage(let message):
        // A message belongs to the session it was written for: if the host moved on meanwhile,
        // it would reach the wrong speaker.
        if let session = message.sessionID, session != state.currentSessionID {
            let title = state.event.session(withID: session)?.title ?? session
            return [.leftAlone(Notice(.messageNotSent, Notice(verbatim: title)))]
        }
        state.message = message
        // Replaying the same intent does not log it twice.
        if state.messageLog.last != message { state.messageLog.append(message) }

    case .clearMessage:
        state.message = nil

    case .setNotes(let session, let kind, let text, let basedOn):
        // The later save wins; the text it replaces is always kept as a previous version (the
        // newest last, at most 20), so no edit is ever lost. Replaying the same intent changes
        // nothing: the text is already there. A stale save (its editor began from an older
        // text: `basedOn` before `updatedAt`) keeps both the other person's text (as a version)
        // and its own (as the current text), and says so.
        var notes = state.notes[session]
            ?? SessionNotes(speaker: "", host: "", updatedAt: now, updatedBy: context.actor)
        let replaced = notes.text(kind)
        guard replaced != text else {
            state.notes[session] = notes
            return []
        }
        let stale = basedOn.map { notes.updatedAt > $0 } ?? false
        let replacedBy = notes.updatedBy
        if !replaced.isEmpty {
            notes.previousVersions.append(
                .init(text: replaced, savedAt: notes.updatedAt, savedBy: notes.updatedBy, kind: kind))
        }
        if notes.previousVersions.count > 20 {
            notes.previousVersions.removeFirst(notes.previousVersions.count - 20)
        }
        switch kind {
        case .speaker: notes.speaker = text
        case .host: notes.host = text
        }
        notes.updatedAt = now
        notes.updatedBy = context.actor
        state.notes[session] = notes
        if stale {
            return [.notice(Notice(.notesChangedMeanwhile, Notice(verbatim: replacedBy)))]
        }

    case .guarded(let inner, let seen):
        if let why = seen.conflict(for: inner, in: state, context: context) {
            // Someone else already did the same: nothing to say, nothing to change.
            var attempt = state
            _ = reduce(&attempt, inner, context: context)
            return attempt == state ? [] : [.leftAlone(why)]
        }
        if case .putLive(let id) = inner {
            return putLive(&state, id, seenLive: seen.live, context)
        }
        return reduce(&state, inner, context: context)

    case .blockPerson(let person):
        if !state.blockedPeople.contains(person) { state.blockedPeople.append(person) }
        // The page records its person as the actor who asked ("web:ID").
        var effects: [Effect] = []
        for question in state.questions where question.history.first?.by == "web:" + person
            && (question.status == .new || question.status == .approved) {
            effects += reduce(&state, .dismiss(id: question.id, reason: "blocked"), context: context)
        }
        return effects

    case .loadEvent(let event):
        let fresh = PodiumState(event: event, now: now)
        state.event = event
        for (id, timer) in fresh.timers where state.timers[id] == nil { state.timers[id] = timer }
        for (id, notes) in fresh.notes where state.notes[id] == nil { state.notes[id] = notes }
        if state.event.index(ofSession: state.currentSessionID) == nil {
            state.currentSessionID = fresh.currentSessionID
        }
    }
    return []
}

/// Puts a question on stage. The question on stage before is marked answered only if it is the
/// one this console showed live (`seenLive`; nil: not known, as for an action without what its
/// person saw); a question put live by someone else meanwhile goes back to the top of the
/// queue instead: nobody answered it.
@discardableResult
private func putLive(_ state: inout PodiumState, _ id: String, seenLive: [String]?, _ context: ActionContext) -> [Effect] {
    guard let index = state.questionIndex(id), state.questions[index].mergedInto == nil,
          state.questions[index].status != .live
    else { return [] }
    var effects: [Effect] = []
    let session = state.questions[index].sessionID
    let top = (state.questions.filter { $0.sessionID == session }.map(\.position).min() ?? 0) - 1
    for other in state.questions.indices
    where state.questions[other].status == .live && state.questions[other].id != id {
        let previousID = state.questions[other].id
        if seenLive?.contains(previousID) ?? true {
            updateQuestion(&state, previousID, context, "answered") { setTriageStatus(&$0, .answered) }
        } else {
            let previous = state.questions[other]
            effects.append(.leftAlone(Notice(
                .notAnsweredPutLive, Notice(verbatim: TextLayout.truncate(Sanitizer.line(previous.text), toWidth: 24)),
                Seen.lastChange(of: previous, notBy: context.actor))))
            updateQuestion(&state, previousID, context, "back to the top of the queue (another question was put live)") {
                setTriageStatus(&$0, .approved)
                $0.position = top
            }
        }
    }
    updateQuestion(&state, id, context, "live") { setTriageStatus(&$0, .live) }
    return effects
}

/// "already on Keynote: moved by alice at 19:42" for a session move made from a session that
/// is no longer current (two hosts pressing n at once move one session, not two).
private func movedAlready(_ state: PodiumState, from: String) -> Notice {
    let current = state.currentSession?.title ?? state.currentSessionID
    let left = state.event.session(withID: from)?.title ?? from
    return state.endedAt != nil
        ? Notice(.notMovedEnded)
        : Notice(.notMovedAlready, Notice(verbatim: left), Notice(verbatim: current))
}

private func moveToSession(_ state: inout PodiumState, index: Int, now: Date) {
    let leaving = state.currentSessionID
    state.timers[leaving, default: SessionTimer(sessionID: leaving)].finish(at: now)
    let next = state.event.sessions[index].id
    state.currentSessionID = next
    // A message belongs to its session (it stays in `messageLog`); one for the whole event
    // (no session) stays on screen.
    if let message = state.message, message.sessionID != nil, message.sessionID != next { state.message = nil }
    // A session returned to keeps its record; it is paused until the host starts it again.
    if state.timers[next] == nil { state.timers[next] = SessionTimer(sessionID: next) }
}

private func updateQuestion(
    _ state: inout PodiumState, _ id: String, _ context: ActionContext, _ what: String?,
    _ change: (inout Question) -> Void
) {
    guard let index = state.questionIndex(id) else { return }
    let before = state.questions[index]
    change(&state.questions[index])
    guard state.questions[index] != before else { return }
    state.questions[index].updatedAt = context.now
    state.questions[index].updatedBy = context.actor
    if let what {
        state.questions[index].history.append(
            QuestionChange(at: context.now, by: context.actor, what: what))
    }
}

/// Sets a question's status; leaving the dismissed state forgets the dismissal.
private func setTriageStatus(_ question: inout Question, _ status: QuestionStatus) {
    question.status = status
    if status != .dismissed {
        question.dismissReason = nil
        question.statusBeforeDismissal = nil
    }
}

/// The question a merge really goes into: a target that was itself merged passes it on.
private func mergeRoot(_ state: PodiumState, _ id: String) -> String? {
    var current = id
    for _ in 0..<64 {
        guard let question = state.question(current) else { return nil }
        guard let next = question.mergedInto else { return current }
        current = next
    }
    return nil
}

/// The key under which a merge copies a duplicate's vote into its target.
func mergedVoteKey(_ duplicate: String, _ voter: String) -> String {
    "merged:\(duplicate):\(voter)"
}

/// Labels as stored: trimmed, no empty ones, each once, in the order given.
func normalizedLabels(_ labels: [String]) -> [String] {
    var seen = Set<String>()
    return labels.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        .filter { !$0.isEmpty && seen.insert($0).inserted }
}
