/// A key that checks JWS signatures for exactly one algorithm.
///
/// `JWTVerifier` compares a token's `alg` with `algorithm` and never picks
/// an algorithm from the token, so a key for RS256 cannot be used as an
/// HMAC secret, and `none` matches no key (RFC 8725 section 3.1).
public protocol JWSVerificationKey: Sendable {
    /// The one algorithm this key may be used with.
    var algorithm: JWSAlgorithm { get }
    /// The JWK `kid` (RFC 7517 section 4.5), written into and matched
    /// against the JWS header's `kid`.
    var keyID: String? { get }

    /// Checks `signature`, in its JWS encoding, over `signingInput`.
    func isValidSignature(_ signature: [UInt8], for signingInput: [UInt8]) throws(JOSEError) -> Bool
}

/// A key that can also sign.
public protocol JWSSigningKey: JWSVerificationKey {
    /// Returns the JWS signature of `signingInput` (RFC 7515 section 5.1).
    ///
    /// - Throws: `JOSEError.invalidKey` for a public key.
    func sign(_ signingInput: [UInt8]) throws(JOSEError) -> [UInt8]
}
