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
    /// The first server's connection to the store, which the REPL reads
    /// its store tables from.
    public let store: any RefreshTokenStore
    public let log: MemoryLogSink
    /// The running token servers, `A` first; `server add` starts more,
    /// each sharing the store.
    public private(set) var servers: [LabServer]
    public let user: AuthClient
    public let attacker: AuthClient
    /// The server that the clients' next requests go to, as an index into
    /// `servers`; `via NAME COMMAND` sets it for one command.
    public var route = 0
    /// The SQLite store's temporary directory; nil with Redis.
    private let directory: String?
    private let storeChoice: StoreChoice
    private var logSinks: [ServerNameLogSink]
    /// Clients routed to a server other than `A`, by actor and index. Each
    /// shares its actor's token storage and cookie jar, as one browser
    /// talking to two servers behind one site would.
    private var routedClients: [String: AuthClient] = [:]

    /// The first server, `A`.
    public var server: TokenServer { servers[0].server }
    /// The HTTP connection to the server `route` names, for extra clients
    /// such as a second browser tab.
    public var transport: HTTPTransport { servers[route].transport }
    /// The server the clients' requests go to now.
    public var routedServer: LabServer { servers[route] }

    /// The maximum number of servers in a lab: `A`, `B` and `C`.
    public static let maximumServers = 3

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

        self.storeChoice = choice
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
        let sink = ServerNameLogSink(name: "A", inner: log)
        self.logSinks = [sink]
        let service = try AuthService(
            users: DemoUsers.all, key: key, store: store, policy: policy,
            clock: clock, random: random, log: sink)
        let first = try LabServer(name: "A", server: try TokenServer(service: service, store: store, log: sink), store: store)
        self.servers = [first]

        let transport = first.transport
        // Each client is a browser with its own cookie jar on the virtual
        // clock, so cookie delivery works as in a browser.
        let clock = self.clock
        self.user = AuthClient(name: "user", transport: transport, cookieJar: CookieJar(now: { clock.now }))
        self.attacker = AuthClient(
            name: "attacker", transport: transport, cookieJar: CookieJar(now: { clock.now }),
            forgetsTokensOnInvalidGrant: false)
    }

    /// Starts one more server, named by the next letter, that shares the
    /// store through a connection of its own and starts with the first
    /// server's policy and signing key. Its requests come from the same
    /// clients once `route` points at it.
    @discardableResult
    public func addServer() throws -> LabServer {
        guard servers.count < Self.maximumServers else { throw WorldError.tooManyServers(Self.maximumServers) }
        let name = String(UnicodeScalar(UInt8(ascii: "A") + UInt8(servers.count)))

        let store: any RefreshTokenStore
        switch storeChoice {
        case .temporarySQLite:
            guard let sqlite = self.store as? SQLiteRefreshTokenStore else { throw WorldError.storeNotShareable }
            store = try SQLiteRefreshTokenStore(path: sqlite.path)
        case .redis:
            guard let redis = self.store as? RedisRefreshTokenStore else { throw WorldError.storeNotShareable }
            store = try RedisRefreshTokenStore(endpoint: redis.endpoint, namespace: redis.namespace)
        }

        let sink = ServerNameLogSink(name: name, inner: log)
        let first = servers[0].service
        let service = try AuthService(
            users: DemoUsers.all, key: key, store: store, policy: first.policy,
            clock: clock, random: random, log: sink)
        service.signer = first.signer
        let added = try LabServer(name: name, server: try TokenServer(service: service, store: store, log: sink), store: store)
        servers.append(added)
        logSinks.append(sink)
        for sink in logSinks { sink.startLabelling() }
        return added
    }

    /// Deletes what the world stored outside the process: the SQLite
    /// folder or the Redis namespace. Safe to call from any thread, for a
    /// process ended by a signal; `shutdown` is the normal way.
    public var discardStoreData: @Sendable () -> Void {
        let directory = self.directory
        let redis = store as? RedisRefreshTokenStore
        return {
            if let directory {
                try? FileManager.default.removeItem(atPath: directory)
            }
            _ = try? redis?.deleteNamespace()
        }
    }

    /// Returns the index of the server called `name` (`a`, `B`), if it runs.
    public func serverIndex(named name: String) -> Int? {
        servers.firstIndex { $0.name.lowercased() == name.lowercased() }
    }

    /// Applies `change` to every server's service, for settings that a
    /// real deployment rolls out to all instances alike: policy and key.
    public func forEachService(_ change: (AuthService) throws -> Void) rethrows {
        for labServer in servers {
            try change(labServer.service)
        }
    }

    /// Stops the servers and deletes the store's files or Redis keys.
    public func shutdown() {
        for labServer in servers.reversed() {
            labServer.server.stop()
        }
        if let directory {
            try? FileManager.default.removeItem(atPath: directory)
        }
        // The keys stay behind only when Redis is unreachable here or the
        // process gets SIGKILL, because TerminationCleanup handles SIGTERM
        // and SIGHUP. `redis-cli --scan --pattern 'tokenlab:repl-*'` lists them.
        _ = try? (store as? RedisRefreshTokenStore)?.deleteNamespace()
    }

    /// The actor's client, sending to the server `route` names.
    public func client(_ actor: Actor) -> AuthClient {
        let base = actor == .user ? user : attacker
        guard route != 0 else { return base }

        let key = "\(actor)-\(route)"
        if let routed = routedClients[key] {
            routed.autoRefresh = base.autoRefresh
            return routed
        }
        let routed = AuthClient(
            name: base.name, transport: servers[route].transport, storage: base.storage, cookieJar: base.cookieJar,
            autoRefresh: base.autoRefresh, forgetsTokensOnInvalidGrant: actor == .user)
        routedClients[key] = routed
        return routed
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
    case tooManyServers(Int)
    /// The store is of a kind a second server cannot open.
    case storeNotShareable

    public var description: String {
        switch self {
        case .temporaryDirectory(let base, let reason):
            "cannot create a directory for the store under \(base): \(reason); set TMPDIR to a writable directory"
        case .serverAddress(let address):
            "the server's address \(address) is not a valid URL"
        case .tooManyServers(let limit):
            "the lab runs at most \(limit) servers; `reset` goes back to one"
        case .storeNotShareable:
            "this store cannot be opened by a second server"
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
