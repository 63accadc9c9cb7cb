import JOSE

/// Signs and verifies the server's access tokens with one key and one
/// algorithm.
///
/// `AuthService` depends only on this protocol, so an asymmetric signer (RS256,
/// ES256, EdDSA with a `kid` and public keys at `/.well-known/jwks.json`)
/// can be added without touching the service or the router.
/// NOTE: only `HMACTokenSigner` (HS256/384/512) exists today.
public protocol TokenSigner: Sendable {
    /// The JWS `alg` every token carries, such as `HS256`.
    var algorithm: String { get }
    /// Returns `header.payload.signature` for `claims`, with the header's
    /// `alg` and `typ` fixed by the signer.
    func sign(_ claims: [String: JSONValue]) throws(JOSEError) -> String
    /// Checks the signature with the key's one algorithm, then `exp` and
    /// the required claims, and returns the claims.
    func verify(_ token: String, now: Int64) throws(JOSEError) -> JWTClaims
    /// The public keys as JWK objects for `/.well-known/jwks.json`; empty
    /// for a symmetric key, which must never be published.
    var publicKeys: [[String: JSONValue]] { get }
}

/// HS256 (or HS384/HS512) with one shared secret.
public struct HMACTokenSigner: TokenSigner {
    private let signer: JWTSigner
    private let verifier: JWTVerifier

    /// - Parameters:
    ///   - issuer, audience: when set, a token must carry this `iss` and
    ///     an `aud` that contains this audience (RFC 7519 section 4.1.3).
    public init(key: HMACKey, type: String, requiredClaims: [String], issuer: String? = nil, audience: String? = nil) {
        self.signer = JWTSigner(key: key, type: type)
        self.verifier = JWTVerifier(
            key: key, requiredClaims: requiredClaims, requiredType: type, issuer: issuer, audience: audience)
    }

    public var algorithm: String { signer.key.algorithm.rawValue }

    public func sign(_ claims: [String: JSONValue]) throws(JOSEError) -> String {
        try signer.sign(claims)
    }

    public func verify(_ token: String, now: Int64) throws(JOSEError) -> JWTClaims {
        try verifier.verify(token, now: now).claims
    }

    public var publicKeys: [[String: JSONValue]] { [] }
}
