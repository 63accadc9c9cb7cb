import JOSE

/// RS256, ES256 or EdDSA with one private key, whose public half is
/// published at `/.well-known/jwks.json` under its `kid`.
public struct AsymmetricTokenSigner: TokenSigner {
    private let signer: JWTSigner
    private let verifier: JWTVerifier
    private let publicJWK: [String: JSONValue]

    /// - Parameters:
    ///   - key: a private key with a `kid`, so verifiers can pick it from
    ///     a key set after a key rotation.
    ///   - issuer, audience: when set, a token must carry this `iss` and
    ///     an `aud` that contains this audience (RFC 7519 section 4.1.3).
    public init(
        key: AsymmetricKey, type: String, requiredClaims: [String], issuer: String? = nil, audience: String? = nil
    ) throws(JOSEError) {
        guard key.isPrivate else {
            throw .invalidKey(reason: "signing needs the private key, and this one is public; pass the PEM \"PRIVATE KEY\"")
        }
        let publicKey = try key.publicKey()
        self.signer = JWTSigner(key: key, type: type)
        self.verifier = JWTVerifier(
            key: publicKey, requiredClaims: requiredClaims, requiredType: type, issuer: issuer, audience: audience)

        // RFC 7517 section 4: "use" names what the key is for, and "alg"
        // pins the one algorithm a verifier may use with it.
        var members = try publicKey.jwk(includingPrivate: false).members
        members["use"] = .string("sig")
        members["alg"] = .string(key.algorithm.rawValue)
        self.publicJWK = members
    }

    public var algorithm: String { signer.key.algorithm.rawValue }

    public func sign(_ claims: [String: JSONValue]) throws(JOSEError) -> String {
        try signer.sign(claims)
    }

    public func verify(_ token: String, now: Int64) throws(JOSEError) -> JWTClaims {
        try verifier.verify(token, now: now).claims
    }

    public var publicKeys: [[String: JSONValue]] { [publicJWK] }
}
