/// What a successful login or refresh hands the client.
public struct TokenGrant: Sendable, Equatable {
    public let accessToken: String
    /// The new refresh token; nil when a refresh ran with rotation off and
    /// the client keeps the one it has.
    public let refreshToken: String?
    /// Seconds until the access token expires.
    public let expiresIn: Int64
    public let subject: String
    public let familyID: String
}
