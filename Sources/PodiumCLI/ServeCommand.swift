import ArgumentParser
import Foundation
import PodiumCore
import PodiumStore
import PodiumWeb

struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the audience page (questions, votes) and the stage page on the venue network.",
        discussion: """
            podium serve --state /srv/event/podium.json              # http://THIS-MACHINE:8080/
            podium serve --listen 127.0.0.1:9000 --no-review         # small meetup, no approval
            Open / on phones (/?from=satellite for a second venue), /stage on the projector.
            Questions arrive as new and wait for approval in a console, unless --no-review.
            A 201 means the question is on disk. Stops on Ctrl-C or SIGTERM after finishing
            the writes in flight. See docs/web.md.
            """)

    @OptionGroup var stateOptions: StateOptions

    @Option(help: ArgumentHelp("Address and port to listen on.", valueName: "addr:port"))
    var listen: String = "0.0.0.0:8080"

    @Flag(help: "Put questions from the page straight into the queue (no approval first).")
    var noReview = false

    @Option(help: ArgumentHelp("Questions one person may send a minute.", valueName: "n"))
    var questionsPerMinute: Int = 5

    @Option(help: ArgumentHelp("Questions one network address may send a minute (phones behind one router share one).", valueName: "n"))
    var addressQuestionsPerMinute: Int = 120

    @Option(help: ArgumentHelp("Ask for this passcode before anything (a page reachable from outside the venue).", valueName: "code"))
    var passcode: String?

    func validate() throws {
        guard parseListen(listen) != nil else {
            throw ValidationError("--listen: expected ADDRESS:PORT, e.g. 0.0.0.0:8080 or 127.0.0.1:0")
        }
        guard questionsPerMinute > 0, addressQuestionsPerMinute > 0 else {
            throw ValidationError(processLanguage.t(.serveRates))
        }
    }

    func run() throws {
        let (host, port) = parseListen(listen)!
        let options = WebOptions(
            statePath: stateOptions.path, host: host, port: port, review: !noReview,
            questionsPerMinute: questionsPerMinute, addressQuestionsPerMinute: addressQuestionsPerMinute,
            passcode: passcode, actorHost: hostName(), presencePath: ServePresence.path(forState: stateOptions.path))
        do {
            try WebServer.run(options: options, writerHost: hostName()) { announcement in
                let l = processLanguage
                switch announcement {
                case .address(let url): printOut("podium serve: " + l.t(.serveAddress, url, url + "stage"))
                case .review(let review): printOut("podium serve: " + l.t(review ? .serveReview : .serveNoReview))
                }
            }
        } catch let error as WebSetupError {
            throw CommandFailure(message: error.description, status: ExitStatus.badInput)
        }
    }

    private func parseListen(_ text: String) -> (String, Int)? {
        guard let colon = text.lastIndex(of: ":") else { return nil }
        var host = String(text[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty, let port = Int(text[text.index(after: colon)...]), (0...65535).contains(port) else { return nil }
        return (host, port)
    }
}
