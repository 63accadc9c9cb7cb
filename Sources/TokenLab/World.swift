import Foundation
import JOSE
import TokenClient
import TokenServer

/// Everything one REPL session runs against: the clock, the randomness, a
/// real token server on loopback with a real SQLite store, and the two
/// clients (the user's app and the attacker).
public final class World {
    /// The start of a seeded world's clock: 2025-03-01 09:00:00 UTC.
    public static let seededStart: Int64 = 1_740_819_600

    public let clock: ManualClock
    public let random: any RandomSource
    public let seed: UInt64?
    /// The HS256 secret. Demo-only: printed in the banner.
    public let secret: [UInt8]
    public let key: HMACKey
    public let store: SQLiteRefreshTokenStore
    public let log: MemoryLogSink
    public let server: TokenServer
    public let user: AuthClient
    public let attacker: AuthClient
    /// The HTTP connection to the server, for extra clients such as a
    /// second browser tab.
    public let transport: HTTPTransport
    private let directory: String

    /// Builds and starts a world.
    ///
    /// - Parameters:
    ///   - seed: fixes the clock's start and the randomness, so the same
    ///     commands give the same bytes; nil uses OpenSSL's generator and
    ///     starts the clock at `wallClockStart`.
    public init(seed: UInt64?, wallClockStart: @autoclosure () -> Int64, policy: Policy = .standard) throws {
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

        self.directory = try Self.makeTemporaryDirectory()
        self.store = try SQLiteRefreshTokenStore(path: directory + "/tokens.sqlite3")
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

    /// Stops the server and deletes the store's files.
    public func shutdown() {
        server.stop()
        try? FileManager.default.removeItem(atPath: directory)
    }

    public func client(_ actor: Actor) -> AuthClient {
        actor == .user ? user : attacker
    }

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
