import Foundation
import JOSE
import TokenClient

@testable import TokenServer
import RawHTTP

/// A real token server on 127.0.0.1 with a real store (a SQLite file in a
/// fresh temporary directory, or a fresh Redis namespace), a virtual clock
/// and seeded randomness.
final class TestServer {
    static let start: Int64 = 1_740_819_600

    let directory: URL
    let clock = ManualClock(start: TestServer.start)
    let log = MemoryLogSink()
    let store: any RefreshTokenStore
    let server: TokenServer
    let transport: HTTPTransport

    init(
        policy: Policy = .standard, seed: UInt64 = 1, threads: Int = 2, concurrentHashes: Int = 2,
        storeKind: StoreKind = .sqlite
    ) throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("tokenlab-test-\(ProcessInfo.processInfo.processIdentifier)-\(seed)-\(Self.counter.next())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        switch storeKind {
        case .sqlite:
            store = try SQLiteRefreshTokenStore(path: directory.appendingPathComponent("tokens.sqlite3").path)
        case .redis:
            store = try TestRedis.freshStore()
        }

        let random = SeededRandom(seed: seed)
        let service = try AuthService(
            users: DemoUsers.all, key: try HMACKey(secret: random.bytes(count: 32)), store: store,
            policy: policy, clock: clock, random: random, log: log, concurrentHashes: concurrentHashes)
        server = try TokenServer(
            service: service, store: store, log: log, threads: threads,
            requestLog: RequestLog(sink: log, clock: SystemMonotonicClock()))
        transport = HTTPTransport(baseURL: URL(string: server.baseURL)!)
    }

    deinit {
        server.stop()
        try? FileManager.default.removeItem(at: directory)
        try? (store as? RedisRefreshTokenStore)?.deleteNamespace()
    }

    func client(
        _ name: String = "user", storage: TokenStorage = TokenStorage(), cookieJar: CookieJar? = nil,
        autoRefresh: Bool = false
    ) -> AuthClient {
        AuthClient(name: name, transport: transport, storage: storage, cookieJar: cookieJar, autoRefresh: autoRefresh)
    }

    /// A cookie jar on the server's virtual clock.
    func cookieJar() -> CookieJar {
        let clock = self.clock
        return CookieJar(now: { clock.now })
    }

    /// A new raw connection, for requests URLSession would not send as
    /// written: repeated headers, bytes that are not UTF-8, bad framing.
    func raw() throws -> RawHTTPConnection {
        try RawHTTPConnection(port: server.port)
    }

    /// Sends `bytes` as the whole request on a new connection.
    func sendBytes(_ bytes: [UInt8]) throws -> RawHTTPConnection.Response {
        try raw().exchange(bytes)
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

extension RawHTTPConnection.Response {
    /// The body as a JSON object, or an empty one.
    var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any]) ?? [:]
    }
}

extension HTTPExchange {
    /// The response body as a JSON object, or an empty one.
    var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any]) ?? [:]
    }
}
