import Foundation

/// A clock for measuring durations: it never jumps when the wall clock is
/// set, and its zero means nothing.
public protocol MonotonicClock: Sendable {
    /// Nanoseconds since an arbitrary fixed point.
    var nanoseconds: UInt64 { get }
}

/// `CLOCK_MONOTONIC`, for request durations in `tokenlab serve`.
///
/// This and `SystemClock` are the only readers of a system clock.
public struct SystemMonotonicClock: MonotonicClock {
    public init() {}

    public var nanoseconds: UInt64 {
        var time = timespec()
        // clock_gettime cannot fail for CLOCK_MONOTONIC with a valid pointer.
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }
}
