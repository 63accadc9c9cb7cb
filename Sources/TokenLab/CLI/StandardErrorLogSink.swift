import Foundation
import TokenServer

/// Writes each log entry as one line on standard error, prefixed with the
/// UTC time, under a lock so lines from worker threads never interleave.
final class StandardErrorLogSink: LogSink, @unchecked Sendable {
    private let clock: any Clock
    private let lock = NSLock()

    init(clock: any Clock) {
        self.clock = clock
    }

    func log(_ entry: LogEntry) {
        let line = Self.timestamp(clock.now) + " " + entry.line + "\n"
        lock.withLock { FileHandle.standardError.write(Data(line.utf8)) }
    }

    /// `seconds` as ISO 8601 in UTC, such as `2025-03-01T09:00:00Z`.
    static func timestamp(_ seconds: Int64) -> String {
        var time = time_t(seconds)
        var parts = tm()
        gmtime_r(&time, &parts)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02dZ", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1,
            Int(parts.tm_mday), Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec))
    }

}
