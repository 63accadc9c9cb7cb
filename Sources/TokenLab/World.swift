import Foundation
import JOSE
import TokenClient
import TokenServer

/// Everything one REPL session runs against: the clock, the randomness, a
/// real token server on loopback with a real store (SQLite or Redis), and
/// the two clients (the user's app and the attacker).
public final class World {
    /// The kind of store a world keeps its refresh-token records in.
    public enum StoreChoice: Sendable, Equatable {
        /// A SQLite file in a new temporary directory, deleted at shutdown.
        case temporarySQLite
        /// Redis at the endpoint, in a namespace of the world's own: the
        /// given base, the process id and a count of worlds, so lessons
        /// stay free of randomness. It is emptied at start and deleted at
        /// shutdown.
        case redis(RedisEndpoint, namespace: String)
    }

    /// The start of a seeded world's clock: 2025-03-01 09:00:00 UTC.
    public static let seededStart: Int64 = 1_740_819_600

    public let clock: ManualClock
    public let random: any RandomSource
    public let seed: UInt64?
    /// The HS256 secret. Demo-only: printed in the banner.
    public let secret: [UInt8]
    public let key: HMACKey
    public let store: any RefreshTokenStore
    public let log: MemoryLogSink
    public let server: TokenServer
    public let user: AuthClient
    public let attacker: AuthClient
    /// The HTTP connection to the server, for extra clients such as a
    /// second browser tab.
    public let transport: HTTPTransport
    /// The SQLite store's temporary directory; nil with Redis.
    private let directory: String?

    /// Builds and starts a world.
    ///
    /// - Parameters:
    ///   - seed: fixes the clock's start and the randomness, so the same
    ///     commands give the same bytes; nil uses OpenSSL's generator and
    ///     starts the clock at `wallClockStart`.
    ///   - store: where the records go; each world starts with none.
    public init(
        seed: UInt64?, wallClockStart: @autoclosure () -> Int64, policy: Policy = .standard,
        store choice: StoreChoice = .temporarySQLite
    ) throws {
        self.seed = seed
        if let seed {
            self.clock = ManualClock(start: Self.seededStart)
            self.random = SeededRandom(seed: seed)
        } else {
            self.clock = ManualClock(start: wallClockStart())
            self.random = SystemRandom()
        }
        self.secret = random.bytes(count: 32)
        self.key = try HMACKey(secret: secret)

        switch choice {
        case .temporarySQLite:
            let directory = try Self.makeTemporaryDirectory()
            self.directory = directory
            self.store = try SQLiteRefreshTokenStore(path: directory + "/tokens.sqlite3")
        case .redis(let endpoint, let base):
            self.directory = nil
            let redis = try RedisRefreshTokenStore(endpoint: endpoint, namespace: Self.namespace(base: base))
            // Keys left by a crashed process with the same id would
            // otherwise show up in this world's store table.
            try redis.deleteNamespace()
            self.store = redis
        }
        self.log = MemoryLogSink()
        let service = try AuthService(
            users: DemoUsers.all, key: key, store: store, policy: policy,
            clock: clock, random: random, log: log)
        self.server = try TokenServer(service: service, store: store, log: log)

        guard let baseURL = URL(string: server.baseURL) else {
            throw WorldError.serverAddress(server.baseURL)
        }
        let transport = HTTPTransport(baseURL: baseURL)
        self.transport = transport
        // Each client is a browser with its own cookie jar on the virtual
        // clock, so cookie delivery works as in a browser.
        let clock = self.clock
        self.user = AuthClient(name: "user", transport: transport, cookieJar: CookieJar(now: { clock.now }))
        self.attacker = AuthClient(
            name: "attacker", transport: transport, cookieJar: CookieJar(now: { clock.now }),
            forgetsTokensOnInvalidGrant: false)
    }

    /// Stops the server and deletes the store's files or Redis keys.
    public func shutdown() {
        server.stop()
        if let directory {
            try? FileManager.default.removeItem(atPath: directory)
        }
        // NOTE: the keys stay behind when Redis is unreachable here or the
        // process is killed; `redis-cli --scan --pattern 'tokenlab:repl-*'`
        // lists them.
        try? (store as? RedisRefreshTokenStore)?.deleteNamespace()
    }

    public func client(_ actor: Actor) -> AuthClient {
        actor == .user ? user : attacker
    }

    /// Returns `<base>-<process id>-<n>` for the n-th Redis world of this
    /// process, with `base` cut to 40 characters so the whole stays a
    /// valid namespace.
    static func namespace(base: String) -> String {
        "\(base.prefix(40))-\(getpid())-\(worldCount.next())"
    }

    private static let worldCount = WorldCounter()

    private static func makeTemporaryDirectory() throws -> String {
        let base = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array((base + "/tokenlab.XXXXXX").utf8CString)
        let created = template.withUnsafeMutableBufferPointer { buffer -> Bool in
            guard let start = buffer.baseAddress else { return false }
            return mkdtemp(start) != nil
        }
        guard created else {
            throw WorldError.temporaryDirectory(base, String(cString: strerror(errno)))
        }
        // mkdtemp replaced the X's in place; drop the terminating NUL.
        return String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

/// A failure to build a world.
public enum WorldError: Error, CustomStringConvertible {
    case temporaryDirectory(String, String)
    case serverAddress(String)

    public var description: String {
        switch self {
        case .temporaryDirectory(let base, let reason):
            "cannot create a directory for the store under \(base): \(reason); set TMPDIR to a writable directory"
        case .serverAddress(let address):
            "the server's address \(address) is not a valid URL"
        }
    }
}

/// Numbers the Redis worlds of one process.
private final class WorldCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    func next() -> Int {
        lock.withLock {
            value += 1
            return value
        }
    }
}
