import Foundation
import Glibc
import PodiumCore
import PodiumStore

/// Why a write did not happen.
public enum HubError: Error, Sendable {
    /// The state file could not be written (lock, disk, permission): try again later.
    case unavailable
    /// The server is stopping.
    case stopping
}

/// The server's one writer of the state file. `StateStore` is used from one thread, this
/// hub's own: requests hand their actions to it and wait. Actions that arrive while a write
/// is in flight wait for the next one, which carries all of them in one locked write and one
/// fsync (group commit); each request is answered once the write holding its actions has
/// returned, so a `201` means on disk. Between writes the thread checks the file for other
/// writers' changes and publishes every new state to the live-update connections.
public final class StateHub: @unchecked Sendable {
    private struct Pending {
        var intents: [(action: Action, context: ActionContext)]
        var done: @Sendable (Result<PodiumState, HubError>) -> Void
    }

    public let store: StateStore
    public let broadcaster: Broadcaster
    private let options: WebOptions
    private let condition = NSCondition()
    private var pending: [Pending] = []
    private var stopping = false
    private var stopped = false
    /// Set by the watch thread when another writer replaced the file: look now, not at the
    /// next poll interval.
    private var fileChanged = false
    private var thread: Thread?
    /// New states wait here for the publishing queue, newest only: building what the pages
    /// see never delays the next write.
    private let publishQueue = DispatchQueue(label: "podium-publish")
    private var waitingPublish: PodiumState?
    /// Batches written and actions in them (for the benchmarks and tests).
    public private(set) var writes = 0
    public private(set) var writtenActions = 0

    /// Loads the state; throws when there is none yet or it does not parse.
    public init(options: WebOptions, writerHost: String) throws {
        self.options = options
        store = StateStore(path: options.statePath, writer: Writer(host: writerHost, pid: getpid(), role: .script))
        guard let state = try store.load() else { throw WebSetupError.noStateFile(options.statePath) }
        broadcaster = Broadcaster(state: state)
    }

    public func start() {
        // Made here, before two threads share the store (it is created on first use).
        let watch = store.watchDescriptor
        if watch >= 0 {
            let watcher = Thread { [self] in self.watchFile(watch) }
            watcher.name = "podium-watch"
            watcher.start()
        }
        let thread = Thread { [self] in self.run() }
        thread.name = "podium-state"
        self.thread = thread
        thread.start()
    }

    /// Applies the actions in the next write; returns the state written once it is on disk.
    public func commit(_ intents: [(action: Action, context: ActionContext)]) async -> Result<PodiumState, HubError> {
        await withCheckedContinuation { continuation in
            enqueue(intents) { continuation.resume(returning: $0) }
        }
    }

    func enqueue(_ intents: [(action: Action, context: ActionContext)], done: @escaping @Sendable (Result<PodiumState, HubError>) -> Void) {
        condition.lock()
        if stopping {
            condition.unlock()
            done(.failure(.stopping))
            return
        }
        pending.append(Pending(intents: intents, done: done))
        condition.signal()
        condition.unlock()
    }

    /// Finishes the writes already handed in, then stops the thread.
    public func stop() {
        condition.lock()
        stopping = true
        condition.signal()
        while !stopped && thread != nil { condition.wait(until: Date().addingTimeInterval(0.1)) }
        condition.unlock()
        broadcaster.closeAll()
    }

    private func run() {
        while true {
            condition.lock()
            if pending.isEmpty && !stopping && !fileChanged {
                _ = condition.wait(until: Date().addingTimeInterval(options.pollInterval))
            }
            fileChanged = false
            let count = min(pending.count, options.maximumBatch)
            let batch = Array(pending.prefix(count))
            pending.removeFirst(count)
            let finished = stopping && pending.isEmpty && batch.isEmpty
            condition.unlock()
            if finished { break }
            if batch.isEmpty {
                if let state = try? store.reloadIfChanged() { publish(state) }
                continue
            }
            write(batch)
        }
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
    }

    /// Wakes the writer thread when the directory's inotify watch reports the state file
    /// replaced (a console or another server wrote it); the poll interval stays as the fallback
    /// where inotify says nothing (some shared folders).
    private func watchFile(_ descriptor: Int32) {
        while true {
            var watched = [pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)]
            let ready = poll(&watched, 1, 500)
            condition.lock()
            let done = stopping || stopped
            condition.unlock()
            if done { return }
            guard ready > 0, store.drainWatchEvents() else { continue }
            condition.lock()
            fileChanged = true
            condition.signal()
            condition.unlock()
        }
    }

    private func publish(_ state: PodiumState) {
        condition.lock()
        let idle = waitingPublish == nil
        waitingPublish = state
        condition.unlock()
        guard idle else { return }
        publishQueue.async { [self] in
            condition.lock()
            let newest = waitingPublish
            waitingPublish = nil
            condition.unlock()
            if let newest { broadcaster.publish(newest) }
        }
    }

    private func write(_ batch: [Pending]) {
        let intents = batch.flatMap(\.intents)
        do {
            let state = try store.commit(intents)
            writes += 1
            writtenActions += intents.count
            for item in batch { item.done(.success(state)) }
            publish(state)
        } catch {
            for item in batch { item.done(.failure(.unavailable)) }
        }
    }
}

/// Set-up problems, reported before the server listens.
public enum WebSetupError: Error, CustomStringConvertible {
    case noStateFile(String)
    case listen(String)

    public var description: String {
        switch self {
        case .noStateFile(let path):
            return "\(path): no state file yet. Start the host console first: podium host --event EVENT.yaml --state \(path)"
        case .listen(let reason):
            return reason
        }
    }
}
