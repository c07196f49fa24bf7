import Foundation
import PodiumCore
import PodiumText
import PodiumUI

/// An action shown on screen but not yet on disk, with the context it was made in.
public typealias PendingAction = (action: Action, context: ActionContext)

/// Everything a console's update reads and changes, as one value: what its person sees (the
/// model), the actions shown but not yet written, and what the loop's policy remembers (the
/// timer's phase for the bell, a failed write, a `q` already pressed).
public struct ConsoleState: Sendable {
    public var model: ConsoleModel
    /// Actions applied on screen but not yet on disk, oldest first.
    public var pending: [PendingAction] = []
    /// A q was pressed while changes could not be saved: the next q quits without them.
    public var quitArmed = false
    /// When the last write failed (the next try waits about a second).
    public var lastPersistFailure: Date?
    /// The other host whose clock was last seen running ahead (`ClockSkew`).
    public var hostAhead: String?
    /// Only the host hears the bell, and only when asked for.
    public var bellEnabled = false
    /// The running timer's phase at the last frame, and of which session: the bell rings when
    /// it moves to a more urgent phase of the same session.
    var lastPhase: TimerPhase?
    var lastPhaseSession: String?

    public init(model: ConsoleModel) {
        self.model = model
    }

    public var role: Role { model.role }

    /// What the first `q` says when changes could not be written.
    public var quitWarning: String {
        model.language.t(pending.count == 1 ? .quitWithoutOne : .quitWithout, pending.count)
    }

    /// Applies actions in memory at once (the screen shows them before the disk does) and keeps
    /// them pending; returns what the reducer said (time that could not be taken, a move
    /// someone else made, a bell), which the update turns into commands.
    public mutating func apply(_ actions: [Action], now: Date, memos: ConsoleMemos = ConsoleMemos()) -> [Effect] {
        guard !actions.isEmpty, role != .speaker else { return [] }
        let context = ActionContext(now: now, actor: model.actor)
        pending += actions.map { ($0, context) }
        return model.show(actions, context: context, memos: memos)
    }

    /// What effects say, as one status line in this console's language (nil: nothing).
    public func statusLine(for effects: [Effect]) -> String? {
        let said = Self.unique(effects.compactMap { $0.message(model.language) })
        return said.isEmpty ? nil : said.joined(separator: " · ")
    }

    /// Remembers the timer's phase now, so that only a later move rings the bell.
    public mutating func rememberPhase(now: Date) {
        lastPhase = model.shared.reading(at: now).phase
        lastPhaseSession = model.shared.currentSessionID
    }

    static func unique(_ lines: [String]) -> [String] {
        var seen = Set<String>()
        return lines.filter { seen.insert($0).inserted }
    }
}

// MARK: The update

extension ConsoleState {
    /// The console's policy as one pure function: the state after `event` and the commands
    /// the loop must carry out, in order. Time and new ids come in as arguments; nothing here
    /// reads a clock, a random source, the file or the terminal. `memos` only makes it faster
    /// (`ConsoleMemos`): a fresh one gives the same result.
    public static func update(
        _ state: ConsoleState, _ event: ConsoleEvent, now: Date, newID: () -> String = Question.newID,
        memos: ConsoleMemos = ConsoleMemos()
    ) -> (ConsoleState, [ConsoleCommand]) {
        var next = state
        let commands = next.update(event, now: now, newID: newID, memos: memos)
        return (next, commands)
    }

    /// `update` in place (the loop's form: the state is not copied for each key).
    public mutating func update(
        _ event: ConsoleEvent, now: Date, newID: () -> String = Question.newID, memos: ConsoleMemos = ConsoleMemos()
    ) -> [ConsoleCommand] {
        switch event {
        case .key(let key):
            var commands: [ConsoleCommand] = key == .resize ? [.repaint] : []
            let output = model.handle(key, now: now, newID: newID, memos: memos)
            commands += self.commands(for: apply(output.actions, now: now, memos: memos))
            if output.bell { commands.append(.bell) }
            if output.quit { return commands + [.persist(force: true), .quit] }
            if let edit = output.editNotes { commands.append(.openEditor(session: edit.session, kind: edit.kind)) }
            return commands
        case .frameDue(let width, let height, let presence):
            model.width = width
            model.height = height
            if model.overlay == .audience { model.presence = presence }
            model.keepSelectionValid(memos: memos)
            // Where the notes follow a pacing cue is decided here, before the frame, so that a
            // key such as PgDn goes on from the row shown.
            model.followNotesCue(now: now, memos: memos)
            return []
        case .frameShown(let keysWaiting):
            var commands = thresholdCrossed(now: now) ? [ConsoleCommand.bell] : []
            if persistIsDue(now: now, keysWaiting: keysWaiting) { commands.append(.persist(force: false)) }
            return commands
        case .fileChanged:
            return [.reload]
        case .quietSecond:
            return [.reload, .reportNewConflictCopies]
        case .repaint:
            return [.repaint]
        case .terminate(let status):
            var commands: [ConsoleCommand] = []
            // A question being edited here must not stay marked on other consoles.
            if case .editQuestion(let id) = model.input {
                commands += self.commands(for: apply([.setEditing(id: id, by: nil)], now: now, memos: memos))
            }
            return commands + [.persist(force: true), .exit(.signal(status: status, unsaved: nil))]
        case .inputClosed:
            return [.exit(.inputClosed)]
        }
    }

    /// The reducer's effects as commands: what they say goes on the status line as one notice
    /// (`statusLine(for:)`), before any bell.
    public func commands(for effects: [Effect]) -> [ConsoleCommand] {
        let bells = effects.filter { $0 == .bell }.map { _ in ConsoleCommand.bell }
        return (statusLine(for: effects).map { [ConsoleCommand.notice($0)] } ?? []) + bells
    }

    static func urgency(_ phase: TimerPhase) -> Int {
        switch phase {
        case .idle, .normal: return 0
        case .warning: return 1
        case .danger: return 2
        case .overtime: return 3
        }
    }

    /// Whether the host's running timer just moved to a more urgent phase of the same session.
    /// Only moving towards zero rings: adding a minute (danger back to warning) is silent.
    private mutating func thresholdCrossed(now: Date) -> Bool {
        let phase = model.shared.reading(at: now).phase
        let previous = lastPhase
        let sameSession = lastPhaseSession == model.shared.currentSessionID
        rememberPhase(now: now)
        guard bellEnabled, role == .host, sameSession, let previous, Self.urgency(phase) > Self.urgency(previous)
        else { return false }
        return phase == .warning || phase == .danger || phase == .overtime
    }

    /// Unsaved actions are written after the frame, unless keys are waiting while the oldest
    /// is younger than a quarter of a second (a key held down must not keep a change off the
    /// disk for long).
    private func persistIsDue(now: Date, keysWaiting: Bool) -> Bool {
        guard let oldest = pending.first?.context.now else { return false }
        return !(keysWaiting && now.timeIntervalSince(oldest) < 0.25)
    }

    /// Milliseconds until the screen may next change by itself: the next whole second of a
    /// running timer, at most a second (the once-a-second check, and a retry of a failed write).
    public func timeout(now: Date) -> Int32 {
        if !pending.isEmpty { return 1000 }
        let timer = model.shared.currentTimer
        guard timer.status == .running else { return 1000 }
        let elapsed = timer.elapsed(at: now)
        let untilNextSecond = 1 - (elapsed - elapsed.rounded(.down))
        return Int32(max(1, min(1000, (untilNextSecond * 1000).rounded(.up) + 2)))
    }
}
