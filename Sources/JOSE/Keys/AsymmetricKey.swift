/// An RSA, EC or Ed25519 key, public or private, pinned to one algorithm.
///
/// The algorithm is checked against the key when the key is made. RS* and
/// PS* need RSA of at least 2048 bits (RFC 7518 sections 3.3 and 3.5).
/// ES256 needs P-256, ES384 needs P-384 and ES512 needs P-521 (section
/// 3.4). EdDSA needs Ed25519 (RFC 8037 section 3.1).
public struct AsymmetricKey: JWSSigningKey {
    public let algorithm: JWSAlgorithm
    public let keyID: String?
    let key: PKey

    /// The smallest RSA modulus accepted, in bits (RFC 7518 section 3.3).
    public static let minimumRSABits = 2048

    init(key: PKey, algorithm: JWSAlgorithm, keyID: String?) throws(JOSEError) {
        try Self.checkFit(key, algorithm: algorithm)
        self.key = key
        self.algorithm = algorithm
        self.keyID = keyID
    }

    /// Whether the key contains private material and can sign.
    public var isPrivate: Bool { key.isPrivate }

    /// Generates a new private key for `algorithm` with OpenSSL's CSPRNG
    /// (RSA keys get 2048 bits).
    public static func generate(for algorithm: JWSAlgorithm, keyID: String? = nil) throws(JOSEError) -> AsymmetricKey {
        let key: PKey
        switch algorithm.family {
        case .hmac:
            throw .invalidKey(reason: "\(algorithm.rawValue) uses a shared secret; make an HMACKey from random bytes")
        case .rsa:
            key = try PKey.generate(type: "RSA", rsaBits: minimumRSABits)
        case .ecdsa(let curve):
            key = try PKey.generate(type: "EC", group: curve)
        case .edDSA:
            key = try PKey.generate(type: "ED25519")
        }
        return try AsymmetricKey(key: key, algorithm: algorithm, keyID: keyID)
    }

    /// Reads a PEM key: `PRIVATE KEY` (PKCS #8), `RSA PRIVATE KEY`,
    /// `EC PRIVATE KEY` or `PUBLIC KEY` (SubjectPublicKeyInfo).
    ///
    /// - Throws: `JOSEError.invalidKey` when the text is not a PEM key, is
    ///   encrypted, or does not fit `algorithm`.
    public init(pem: String, algorithm: JWSAlgorithm, keyID: String? = nil) throws(JOSEError) {
        let key = try PKey.fromPEM(Array(pem.utf8))
        try key.check()
        try self.init(key: key, algorithm: algorithm, keyID: keyID)
    }

    /// Returns the public half of this key, with the same algorithm and `kid`.
    public func publicKey() throws(JOSEError) -> AsymmetricKey {
        guard isPrivate else { return self }
        return try AsymmetricKey(jwk: jwk(includingPrivate: false))
    }

    public func sign(_ signingInput: [UInt8]) throws(JOSEError) -> [UInt8] {
        let signature = try key.sign(signingInput, scheme: algorithm.signatureScheme)
        guard let width = algorithm.ecdsaCoordinateWidth else {
            return signature
        }
        return try ECDSASignature(der: signature).jwsBytes(width: width)
    }

    /// Checks `signature`; for ECDSA it must be `r ‖ s` of the curve's
    /// fixed width with r and s non-zero, for RSA exactly the modulus length.
    public func isValidSignature(_ signature: [UInt8], for signingInput: [UInt8]) throws(JOSEError) -> Bool {
        var encoded = signature
        if let width = algorithm.ecdsaCoordinateWidth {
            guard let parsed = try ECDSASignature(jws: signature, width: width) else {
                return false
            }
            encoded = try parsed.derBytes()
        } else if algorithm.family == .rsa {
            // RFC 8017 section 8.2.2 step 1: a signature is exactly k bytes.
            guard signature.count == (key.bits + 7) / 8 else { return false }
        } else if signature.count != 64 {
            return false
        }
        return try key.verify(encoded, for: signingInput, scheme: algorithm.signatureScheme)
    }

    private static func checkFit(_ key: PKey, algorithm: JWSAlgorithm) throws(JOSEError) {
        switch algorithm.family {
        case .hmac:
            throw .invalidKey(reason: "\(algorithm.rawValue) needs a shared secret, not an asymmetric key")
        case .rsa:
            guard key.isA("RSA") else {
                throw .invalidKey(reason: "\(algorithm.rawValue) needs an RSA key")
            }
            guard key.bits >= minimumRSABits else {
                throw .invalidKey(reason: "\(algorithm.rawValue) needs an RSA modulus of at least \(minimumRSABits) bits, got \(key.bits)")
            }
        case .ecdsa(let curve):
            guard let expected = algorithm.ecdsaGroupName else {
                preconditionFailure("\(algorithm.rawValue) is ECDSA but has no OpenSSL group name")
            }
            guard key.isA("EC"), let group = key.groupName else {
                throw .invalidKey(reason: "\(algorithm.rawValue) needs an EC key on \(curve)")
            }
            guard group == expected else {
                throw .invalidKey(reason: "\(algorithm.rawValue) needs an EC key on \(curve), got the curve \(group)")
            }
        case .edDSA:
            guard key.isA("ED25519") else {
                throw .invalidKey(reason: "EdDSA here needs an Ed25519 key (RFC 8037); other curves are not supported")
            }
        }
    }
}
