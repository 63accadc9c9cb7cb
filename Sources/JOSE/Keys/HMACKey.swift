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

    /// Creates an HS256 key from a secret of any length, without the length
    /// check of `init(secret:)`.
    ///
    /// NOTE: this exists only so a lesson can show a short secret falling
    /// to a dictionary attack, and an attacker signing with a guessed one.
    /// A server must use `init(secret:)` with random bytes.
    public static func weakForDemonstration(secret: [UInt8]) throws(JOSEError) -> HMACKey {
        try HMACKey(unchecked: secret)
    }

    private init(unchecked secret: [UInt8]) throws(JOSEError) {
        self.algorithm = .hs256
        self.keyID = nil
        self.secret = secret
        self.context = try HMACContext(key: secret, digestName: "SHA256")
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
