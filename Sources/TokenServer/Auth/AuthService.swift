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
    private let usersBySubject: [String: User]
    private let signer: JWTSigner
    private let verifier: JWTVerifier
    private let store: any RefreshTokenStore
    private let clock: any Clock
    private let random: any RandomSource
    private let log: any LogSink
    private let policyLock = NSLock()
    private var currentPolicy: Policy

    /// A hash that no password matches, checked for unknown usernames so a
    /// login takes as long whether or not the user exists.
    private static let decoyHash = "$scrypt$ln=14,r=8,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"

    public init(
        users: [User], key: HMACKey, store: any RefreshTokenStore, policy: Policy,
        clock: any Clock, random: any RandomSource, log: any LogSink
    ) {
        self.usersByName = Dictionary(users.map { ($0.username, $0) }, uniquingKeysWith: { first, _ in first })
        self.usersBySubject = Dictionary(users.map { ($0.subject, $0) }, uniquingKeysWith: { first, _ in first })
        self.signer = JWTSigner(key: key, type: Self.accessTokenType)
        self.verifier = JWTVerifier(
            key: key, requiredClaims: ["exp", "sub"], requiredType: Self.accessTokenType,
            issuer: Self.issuer, audience: Self.audience)
        self.store = store
        self.currentPolicy = policy
        self.clock = clock
        self.random = random
        self.log = log
    }

    /// The policy in force; changing it affects the next request.
    public var policy: Policy {
        get { policyLock.withLock { currentPolicy } }
        set { policyLock.withLock { currentPolicy = newValue } }
    }

    /// Checks a username and password and starts a new token family.
    public func login(username: String, password: String) throws -> TokenGrant {
        let user = usersByName[username]
        let matches = PasswordHasher.verify(password, against: user?.passwordHash ?? Self.decoyHash)
        guard let user, matches else {
            log.log(LogEntry(level: .warning, event: "login.failed", metadata: [("user.name", Self.printable(username))]))
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

        let accessToken = try issueAccessToken(for: user, familyID: familyID, now: now, policy: policy)
        log.log(LogEntry(level: .info, event: "login.succeeded", metadata: [
            ("user.sub", user.subject), ("token.family", familyID),
        ]))
        return TokenGrant(
            accessToken: accessToken, refreshToken: refreshToken, expiresIn: policy.accessTokenLifetime,
            subject: user.subject, familyID: familyID)
    }

    /// Exchanges a refresh token for a new access token and, with rotation
    /// on, a new refresh token.
    public func refresh(token: String) throws -> TokenGrant {
        let policy = self.policy
        let now = clock.now
        let presentedHash = Self.hash(token)
        let successor = policy.rotation ? newRefreshToken() : nil

        let outcome: RefreshOutcome = try store.transaction { transaction in
            guard let record = try transaction.record(hash: presentedHash) else {
                return .rejected(.unknownRefreshToken)
            }
            switch record.status {
            case .revoked:
                return .rejected(.refreshTokenRevoked(reason: record.revocationReason ?? "revoked"))
            case .rotated:
                guard policy.reuseResponse == .revokeFamily else {
                    return .reused(record, revoked: [])
                }
                let revoked = try transaction.revokeFamily(record.familyID, reason: "reuse_detected")
                return .reused(record, revoked: revoked)
            case .active:
                break
            }
            guard now < record.expiresAt else {
                return .rejected(.refreshTokenExpired(expiredAt: record.expiresAt, now: now))
            }

            if let successor {
                let successorHash = Self.hash(successor)
                try transaction.insert(RefreshTokenRecord(
                    tokenHash: successorHash, familyID: record.familyID, parentHash: record.tokenHash,
                    subject: record.subject, issuedAt: now, expiresAt: record.expiresAt, status: .active))
                try transaction.markRotated(hash: record.tokenHash, replacedBy: successorHash)
            }
            return .accepted(record)
        }

        switch outcome {
        case .rejected(let error):
            log.log(LogEntry(level: .warning, event: "refresh.rejected", metadata: [("reason", error.code), ("detail", error.description)]))
            throw error
        case .reused(let record, let revoked):
            let familyRevoked = policy.reuseResponse == .revokeFamily
            log.log(LogEntry(level: .warning, event: "refresh.reuse_detected", metadata: [
                ("user.sub", record.subject), ("token.family", record.familyID),
                ("token.hash", String(record.tokenHash.prefix(12))),
                ("tokens.revoked", "\(revoked.count)"),
            ]))
            throw AuthError.refreshTokenReused(familyRevoked: familyRevoked)
        case .accepted(let record):
            guard let user = usersBySubject[record.subject] else {
                throw AuthError.unknownRefreshToken
            }
            let accessToken = try issueAccessToken(for: user, familyID: record.familyID, now: now, policy: policy)
            log.log(LogEntry(level: .info, event: "refresh.succeeded", metadata: [
                ("user.sub", record.subject), ("token.family", record.familyID),
                ("rotated", successor == nil ? "no" : "yes"),
            ]))
            return TokenGrant(
                accessToken: accessToken, refreshToken: successor, expiresIn: policy.accessTokenLifetime,
                subject: record.subject, familyID: record.familyID)
        }
    }

    /// Revokes the family of `token`. Unknown or already revoked tokens
    /// succeed too, as RFC 7009 section 2.2 asks of revocation, so a client
    /// can always log out.
    public func logout(token: String) throws {
        let presentedHash = Self.hash(token)
        let revoked = try store.transaction { transaction in
            guard let record = try transaction.record(hash: presentedHash) else { return [RefreshTokenRecord]() }
            return try transaction.revokeFamily(record.familyID, reason: "logout")
        }
        if let first = revoked.first {
            log.log(LogEntry(level: .info, event: "logout.family_revoked", metadata: [
                ("user.sub", first.subject), ("token.family", first.familyID), ("tokens", "\(revoked.count)"),
            ]))
        }
    }

    /// Verifies a bearer access token and returns its claims.
    public func authenticate(accessToken: String) throws(AuthError) -> JWTClaims {
        do {
            return try verifier.verify(accessToken, now: clock.now).claims
        } catch {
            throw .invalidAccessToken(error)
        }
    }

    private func issueAccessToken(for user: User, familyID: String, now: Int64, policy: Policy) throws -> String {
        try signer.sign([
            "iss": .string(Self.issuer),
            "aud": .string(Self.audience),
            "sub": .string(user.subject),
            "name": .string(user.name),
            "role": .string(user.role),
            "sid": .string(familyID),
            "iat": .integer(now),
            "exp": .integer(now + policy.accessTokenLifetime),
            "jti": .string(Base64URL.encode(random.bytes(count: 12))),
        ])
    }

    /// A refresh token: 32 random bytes (256 bits) in base64url.
    private func newRefreshToken() -> String {
        Base64URL.encode(random.bytes(count: 32))
    }

    /// The store key of a refresh token: hex SHA-256 of its text.
    public static func hash(_ refreshToken: String) -> String {
        LibCrypto.sha256(Array(refreshToken.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// A username as it may appear in a log line: printable ASCII, at most
    /// 32 characters, so a hostile username cannot forge log lines.
    private static func printable(_ text: String) -> String {
        let cleaned = text.unicodeScalars.prefix(32).map { scalar in
            scalar.isASCII && scalar.value >= 0x21 && scalar.value < 0x7F ? Character(scalar) : "?"
        }
        return String(cleaned)
    }
}

/// What one refresh transaction decided; errors are thrown after commit so
/// a reuse revocation is kept.
private enum RefreshOutcome {
    case accepted(RefreshTokenRecord)
    case reused(RefreshTokenRecord, revoked: [RefreshTokenRecord])
    case rejected(AuthError)
}
