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

/// Set by the SIGINT handler while libedit waits for a key. A plain
/// aligned Int32 store is the only thing the handler does, which is safe
/// to do from a signal handler on the platforms Swift supports.
nonisolated(unsafe) private var interruptReceived: Int32 = 0

/// Reads lines with libedit's readline interface: line editing, Ctrl-R
/// history search, tab completion, and history kept across sessions.
///
/// Ctrl-C cancels the line being typed and Ctrl-D on an empty line ends
/// input. libedit's own signal handling would re-raise SIGINT and end the
/// program, so it is turned off and a handler without SA_RESTART makes
/// the pending read fail, which ends the line.
public final class EditLineSource: LineSource {
    /// Lines kept in the history file.
    public static let historyLimit: Int32 = 1000

    private let historyPath: String?

    /// - Parameters:
    ///   - historyPath: a file to load history from and append to; nil
    ///     keeps history for this session only.
    ///   - completions: candidates for the word being completed, given the
    ///     line up to the cursor.
    public init(historyPath: String?, completions: @escaping @Sendable (String) -> [String]) {
        self.historyPath = historyPath
        Completion.provider = completions

        // libedit decodes multibyte input only under a UTF-8 LC_CTYPE; in
        // the default "C" locale it drops every non-ASCII byte, so Hangul
        // typed at the prompt would vanish. The environment's locale is
        // used when it is UTF-8, else C.UTF-8, which glibc always has.
        let current = setlocale(LC_CTYPE, "").map { String(cString: $0) } ?? "C"
        if !current.lowercased().contains("utf-8") && !current.lowercased().contains("utf8") {
            setlocale(LC_CTYPE, "C.UTF-8")
        }

        tl_edit_disable_signal_handling()
        tl_edit_set_completion_hook(completeCallback)
        stifle_history(Self.historyLimit)
        if let historyPath {
            _ = read_history(historyPath)
        }

        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in interruptReceived = 1 }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(SIGINT, &action, nil)

        // A parent may start us with SIGINT blocked (libdispatch worker
        // threads block signals, and the mask is inherited through exec),
        // and a blocked SIGINT would make Ctrl-C do nothing.
        var unblock = sigset_t()
        sigemptyset(&unblock)
        sigaddset(&unblock, SIGINT)
        pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
    }

    public var isInteractive: Bool { true }

    public func readLine(prompt: String) -> String? {
        while true {
            interruptReceived = 0
            // readline() returns a malloc'd copy of the line, or null at
            // end of input or when a read fails (as after Ctrl-C).
            guard let raw = CEditLine.readline(prompt) else {
                if interruptReceived != 0 {
                    FileHandle.standardOutput.write(Data("^C\n".utf8))
                    continue
                }
                return nil
            }
            defer { free(raw) }

            let line = String(decoding: UnsafeRawBufferPointer(start: raw, count: strlen(raw)), as: UTF8.self)
            if interruptReceived != 0 {
                // Ctrl-C arrived while the line was being typed: drop it.
                FileHandle.standardOutput.write(Data("^C\n".utf8))
                continue
            }
            if !line.trimmingCharacters(in: .whitespaces).isEmpty {
                add_history(raw)
                if let historyPath {
                    // Written after each line, so a crash loses nothing;
                    // a failure to write only costs the history.
                    _ = write_history(historyPath)
                }
            }
            return line
        }
    }

    /// `$XDG_STATE_HOME/tokenlab/history`, or `~/.local/state/tokenlab/history`;
    /// the folder is created. Nil when neither variable gives a home.
    public static func defaultHistoryPath(environment: [String: String]) -> String? {
        let base: String
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            base = state
        } else if let home = environment["HOME"], !home.isEmpty {
            base = home + "/.local/state"
        } else {
            return nil
        }
        let folder = base + "/tokenlab"
        guard (try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)) != nil else {
            return nil
        }
        return folder + "/history"
    }
}

/// The state libedit's completion callbacks need, which are plain C
/// function pointers and cannot capture it. Completion runs on the one
/// thread that calls readline().
private enum Completion {
    nonisolated(unsafe) static var provider: (@Sendable (String) -> [String])?
    nonisolated(unsafe) static var matches: [String] = []
    nonisolated(unsafe) static var index = 0
}

/// libedit's attempted-completion hook: completes from `Completion.provider`
/// and never falls back to file names.
private let completeCallback: @convention(c) (UnsafePointer<CChar>?, Int32, Int32) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? =
    { text, _, end in
        tl_edit_suppress_default_completion()
        guard let text, let buffer = tl_edit_line_buffer() else { return nil }

        // The line up to the cursor decides which words fit.
        let length = max(0, min(Int(end), strlen(buffer)))
        let line = String(decoding: UnsafeRawBufferPointer(start: buffer, count: length), as: UTF8.self)
        Completion.matches = Completion.provider?(line) ?? []
        Completion.index = 0
        return rl_completion_matches(text, nextMatch)
    }

/// libedit's generator: returns a malloc'd copy of each match in turn,
/// then null. libedit frees the copies.
private let nextMatch: @convention(c) (UnsafePointer<CChar>?, Int32) -> UnsafeMutablePointer<CChar>? = { _, _ in
    guard Completion.index < Completion.matches.count else { return nil }
    defer { Completion.index += 1 }
    return strdup(Completion.matches[Completion.index])
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

    /// The terminal's width in columns, or nil when standard output is
    /// not a terminal or does not say.
    public static var standardOutputColumns: Int? {
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }
}
