import ArgumentParser
import Foundation
import PodiumCore
import PodiumStore
import PodiumText

/// One question from `ask -` as JSON lines: {"text": …, "author": …, "source": …}.
private struct AskLine: Decodable {
    var text: String
    var author: String?
    var source: String?
    var session: String?
}

struct AskCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ask",
        abstract: "Add a question to the queue (for scripts and chat bridges).",
        discussion: """
            podium ask "Kubernetes はなぜ etcd を使っているか" --source zoom --author ken
            podium ask - < questions.txt     one question per line, or JSON lines:
              {"text": "…", "author": "…", "source": "youtube"}
            Sources: venue, zoom, youtube, discord, satellite, other.
            Questions are at most \(Question.maximumLength) characters; a longer one is refused, never cut.
            """)

    @OptionGroup var stateOptions: StateOptions

    @Argument(help: "The question, or - to read one per line from standard input.")
    var text: String

    @Option(help: "Who asked.")
    var author: String = ""

    @Option(help: "Where it came from: venue, zoom, youtube, discord, satellite, other.")
    var source: QuestionSource = .other

    @Option(help: ArgumentHelp("The session it belongs to (default: the current one).", valueName: "id"))
    var session: String?

    func run() throws {
        let (store, state) = try stateOptions.loadExisting()
        if let session, state.event.session(withID: session) == nil {
            throw CommandFailure(message: "no session \"\(session)\" (sessions: \(state.event.sessions.map(\.id).joined(separator: ", ")))", status: ExitStatus.badInput)
        }
        let now = Date()
        var questions: [Question] = []
        if text == "-" {
            var lineNumber = 0
            while let raw = readLine(strippingNewline: true) {
                lineNumber += 1
                let line = raw.trimmingCharacters(in: .whitespaces)
                if line.isEmpty { continue }
                // A millisecond apart: the queue keeps the order of the lines.
                questions.append(try question(fromLine: line, number: lineNumber, now: now.addingTimeInterval(Double(questions.count) / 1000)))
            }
        } else {
            questions.append(try makeQuestion(text, author: author, source: source, session: session, now: now, place: "the question"))
        }
        guard !questions.isEmpty else { return }
        let context = ActionContext(now: now, actor: actorName(.script))
        let saved = try store.commit(questions.map { .addQuestion($0) }, context: context)
        printOut("added \(questions.count) question\(questions.count == 1 ? "" : "s") (revision \(saved.revision))")
    }

    private func question(fromLine line: String, number: Int, now: Date) throws -> Question {
        let place = "stdin line \(number)"
        if line.hasPrefix("{") {
            guard let decoded = try? JSONDecoder().decode(AskLine.self, from: Data(line.utf8)) else {
                throw CommandFailure(message: "\(place): not a JSON object with a \"text\" field", status: ExitStatus.badInput)
            }
            var lineSource = source
            if let name = decoded.source {
                guard let parsed = QuestionSource(loose: name) else {
                    throw CommandFailure(message: "\(place): unknown source \"\(name)\" (venue, zoom, youtube, discord, satellite, other)", status: ExitStatus.badInput)
                }
                lineSource = parsed
            }
            return try makeQuestion(decoded.text, author: decoded.author ?? author, source: lineSource, session: decoded.session ?? session, now: now, place: place)
        }
        return try makeQuestion(line, author: author, source: source, session: session, now: now, place: place)
    }

    private func makeQuestion(_ text: String, author: String, source: QuestionSource, session: String?, now: Date, place: String) throws -> Question {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else {
            throw CommandFailure(message: "\(place): the question is empty", status: ExitStatus.badInput)
        }
        guard trimmed.count <= Question.maximumLength else {
            throw CommandFailure(message: "\(place): the question has \(trimmed.count) characters; at most \(Question.maximumLength) are accepted (nothing was added)", status: ExitStatus.badInput)
        }
        return Question(id: newQuestionID(), text: trimmed, author: author, source: source, sessionID: session, status: .new, askedAt: now, by: actorName(.script))
    }
}

func newQuestionID() -> String {
    "q-" + String(UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(12))
}
