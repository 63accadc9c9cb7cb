import JOSE

/// Why the server refused a request, with the HTTP status and the OAuth
/// error code (RFC 6749 section 5.2, RFC 6750 section 3.1) it maps to.
///
/// The server turns these into responses in one place (`Router`);
/// `description` is the `error_description` sent to the client and holds
/// no token, hash or secret.
public enum AuthError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The request itself is unusable: wrong body, missing field.
    case invalidRequest(String)
    /// The body is over the server's limit, in bytes.
    case bodyTooLarge(limit: Int)
    /// The body is not `application/json` in UTF-8; the text names what
    /// was sent instead.
    case unsupportedMediaType(String)
    /// Unknown user or wrong password; the two are not told apart.
    case invalidCredentials
    /// The refresh token is unknown to the store.
    case unknownRefreshToken
    /// The refresh token's absolute lifetime has passed.
    case refreshTokenExpired(expiredAt: Int64, now: Int64)
    /// The refresh token went unused for longer than the idle limit; its
    /// family was revoked.
    case refreshTokenIdle(idleFor: Int64, limit: Int64)
    /// The refresh token was revoked (`reason` as stored).
    case refreshTokenRevoked(reason: String)
    /// A rotated refresh token came back: the family was revoked (or, with
    /// the reject-only policy, the request alone was refused).
    case refreshTokenReused(familyRevoked: Bool)
    /// The bearer access token failed verification.
    case invalidAccessToken(JOSEError)
    /// The access token verified, but its family (`sid`) is on the
    /// denylist after a logout or a reuse detection.
    case revokedAccessToken(familyID: String)
    /// No bearer token was sent.
    case missingAccessToken
    /// Too many logins are waiting for password hashing; retry later.
    case loginBusy(retryAfter: Int)
    /// The store failed a check that must not be skipped (the access-token
    /// denylist), so the request is rejected rather than let through
    /// unchecked.
    case storeUnavailable

    /// The HTTP status code.
    public var status: Int {
        switch self {
        // RFC 6749 section 5.2: a bad grant (wrong password, dead refresh
        // token) is a 400; only a bad access token at a resource is a 401.
        case .invalidRequest, .invalidCredentials, .unknownRefreshToken, .refreshTokenExpired,
            .refreshTokenIdle, .refreshTokenRevoked, .refreshTokenReused:
            400
        case .bodyTooLarge: 413
        case .unsupportedMediaType: 415
        case .invalidAccessToken, .revokedAccessToken, .missingAccessToken: 401
        case .loginBusy, .storeUnavailable: 503
        }
    }

    /// The OAuth `error` code.
    public var code: String {
        switch self {
        case .invalidRequest, .bodyTooLarge, .unsupportedMediaType: "invalid_request"
        case .invalidCredentials, .unknownRefreshToken, .refreshTokenExpired, .refreshTokenIdle,
            .refreshTokenRevoked, .refreshTokenReused:
            "invalid_grant"
        case .invalidAccessToken, .revokedAccessToken: "invalid_token"
        // RFC 6749 section 4.1.2.1 defines this code for an overloaded server.
        case .loginBusy, .storeUnavailable: "temporarily_unavailable"
        // RFC 6750 section 3.1: a request with no credentials gets no error code.
        case .missingAccessToken: "invalid_request"
        }
    }

    public var description: String {
        switch self {
        case .invalidRequest(let detail):
            detail
        case .bodyTooLarge(let limit):
            "the body is over \(limit) bytes; send only the documented fields"
        case .unsupportedMediaType(let detail):
            detail
        case .invalidCredentials:
            "unknown username or wrong password"
        case .unknownRefreshToken:
            "refresh token not recognised"
        case .refreshTokenExpired(let expiredAt, let now):
            "refresh token expired \(now - expiredAt) s ago; log in again"
        case .refreshTokenIdle(let idleFor, let limit):
            "refresh token unused for \(idleFor) s, over the idle limit of \(limit) s; log in again"
        case .refreshTokenRevoked(let reason):
            "refresh token revoked (\(reason)); log in again"
        case .refreshTokenReused(let familyRevoked):
            familyRevoked
                ? "refresh token reuse detected; every token of this login was revoked"
                : "refresh token was already used"
        case .invalidAccessToken(let error):
            error.description
        case .revokedAccessToken:
            "access token revoked: its login ended by logout or reuse detection"
        case .missingAccessToken:
            "no access token: send Authorization: Bearer <token>"
        case .loginBusy(let retryAfter):
            "too many logins in progress; retry in \(retryAfter) s"
        case .storeUnavailable:
            "the token store did not answer, so the access token cannot be checked against the denylist; retry shortly"
        }
    }
}
