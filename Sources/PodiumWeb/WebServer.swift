import Foundation
import Hummingbird
import Logging
import NIOCore
import PodiumCore
import PodiumStore

/// Runs `podium serve` until SIGINT or SIGTERM: writes already handed in are finished first.
public enum WebServer {
    /// Blocks until the server has stopped. `log` gets the URLs and notices (one line each).
    /// What the server has to tell the person who started it; the command words it in their language.
    public enum Announcement: Sendable {
        /// The audience page's address (the stage page is `URL` + "stage").
        case address(String)
        /// Whether questions from the page wait for approval.
        case review(Bool)
    }

    public static func run(options: WebOptions, writerHost: String, log: @escaping @Sendable (Announcement) -> Void) throws {
        let hub = try StateHub(options: options, writerHost: writerHost)
        hub.start()
        let web = WebApp(hub: hub, options: options)
        let presence = options.presencePath.map { Presence(path: $0, broadcaster: hub.broadcaster) }
        presence?.removeStale(statePath: options.statePath)
        let app = Application(
            router: web.router(),
            configuration: .init(address: .hostname(options.host, port: options.port), serverName: nil),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? options.port
                let urls = WebServer.urls(host: options.host, port: port)
                presence?.urls = urls
                presence?.write()
                for url in urls { log(.address(url)) }
                log(.review(options.review))
            },
            logger: {
                var logger = Logger(label: "podium-serve")
                logger.logLevel = .critical
                return logger
            }()
        )
        // Open live-update connections never end by themselves: end them on the signal that
        // stops the server, so that its graceful shutdown does not wait for them.
        var sources: [DispatchSourceSignal] = []
        for signalNumber in [SIGINT, SIGTERM] {
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler { hub.broadcaster.closeAll() }
            source.resume()
            sources.append(source)
        }
        let heartbeat = Task.detached {
            while !Task.isCancelled {
                try? await Task.sleep(nanoseconds: UInt64(options.heartbeatSeconds * 1e9))
                hub.broadcaster.heartbeat()
            }
        }
        let presenceTask = Task.detached {
            while !Task.isCancelled {
                presence?.write()
                try? await Task.sleep(nanoseconds: 3_000_000_000)
            }
        }
        let done = DispatchSemaphore(value: 0)
        let failure = Failure()
        Task.detached {
            do { try await app.runService() } catch { failure.error = error }
            done.signal()
        }
        done.wait()
        heartbeat.cancel()
        presenceTask.cancel()
        hub.stop()
        presence?.remove()
        _ = sources
        if let error = failure.error {
            throw WebSetupError.listen("cannot listen on \(options.host):\(options.port): \(error)")
        }
    }

    private final class Failure: @unchecked Sendable {
        var error: (any Error)?
    }

    /// The addresses the audience can open: every IPv4 address of this machine when listening
    /// on all of them, else the one given.
    public static func urls(host: String, port: Int) -> [String] {
        guard host == "0.0.0.0" || host == "::" else {
            return ["http://\(host.contains(":") ? "[\(host)]" : host):\(port)/"]
        }
        var addresses: [String] = []
        var list: UnsafeMutablePointer<ifaddrs>?
        if getifaddrs(&list) == 0, let first = list {
            var cursor: UnsafeMutablePointer<ifaddrs>? = first
            while let entry = cursor {
                if let address = entry.pointee.ifa_addr, address.pointee.sa_family == sa_family_t(AF_INET) {
                    var buffer = [CChar](repeating: 0, count: Int(NI_MAXHOST))
                    if getnameinfo(address, socklen_t(MemoryLayout<sockaddr_in>.size), &buffer, socklen_t(buffer.count), nil, 0, NI_NUMERICHOST) == 0 {
                        let text = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
                        if !addresses.contains(text) { addresses.append(text) }
                    }
                }
                cursor = entry.pointee.ifa_next
            }
            freeifaddrs(first)
        }
        // The venue's network first, loopback last.
        addresses.sort { a, b in a.hasPrefix("127.") == b.hasPrefix("127.") ? a < b : !a.hasPrefix("127.") }
        if addresses.isEmpty { addresses = ["127.0.0.1"] }
        return addresses.map { "http://\($0):\(port)/" }
    }
}

/// This server's presence file next to the state (`STATE.serve-HOST-PID.json`, see
/// `ServePresence`), rewritten atomically every few seconds: the URLs this server answers on
/// and the stage screens connected now. Consoles read every server's to show the audience URL
/// (and its QR code) and whether the projector still follows.
final class Presence: @unchecked Sendable {
    let path: String
    let broadcaster: Broadcaster
    let startedAt = Date()
    private let lock = NSLock()
    private var _urls: [String] = []
    /// Set once the file is removed: a write still in flight must not bring it back.
    private var removed = false
    var urls: [String] {
        get { lock.lock(); defer { lock.unlock() }; return _urls }
        set { lock.lock(); _urls = newValue; lock.unlock() }
    }

    let pid: Int

    init(path: String, broadcaster: Broadcaster, pid: Int = Int(getpid())) {
        self.path = path
        self.broadcaster = broadcaster
        self.pid = pid
    }

    /// Removes the files of servers on this state that are gone without removing theirs
    /// (killed, or the machine lost power): they are ignored anyway, this only tidies up.
    func removeStale(statePath: String) {
        let now = Date()
        for file in ServePresence.files(forState: statePath) where file.path != path {
            let presence = file.presence
            let deadHere = presence.host == ServePresence.thisHost && presence.isGone(at: now)
            if deadHere || now.timeIntervalSince(presence.updatedAt) > 3600 { unlink(file.path) }
        }
    }

    func write() {
        let now = Date()
        let connections = broadcaster.connections
        let stages = connections.filter(\.isStage).sorted { $0.since < $1.since }
        let audience = connections.count - stages.count
        var json = "{\"pid\":\(pid),\"host\":\(JSONText.string(ServePresence.thisHost)),"
        json += "\"startedAt\":\(JSONText.millis(startedAt)),\"updatedAt\":\(JSONText.millis(now)),\"urls\":["
        json += urls.map(JSONText.string).joined(separator: ",") + "],\"audience\":\(audience),\"stages\":["
        json += stages.map { "{\"address\":\(JSONText.string($0.address)),\"since\":\(JSONText.millis($0.since))}" }.joined(separator: ",")
        json += "]}\n"
        let temp = path + ".tmp"
        lock.lock()
        defer { lock.unlock() }
        guard !removed, FileManager.default.createFile(atPath: temp, contents: Data(json.utf8)) else { return }
        _ = rename(temp, path)
    }

    func remove() {
        lock.lock()
        removed = true
        unlink(path)
        lock.unlock()
    }
}
