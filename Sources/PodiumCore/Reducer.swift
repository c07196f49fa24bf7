import Foundation

/// Applies one intent to the state. Pure: the same state, action and context give the same
/// result, so a process can apply its intent again to a fresher copy of the file.
@discardableResult
public func reduce(_ state: inout PodiumState, _ action: Action, context: ActionContext) -> [Effect] {
    let now = context.now
    switch action {
    case .startTimer(let session):
        guard session == state.currentSessionID else { return [] }
        state.timers[session, default: SessionTimer(sessionID: session)].start(at: now)

    case .pauseTimer(let session):
        state.timers[session, default: SessionTimer(sessionID: session)].pause(at: now)

    case .adjustTime(let session, let seconds):
        state.timers[session, default: SessionTimer(sessionID: session)].addedSeconds += seconds

    case .restartSession(let session):
        state.timers[session, default: SessionTimer(sessionID: session)].reset()

    case .nextSession(let from):
        guard from == state.currentSessionID, let index = state.currentSessionIndex,
              index + 1 < state.event.sessions.count
        else { return [] }
        moveToSession(&state, index: index + 1, now: now)

    case .previousSession(let from):
        guard from == state.currentSessionID, let index = state.currentSessionIndex, index > 0
        else { return [] }
        moveToSession(&state, index: index - 1, now: now)

    case .goToSession(let id):
        guard let index = state.event.index(ofSession: id), id != state.currentSessionID else {
            return []
        }
        moveToSession(&state, index: index, now: now)

    case .addQuestion(let question):
        // Adding is idempotent by id: replaying an intent never duplicates a question.
        guard state.questionIndex(question.id) == nil else { return [] }
        var added = question
        if added.sessionID == nil { added.sessionID = state.currentSessionID }
        state.questions.append(added)

    case .approve(let id):
        updateQuestion(&state, id, context, "approved") { question in
            question.status = .approved
        }

    case .dismiss(let id, let reason):
        updateQuestion(&state, id, context, "dismissed" + (reason.map { ": \($0)" } ?? "")) {
            question in
            if question.status != .dismissed { question.statusBeforeDismissal = question.status }
            question.status = .dismissed
            question.dismissReason = reason
        }

    case .restore(let id):
        updateQuestion(&state, id, context, "restored") { question in
            guard question.status == .dismissed else { return }
            let previous = question.statusBeforeDismissal ?? .new
            question.status = previous == .live ? .approved : previous
            question.statusBeforeDismissal = nil
            question.dismissReason = nil
        }

    case .putLive(let id):
        guard state.questionIndex(id) != nil else { return [] }
        // One at a time: the question on stage before is now answered.
        for index in state.questions.indices
        where state.questions[index].status == .live && state.questions[index].id != id {
            let previousID = state.questions[index].id
            updateQuestion(&state, previousID, context, "answered") { $0.status = .answered }
        }
        updateQuestion(&state, id, context, "live") { $0.status = .live }

    case .markAnswered(let id):
        updateQuestion(&state, id, context, "answered") { $0.status = .answered }

    case .vote(let id, let voter, let delta):
        updateQuestion(&state, id, context, nil) { question in
            question.votes[voter] = delta
        }

    case .setPinned(let id, let pinned):
        updateQuestion(&state, id, context, pinned ? "pinned" : "unpinned") { $0.pinned = pinned }

    case .editText(let id, let text):
        updateQuestion(&state, id, context, "edited") { question in
            if question.originalText == nil { question.originalText = question.text }
            question.text = text
        }

    case .mergeQuestion(let duplicate, let target):
        guard duplicate != target, let duplicateQuestion = state.question(duplicate),
              state.question(target) != nil
        else { return [] }
        updateQuestion(&state, target, context, "merged \(duplicate)") { question in
            if !question.aliases.contains(duplicateQuestion.text) {
                question.aliases.append(duplicateQuestion.text)
            }
            for (voter, vote) in duplicateQuestion.votes where question.votes[voter] == nil {
                question.votes[voter] = vote
            }
            // The duplicate's asker counts as a vote too: three people asked the same thing.
            question.votes["asked:\(duplicate)"] = 1
        }
        updateQuestion(&state, duplicate, context, "merged into \(target)") { question in
            question.mergedInto = target
        }

    case .unmergeQuestion(let duplicate):
        guard let target = state.question(duplicate)?.mergedInto,
              let duplicateQuestion = state.question(duplicate)
        else { return [] }
        updateQuestion(&state, target, context, "unmerged \(duplicate)") { question in
            question.aliases.removeAll { $0 == duplicateQuestion.text }
            question.votes["asked:\(duplicate)"] = nil
            for (voter, vote) in duplicateQuestion.votes where question.votes[voter] == vote {
                question.votes[voter] = nil
            }
        }
        updateQuestion(&state, duplicate, context, "unmerged") { $0.mergedInto = nil }

    case .moveQuestion(let id, let position):
        updateQuestion(&state, id, context, "moved") { $0.position = position }

    case .setLabels(let id, let labels):
        updateQuestion(&state, id, context, "labels: " + labels.joined(separator: ", ")) {
            $0.labels = labels
        }

    case .assign(let id, let person):
        updateQuestion(&state, id, context, "assigned to \(person ?? "nobody")") {
            $0.assignee = person
        }

    case .setEditing(let id, let editor):
        guard let index = state.questionIndex(id) else { return [] }
        state.questions[index].editingBy = editor

    case .setStatus(let id, let status):
        updateQuestion(&state, id, context, "set to \(status.rawValue)") { question in
            question.status = status
            if status != .dismissed {
                question.dismissReason = nil
                question.statusBeforeDismissal = nil
            }
        }

    case .sendMessage(let message):
        state.message = message

    case .clearMessage:
        state.message = nil

    case .setNotes(let session, let kind, let text, let basedOn):
        var notes = state.notes[session]
            ?? SessionNotes(speaker: "", host: "", updatedAt: now, updatedBy: context.actor)
        let replaced = notes.text(kind)
        if replaced != text {
            // Someone saved since this editor began: keep their text as a version.
            if let basedOn, notes.updatedAt > basedOn, !replaced.isEmpty {
                notes.previousVersions.append(
                    .init(text: replaced, savedAt: notes.updatedAt, savedBy: notes.updatedBy))
            } else if !replaced.isEmpty {
                notes.previousVersions.append(
                    .init(text: replaced, savedAt: notes.updatedAt, savedBy: notes.updatedBy))
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
        }
        state.notes[session] = notes

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

private func moveToSession(_ state: inout PodiumState, index: Int, now: Date) {
    let leaving = state.currentSessionID
    state.timers[leaving, default: SessionTimer(sessionID: leaving)].finish(at: now)
    let next = state.event.sessions[index].id
    state.currentSessionID = next
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
