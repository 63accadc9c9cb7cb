/// A JWS signing algorithm (RFC 7518 section 3.1, RFC 8037 section 3.1).
///
/// Only algorithms TokenLab implements are listed. `none` is deliberately
/// absent: there is no way to construct a verifier that accepts it.
public enum JWSAlgorithm: String, Sendable, CaseIterable, Codable {
    case hs256 = "HS256"
    case hs384 = "HS384"
    case hs512 = "HS512"
    case rs256 = "RS256"
    case rs384 = "RS384"
    case rs512 = "RS512"
    case ps256 = "PS256"
    case es256 = "ES256"
    case es384 = "ES384"
    case edDSA = "EdDSA"

    /// The kind of key an algorithm needs.
    public enum Family: Sendable, Equatable {
        /// HMAC with a shared secret (JWK `kty` "oct").
        case hmac
        /// RSASSA-PKCS1-v1_5 or RSASSA-PSS (JWK `kty` "RSA").
        case rsa
        /// ECDSA on one curve (JWK `kty` "EC", `crv` as named here).
        case ecdsa(curve: String)
        /// EdDSA on Ed25519 (JWK `kty` "OKP", `crv` "Ed25519").
        case edDSA
    }

    public var family: Family {
        switch self {
        case .hs256, .hs384, .hs512: .hmac
        case .rs256, .rs384, .rs512, .ps256: .rsa
        case .es256: .ecdsa(curve: "P-256")
        case .es384: .ecdsa(curve: "P-384")
        case .edDSA: .edDSA
        }
    }

    /// OpenSSL's name for the digest behind the algorithm, or nil for
    /// EdDSA, which hashes inside the signature scheme.
    var digestName: String? {
        switch self {
        case .hs256, .rs256, .ps256, .es256: "SHA256"
        case .hs384, .rs384, .es384: "SHA384"
        case .hs512, .rs512: "SHA512"
        case .edDSA: nil
        }
    }

    /// The length in bytes of the hash output, which RFC 7518 section 3.2
    /// also sets as the minimum HMAC key length. For EdDSA it is the length
    /// of SHA-512, the hash inside Ed25519.
    public var hashLength: Int {
        switch self {
        case .hs256, .rs256, .ps256, .es256: 32
        case .hs384, .rs384, .es384: 48
        case .hs512, .rs512, .edDSA: 64
        }
    }

    /// For ECDSA, the byte width of r and of s in the JWS signature
    /// (RFC 7518 section 3.4); nil for other algorithms.
    var ecdsaCoordinateWidth: Int? {
        switch self {
        case .es256: 32
        case .es384: 48
        default: nil
        }
    }

    var signatureScheme: SignatureScheme {
        SignatureScheme(digestName: digestName, usesPSS: self == .ps256)
    }
}
