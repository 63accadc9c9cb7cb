import Foundation
import JOSE
import TokenClient
@testable import TokenServer

/// A real token server on 127.0.0.1 with a real SQLite file in a fresh
/// temporary directory, a virtual clock and seeded randomness.
final class TestServer {
    static let start: Int64 = 1_740_819_600

    let directory: URL
    let clock = ManualClock(start: TestServer.start)
    let log = MemoryLogSink()
    let store: SQLiteRefreshTokenStore
    let server: TokenServer
    let transport: HTTPTransport

    init(policy: Policy = .standard, seed: UInt64 = 1) throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("tokenlab-test-\(ProcessInfo.processInfo.processIdentifier)-\(seed)-\(Self.counter.next())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        store = try SQLiteRefreshTokenStore(path: directory.appendingPathComponent("tokens.sqlite3").path)

        let random = SeededRandom(seed: seed)
        let service = AuthService(
            users: DemoUsers.all, key: try HMACKey(secret: random.bytes(count: 32)), store: store,
            policy: policy, clock: clock, random: random, log: log)
        server = try TokenServer(service: service, store: store, log: log)
        transport = HTTPTransport(baseURL: URL(string: server.baseURL)!)
    }

    deinit {
        server.stop()
        try? FileManager.default.removeItem(at: directory)
    }

    func client(_ name: String = "user") -> AuthClient {
        AuthClient(name: name, transport: transport)
    }

    /// Sends a raw request, for inputs the client would never make.
    func send(_ method: String, _ path: String, headers: [(name: String, value: String)] = [], body: String = "") throws -> HTTPExchange {
        try transport.send(method: method, path: path, headers: headers, body: Array(body.utf8))
    }

    func records() throws -> [RefreshTokenRecord] {
        try store.allRecords()
    }

    private static let counter = Counter()
}

/// Unique suffixes for temporary directories within one test process.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    func next() -> Int {
        lock.withLock {
            value += 1
            return value
        }
    }
}

extension HTTPExchange {
    /// The response body as a JSON object, or an empty one.
    var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any]) ?? [:]
    }
}
