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
    /// Returns an empty set on timeout, and also when a signal interrupted the wait (EINTR).
    /// `poll()` is never restarted after a signal, and ncurses learns of a resize through its
    /// own SIGWINCH handler, so returning lets the loop call `Terminal.readKeys()` and see the
    /// `.resize` at once. Callers should therefore read keys (non-blocking, cheap) and
    /// pending signals after every return.
    public static func wait(_ descriptors: [Int32], timeoutMilliseconds: Int32?) -> Set<Int32> {
        var fds = descriptors.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
        let timeout = timeoutMilliseconds.map { max(0, $0) } ?? -1
        let result = fds.withUnsafeMutableBufferPointer { buffer in
            poll(buffer.baseAddress, nfds_t(buffer.count), timeout)
        }
        if result <= 0 { return [] }  // timeout, EINTR (a signal), or an error
        let ready = Int16(POLLIN) | Int16(POLLHUP) | Int16(POLLERR) | Int16(POLLNVAL)
        return Set(fds.filter { $0.revents & ready != 0 }.map(\.fd))
    }
}
