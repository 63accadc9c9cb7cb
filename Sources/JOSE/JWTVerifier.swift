/// Verifies compact JWTs with one key and validates their time claims.
///
/// The order is fixed and cannot be skipped: form, then `alg` against the
/// key's one algorithm, then the signature, then the claims. So a forged
/// token is reported as forged, never as expired.
public struct JWTVerifier: Sendable {
    public let key: HMACKey
    /// Allowed clock skew in seconds, applied to `exp` and `nbf`.
    public let leeway: Int64
    /// Claims that must be present; `exp` by default.
    public let requiredClaims: [String]
    /// The header `typ` the token must carry, or nil to accept any.
    public let requiredType: String?

    public init(key: HMACKey, leeway: Int64 = 0, requiredClaims: [String] = ["exp"], requiredType: String? = nil) {
        self.key = key
        self.leeway = max(0, leeway)
        self.requiredClaims = requiredClaims
        self.requiredType = requiredType
    }

    /// Verifies `token` at time `now` (seconds since the epoch).
    ///
    /// - Returns: the parsed token, whose claims are now trustworthy.
    /// - Throws: the first check that failed, as a `JOSEError`.
    public func verify(_ token: String, now: Int64) throws(JOSEError) -> CompactJWS {
        let jws = try CompactJWS(parsing: token)

        guard let algorithm = jws.algorithm else {
            throw .malformed(reason: "the header has no \"alg\" string")
        }
        if algorithm.lowercased() == "none" {
            throw .unsecuredToken
        }
        guard algorithm == key.algorithm.rawValue else {
            throw .algorithmNotAllowed(found: algorithm, expected: key.algorithm.rawValue)
        }
        guard try key.isValidSignature(jws.signature, for: jws.signingInput) else {
            throw .badSignature
        }

        if let requiredType {
            let found = jws.header["typ"]?.stringValue
            guard found?.lowercased() == requiredType.lowercased() else {
                throw .invalidClaim(name: "typ", reason: "expected \"\(requiredType)\", found \(found.map { "\"\($0)\"" } ?? "none")")
            }
        }
        try validateClaims(jws.claims, now: now)
        return jws
    }

    private func validateClaims(_ claims: JWTClaims, now: Int64) throws(JOSEError) {
        for name in requiredClaims where claims[name] == nil {
            throw .missingClaim(name: name)
        }

        // RFC 7519 section 4.1.4: the token must not be accepted on or after
        // exp. Saturating arithmetic keeps a huge exp or leeway from wrapping.
        if let expiration = try claims.numericDate("exp") {
            let deadline = expiration.addingReportingOverflow(leeway)
            let limit = deadline.overflow ? Int64.max : deadline.partialValue
            if now >= limit {
                throw .expired(expiration: expiration, now: now, expiredBy: now - expiration)
            }
        }
        if let notBefore = try claims.numericDate("nbf") {
            let start = notBefore.subtractingReportingOverflow(leeway)
            let limit = start.overflow ? Int64.min : start.partialValue
            if now < limit {
                throw .notYetValid(notBefore: notBefore, now: now, validIn: notBefore - now)
            }
        }
        _ = try claims.numericDate("iat")
    }
}
