import Foundation
import PodiumCore
import PodiumText

/// The bottom input line: asking, editing, dismissing with a reason, messages, time, search,
/// labels. Open while `input` is set; every key goes to it.
extension ConsoleModel {
    mutating func beginInput(_ purpose: InputPurpose, text: String = "") {
        input = purpose
        editor = LineEditor(text, maximumLength: Question.maximumLength)
        inputRefused = 0
    }

    mutating func handleInput(_ key: Key, now: Date, newID: () -> String, output: inout ConsoleOutput) {
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
            submit(purpose, text: editor.text, now: now, newID: newID, output: &output)
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

    private mutating func submit(
        _ purpose: InputPurpose, text: String, now: Date, newID: () -> String, output: inout ConsoleOutput
    ) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        switch purpose {
        case .addQuestion:
            guard !trimmed.isEmpty else { return say(.nothingAdded) }
            let question = Question(
                id: newID(), text: trimmed, author: askAuthor.isEmpty ? role.rawValue : askAuthor,
                source: askSource, sessionID: shared.currentSessionID, status: .new,
                askedAt: now, by: actor)
            output.actions.append(.addQuestion(question))
            selectedQuestionID = question.id
            say(.questionAdded, askSource.rawValue + (askAuthor.isEmpty ? "" : ", " + askAuthor))
        case .askAuthor:
            break
        case .editQuestion(let id):
            if !trimmed.isEmpty, trimmed != shared.question(id)?.text {
                record(.editText(id: id, text: trimmed), now: now, output: &output)
                say(.edited)
            } else {
                say(trimmed.isEmpty ? .notEditedEmpty : .notEditedSame)
            }
            output.actions.append(.setEditing(id: id, by: nil))
        case .dismissReason(let id):
            record(.dismiss(id: id, reason: trimmed.isEmpty ? nil : trimmed), now: now, output: &output)
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
            record(.setLabels(id: id, labels: labels), now: now, output: &output)
        case .assign(let id):
            record(.assign(id: id, to: trimmed.isEmpty ? nil : trimmed), now: now, output: &output)
        }
    }

}
