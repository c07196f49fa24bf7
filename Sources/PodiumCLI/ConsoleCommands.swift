import ArgumentParser
import Foundation
import PodiumCore
import PodiumStore

struct ConsoleOptions: ParsableArguments {
    @Flag(name: .long, help: "Draw borders and bars in ASCII (+-|#): for terminals that draw box characters two cells wide (\"ambiguous width = wide\").")
    var ascii = false

    @Flag(inversion: .prefixedNo, help: "Ring the terminal bell at the warning and danger thresholds and at zero (default: on for the host).")
    var bell: Bool?

    @Option(name: .long, help: ArgumentHelp("Who you are, in question histories and messages (\"moderator:NAME@host\"; default $PODIUM_NAME, else your login name).", valueName: "name"))
    var name: String?

    /// Runs the console of `role` on `store` with these options.
    /// The config file (`UserConfig`) fills in what the flags leave unsaid.
    func run(_ store: StateStore, role: Role, event: Event? = nil, bellByDefault: Bool = false, bigSeconds: Bool = false) throws {
        let config = try UserConfig.load() ?? UserConfig()
        try ConsoleRunner(
            store: store, role: role, event: event, ascii: ascii, bell: bell ?? config.bell ?? bellByDefault,
            bigSeconds: bigSeconds || (config.bigSeconds ?? false), name: name
        ).run()
    }
}

/// Options of the consoles that show the timer pane (host, moderator).
struct TimerPaneOptions: ParsableArguments {
    @Flag(name: .long, help: "Big digits with seconds (3:25) instead of whole minutes (3m); the line below them always has the seconds, and the last minute always shows them big. Costs a redraw of the digits every second.")
    var bigSeconds = false
}

struct HostCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "host",
        abstract: "The host console: timer, rundown, queue, messages and notes (everything).",
        discussion: "With --event, the event file is put into the state file (the first run creates it). Without it, the state file must exist, or the bundled example event is used.")

    @OptionGroup var stateOptions: StateOptions
    @OptionGroup var console: ConsoleOptions
    @OptionGroup var timerPane: TimerPaneOptions

    @Option(name: .long, help: ArgumentHelp("The event file (YAML) to run.", valueName: "file"))
    var event: String?

    func run() throws {
        let store = stateOptions.store(role: .host)
        var eventToLoad: Event? = nil
        if let event {
            eventToLoad = try loadEvent(event)
        } else if try store.load() == nil {
            guard let example = bundledExampleEvent() else {
                throw CommandFailure(message: processLanguage.t(.noStateNoEvent, stateOptions.path), status: ExitStatus.badInput)
            }
            eventToLoad = try loadEvent(example)
        }
        try console.run(store, role: .host, event: eventToLoad, bellByDefault: true, bigSeconds: timerPane.bigSeconds)
    }
}

struct ModerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "moderate",
        abstract: "The moderator console: the queue first; questions and messages to the speaker. The timer is shown, not controlled.")

    @OptionGroup var stateOptions: StateOptions
    @OptionGroup var console: ConsoleOptions
    @OptionGroup var timerPane: TimerPaneOptions

    func run() throws {
        let (store, _) = try stateOptions.loadExisting(role: .moderator)
        try console.run(store, role: .moderator, bigSeconds: timerPane.bigSeconds)
    }
}

struct SpeakerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "speaker",
        abstract: "The speaker view: big remaining time, the live question, messages and notes. Read-only: it never writes or locks the state file.")

    @OptionGroup var stateOptions: StateOptions
    @OptionGroup var console: ConsoleOptions

    func run() throws {
        let (store, _) = try stateOptions.loadExisting(role: .speaker)
        try console.run(store, role: .speaker)
    }
}
