import Foundation

/// Runs closures on their own threads, released together, for tests of
/// concurrent requests. `DispatchQueue.concurrentPerform` would run only
/// as many at once as there are cores.
enum Concurrently {
    /// Runs `body(i)` for i in 0..<count, each on a new thread, all
    /// started at once, and returns the results in index order.
    static func run<Value>(_ count: Int, _ body: @escaping @Sendable (Int) throws -> Value) -> [Result<Value, any Error>] {
        let start = DispatchSemaphore(value: 0)
        let done = DispatchGroup()
        let results = Slots<Value>(count: count)
        for index in 0..<count {
            done.enter()
            let thread = Thread {
                start.wait()
                results.set(index, Result { try body(index) })
                done.leave()
            }
            thread.start()
        }
        for _ in 0..<count {
            start.signal()
        }
        done.wait()
        return results.values
    }
}

/// One result slot per thread.
private final class Slots<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [Result<Value, any Error>?]

    init(count: Int) {
        stored = Array(repeating: nil, count: count)
    }

    func set(_ index: Int, _ result: Result<Value, any Error>) {
        lock.withLock { stored[index] = result }
    }

    var values: [Result<Value, any Error>] {
        lock.withLock { stored.compactMap { $0 } }
    }
}
