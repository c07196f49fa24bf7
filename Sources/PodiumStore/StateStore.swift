import Foundation
import Glibc
import PodiumCore

/// The shared state file on disk, for one process (use it from one thread).
///
/// Files, all in the state file's directory: `NAME.json`; the permanent lock file
/// `NAME.json.lock` (locked with `flock`, never deleted, so a lock is never lost to a rename);
/// temps `.NAME.json.<host>.<pid>.tmp`.
///
/// Writers call `commit`: lock, re-read the file if it changed, apply the actions (intents) to
/// that fresh state, write a temp, fsync, rename, fsync the directory, unlock.
/// Readers (the speaker screen) call `reloadIfChanged`, which never locks and never writes.
public final class StateStore {
    /// Faults that a test tool (podium-stress) injects on purpose, from its own command line, to
    /// prove that the protocol's tests can fail. The podium binary never sets them and nothing
    /// reads them from the environment.
    public struct InjectedFaults: Sendable {
        /// No lock and no re-read before a write: racing writers then lose each other's actions.
        public var skipLock = false
        /// SIGSTOP after the temp is written and fsynced, before the rename, so that a test can
        /// `kill -9` a writer in the middle of a write.
        public var stopBeforeRename = false

        public init(skipLock: Bool = false, stopBeforeRename: Bool = false) {
            self.skipLock = skipLock
            self.stopBeforeRename = stopBeforeRename
        }
    }

    /// The state file as given.
    public let path: String
    /// The permanent lock file next to it.
    public var lockPath: String { path + ".lock" }
    /// Recorded in every revision this process writes.
    public var writer: Writer
    /// The last good state read or written by this process (nil before any).
    public private(set) var state: PodiumState?
    /// The error of the last load, reload or commit; nil after one succeeds. Readers keep
    /// showing this while the file stays unreadable (the last good `state` is kept).
    public private(set) var lastError: StoreError?
    /// How long `commit` waits for the lock before throwing `StoreError.lockTimeout`.
    public var lockTimeout: Double = 3
    /// Faults injected by a test tool (never by podium itself).
    public let faults: InjectedFaults

    private let directory: String
    private let fileName: String
    private let hostName: String
    private var lockFD: Int32 = -1
    private var inotifyFD: Int32 = -1
    /// Identity of the file version last seen (read or written).
    private var lastStamp: FileStamp?
    /// The file version `reloadIfChanged` last looked at, even one that did not parse or had
    /// no higher revision. Kept apart from `lastStamp` (which always names the version `state`
    /// came from): a corrupt file rewritten in place must never pass for the last good version.
    private var lastCheckedStamp: FileStamp?
    /// The exact bytes `state` was parsed from or written as (nil if unknown).
    private var lastBytes: Data?
    /// Where each of `state`'s questions is in `lastBytes` (empty if unknown): the next encode
    /// and decode reuse unchanged questions.
    private var lastQuestionRanges: [Range<Int>] = []
    /// An open descriptor of the file version last read or written (-1 if none). Held open so
    /// that its inode cannot be freed and reused: while `stat(path)` shows this inode with the
    /// same size and times, the path is still that very version and need not be read again.
    private var heldFD: Int32 = -1

    public init(path: String, writer: Writer, faults: InjectedFaults = InjectedFaults()) {
        self.path = path
        self.writer = writer
        let directory = (path as NSString).deletingLastPathComponent
        self.directory = directory.isEmpty ? "." : directory
        self.fileName = (path as NSString).lastPathComponent
        self.hostName = StateStore.machineName
        self.faults = faults
    }

    deinit {
        if lockFD >= 0 { close(lockFD) }
        if inotifyFD >= 0 { close(inotifyFD) }
        if heldFD >= 0 { close(heldFD) }
    }

    // MARK: Reading

    /// Reads and parses the file. Returns nil when it does not exist yet.
    /// Throws `StoreError.corrupt` (with line and column) when it does not parse.
    @discardableResult
    public func load() throws -> PodiumState? {
        do {
            guard let file = try readFile() else { return nil }
            var kept = false
            defer { if !kept { close(file.descriptor) } }
            let parsed = try parse(file)
            remember(parsed, file)
            kept = true
            return parsed.state
        } catch let error as StoreError {
            lastError = error
            throw error
        }
    }

