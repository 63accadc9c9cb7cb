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

    /// The entry as one `key=value` line, for a plain log.
    public var line: String {
        ([level.rawValue, event] + metadata.map { "\($0.key)=\($0.value)" }).joined(separator: " ")
    }
}

/// Where the server's log entries go.
public protocol LogSink: Sendable {
    func log(_ entry: LogEntry)
}

/// Drops every entry; the default when nobody listens.
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

    /// Returns the entries logged since the last call and forgets them.
    public func drain() -> [LogEntry] {
        lock.withLock {
            defer { entries.removeAll() }
            return entries
        }
    }
}
