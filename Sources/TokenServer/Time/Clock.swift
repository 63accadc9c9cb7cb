import Foundation

/// A source of the current time in whole seconds since the Unix epoch, the
/// unit of JWT NumericDate claims.
///
/// The server, the clients and the REPL all take a clock, so a lesson can
/// run on a virtual one and give the same bytes on every machine.
public protocol Clock: Sendable {
    /// Seconds since 1970-01-01T00:00:00Z.
    var now: Int64 { get }
}

/// The machine's wall clock, for `tokenlab serve` and `--real-clock`.
///
/// This is the one place in TokenLab that reads the wall clock.
public struct SystemClock: Clock {
    public init() {}

    public var now: Int64 {
        Int64(Date().timeIntervalSince1970.rounded(.down))
    }
}

/// A virtual clock that moves only when told to.
///
/// Shared by reference between the server, the clients and the REPL, so an
/// `advance` is seen by all of them at once.
public final class ManualClock: Clock, @unchecked Sendable {
    private let lock = NSLock()
    private var current: Int64
    /// The instant the clock started at.
    public let start: Int64

    public init(start: Int64) {
        self.start = start
        self.current = start
    }

    public var now: Int64 {
        lock.withLock { current }
    }

    /// Moves the clock forward by `seconds`, which must not be negative:
    /// tokens never go back in time in a lesson.
    public func advance(by seconds: Int64) {
        precondition(seconds >= 0, "ManualClock only moves forward")
        lock.withLock { current += seconds }
    }

    /// Sets the clock back to where it started.
    public func reset() {
        lock.withLock { current = start }
    }
}
