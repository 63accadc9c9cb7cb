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

        let candidates = try selectKeys(for: jws.header)
        var verified = false
        for key in candidates where try key.isValidSignature(jws.signature, for: jws.signingInput) {
            verified = true
            break
        }
        guard verified else {
            throw .badSignature
        }

        if let requiredType {
            let found = jws.header["typ"]?.stringValue
            guard let found, Self.normalizedType(found) == Self.normalizedType(requiredType) else {
                throw .invalidClaim(name: "typ", reason: "expected \"\(requiredType)\", found \(found.map { "\"\($0)\"" } ?? "none")")
            }
        }
        try rules.validate(jws.claims, now: now)
        return jws
    }

    /// Checks the header and returns the keys that may have signed it.
    private func selectKeys(for header: [String: JSONValue]) throws(JOSEError) -> [any JWSVerificationKey] {
        guard let algorithm = header["alg"]?.stringValue else {
            throw .malformed(reason: "the header has no \"alg\" string")
        }
        if algorithm.lowercased() == "none" {
            throw .unsecuredToken
        }
        try Self.checkCritical(header)
        for name in ["kid", "typ"] {
            if let value = header[name], value.stringValue == nil {
                throw .malformed(reason: "the header's \"\(name)\" must be a string, found a \(value.typeName)")
            }
        }

        let keyID = header["kid"]?.stringValue
        let sameID = keys.filter { $0.keyID == nil || keyID == nil || $0.keyID == keyID }
        let candidates = sameID.filter { $0.algorithm.rawValue == algorithm }
        guard candidates.isEmpty else { return candidates }

        // Name the pinned algorithm when that is why no key fits, so the
        // error shows an attempted algorithm switch as one.
        let pinned = Set(sameID.map(\.algorithm.rawValue)).sorted()
        guard pinned.isEmpty else {
            throw .algorithmNotAllowed(found: algorithm, expected: pinned.joined(separator: ", "))
        }
        throw .keyNotFound(keyID: keyID, algorithm: algorithm)
    }

    /// RFC 7515 section 4.1.11: `crit` is a non-empty array of names, each
    /// present in the header; none may be understood here, so any is fatal.
    private static func checkCritical(_ header: [String: JSONValue]) throws(JOSEError) {
        guard let value = header["crit"] else { return }
        guard case .array(let items) = value, !items.isEmpty,
            items.allSatisfy({ $0.stringValue != nil })
        else {
            throw .malformed(reason: "the header's \"crit\" must be a non-empty array of strings")
        }
        throw .unsupportedCritical(names: items.compactMap(\.stringValue))
    }

    private static func normalizedType(_ type: String) -> String {
        let lowered = type.lowercased()
        return lowered.hasPrefix("application/") ? String(lowered.dropFirst("application/".count)) : lowered
    }
}
