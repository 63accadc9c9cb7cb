import JOSE

/// RS256, ES256 or EdDSA with one private key, whose public half is
/// published at `/.well-known/jwks.json` under its `kid`.
///
/// During a key rotation the signer also keeps the public halves of the
/// keys it signed with before: they stay in the JWK Set and still verify
/// the tokens they signed, picked by the token's `kid`, until they are
/// retired. New tokens always use the current key.
public struct AsymmetricTokenSigner: TokenSigner {
    private let signer: JWTSigner
    private let verifier: JWTVerifier
    private let publicJWKs: [[String: JSONValue]]
    /// The `kid` of the current key, then of each earlier key still kept.
    public let keyIDs: [String]

    /// - Parameters:
    ///   - key: a private key with a `kid`, so verifiers can pick it from
    ///     a key set after a key rotation.
    ///   - previous: earlier keys (public halves suffice) whose tokens
    ///     still verify; each needs a `kid` that differs from the others.
    ///   - issuer, audience: when set, a token must carry this `iss` and
    ///     an `aud` that contains this audience (RFC 7519 section 4.1.3).
    public init(
        key: AsymmetricKey, previous: [AsymmetricKey] = [], type: String, requiredClaims: [String], issuer: String? = nil,
        audience: String? = nil
    ) throws(JOSEError) {
        guard key.isPrivate else {
            throw .invalidKey(reason: "signing needs the private key, and this one is public; pass the PEM \"PRIVATE KEY\"")
        }
        var publicKeys = [try key.publicKey()]
        for earlier in previous {
            publicKeys.append(try earlier.publicKey())
        }
        // A verifier picks the key by `kid`, so with more than one key each
        // needs its own.
        let keyIDs = publicKeys.map { $0.keyID ?? "" }
        if !previous.isEmpty {
            guard !keyIDs.contains(""), Set(keyIDs).count == keyIDs.count else {
                throw .invalidKey(reason: "every key of a rotation needs its own kid, and these repeat or lack one: \(keyIDs)")
            }
        }
        self.keyIDs = keyIDs
        self.signer = JWTSigner(key: key, type: type)
        self.verifier = JWTVerifier(
            keys: publicKeys,
            rules: ClaimRules(requiredClaims: requiredClaims, issuer: issuer, audience: audience),
            requiredType: type)

        // RFC 7517 section 4: "use" names what the key is for, and "alg"
        // pins the one algorithm a verifier may use with it.
        var jwks: [[String: JSONValue]] = []
        for publicKey in publicKeys {
            var members = try publicKey.jwk(includingPrivate: false).members
            members["use"] = .string("sig")
            members["alg"] = .string(publicKey.algorithm.rawValue)
            jwks.append(members)
        }
        self.publicJWKs = jwks
    }

    public var algorithm: String { signer.key.algorithm.rawValue }

    public func sign(_ claims: [String: JSONValue]) throws(JOSEError) -> String {
        try signer.sign(claims)
    }

    public func verify(_ token: String, now: Int64) throws(JOSEError) -> JWTClaims {
        try verifier.verify(token, now: now).claims
    }

    public var publicKeys: [[String: JSONValue]] { publicJWKs }
}
