import Foundation
import PodiumCore
import PodiumStore
import PodiumText
import PodiumUI

/// One console's shared-state work, without the terminal: the model, the actions shown on
/// screen but not yet on disk, and the store. The event loop (`ConsoleLoop`) drives it with
/// keys, file changes and time; tests drive several of them on one file in one process.
///
/// A key's actions are applied to memory at once (shown first) and persisted later as intents
/// under the store's lock; each carries what its person saw (`Seen`), so that applied to a
/// fresher file it changes only what still holds, and the console says what it left alone.
public final class ConsoleSession {
    public let store: StateStore
    public let role: Role
    public let actor: String
    /// What the update reads and changes (`ConsoleState.update`); the session adds the store.
    public var state: ConsoleState

    public init(store: StateStore, role: Role, actor: String, state: PodiumState, language: Language = .en) {
        self.store = store
        self.role = role
        self.actor = actor
        var model = ConsoleModel(role: role, actor: actor, shared: state)
        model.language = language
        self.state = ConsoleState(model: model)
    }

    /// The model of `state` (changed in place, not copied).
    public var model: ConsoleModel {
        get { state.model }
        _modify { yield &state.model }
    }

    /// Actions applied on screen but not yet on disk, with the context they were made in.
    public var pending: [PendingAction] { state.pending }

    /// A q was pressed while changes could not be saved: the next q quits without them.
    public var quitArmed: Bool {
        get { state.quitArmed }
        set { state.quitArmed = newValue }
    }

    public var quitWarning: String { state.quitWarning }

    /// The update on this session's state (`ConsoleState.update`), without the loop: tests drive
    /// several consoles on one file this way. The commands are returned, not carried out.
    @discardableResult
    public func update(_ event: ConsoleEvent, now: Date, newID: () -> String = Question.newID) -> [ConsoleCommand] {
        state.update(event, now: now, newID: newID)
    }

    /// Applies actions in memory at once and keeps them pending (`ConsoleState.apply`).
    public func apply(_ actions: [Action], now: Date) -> [Effect] {
        state.apply(actions, now: now)
    }

    /// Writes pending actions as intents under the lock. On failure they stay pending, the
    /// error shows on screen, and the next attempt comes about a second later (`force`: now).
    public func persist(now: Date, force: Bool = false) {
        guard role != .speaker else {
            state.pending.removeAll()
            return
        }
        guard !pending.isEmpty else { return }
        if !force, let last = state.lastPersistFailure, now.timeIntervalSince(last) < 1 { return }
        do {
            // Every pending action, each with the context it was made in, in one write.
            let (fresh, effects) = try store.commitReporting(pending)
            state.pending.removeAll()
            model.shared = fresh
            model.storeProblem = nil
            state.lastPersistFailure = nil
            quitArmed = false
            // What the file no longer allowed: the console says what it left alone.
            let leftAlone = effects.compactMap { effect -> String? in
                if case .leftAlone(let notice) = effect { return notice.text(model.language) }
                return nil
            }
            if !leftAlone.isEmpty { model.sayError(ConsoleState.unique(leftAlone).joined(separator: " · ")) }
        } catch {
            state.lastPersistFailure = now
            model.storeProblem = (quitArmed ? quitWarning : "") + model.language.t(.notSavedYet, describe(error))
        }
    }

    /// Takes another process's changes, keeping this console's unsaved actions on top. A state
    /// file that disappeared (moved aside, deleted) is written back from the last good state.
    public func reload(now: Date) {
        if role != .speaker, store.fileIsMissing {
            do {
                if try store.writeBackIfMissing(now: now) {
                    model.storeProblem = nil
                    model.say(.wroteBack, model.shared.questions.count, store.path)
                }
            } catch {
                model.storeProblem = model.language.t(.goneNotWrittenBack, describe(error))
            }
            return
        }
        do {
            guard var fresh = try store.reloadIfChanged() else { return }
            checkClocks(fresh, now: now)
            // What these actions said was shown when they were first applied; on the fresher
            // file they are applied again only to keep them on screen until they are written.
            for (action, context) in pending { _ = reduce(&fresh, action, context: context) }
            model.shared = fresh
            if model.storeProblem != nil, pending.isEmpty { model.storeProblem = nil }
        } catch {
            model.storeProblem = model.language.t(.showingLastGood, describe(error))
        }
    }

    /// Keeps the changes that could not be written in a file of their own (never dropped) and
    /// returns the message saying where, and how to write them later.
    public func keepUnsaved() -> String {
        let count = pending.count
        let l = model.language
        let what = l.t(count == 1 ? .consoleNotSavedOne : .consoleNotSaved, count, store.path, store.lastError?.description(l) ?? l.t(.unknownError))
        let absolute = store.path.hasPrefix("/") ? store.path : FileManager.default.currentDirectoryPath + "/" + store.path
        do {
            let file = try UnsavedChanges(statePath: absolute, intents: pending).save(host: store.writer.host, pid: getpid())
            state.pending.removeAll()
            return sentence(what) + l.t(.consoleKeptIn, file)
        } catch {
            return sentence(what) + l.t(.consoleKeepFailed, error)
        }
    }

    /// Says so while another machine writes the state file with its clock ahead of this one's;
    /// the warning goes when that machine's next write is on time.
    public func checkClocks(_ written: PodiumState, now: Date) {
        guard let writer = written.writer else { return }
        if let ahead = ClockSkew.secondsAhead(of: written, now: now, thisHost: store.writer.host) {
            state.hostAhead = writer.host
            model.clockWarning = ClockSkew.warning(host: writer.host, secondsAhead: ahead, language: model.language)
        } else if writer.host == state.hostAhead {
            state.hostAhead = nil
            model.clockWarning = nil
        }
    }

    /// A store error in this console's language; others as they describe themselves.
    private func describe(_ error: Error) -> String {
        (error as? StoreError)?.description(model.language) ?? "\(error)"
    }

    private func sentence(_ text: String) -> String {
        text.hasSuffix(".") || text.hasSuffix("。") ? text : text + (model.language == .ja ? "。" : ".")
    }
}
