/// What a successful login or refresh hands the client.
public struct TokenGrant: Sendable, Equatable {
    public let accessToken: String
    /// The access token's `jti`, for logs.
    public let accessTokenID: String
    /// The new refresh token; nil when a refresh ran with rotation off and
    /// the client keeps the one it has.
    public let refreshToken: String?
    /// When the refresh token's family dies, in seconds since the epoch;
    /// the cookie's `Max-Age` counts down to it.
    public let refreshTokenExpiresAt: Int64
    /// Seconds until the access token expires.
    public let expiresIn: Int64
    public let subject: String
    public let familyID: String
    /// Set when the refresh repeated one inside the grace window and
    /// returned the successor already issued.
    public let gracePeriodReplay: Bool
}
