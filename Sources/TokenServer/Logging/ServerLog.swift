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

    public static func == (lhs: LogEntry, rhs: LogEntry) -> Bool {
        lhs.level == rhs.level && lhs.event == rhs.event
            && lhs.metadata.map(\.key) == rhs.metadata.map(\.key)
            && lhs.metadata.map(\.value) == rhs.metadata.map(\.value)
    }

    /// The entry as one `key=value` line, for a plain log. A value with
    /// spaces, quotes or control characters is written in double quotes
    /// with those characters escaped, so each entry stays one parseable line.
    public var line: String {
        ([level.rawValue, event] + metadata.map { "\($0.key)=\(Self.quoted($0.value))" }).joined(separator: " ")
    }

    static func quoted(_ value: String) -> String {
        let plain = !value.isEmpty && value.unicodeScalars.allSatisfy { $0.value > 0x20 && $0 != "\"" && $0 != "\\" && $0.value != 0x7F }
        guard !plain else { return value }
        var escaped = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": escaped += "\\\""
            case "\\": escaped += "\\\\"
            case "\n": escaped += "\\n"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    escaped += "\\u{" + String(scalar.value, radix: 16) + "}"
                } else {
                    escaped.unicodeScalars.append(scalar)
                }
            }
        }
        return escaped + "\""
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