    /// For readers, polled about once a second and after watch events: a cheap `stat`; reads
    /// the file only if it changed (inode, size, mtime), and returns a state only if its
    /// revision is higher than the last one seen, or it was written later (`updatedAt`).
    /// Never locks, never writes.
    /// A file that does not parse: the last good `state` is kept, `lastError` is set, and the
    /// error is thrown once per change of the file (later calls return nil until it changes).
    public func reloadIfChanged() throws -> PodiumState? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        let current = FileStamp(info)
        guard current != lastStamp, current != lastCheckedStamp else { return nil }
        do {
            guard let file = try readFile() else { return nil }
            var kept = false
            defer { if !kept { close(file.descriptor) } }
            lastCheckedStamp = file.stamp
            let parsed = try parse(file)
            lastError = nil
            // Only a newer version: a higher revision, or one written later (after someone
            // restored an older backup or merged into a fresh file, writers count on from the
            // lower revision on disk, and those writes must still be seen).
            if let state, parsed.state.revision <= state.revision,
               parsed.state.updatedAt <= state.updatedAt { return nil }
            remember(parsed, file)
            kept = true
            return parsed.state
        } catch let error as StoreError {
            lastError = error
            throw error
        }
    }

    /// Reads and parses any state file, for example a sync-conflict copy to merge.
    public static func readCopy(atPath path: String) throws -> PodiumState {
        let store = StateStore(path: path, writer: Writer(host: "", pid: 0, role: .speaker))
        guard let state = try store.load() else {
            throw StoreError.io(file: path, operation: "open", errno: ENOENT)
        }
        return state
    }

    // MARK: Writing

    /// Applies `actions` to the freshest state on disk and writes it as the next revision.
    /// When the file does not exist yet, `initial` is the base (the new file honours the umask);
    /// without `initial` that throws `StoreError.missing`. A file that does not parse is never
    /// overwritten: its `StoreError.corrupt` is thrown. On any error nothing is left behind and
    /// the file is unchanged: keep the actions and call again later.
    @discardableResult
    public func commit(
        _ actions: [Action], context: ActionContext, create initial: PodiumState? = nil
    ) throws -> PodiumState {
        try update(create: initial, now: context.now) { state in
            // Callers that show what the reducer said use `commitReporting`.
            for action in actions { _ = reduce(&state, action, context: context) }
        }
    }

    /// Like `commit`, for actions made at different moments (a console's burst of keys): each
    /// is applied with its own context, all in one write (one lock, one fsync).
    @discardableResult
    public func commit(_ intents: [(action: Action, context: ActionContext)]) throws -> PodiumState {
        guard let last = intents.last else {
            throw StoreError.io(file: path, operation: "commit of no actions", errno: EINVAL)
        }
        return try update(create: nil, now: last.context.now) { state in
            // Callers that show what the reducer said use `commitReporting`.
            for intent in intents { _ = reduce(&state, intent.action, context: intent.context) }
        }
    }

    /// Like `commit(_:)`, and also returns what the actions said as they were applied to the
    /// fresh state under the lock: in particular what they left alone because the file no
    /// longer held what their person saw (`Effect.leftAlone`).
    public func commitReporting(
        _ intents: [(action: Action, context: ActionContext)]
    ) throws -> (state: PodiumState, effects: [Effect]) {
        guard let last = intents.last else {
            throw StoreError.io(file: path, operation: "commit of no actions", errno: EINVAL)
        }
        var effects: [Effect] = []
        let state = try update(create: nil, now: last.context.now) { state in
            effects = []  // only the last application counts (the closure runs once per write)
            for intent in intents { effects += reduce(&state, intent.action, context: intent.context) }
        }
        return (state, effects)
    }

    /// Whether the state file is gone (moved aside or deleted) while this process holds a
    /// good state.
    public var fileIsMissing: Bool {
        guard state != nil else { return false }
        var info = stat()
        return stat(path, &info) != 0 && errno == ENOENT
    }

    /// Writes this process's last good state back when the file has disappeared (someone
    /// moved a broken file aside, as the error message advises, or deleted it), under the
    /// lock, only if it is still missing. Returns whether it wrote.
    public func writeBackIfMissing(now: Date) throws -> Bool {
        guard let state else { return false }
        var wrote = false
        _ = try update(create: state, now: now, onlyIfMissing: true) { _ in wrote = true }
        return wrote
    }

    /// Merges `copies` (for example sync-conflict copies) into the freshest state on disk with
    /// `StateMerge.merge` and writes the result, under the lock like `commit`.
    @discardableResult
    public func merge(_ copies: [PodiumState], now: Date) throws -> PodiumState {
        try update(create: nil, now: now) { state in
            state = StateMerge.merge([state] + copies)
        }
    }

    private func update(
        create initial: PodiumState?, now: Date, onlyIfMissing: Bool = false,
        _ change: (inout PodiumState) -> Void
    ) throws -> PodiumState {
        do {
            try lock()
            defer { unlock() }
            removeStaleTemps()
            var base: PodiumState
            var existing: stat?
            var reuse: QuestionReuse?
            if onlyIfMissing {
                var info = stat()
                if stat(path, &info) == 0, let state { return state }
                guard let initial else { throw StoreError.missing(file: path) }
                base = initial
            } else if faults.skipLock, let state {
                // Unsafe test mode: write back our own copy without looking (loses updates).
                base = state
                var info = stat()
                if stat(path, &info) == 0 { existing = info }
            } else if let state, let info = unchangedSinceLastSeen() {
                // The file is the version this process last read or wrote: no need to read it.
                base = state
                existing = info
                reuse = lastBytes.flatMap {
                    QuestionReuse(questions: state.questions, data: $0, ranges: lastQuestionRanges)
                }
            } else if let file = try readFile() {
                defer { close(file.descriptor) }
                let parsed = try parse(file)
                base = parsed.state
                existing = file.info
                reuse = parsed.reuse
            } else if let initial {
                base = initial
            } else {
                throw StoreError.missing(file: path)
            }
            var next = base
            change(&next)
            next.schemaVersion = PodiumState.currentSchemaVersion
            next.revision = max(base.revision + 1, next.revision)
            next.writer = writer
            next.updatedAt = now
            let coded: CodedState
            do {
                coded = try StateCodec.encode(next, reusing: reuse)
            } catch {
                throw StoreError.io(file: path, operation: "encode (\(error))", errno: EINVAL)
            }
            let (stamp, descriptor) = try replaceFile(with: coded.data, like: existing)
            state = next
            lastBytes = coded.data
            lastQuestionRanges = coded.questionRanges
            lastStamp = stamp
            hold(descriptor)
            lastError = nil
            return next
        } catch let error as StoreError {
            lastError = error
            throw error
        }
    }

    /// Temp with O_EXCL, same mode and group as the file it replaces, write, fsync, close,
    /// rename, fsync the directory. The temp is removed on every error; a failed fsync is
    /// never retried (the data may be lost in the page cache): the caller starts over.
    private func replaceFile(with data: Data, like existing: stat?) throws -> (FileStamp, Int32) {
        let temp = tempPath
        var fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        if fd < 0, errno == EEXIST {
            unlink(temp)
            fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        }
        guard fd >= 0 else {
            throw failure(errno, directory, "cannot create a temporary file in directory \(directory)")
        }
        var isOpen = true
        var renamed = false
        defer {
            if isOpen { close(fd) }
            if !renamed { unlink(temp) }
        }
        if let existing {
            // The group first: fchown may clear set-id bits that fchmod then puts back.
            if existing.st_gid != getegid() { _ = fchown(fd, uid_t.max, existing.st_gid) }
            _ = fchmod(fd, existing.st_mode & 0o7777)
        }
        try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < raw.count {
                let written = write(fd, raw.baseAddress! + offset, raw.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw failure(errno, path, "write \(temp)")
                }
                offset += written
            }
        }
        guard fsync(fd) == 0 else { throw failure(errno, path, "fsync \(temp)") }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw failure(errno, path, "fstat \(temp)") }
        isOpen = false
        guard close(fd) == 0 else { throw failure(errno, path, "close \(temp)") }
        if faults.stopBeforeRename { raise(SIGSTOP) }
        // Under the lock nobody else renames: this descriptor is the new version (see `heldFD`).
        let descriptor = open(temp, O_RDONLY | O_CLOEXEC)
        guard rename(temp, path) == 0 else {
            let code = errno
            if descriptor >= 0 { close(descriptor) }
            throw failure(code, path, "rename \(temp) to \(path)")
        }
        renamed = true
        // The new name is durable only once the directory is synced. The file is already
        // replaced, so an error here is not reported (the change must not be applied twice).
        let directoryFD = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if directoryFD >= 0 {
            _ = fsync(directoryFD)
            close(directoryFD)
        }
        return (FileStamp(info), descriptor)
    }

    // MARK: Lock

    private func lock() throws {
        if faults.skipLock { return }
        if lockFD < 0 {
            var fd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o666)
            let firstError = errno
            if fd < 0, firstError == EACCES || firstError == EROFS || firstError == EPERM {
                // A lock file made by someone else with a narrower mode: flock works read-only.
                fd = open(lockPath, O_RDONLY | O_CLOEXEC)
            }
            guard fd >= 0 else {
                let code = errno == ENOENT ? firstError : errno
                throw failure(code, lockPath, "cannot open the lock file \(lockPath)")
            }
            lockFD = fd
        }
        // Poll with a short, jittered backoff: writes hold the lock for a few milliseconds.
        let deadline = Date().addingTimeInterval(lockTimeout)
        var pause: useconds_t = 200
        while flock(lockFD, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            if code == EINTR { continue }
            guard code == EWOULDBLOCK else { throw failure(code, lockPath, "flock \(lockPath)") }
            if Date() >= deadline { throw StoreError.lockTimeout(file: path, seconds: lockTimeout) }
            usleep(pause / 2 + useconds_t.random(in: 0...pause))
            pause = min(pause * 2, 10_000)
        }
    }

    private func unlock() {
        if lockFD >= 0 { _ = flock(lockFD, LOCK_UN) }
    }

    // MARK: Temps

    private var tempPath: String {
        directory + "/." + fileName + "." + hostName + "." + String(getpid()) + ".tmp"
    }

    /// Under the lock: removes temps of processes that died on this host, and any temp older
    /// than ten minutes (a writer on another machine that died mid-write).
    private func removeStaleTemps() {
        let prefix = "." + fileName + "."
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else {
            return
        }
        let now = time(nil)
        for name in names where name.hasPrefix(prefix) && name.hasSuffix(".tmp") {
            let middle = name.dropFirst(prefix.count).dropLast(4)
            guard let dot = middle.lastIndex(of: "."),
                  let pid = Int32(middle[middle.index(after: dot)...])
            else { continue }
            let host = String(middle[..<dot])
            let full = directory + "/" + name
            var info = stat()
            guard lstat(full, &info) == 0 else { continue }
            let dead = host == hostName && pid != getpid() && kill(pid, 0) != 0 && errno == ESRCH
            if dead || now - info.st_mtim.tv_sec > 600 { unlink(full) }
        }
    }

    // MARK: Watching

    /// A non-blocking inotify descriptor watching the state file's DIRECTORY (a watch on the
    /// file itself goes silent after the first rename), for the event loop's poll() set.
    /// -1 if inotify is not available: then rely on polling `reloadIfChanged` every second.
    public var watchDescriptor: Int32 {
        if inotifyFD < 0 {
            let fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
            guard fd >= 0 else { return -1 }
            let mask = UInt32(IN_CLOSE_WRITE) | UInt32(IN_MOVED_TO) | UInt32(IN_CREATE)
            guard inotify_add_watch(fd, directory, mask) >= 0 else {
                close(fd)
                return -1
            }
            inotifyFD = fd
        }
        return inotifyFD
    }

    /// Reads all pending watch events; true if the state file was touched (or events were
    /// lost in an overflow): then call `reloadIfChanged`.
    public func drainWatchEvents() -> Bool {
        guard inotifyFD >= 0 else { return false }
        let capacity = 64 * 1024
        let buffer = UnsafeMutableRawPointer.allocate(
            byteCount: capacity, alignment: MemoryLayout<inotify_event>.alignment)
        defer { buffer.deallocate() }
        let header = MemoryLayout<inotify_event>.size
        var touched = false
        while true {
            let count = read(inotifyFD, buffer, capacity)
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { break }
            var offset = 0
            while offset + header <= count {
                let event = buffer.load(fromByteOffset: offset, as: inotify_event.self)
                if event.mask & UInt32(IN_Q_OVERFLOW) != 0 { touched = true }
                if event.len > 0 {
                    let name = String(
                        cString: (buffer + offset + header).assumingMemoryBound(to: CChar.self))
                    if name == fileName { touched = true }
                }
                offset += header + Int(event.len)
            }
        }
        return touched
    }

    // MARK: Conflict copies

    /// Syncthing's conflict copies next to the file (`NAME.sync-conflict-*.json`), full paths,
    /// sorted. Offer `podium merge` when there are any.
    public func conflictCopies() -> [String] {
        let base = (fileName as NSString).deletingPathExtension
        let suffix = (fileName as NSString).pathExtension.isEmpty
            ? "" : "." + (fileName as NSString).pathExtension
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else {
            return []
        }
        return names
            .filter { $0.hasPrefix(base + ".sync-conflict-") && $0.hasSuffix(suffix) }
            .sorted()
            .map { directory + "/" + $0 }
    }

    /// The folder's modification time at the last `newConflictScan`.
    private var lastScannedFolderTime: timespec?

    /// `conflictCopies()`, or nil when the folder has not changed since the last call: a
    /// console asks every second, and a stat costs far less than listing the folder.
    /// A new file changes the folder's modification time; while that time is under two seconds
    /// old the folder is listed anyway (coarse timestamps on some network file systems).
    public func conflictCopiesIfFolderChanged(now: Date = Date()) -> [String]? {
        var info = stat()
        guard stat(directory, &info) == 0 else { return conflictCopies() }
        let time = info.st_mtim
        let recent = now.timeIntervalSince1970 - Double(time.tv_sec) < 2
        if let last = lastScannedFolderTime, last.tv_sec == time.tv_sec, last.tv_nsec == time.tv_nsec, !recent {
            return nil
        }
        lastScannedFolderTime = time
        return conflictCopies()
    }

    // MARK: Helpers

    private struct FileRead {
        var data: Data
        var info: stat
        var stamp: FileStamp
        /// Still open: `remember` keeps it as `heldFD`, everyone else closes it.
        var descriptor: Int32
    }

    /// The file's stat when the path still names the version last read or written, unchanged
    /// (same inode, which cannot have been reused while `heldFD` holds it, same size and
    /// times); nil when it must be read.
    private func unchangedSinceLastSeen() -> stat? {
        guard heldFD >= 0, let lastStamp, lastBytes != nil else { return nil }
        var info = stat()
        var held = stat()
        guard stat(path, &info) == 0, fstat(heldFD, &held) == 0 else { return nil }
        guard FileStamp(info) == lastStamp, FileStamp(held) == lastStamp,
              info.st_ctim.tv_sec == held.st_ctim.tv_sec, info.st_ctim.tv_nsec == held.st_ctim.tv_nsec
        else { return nil }
        return info
    }

    private func hold(_ descriptor: Int32) {
        if heldFD >= 0, heldFD != descriptor { close(heldFD) }
        heldFD = descriptor
    }

    /// The file's bytes and stat, or nil if it does not exist.
    private func readFile() throws -> FileRead? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            if errno == ENOENT { return nil }
            throw failure(errno, path, "cannot read \(path)")
        }
        var keepOpen = false
        defer { if !keepOpen { close(fd) } }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw failure(errno, path, "fstat") }
        var data = Data(count: Int(info.st_size) + 1)
        var length = 0
        while true {
            if length == data.count { data.count *= 2 }
            let got = data.withUnsafeMutableBytes { raw in
                read(fd, raw.baseAddress! + length, raw.count - length)
            }
            if got < 0 {
                if errno == EINTR { continue }
                throw failure(errno, path, "read")
            }
            if got == 0 { break }
            length += got
        }
        data.count = length
        keepOpen = true
        return FileRead(data: data, info: info, stamp: FileStamp(info), descriptor: fd)
    }

    /// Parses, reusing `state` when the bytes are exactly the ones it came from, and its
    /// unchanged questions otherwise.
    private func parse(_ file: FileRead) throws -> CodedState {
        if let state, let lastBytes, lastBytes == file.data {
            return CodedState(state: state, data: lastBytes, questionRanges: lastQuestionRanges)
        }
        let reuse = state.flatMap { state in
            lastBytes.flatMap { QuestionReuse(questions: state.questions, data: $0, ranges: lastQuestionRanges) }
        }
        return try StateCodec.decode(file.data, file: path, reusing: reuse)
    }

    /// Takes a parsed version as the last one seen (and keeps its descriptor open).
    private func remember(_ parsed: CodedState, _ file: FileRead) {
        state = parsed.state
        lastBytes = parsed.data
        lastQuestionRanges = parsed.questionRanges
        lastStamp = file.stamp
        hold(file.descriptor)
        lastError = nil
    }

    private func failure(_ code: Int32, _ file: String, _ operation: String) -> StoreError {
        switch code {
        case ENOSPC, EDQUOT: return .noSpace(file: path)
        case EACCES, EPERM, EROFS: return .permissionDenied(path: file, operation: operation)
        default: return .io(file: file, operation: operation, errno: code)
        }
    }

    /// This machine's name, as writers record it and as temps are named ("/" would make a
    /// temp's name a path, so it becomes "_"); "localhost" when there is none.
    public static let machineName: String = {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "localhost" }
        let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        let name = String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "/", with: "_")
        return name.isEmpty ? "localhost" : name
    }()
}

/// What identifies one version of the file without reading it.
private struct FileStamp: Equatable {
    var device: UInt64
    var inode: UInt64
    var size: Int64
    var seconds: Int
    var nanoseconds: Int

    init(_ info: stat) {
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
        size = Int64(info.st_size)
        seconds = Int(info.st_mtim.tv_sec)
        nanoseconds = Int(info.st_mtim.tv_nsec)
    }
}
