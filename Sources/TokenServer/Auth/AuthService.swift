import Foundation
import JOSE

/// Login, refresh, logout and token checks: the server's logic without HTTP.
///
/// Every refresh-token decision (rotation, reuse detection, revocation)
/// runs inside one store transaction, so concurrent requests with the same
/// token see each other's effects.
public final class AuthService: @unchecked Sendable {
    /// The issuer (`iss`) of every access token.
    public static let issuer = "tokenlab"
    /// The audience (`aud`) of every access token: the demo API.
    public static let audience = "tokenlab-api"
    /// The header `typ` of access tokens (RFC 9068 section 2.1).
    public static let accessTokenType = "at+jwt"

    private let usersByName: [String: User]
    let usersBySubject: [String: User]
    /// Keys the HMAC that derives a rotated token's successor while a
    /// grace window is on; see `derivedSuccessor(of:)`.
    private let successorKey: HMACKey
    let store: any RefreshTokenStore
    let clock: any Clock
    private let random: any RandomSource
    let log: any LogSink
    private let decoyHash: String
    private let logins: LoginGate

    private let stateLock = NSLock()
    private var currentPolicy: Policy
    private var currentSigner: any TokenSigner
    /// Family id to expiry of the denylist entries this service has seen.
    /// An entry never leaves the store before it expires, so a hit here
    /// needs no store query. A miss queries the store, where another server
    /// may have added the family since.
    private var deniedFamilies: [String: Int64]

    /// Creates a service that signs with `signer`.
    ///
    /// - Parameters:
    ///   - successorKey: the secret behind grace-window successors; keep it
    ///     as secret as a signing key.
    ///   - concurrentHashes: how many password hashes may run at once;
    ///     logins beyond twice this many get 503 at once.
    public init(
        users: [User], signer: any TokenSigner, successorKey: HMACKey, store: any RefreshTokenStore,
        policy: Policy, clock: any Clock, random: any RandomSource, log: any LogSink, concurrentHashes: Int = 2
    ) {
        self.usersByName = Dictionary(users.map { ($0.username, $0) }, uniquingKeysWith: { first, _ in first })
        self.usersBySubject = Dictionary(users.map { ($0.subject, $0) }, uniquingKeysWith: { first, _ in first })
        self.currentSigner = signer
        self.successorKey = successorKey
        self.store = store
        self.currentPolicy = policy
        self.clock = clock
        self.random = random
        self.log = log
        self.decoyHash = PasswordHasher.decoyHash(like: users.first?.passwordHash)
        self.logins = LoginGate(slots: max(1, concurrentHashes))
        do {
            self.deniedFamilies = try store.deniedFamilies(now: clock.now)
        } catch {
            self.deniedFamilies = [:]
            log.log(
                LogEntry(
                    level: .warning, event: "denylist.load_failed",
                    metadata: [
                        ("error", String(describing: error))
                    ]))
        }
    }

    /// Creates a service that signs with `key` (HS256 by default) and
    /// derives the successor key from it.
    public convenience init(
        users: [User], key: HMACKey, store: any RefreshTokenStore, policy: Policy,
        clock: any Clock, random: any RandomSource, log: any LogSink, concurrentHashes: Int = 2
    ) throws {
        let signer = HMACTokenSigner(
            key: key, type: Self.accessTokenType, requiredClaims: ["exp", "sub"],
            issuer: Self.issuer, audience: Self.audience)
        // HMAC as a key-derivation step with a fixed label, so the two
        // uses of one secret never share a key.
        let successorSecret = try key.sign(Array("tokenlab refresh-token successor key v1".utf8))
        self.init(
            users: users, signer: signer, successorKey: try HMACKey(secret: successorSecret, algorithm: .hs256),
            store: store, policy: policy, clock: clock, random: random, log: log, concurrentHashes: concurrentHashes)
    }

