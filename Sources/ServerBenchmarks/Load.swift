import Foundation
import TokenClient
import TokenServer
import RawHTTP

/// Client threads for the benchmark.
enum Load {
    /// Runs `body` once per connection, each on its own thread, and
    /// returns the values in connection order.
    static func run<Value: Sendable>(connections: Int, _ body: @escaping @Sendable (Int) throws -> Value) throws -> [Value] {
        let group = DispatchGroup()
        let results = Collected<Result<Value, any Error>>(count: connections)
        for index in 0..<connections {
            group.enter()
            Thread {
                results[index] = Result { try body(index) }
                group.leave()
            }.start()
        }
        group.wait()
        return try results.values.map { try $0!.get() }
    }

    /// Runs a closed loop on `connections` keep-alive connections until
    /// `options.seconds` pass or `options.maximumRequests` are sent.
    static func closedLoop(
        name: String, connections: Int, port: UInt16, options: Benchmark.Options,
        _ request: @escaping @Sendable (RawHTTPConnection, Int, Int) throws -> RawHTTPConnection.Response
    ) throws -> Benchmark.Result {
        let clock = SystemMonotonicClock()
        let budget = UInt64(options.seconds * 1_000_000_000)
        let perConnection = max(1, options.maximumRequests / connections)
        let started = clock.nanoseconds

        let outcomes = try run(connections: connections) { client in
            let connection = try RawHTTPConnection(port: port)
            var latencies: [UInt64] = []
            var errors = 0
            latencies.reserveCapacity(min(perConnection, 100_000))
            for sequence in 0..<perConnection {
                let before = clock.nanoseconds
                guard before - started < budget else { break }
                let response = try request(connection, client, sequence)
                latencies.append(clock.nanoseconds - before)
                if response.status >= 400 { errors += 1 }
            }
            return (latencies: latencies, errors: errors)
        }
        let elapsed = Double(clock.nanoseconds - started) / 1_000_000_000

        let latencies = outcomes.flatMap(\.latencies).sorted()
        return Benchmark.Result(
            name: name, connections: connections, requests: latencies.count,
            errors: outcomes.map(\.errors).reduce(0, +), seconds: elapsed, latencies: latencies)
    }
}

/// Slots written by separate threads.
final class Collected<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [Value?]

    init(count: Int) {
        stored = Array(repeating: nil, count: count)
    }

    subscript(index: Int) -> Value? {
        get { lock.withLock { stored[index] } }
        set { lock.withLock { stored[index] = newValue } }
    }

    var values: [Value?] { lock.withLock { stored } }
}
