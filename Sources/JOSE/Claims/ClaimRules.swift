/// The requirements a verifier puts on a token's claims, and the clock
/// skew it allows (RFC 7519 section 4.1, RFC 8725 section 3.8 and 3.9).
public struct ClaimRules: Sendable, Equatable {
    /// Allowed clock skew in seconds, applied alike to `exp`, `nbf` and
    /// `iat`. Zero still checks all three.
    public var leeway: Int64
    /// Claims that must be present.
    public var requiredClaims: [String]
    /// The `iss` the token must carry, or nil to accept any string.
    public var issuer: String?
    /// A value that `aud` must contain, or nil to accept only tokens that
    /// carry no `aud`: RFC 7519 section 4.1.3 requires rejecting a token
    /// whose audience does not name the recipient.
    public var audience: String?

    public init(leeway: Int64 = 0, requiredClaims: [String] = ["exp"], issuer: String? = nil, audience: String? = nil) {
        self.leeway = max(0, leeway)
        self.requiredClaims = requiredClaims
        self.issuer = issuer
        self.audience = audience
    }

    /// Checks `claims` at `now` (seconds since the epoch).
    ///
    /// Fractions round toward rejection: `exp` down, `nbf` and `iat` up.
    ///
    /// - Throws: the first failed check, in this order: required claims,
    ///   `exp`, `nbf`, `iat`, `iss`, `aud`, then the types of `sub` and `jti`.
    public func validate(_ claims: JWTClaims, now: Int64) throws(JOSEError) {
        for name in requiredClaims where claims[name] == nil {
            throw .missingClaim(name: name)
        }

        // RFC 7519 section 4.1.4: the token must not be accepted on or after
        // exp. NumericDates are at most year 9999, so exp + leeway only
        // overflows with an absurd leeway, and then saturates.
        if let expiration = try claims.numericDate("exp", roundingUp: false) {
            if now >= Self.saturatingSum(expiration, leeway) {
                throw .expired(expiration: expiration, now: now, expiredBy: Self.saturatingDifference(now, expiration))
            }
        }
        if let notBefore = try claims.numericDate("nbf", roundingUp: true) {
            if now < notBefore - leeway {
                throw .notYetValid(notBefore: notBefore, now: now, validIn: Self.saturatingDifference(notBefore, now))
            }
        }
        if let issuedAt = try claims.numericDate("iat", roundingUp: true) {
            if issuedAt > Self.saturatingSum(now, leeway) {
                throw .issuedInFuture(issuedAt: issuedAt, now: now, aheadBy: Self.saturatingDifference(issuedAt, now))
            }
        }

        try validateIssuer(claims)
        try validateAudience(claims)
        for name in ["sub", "jti"] {
            if let value = claims[name], value.stringValue == nil {
                throw .invalidClaim(name: name, reason: "must be a string, found a \(value.typeName)")
            }
        }
    }

    private func validateIssuer(_ claims: JWTClaims) throws(JOSEError) {
        guard let value = claims["iss"] else {
            if issuer != nil { throw .missingClaim(name: "iss") }
            return
        }
        guard let found = value.stringValue else {
            throw .invalidClaim(name: "iss", reason: "must be a string, found a \(value.typeName)")
        }
        if let issuer, found != issuer {
            throw .invalidClaim(name: "iss", reason: "expected \"\(issuer)\", found \"\(found)\"")
        }
    }

    private func validateAudience(_ claims: JWTClaims) throws(JOSEError) {
        guard let audiences = try claims.audiences() else {
            if audience != nil { throw .missingClaim(name: "aud") }
            return
        }
        let shown = audiences.map { "\"\($0)\"" }.joined(separator: ", ")
        guard let audience else {
            throw .invalidClaim(
                name: "aud", reason: "the token is for [\(shown)] and this verifier expects no audience; set the expected audience")
        }
        guard audiences.contains(audience) else {
            throw .invalidClaim(name: "aud", reason: "expected \"\(audience)\", found [\(shown)]")
        }
    }

    // `now` comes from the caller and may be anywhere in Int64, so sums and
    // differences with it saturate instead of trapping.
    private static func saturatingSum(_ lhs: Int64, _ rhs: Int64) -> Int64 {
        let (sum, overflow) = lhs.addingReportingOverflow(rhs)
        guard overflow else { return sum }
        return rhs > 0 ? Int64.max : Int64.min
    }

    private static func saturatingDifference(_ lhs: Int64, _ rhs: Int64) -> Int64 {
        let (difference, overflow) = lhs.subtractingReportingOverflow(rhs)
        guard overflow else { return difference }
        return rhs < 0 ? Int64.max : Int64.min
    }
}
