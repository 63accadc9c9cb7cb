/// The token policy a server enforces. Every value is something a lesson
/// lets the student change.
public struct Policy: Sendable, Equatable {
    /// What the server does when a rotated refresh token is presented again.
    public enum ReuseResponse: String, Sendable, CaseIterable {
        /// Revoke every token of the family: the thief and the user are
        /// both logged out, which ends the thief's session.
        case revokeFamily = "revoke-family"
        /// Reject the request and change nothing else.
        case rejectOnly = "reject"
    }

    /// Access-token lifetime in seconds.
    public var accessTokenLifetime: Int64
    /// Refresh-token lifetime in seconds, counted from login; rotation
    /// never extends it.
    public var refreshTokenLifetime: Int64
    /// Whether each refresh replaces the refresh token with a new one.
    public var rotation: Bool
    public var reuseResponse: ReuseResponse

    /// 15-minute access tokens, 7-day refresh tokens, rotation on, reuse
    /// revoking the family.
    public static let standard = Policy(
        accessTokenLifetime: 15 * 60,
        refreshTokenLifetime: 7 * 24 * 3600,
        rotation: true,
        reuseResponse: .revokeFamily)

    public init(accessTokenLifetime: Int64, refreshTokenLifetime: Int64, rotation: Bool, reuseResponse: ReuseResponse) {
        self.accessTokenLifetime = accessTokenLifetime
        self.refreshTokenLifetime = refreshTokenLifetime
        self.rotation = rotation
        self.reuseResponse = reuseResponse
    }
}
