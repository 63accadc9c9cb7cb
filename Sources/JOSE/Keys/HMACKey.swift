/// A symmetric key pinned to one HMAC algorithm.
///
/// The key carries the only algorithm it may be used with, so a verifier
/// built from it compares the token's `alg` with this one value and never
/// picks an algorithm from the token.
public struct HMACKey: JWSSigningKey {
    public let algorithm: JWSAlgorithm
    public let keyID: String?
    let secret: [UInt8]
    let context: HMACContext

    /// Creates a key for `algorithm`.
    ///
    /// - Throws: `JOSEError.invalidKey` when `algorithm` is not an HMAC
    ///   algorithm, or when the secret is shorter than the hash output, which
    ///   RFC 7518 section 3.2 forbids.
    public init(secret: [UInt8], algorithm: JWSAlgorithm = .hs256, keyID: String? = nil) throws(JOSEError) {
        guard algorithm.family == .hmac, let digestName = algorithm.digestName else {
            throw .invalidKey(reason: "\(algorithm.rawValue) is not an HMAC algorithm; a secret works with HS256, HS384 or HS512")
        }
        guard secret.count >= algorithm.hashLength else {
            throw .invalidKey(
                reason:
                    "\(algorithm.rawValue) needs a secret of at least \(algorithm.hashLength) bytes, got \(secret.count); use \(algorithm.hashLength) random bytes"
            )
        }
        self.algorithm = algorithm
        self.keyID = keyID
        self.secret = secret
        self.context = try HMACContext(key: secret, digestName: digestName)
    }

    /// Returns the MAC of `signingInput`.
    public func sign(_ signingInput: [UInt8]) throws(JOSEError) -> [UInt8] {
        try context.authenticate(signingInput)
    }

    /// Checks `signature` against `signingInput` in constant time.
    public func isValidSignature(_ signature: [UInt8], for signingInput: [UInt8]) throws(JOSEError) -> Bool {
        let expected = try context.authenticate(signingInput)
        return LibCrypto.constantTimeEquals(expected, signature)
    }
}
