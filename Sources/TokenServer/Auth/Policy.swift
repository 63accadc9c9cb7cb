/// The token policy a server enforces. Every value is something a lesson
/// lets the student change; `PolicyKey` names each one for `set(_:to:)`
/// and for policy files.
public struct Policy: Sendable, Equatable {
    /// What the server does when a rotated refresh token is presented again.
    public enum ReuseResponse: String, Sendable, CaseIterable {
        /// Revoke every token of the family: the thief and the user are
        /// both logged out, which ends the thief's session.
        case revokeFamily = "revoke-family"
        /// Reject the request and change nothing else.
        case rejectOnly = "reject"
    }

    /// The place the server puts the refresh token it issues, and reads it
    /// from on refresh and logout.
    public enum Delivery: String, Sendable, CaseIterable {
        /// In the JSON body, as a native app receives it.
        case body
        /// In an `HttpOnly; Secure` cookie that scripts cannot read, as a
        /// browser app receives it.
        case cookie
    }

    /// The cookie's `SameSite` attribute (RFC 6265bis section 5.4.7).
    public enum SameSite: String, Sendable, CaseIterable {
        case strict = "Strict"
        case lax = "Lax"
        case none = "None"
    }

    /// Access-token lifetime in seconds.
    public var accessTokenLifetime: Int64
    /// Refresh-token absolute lifetime in seconds, counted from login.
    /// It is fixed when the family starts: every rotated token inherits
    /// the family's `expiresAt`, so refreshing never extends a session.
    public var refreshTokenLifetime: Int64
    /// Seconds a refresh token may go unused before it is rejected as idle;
    /// nil for no idle limit.
    public var refreshTokenIdleLifetime: Int64?
    /// Whether each refresh replaces the refresh token with a new one.
    public var rotation: Bool
    public var reuseResponse: ReuseResponse
    /// Seconds after a rotation during which the token just rotated may be
    /// presented again and receives the same successor; 0 turns it off.
    /// Only the immediately previous token qualifies.
    public var graceWindow: Int64
    public var delivery: Delivery
    public var cookieSameSite: SameSite
    /// The cookie's `Path`; it must cover the refresh and logout paths.
    public var cookiePath: String
    /// Whether access tokens of a revoked family (by logout or reuse
    /// detection) are rejected before their `exp`.
    public var denylist: Bool

    /// The name of the refresh-token cookie in cookie delivery.
    public static let cookieName = "refresh_token"

    /// 15-minute access tokens, 7-day refresh tokens with no idle limit,
    /// rotation on, reuse revoking the family, no grace window, refresh
    /// tokens in the body, no denylist: the design the lessons teach first,
    /// each value a setting a lesson then changes.
    public static let standard = Policy(
        accessTokenLifetime: 15 * 60,
        refreshTokenLifetime: 7 * 24 * 3600,
        refreshTokenIdleLifetime: nil,
        rotation: true,
        reuseResponse: .revokeFamily)

    public init(
        accessTokenLifetime: Int64, refreshTokenLifetime: Int64, refreshTokenIdleLifetime: Int64? = nil,
        rotation: Bool, reuseResponse: ReuseResponse, graceWindow: Int64 = 0,
        delivery: Delivery = .body, cookieSameSite: SameSite = .strict, cookiePath: String = "/api/v1/auth",
        denylist: Bool = false
    ) {
        self.accessTokenLifetime = accessTokenLifetime
        self.refreshTokenLifetime = refreshTokenLifetime
        self.refreshTokenIdleLifetime = refreshTokenIdleLifetime
        self.rotation = rotation
        self.reuseResponse = reuseResponse
        self.graceWindow = graceWindow
        self.delivery = delivery
        self.cookieSameSite = cookieSameSite
        self.cookiePath = cookiePath
        self.denylist = denylist
    }
}
