import Foundation
import JOSE
import TokenClient
import TokenServer
import RawHTTP

/// Measures requests per second and latency of `GET /api/v1/me`,
/// `POST /api/v1/auth/refresh` and `POST /api/v1/auth/login` against an
/// in-process server on 127.0.0.1, configured as `tokenlab serve` is:
/// a SQLite file in WAL mode with `synchronous = FULL` (or, with
/// `--store redis://HOST:PORT`, a Redis namespace), the system clock,
/// OpenSSL's generator and scrypt N = 2^17 password hashes.
///
/// Each client is a thread with one keep-alive connection that sends its
/// next request as soon as the response to the last one arrives (a closed
/// loop).
/// Every phase stops after its duration or its request cap, whichever
/// comes first.
enum Benchmark {
    struct Options {
        var seconds = 5.0
        var connections = 8
        var serverThreads = 8
        var maximumRequests = 500_000
        /// A `redis://HOST:PORT[?prefix=NAME]` URL; nil for a temporary SQLite file.
        var redisURL: String?
    }

    struct Result {
        let name: String
        let connections: Int
        let requests: Int
        let errors: Int
        let seconds: Double
        let latencies: [UInt64]

        var rate: Double { Double(requests) / seconds }

        func percentile(_ fraction: Double) -> Double {
            guard !latencies.isEmpty else { return 0 }
            let index = min(latencies.count - 1, Int((Double(latencies.count) * fraction).rounded(.up)) - 1)
            return Double(latencies[max(0, index)]) / 1_000_000
        }
    }

    static func main(arguments: [String]) -> Int32 {
        var options = Options()
        var index = 0
        while index < arguments.count {
            let value = index + 1 < arguments.count ? arguments[index + 1] : ""
            switch arguments[index] {
            case "--seconds": options.seconds = Double(value) ?? options.seconds
            case "--connections": options.connections = Int(value) ?? options.connections
            case "--server-threads": options.serverThreads = Int(value) ?? options.serverThreads
            case "--max-requests": options.maximumRequests = Int(value) ?? options.maximumRequests
            case "--store": options.redisURL = value
            default:
                FileHandle.standardError.write(
                    Data(
                        """
                        usage: ServerBenchmarks [--seconds S] [--connections N] [--server-threads N] [--max-requests N] [--store redis://HOST:PORT]
                        unknown option \(arguments[index])

                        """.utf8))
                return 2
            }
            index += 2
        }

        do {
            try run(options)
            return 0
        } catch {
            FileHandle.standardError.write(Data("ServerBenchmarks: \(error)\n".utf8))
            return 1
        }
    }

    static func run(_ options: Options) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tokenlab-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }

        let random = SystemRandom()
        let store: any RefreshTokenStore
        if let text = options.redisURL {
            guard case .redis(let endpoint, let namespace) = try StoreURL.parse(text) else {
                throw BenchmarkError(reason: "--store takes redis://HOST:PORT; the default is a temporary SQLite file")
            }
            let redis = try RedisRefreshTokenStore(endpoint: endpoint, namespace: namespace ?? "bench")
            try redis.deleteNamespace()
            store = redis
        } else {
            store = try SQLiteRefreshTokenStore(path: directory.appendingPathComponent("tokens.sqlite3").path)
        }
        defer { _ = try? (store as? RedisRefreshTokenStore)?.deleteNamespace() }
        let users = try zip(DemoUsers.all, DemoUsers.credentials).map { user, credentials in
            User(
                username: user.username, subject: user.subject, name: user.name, role: user.role,
                passwordHash: try PasswordHasher.production.hash(credentials.password, random: random))
        }
        let service = try AuthService(
            users: users, key: try HMACKey(secret: random.bytes(count: 32)), store: store, policy: .standard,
            clock: SystemClock(), random: random, log: DiscardingLogSink())
        let server = try TokenServer(
            service: service, store: store, log: DiscardingLogSink(), threads: options.serverThreads)
        defer { server.stop() }
        let port = server.port

        print(
            "server: 127.0.0.1:\(port), \(store.kind) store, \(options.serverThreads) threads; \(options.seconds) s per phase, at most \(options.maximumRequests) requests"
        )
        print("setting up \(options.connections) logins (scrypt N=2^17, 2 at a time)...")
        let grants = try Load.run(connections: options.connections) { _ in
            let response = try login(RawHTTPConnection(port: port))
            guard response.status == 200,
                let object = try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any],
                let access = object["access_token"] as? String, let refresh = object["refresh_token"] as? String
            else { throw BenchmarkError(reason: "setup login got \(response.status)") }
            return (access: access, refresh: refresh)
        }

        var results: [Result] = []
        results.append(
            try Load.closedLoop(
                name: "GET /api/v1/me", connections: options.connections, port: port, options: options
            ) { connection, client, _ in
                try connection.request("GET", "/api/v1/me", headers: [("Authorization", "Bearer \(grants[client].access)")])
            })

        let chains = TokenChains(grants.map(\.refresh))
        results.append(
            try Load.closedLoop(
                name: "POST /api/v1/auth/refresh", connections: options.connections, port: port, options: options
            ) { connection, client, _ in
                let response = try connection.request(
                    "POST", "/api/v1/auth/refresh", headers: [("Content-Type", "application/json")],
                    body: Array("{\"refresh_token\":\"\(chains[client])\"}".utf8))
                if response.status == 200,
                    let object = try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any],
                    let next = object["refresh_token"] as? String
                {
                    chains[client] = next
                }
                return response
            })

        // Two connections: the server hashes two passwords at a time, and
        // more clients would measure the 503s of its admission limit.
        results.append(
            try Load.closedLoop(
                name: "POST /api/v1/auth/login", connections: 2, port: port, options: options
            ) { connection, _, _ in
                try login(connection)
            })

        print("")
        print("endpoint                    conns  requests  errors     req/s   p50 ms   p99 ms")
        for result in results {
            let name = result.name.padding(toLength: 27, withPad: " ", startingAt: 0)
            print(
                name
                    + String(
                        format: " %5d %9d %7d %9.1f %8.2f %8.2f", result.connections,
                        result.requests, result.errors, result.rate, result.percentile(0.5), result.percentile(0.99)))
        }
    }

    static func login(_ connection: RawHTTPConnection) throws -> RawHTTPConnection.Response {
        try connection.request(
            "POST", "/api/v1/auth/login", headers: [("Content-Type", "application/json")],
            body: Array(#"{"username":"hong","password":"gildong-demo"}"#.utf8))
    }
}

struct BenchmarkError: Error, CustomStringConvertible {
    let reason: String
    var description: String { reason }
}

/// The current refresh token of each client.
final class TokenChains: @unchecked Sendable {
    private let lock = NSLock()
    private var tokens: [String]

    init(_ tokens: [String]) {
        self.tokens = tokens
    }

    subscript(index: Int) -> String {
        get { lock.withLock { tokens[index] } }
        set { lock.withLock { tokens[index] = newValue } }
    }
}
