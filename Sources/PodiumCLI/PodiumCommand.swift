import ArgumentParser
import Foundation
import PodiumCore
import PodiumStore
import PodiumText

/// Exit statuses, documented in the README.
public enum ExitStatus {
    /// Bad usage, a bad event file, a state file that does not parse.
    public static let badInput: Int32 = 2
    /// The state file could not be read or written (lock, disk, permission).
    public static let storeFailure: Int32 = 3
    /// No terminal, or an unusable one.
    public static let noTerminal: Int32 = 4
}

/// The `podium` command and its subcommands.
public struct PodiumCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "podium",
        abstract: "Talk timer, audience Q&A and speaker notes for live events, in the terminal.",
        // One line per paragraph: ArgumentParser wraps them to the terminal's width.
        discussion: """
            Everyone shares one JSON state file (--state, default ./podium.json or $PODIUM_STATE). The host's first run with --event puts the event into it; moderators and the speaker need only --state. With no command, podium opens the host console on the bundled example event.

            Defaults can be set once in $XDG_CONFIG_HOME/podium/config.yaml (name, language, bell, big_seconds); flags and environment variables win over it. Podium speaks Japanese when the locale (LC_ALL, LC_MESSAGES, LANG) starts with ja, or with --lang ja or PODIUM_LANG=ja.

            Exit status: 0 ok, 1 unexpected error, 2 bad input (usage, event file, state file), 3 the state file could not be read or written, 4 no usable terminal, 128+N ended by signal N.
            """,
        subcommands: [
            HostCommand.self, ModerateCommand.self, SpeakerCommand.self, InitCommand.self, AskCommand.self,
            StatusCommand.self, MergeCommand.self, ReportCommand.self, ExportCommand.self,
            ImportCommand.self, NotesCommand.self, RecoverCommand.self, ServeCommand.self,
        ],
        defaultSubcommand: HostCommand.self
    )

    public init() {}

    /// Runs the command line, mapping errors to clear messages on stderr and exit statuses.
    public static func run() -> Never {
        let names = configuration.subcommands.compactMap { $0.configuration.commandName }
        if let message = UnknownCommand.message(Array(CommandLine.arguments.dropFirst()), commands: names, language: processLanguage) {
            printError(message)
            Foundation.exit(ExitStatus.badInput)
        }
        do {
            var command = try parseAsRoot()
            // A bad config file is an error for every command, so that it is found at once.
            _ = try UserConfig.load()
            try command.run()
            Foundation.exit(0)
        } catch let failure as CommandFailure {
            printError(failure.message)
            Foundation.exit(failure.status)
        } catch let error as StoreError {
            printError(error.description(processLanguage))
            Foundation.exit(error.isCorrupt ? ExitStatus.badInput : ExitStatus.storeFailure)
        } catch let error as EventFileError {
            printError(error.description(processLanguage))
            Foundation.exit(ExitStatus.badInput)
        } catch {
            // ArgumentParser's own messages quote what was typed (`--source $'\e]0;x\a'`, an
            // unknown option): sanitised like every other message, never written raw. Usage
            // errors exit 2, as documented (ArgumentParser's default is 64).
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if code == .success {
                if !message.isEmpty { printOut(HelpText.wrapUsage(message, width: HelpText.width())) }
                Foundation.exit(0)
            }
            if !message.isEmpty {
                let wrapped = HelpText.wrapUsage(HelpText.localizedUsageError(message, language: processLanguage), width: HelpText.width())
                FileHandle.standardError.write(Data((Sanitizer.multiline(wrapped) + "\n").utf8))
            }
            Foundation.exit(code == .validationFailure ? ExitStatus.badInput : code.rawValue)
        }
    }
}

/// An error with its exit status and a message for stderr.
struct CommandFailure: Error {
    var message: String
    var status: Int32
}

func printError(_ message: String) {
    FileHandle.standardError.write(Data(("podium: " + Sanitizer.multiline(message) + "\n").utf8))
}

/// Output to stdout, sanitised: nothing from the state reaches a terminal as control bytes.
func printOut(_ text: String) {
    FileHandle.standardOutput.write(Data((Sanitizer.multiline(text) + "\n").utf8))
}

/// Output already sanitised by its producer (reports, exports), written as it is.
func writeOut(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
}

extension Language: ExpressibleByArgument {}

