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
        // clock_gettime(2) fails only for an unknown clock or a bad pointer,
        // and neither can happen here.
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }
}
