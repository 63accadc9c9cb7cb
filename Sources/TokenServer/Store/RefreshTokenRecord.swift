/// The server-side state of one refresh token.
///
/// The token itself is never stored: `tokenHash` is the hex SHA-256 of the
/// token's text, so a leaked database yields no usable token.
public struct RefreshTokenRecord: Sendable, Equatable {
    public enum Status: String, Sendable, CaseIterable {
        /// May be exchanged at the refresh endpoint.
        case active
        /// Exchanged once already; presenting it again is reuse.
        case rotated
        /// Dead: by logout, by reuse detection, or by an administrator.
        case revoked
    }

    /// Hex SHA-256 of the refresh token (64 characters).
    public let tokenHash: String
    /// Id shared by every token descended from one login.
    public let familyID: String
    /// Hash of the token this one replaced, nil for the login's first.
    public let parentHash: String?
    /// The user's `sub`.
    public let subject: String
    /// Seconds since the epoch.
    public let issuedAt: Int64
    /// Seconds since the epoch; fixed for the whole family at login, so
    /// rotation never extends a session.
    public let expiresAt: Int64
    /// Seconds since the epoch of the last successful refresh with this
    /// token, or `issuedAt` until then; the idle limit counts from here.
    public var lastUsedAt: Int64
    public var status: Status
    /// Hash of the token that replaced this one, once rotated.
    public var replacedBy: String?
    /// Why the token was revoked (`logout`, `reuse_detected`, `idle_timeout`), once revoked.
    public var revocationReason: String?

    public init(
        tokenHash: String, familyID: String, parentHash: String?, subject: String,
        issuedAt: Int64, expiresAt: Int64, status: Status,
        replacedBy: String? = nil, revocationReason: String? = nil, lastUsedAt: Int64? = nil
    ) {
        self.tokenHash = tokenHash
        self.familyID = familyID
        self.parentHash = parentHash
        self.subject = subject
        self.issuedAt = issuedAt
        self.expiresAt = expiresAt
        self.lastUsedAt = lastUsedAt ?? issuedAt
        self.status = status
        self.replacedBy = replacedBy
        self.revocationReason = revocationReason
    }
}