/// The language of this process's messages, resolved once from `--lang`, `PODIUM_LANG`, the
/// config file and the locale before the command line is parsed, so that errors about the
/// command line itself speak it too. `--lang` is read here; ArgumentParser checks its value.
let processLanguage: Language = resolveLanguage(arguments: CommandLine.arguments, environment: ProcessInfo.processInfo.environment)

func resolveLanguage(arguments: [String], environment: [String: String]) -> Language {
    var flag: Language?
    for (index, argument) in arguments.enumerated() {
        if argument == "--" { break }
        if argument == "--lang", index + 1 < arguments.count {
            flag = Language(rawValue: arguments[index + 1])
        } else if argument.hasPrefix("--lang=") {
            flag = Language(rawValue: String(argument.dropFirst("--lang=".count)))
        }
    }
    return Language.resolve(flag: flag, configured: UserConfig.loadedForLanguage?.language, environment: environment)
}

extension UserConfig {
    /// The config file as this process sees it (nil: none); a bad file throws with its line.
    static func load(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> UserConfig? {
        guard let path = UserConfig.path(environment: environment),
              FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CommandFailure(message: processLanguage.t(.configUnreadable, path), status: ExitStatus.badInput)
        }
        return try UserConfig.parse(String(decoding: data, as: UTF8.self), file: path)
    }

    /// For the language only: a bad file is reported by `load` when the command runs.
    static var loadedForLanguage: UserConfig? { (try? load()) ?? nil }
}

/// `--state` and `--lang`, shared by every command.
struct StateOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The language of what podium says: ja or en (default: $PODIUM_LANG, the config file, else the locale: LC_ALL, LC_MESSAGES, LANG starting with ja).",
        valueName: "lang"))
    var lang: Language?

    @Option(name: .long, help: ArgumentHelp(
        "The shared state file (default: $PODIUM_STATE, or podium.json in the current directory).",
        valueName: "file"))
    var state: String?

    var path: String {
        if let state { return state }
        if let env = ProcessInfo.processInfo.environment["PODIUM_STATE"], !env.isEmpty { return env }
        return "podium.json"
    }

    func store(role: Role) -> StateStore {
        StateStore(path: path, writer: Writer(host: hostName(), pid: getpid(), role: role))
    }

    /// Loads the state, or fails with a clear message when there is none yet.
    func loadExisting(role: Role = .script) throws -> (StateStore, PodiumState) {
        let store = store(role: role)
        guard let state = try store.load() else {
            throw CommandFailure(
                message: missingStateMessage(path),
                status: ExitStatus.badInput)
        }
        return (store, state)
    }
}

func hostName() -> String {
    StateStore.machineName
}

/// "role:name@host" as recorded in histories ("moderator:ken@laptop"), so that two moderators
/// on one machine (the ssh set-up) are told apart. The name is `--name`, else $PODIUM_NAME,
/// else the login name ($USER, $LOGNAME); without one, "role@host".
func actorName(_ role: Role, name: String? = nil) -> String {
    let environment = ProcessInfo.processInfo.environment
    let configured = environment["PODIUM_NAME"] == nil ? ((try? UserConfig.load(environment: environment)) ?? nil)?.name : nil
    let given = [name, environment["PODIUM_NAME"], configured, environment["USER"], environment["LOGNAME"]]
        .compactMap { $0.map { Sanitizer.line($0).trimmingCharacters(in: .whitespaces) } }
        .first { !$0.isEmpty }
    guard let given else { return "\(role.rawValue)@\(hostName())" }
    return "\(role.rawValue):\(TextLayout.truncate(given, toWidth: 32))@\(hostName())"
}

/// Reads and parses an event file, with file:line:column errors.
func loadEvent(_ path: String) throws -> Event {
    guard let data = FileManager.default.contents(atPath: path) else {
        throw CommandFailure(message: processLanguage.t(.eventUnreadable, path), status: ExitStatus.badInput)
    }
    guard let text = String(data: data, encoding: .utf8) else {
        throw CommandFailure(message: processLanguage.t(.eventNotUTF8, path), status: ExitStatus.badInput)
    }
    return try EventFile.parse(text, file: path)
}

/// The example event bundled with Podium: config/meetup.yaml next to the binary's package, or
/// in the current directory.
func bundledExampleEvent() -> String? {
    var candidates = ["config/meetup.yaml"]
    let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    var directory = executable.deletingLastPathComponent()
    for _ in 0..<5 {
        candidates.append(directory.appendingPathComponent("config/meetup.yaml").path)
        directory = directory.deletingLastPathComponent()
    }
    return candidates.first { FileManager.default.fileExists(atPath: $0) }
}