    /// Signs new access tokens and verifies presented ones. Replacing it
    /// (the lab's `key` command) makes every token signed before invalid,
    /// as a key change without a grace period does.
    public var signer: any TokenSigner {
        get { stateLock.withLock { currentSigner } }
        set { stateLock.withLock { currentSigner = newValue } }
    }

    /// The policy in force; changing it affects the next request.
    public var policy: Policy {
        get { stateLock.withLock { currentPolicy } }
        set { stateLock.withLock { currentPolicy = newValue } }
    }

    /// Checks a username and password and starts a new token family.
    public func login(username: String, password: String) throws -> TokenGrant {
        let user = usersByName[username]
        let matches = try logins.run {
            PasswordHasher.verify(password, against: user?.passwordHash ?? decoyHash)
        }
        guard let user, matches else {
            log.log(LogEntry(level: .warning, event: "login.failed", metadata: [("user.name", Self.loggable(username))]))
            throw AuthError.invalidCredentials
        }

        let policy = self.policy
        let now = clock.now
        let familyID = Base64URL.encode(random.bytes(count: 12))
        let refreshToken = newRefreshToken()
        let record = RefreshTokenRecord(
            tokenHash: Self.hash(refreshToken), familyID: familyID, parentHash: nil, subject: user.subject,
            issuedAt: now, expiresAt: now + policy.refreshTokenLifetime, status: .active)
        try store.transaction { transaction in
            try transaction.insert(record)
        }

        let access = try issueAccessToken(for: user, familyID: familyID, now: now, policy: policy)
        log.log(
            LogEntry(
                level: .info, event: "login.succeeded",
                metadata: [
                    ("user.sub", user.subject), ("token.family", familyID), ("token.jti", access.id),
                ]))
        return TokenGrant(
            accessToken: access.token, accessTokenID: access.id, refreshToken: refreshToken,
            refreshTokenExpiresAt: record.expiresAt, expiresIn: policy.accessTokenLifetime,
            subject: user.subject, familyID: familyID, gracePeriodReplay: false)
    }

    /// Revokes the family of `token` and, with the denylist on, its access
    /// tokens. Unknown or already revoked tokens succeed too, as RFC 7009
    /// section 2.2 requires of revocation, so a client can always log out.
    public func logout(token: String) throws {
        let policy = self.policy
        let now = clock.now
        let presentedHash = Self.hash(token)
        let revoked = try store.transaction { transaction in
            guard let record = try transaction.record(hash: presentedHash) else { return [RefreshTokenRecord]() }
            let revoked = try transaction.revokeFamily(record.familyID, reason: "logout")
            if policy.denylist {
                try transaction.denyFamily(record.familyID, until: now + policy.accessTokenLifetime)
            }
            return revoked
        }
        guard let first = revoked.first else { return }
        if policy.denylist {
            deny(first.familyID, until: now + policy.accessTokenLifetime)
        }
        log.log(
            LogEntry(
                level: .info, event: "logout.family_revoked",
                metadata: [
                    ("user.sub", first.subject), ("token.family", first.familyID), ("tokens", "\(revoked.count)"),
                ]))
    }

    /// Verifies a bearer access token and returns its claims. With the
    /// denylist on, a token whose family (`sid`) was revoked is rejected.
    public func authenticate(accessToken: String) throws(AuthError) -> JWTClaims {
        let now = clock.now
        let claims: JWTClaims
        do {
            claims = try signer.verify(accessToken, now: now)
        } catch {
            throw .invalidAccessToken(error)
        }
        if policy.denylist, let family = claims.string("sid"), let source = try denial(of: family, now: now) {
            log.log(
                LogEntry(
                    level: .warning, event: "access.revoked_family",
                    metadata: [
                        ("user.sub", claims.subject ?? "-"), ("token.family", family), ("token.jti", claims.tokenID ?? "-"),
                        ("denylist", source),
                    ]))
            throw .revokedAccessToken(familyID: family)
        }
        return claims
    }

