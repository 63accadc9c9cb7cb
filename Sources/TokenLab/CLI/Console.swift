import Foundation

/// Standard output and standard error, written as UTF-8.
public enum Console {
    public static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    public static func writeError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}

/// A command-line usage error, as a catalog message. Commands exit with
/// status 2 for these.
public struct UsageError: Error {
    public let message: Message

    public init(_ message: Message) {
        self.message = message
    }
}

/// Walks a command line's arguments; `--name=value` and `--name value`
/// both work.
struct ArgumentCursor {
    private let arguments: [String]
    private var index = 0
    private var pendingValue: String?
    /// The command whose `--help` a usage error points to, such as
    /// `tokenlab replay`.
    let command: String

    init(_ arguments: [String], command: String = "tokenlab") {
        self.arguments = arguments
        self.command = command
    }

    /// Returns the next option or operand, keeping any `=value` for
    /// `value(for:)`.
    mutating func next() -> String? {
        guard index < arguments.count else { return nil }
        let argument = arguments[index]
        index += 1
        if argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") {
            pendingValue = String(argument[argument.index(after: equals)...])
            return String(argument[..<equals])
        }
        pendingValue = nil
        return argument
    }

    /// Returns the value of `option`: its `=value`, or the next argument.
    mutating func value(for option: String) throws(UsageError) -> String {
        if let pendingValue {
            self.pendingValue = nil
            return pendingValue
        }
        guard index < arguments.count else { throw UsageError(.cliMissingValue(option: option, command: command)) }
        defer { index += 1 }
        return arguments[index]
    }
}
