import Foundation

/// One line of the server's log: an event name and dotted metadata keys.
///
/// The server never prints; it hands entries to a `LogSink`. Metadata never
/// holds a token, a password or a secret: only ids and hashes' prefixes.
public struct LogEntry: Sendable, Equatable {
    public enum Level: String, Sendable {
        case info
        case warning
    }

    public let level: Level
    /// A stable event name such as `refresh.reuse_detected`.
    public let event: String
    public let metadata: [(key: String, value: String)]

    public init(level: Level, event: String, metadata: [(key: String, value: String)]) {
        self.level = level
        self.event = event
        self.metadata = metadata
    }

    /// Returns the value of the first metadata item named `key`.
    public func value(_ key: String) -> String? {
        metadata.first { $0.key == key }?.value
    }

    public static func == (lhs: LogEntry, rhs: LogEntry) -> Bool {
        lhs.level == rhs.level && lhs.event == rhs.event
            && lhs.metadata.map(\.key) == rhs.metadata.map(\.key)
            && lhs.metadata.map(\.value) == rhs.metadata.map(\.value)
    }

    /// The entry as one `key=value` line, for a plain log.
    ///
    /// A value stays bare when it is printable and contains no space, quote,
    /// backslash or `=`, so Hangul and other letters read as typed. Any other
    /// value is written in double quotes, and inside them every character
    /// that could end the line, start a new field or hide text is escaped.
    /// Each entry therefore stays one parseable line whatever a client sends.
    public var line: String {
        ([level.rawValue, event] + metadata.map { "\($0.key)=\(Self.quoted($0.value))" }).joined(separator: " ")
    }

    static func quoted(_ value: String) -> String {
        let bare = !value.isEmpty && value.unicodeScalars.allSatisfy { !needsQuotes($0) }
        guard !bare else { return value }

        var escaped = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": escaped += "\\\""
            case "\\": escaped += "\\\\"
            case "\n": escaped += "\\n"
            case " ": escaped += " "
            default:
                if isHidden(scalar) {
                    escaped += "\\u{" + String(scalar.value, radix: 16) + "}"
                } else {
                    escaped.unicodeScalars.append(scalar)
                }
            }
        }
        return escaped + "\""
    }

    /// Returns whether `scalar` forces its value into quotes: a field separator
    /// (space, `=`), a quoting character, or a hidden character.
    private static func needsQuotes(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "=" || scalar == "\"" || scalar == "\\" || isHidden(scalar)
    }

    /// Returns whether `scalar` is invisible or moves text around when printed:
    /// control and format characters (bidirectional overrides, zero-width
    /// joiners), line and paragraph separators, spaces other than U+0020,
    /// and private-use, surrogate or unassigned code points.
    private static func isHidden(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator, .privateUse, .surrogate, .unassigned:
            true
        case .spaceSeparator:
            scalar != " "
        default:
            false
        }
    }
}

/// A destination for the server's log entries.
public protocol LogSink: Sendable {
    func log(_ entry: LogEntry)
}

/// A sink that drops every entry, the default when no log is wanted.
public struct DiscardingLogSink: LogSink {
    public init() {}
    public func log(_ entry: LogEntry) {}
}

/// Keeps entries in memory until taken, so the REPL can show what the
/// server logged during one command.
public final class MemoryLogSink: LogSink, @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [LogEntry] = []

    public init() {}

    public func log(_ entry: LogEntry) {
        lock.withLock { entries.append(entry) }
    }

    /// Returns the entries logged since the last `drain`, keeping them.
    public func peek() -> [LogEntry] {
        lock.withLock { entries }
    }

    /// Returns the entries logged since the last call and removes them.
    public func drain() -> [LogEntry] {
        lock.withLock {
            defer { entries.removeAll() }
            return entries
        }
    }
}
