#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A `poll()` wrapper: the event loop's only way of waiting.
public enum Poller {
    /// Waits until one of `descriptors` can be read (or has hung up or failed), or until the
    /// timeout passes (`nil` waits forever), and returns the ready descriptors.
    ///
    /// Returns an empty set on timeout. `poll()` is never restarted after a signal handler
    /// ran (EINTR), so it then polls once more without waiting and returns what is ready right
    /// after the signal: a signal caught by `SignalWatcher` (SIGWINCH included) has made its
    /// descriptor ready by then.
    public static func wait(_ descriptors: [Int32], timeoutMilliseconds: Int32?) -> Set<Int32> {
        var fds = descriptors.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
        var timeout = timeoutMilliseconds.map { max(0, $0) } ?? -1
        while true {
            let result = fds.withUnsafeMutableBufferPointer { buffer in
                poll(buffer.baseAddress, nfds_t(buffer.count), timeout)
            }
            if result < 0, errno == EINTR, timeout != 0 {
                timeout = 0
                continue
            }
            if result <= 0 { return [] }  // timeout, or an error
            let ready = Int16(POLLIN) | Int16(POLLHUP) | Int16(POLLERR) | Int16(POLLNVAL)
            return Set(fds.filter { $0.revents & ready != 0 }.map(\.fd))
        }
    }
}