    /// The public keys for `/.well-known/jwks.json`.
    public var publicKeys: [[String: JSONValue]] { signer.publicKeys }

    // MARK: - Helpers shared with refresh

    func issueAccessToken(for user: User, familyID: String, now: Int64, policy: Policy) throws -> (token: String, id: String) {
        let id = Base64URL.encode(random.bytes(count: 12))
        let token = try signer.sign([
            "iss": .string(Self.issuer),
            "aud": .string(Self.audience),
            "sub": .string(user.subject),
            "name": .string(user.name),
            "role": .string(user.role),
            "sid": .string(familyID),
            "iat": .integer(now),
            "exp": .integer(now + policy.accessTokenLifetime),
            "jti": .string(id),
        ])
        return (token, id)
    }

    /// A refresh token: 32 random bytes (256 bits) in base64url.
    func newRefreshToken() -> String {
        Base64URL.encode(random.bytes(count: 32))
    }

    /// Derives the successor of the token whose hash is `parentHash`, as
    /// base64url(HMAC-SHA256(successor key, "successor:" ‖ parentHash)).
    ///
    /// A token is rotated once, so each parent has one successor, and the
    /// server can compute it again for a retry inside the grace window
    /// without storing the token itself.
    func derivedSuccessor(of parentHash: String) throws -> String {
        Base64URL.encode(try successorKey.sign(Array("successor:\(parentHash)".utf8)))
    }

    func deny(_ familyID: String, until expiresAt: Int64) {
        stateLock.withLock {
            deniedFamilies[familyID] = max(deniedFamilies[familyID] ?? 0, expiresAt)
        }
    }

    /// Returns where the denial of `familyID` was found, `memory` (an
    /// entry this service has seen) or `store`, or nil when it is not denied.
    private func denial(of familyID: String, now: Int64) throws(AuthError) -> String? {
        let known = stateLock.withLock { () -> Bool in
            guard let expiresAt = deniedFamilies[familyID] else { return false }
            if expiresAt <= now {
                deniedFamilies[familyID] = nil
                return false
            }
            return true
        }
        if known { return "memory" }

        let expiresAt: Int64?
        do {
            expiresAt = try store.deniedUntil(familyID: familyID)
        } catch {
            log.log(LogEntry(level: .warning, event: "denylist.check_failed", metadata: [("error", String(describing: error))]))
            throw .storeUnavailable
        }
        guard let expiresAt, expiresAt > now else { return nil }
        deny(familyID, until: expiresAt)
        return "store"
    }

    /// The store key of a refresh token: hex SHA-256 of its text.
    public static func hash(_ refreshToken: String) -> String {
        LibCrypto.sha256(Array(refreshToken.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// Returns the first 32 Unicode scalars of a username, to keep a hostile
    /// username from flooding the log. `LogEntry.line` escapes what could
    /// forge a field or a line, so names such as 홍길동 stay readable.
    static func loggable(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.prefix(32)))
    }
}

/// Bounds password hashing: `slots` hashes run at once, up to as many
/// more logins wait, and the rest are turned away with `loginBusy`.
///
/// Hashing is slow and memory-hungry by design (scrypt N = 2^17 takes
/// 128 MiB); unbounded, a burst of logins would take every server thread
/// and starve token checks.
private final class LoginGate: @unchecked Sendable {
    private let slots: DispatchSemaphore
    private let limit: Int
    private let lock = NSLock()
    private var admitted = 0

    init(slots: Int) {
        self.slots = DispatchSemaphore(value: slots)
        self.limit = 2 * slots
    }

    func run<T>(_ body: () throws -> T) throws -> T {
        let entered = lock.withLock {
            guard admitted < limit else { return false }
            admitted += 1
            return true
        }
        guard entered else { throw AuthError.loginBusy(retryAfter: 1) }
        defer { lock.withLock { admitted -= 1 } }

        slots.wait()
        defer { slots.signal() }
        return try body()
    }
}
