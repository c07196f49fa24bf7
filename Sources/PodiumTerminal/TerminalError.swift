/// Why the terminal could not be opened, as one line to show the user.
public struct TerminalError: Error, CustomStringConvertible, Sendable {
    public let message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
