/// Verifies compact JWTs with fixed keys and validates their claims.
///
/// The order is fixed and cannot be skipped: form, then the header (`alg`
/// against each key's one algorithm, `crit`), then the signature, then
/// `typ` and the claims. So a forged token is reported as forged, never as
/// expired. Keys named in the token (`jku`, `jwk`, `x5u`) are never used.
public struct JWTVerifier: Sendable {
    /// The keys a token may be signed with, each pinned to one algorithm.
    public let keys: [any JWSVerificationKey]
    public let rules: ClaimRules
    /// The header `typ` the token must carry, or nil to accept any.
    /// Compared without letter case and with an "application/" prefix
    /// removed (RFC 7515 section 4.1.9).
    public let requiredType: String?
    public let limits: JOSELimits

    /// Allowed clock skew in seconds, applied to `exp`, `nbf` and `iat`.
    public var leeway: Int64 { rules.leeway }
    /// Claims that must be present; `exp` by default.
    public var requiredClaims: [String] { rules.requiredClaims }

    /// Creates a verifier for one key.
    public init(
        key: some JWSVerificationKey, leeway: Int64 = 0, requiredClaims: [String] = ["exp"],
        requiredType: String? = nil, issuer: String? = nil, audience: String? = nil
    ) {
        self.init(
            keys: [key],
            rules: ClaimRules(leeway: leeway, requiredClaims: requiredClaims, issuer: issuer, audience: audience),
            requiredType: requiredType)
    }

    /// Creates a verifier for several keys, such as a JWK Set's. A token
    /// whose header has a `kid` is checked only with keys of that `kid` (or
    /// with no `kid`); one without is checked with every key of its `alg`.
    public init(
        keys: [any JWSVerificationKey], rules: ClaimRules = ClaimRules(), requiredType: String? = nil,
        limits: JOSELimits = .default
    ) {
        self.keys = keys
        self.rules = rules
        self.requiredType = requiredType
        self.limits = limits
    }

    /// Verifies `token` at time `now` (seconds since the epoch).
    ///
    /// - Returns: the parsed token, whose claims are now trustworthy.
    /// - Throws: the first check that failed, as a `JOSEError`.
    public func verify(_ token: String, now: Int64) throws(JOSEError) -> CompactJWS {
        let jws = try CompactJWS(parsing: token, limits: limits)

        try JWSSignatureCheck.verify(
            header: jws.header, signature: jws.signature, signingInput: jws.signingInput, keys: keys)

        if let requiredType {
            let found = jws.header["typ"]?.stringValue
            guard let found, Self.normalizedType(found) == Self.normalizedType(requiredType) else {
                throw .invalidClaim(name: "typ", reason: "expected \"\(requiredType)\", found \(found.map { "\"\($0)\"" } ?? "none")")
            }
        }
        try rules.validate(jws.claims, now: now)
        return jws
    }

    private static func normalizedType(_ type: String) -> String {
        let lowered = type.lowercased()
        return lowered.hasPrefix("application/") ? String(lowered.dropFirst("application/".count)) : lowered
    }
}
