import Foundation
import PodiumCore
import PodiumText

/// What a key does in the input line.
public enum LineCommand: String, Sendable, CaseIterable {
    case submit, cancel, left, right, home, end, backspace, delete, killToStart, killToEnd, deleteWord
    /// The ask line only: the next source, and the asker's name.
    case nextSource, askedBy
}

/// One line of the input line's keys: the keys as the help and the README name them, what
/// they do, and the command each key runs. Any other printable key is typed.
public struct LineKeyBinding: Sendable {
    public var label: String
    public var message: Msg
    public var presses: [(keys: [Key], command: LineCommand)]
}

/// The keys of the input line (a question, a reason, a message, a time, a search, labels), in
/// the order the help lists them: the same table drives the line, the `?` box and the README.
public let lineKeyTable: [LineKeyBinding] = [
    LineKeyBinding(label: "Enter / Esc", message: .lineSendCancel, presses: [([.enter], .submit), ([.escape], .cancel)]),
    LineKeyBinding(label: "← →", message: .lineMove, presses: [([.left], .left), ([.right], .right)]),
    LineKeyBinding(label: "Home Ctrl-A / End Ctrl-E", message: .lineStartEnd,
                   presses: [([.home, .control("a")], .home), ([.end, .control("e")], .end)]),
    LineKeyBinding(label: "Backspace / Delete", message: .lineDelete, presses: [([.backspace], .backspace), ([.delete], .delete)]),
    LineKeyBinding(label: "Ctrl-U / Ctrl-K", message: .lineKill, presses: [([.control("u")], .killToStart), ([.control("k")], .killToEnd)]),
    LineKeyBinding(label: "Ctrl-W", message: .lineDeleteWord, presses: [([.control("w")], .deleteWord)]),
    LineKeyBinding(label: "Tab / Ctrl-O", message: .lineSourceAsker, presses: [([.tab], .nextSource), ([.control("o")], .askedBy)]),
]

/// The input line's table read the other way: the command of each key.
let lineCommandByKey: [Key: LineCommand] = {
    var table: [Key: LineCommand] = [:]
    for binding in lineKeyTable {
        for press in binding.presses {
            for key in press.keys {
                precondition(table[key] == nil, "\(key) is bound twice in lineKeyTable")
                table[key] = press.command
            }
        }
    }
    return table
}()

extension LineKeyBinding {
    /// The README's table of the input line's keys, made from `lineKeyTable`.
    public static func markdownTable() -> String {
        var lines = ["| key | does |", "| --- | --- |"]
        for entry in lineKeyTable {
            lines.append("| \(KeyBinding.markdownKeys(entry.label)) | \(entry.message.text(.en).replacingOccurrences(of: "|", with: "\\|")) |")
        }
        return lines.joined(separator: "\n")
    }
}

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
        guard let command = lineCommandByKey[key] else {
            guard case .character(let character) = key else { return }
            if case .tooLong(let maximum, _) = editor.insert(character) {
                inputRefused += 1
                sayError(.tooLongTyping, maximum, inputRefused)
            } else if notice != nil, inputRefused == 0 {
                notice = nil
            }
            return
        }
        switch command {
        case .nextSource:
            // The ask line: Tab changes the source, Ctrl-O the asker's name (then back to the text).
            guard purpose == .addQuestion else { return }
            askSource = QuestionSource.allCases[(QuestionSource.allCases.firstIndex(of: askSource)! + 1) % QuestionSource.allCases.count]
            say(.sourceNotice, askSource.rawValue)
        case .askedBy:
            guard purpose == .addQuestion else { return }
            let draft = editor.text
            beginInput(.askAuthor(draft: draft), text: askAuthor)
            say(.whoAsked)
        case .cancel, .submit:
            if case .askAuthor(let draft) = purpose {
                if command == .submit { askAuthor = Sanitizer.line(editor.text).trimmingCharacters(in: .whitespaces) }
                beginInput(.addQuestion, text: draft)
                return say(askAuthor.isEmpty ? .noName : .askedBy, askAuthor.isEmpty ? role.rawValue : askAuthor)
            }
            if command == .cancel {
                if case .editQuestion(let id) = purpose { output.actions.append(.setEditing(id: id, by: nil)) }
                input = nil
                return say(.cancelled)
            }
            if inputRefused > 0 {
                // Part of a paste did not fit: sending the rest would cut it silently.
                return sayError(.tooLongShorten, editor.maximumLength, inputRefused)
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
        case .home:
            editor.home()
        case .end:
            editor.end()
        case .killToStart:
            if editor.killToStart() { inputRefused = 0 }
        case .killToEnd:
            if editor.killToEnd() { inputRefused = 0 }
        case .deleteWord:
            if editor.deleteWordBackward() { inputRefused = 0 }
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
