// The one file in TokenLab that calls libedit.

internal import CEditLine
import Foundation

/// Where REPL input comes from.
public protocol LineSource {
    /// Returns the next line without its newline, or nil at end of input.
    mutating func readLine(prompt: String) -> String?
    /// Whether a person types at a terminal (the prompt and line editing
    /// are theirs) rather than a pipe (the REPL echoes each line).
    var isInteractive: Bool { get }
}

/// Reads lines with libedit's readline interface: line editing, and
/// history for this session.
public struct EditLineSource: LineSource {
    public init() {}

    public var isInteractive: Bool { true }

    public mutating func readLine(prompt: String) -> String? {
        // readline() returns a malloc'd copy of the line, or null at end of
        // input (Ctrl-D on an empty line); the copy is freed here.
        guard let raw = CEditLine.readline(prompt) else { return nil }
        defer { free(raw) }

        let line = String(decoding: UnsafeRawBufferPointer(start: raw, count: strlen(raw)), as: UTF8.self)
        if !line.trimmingCharacters(in: .whitespaces).isEmpty {
            add_history(raw)
        }
        return line
    }
}

/// Reads lines from standard input when it is a pipe or a file.
public struct PipedLineSource: LineSource {
    public init() {}

    public var isInteractive: Bool { false }

    public mutating func readLine(prompt: String) -> String? {
        // Invalid UTF-8 is replaced with U+FFFD by the standard library,
        // so odd bytes reach the parser as text it can reject.
        Swift.readLine(strippingNewline: true).map { $0.hasSuffix("\r") ? String($0.dropLast()) : $0 }
    }
}

/// Terminal facts the front end needs.
public enum TerminalInfo {
    public static var standardInputIsTerminal: Bool { isatty(STDIN_FILENO) == 1 }
    public static var standardOutputIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }
}
