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
    case ps384 = "PS384"
    case ps512 = "PS512"
    case es256 = "ES256"
    case es384 = "ES384"
    case es512 = "ES512"
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
        case .rs256, .rs384, .rs512, .ps256, .ps384, .ps512: .rsa
        case .es256: .ecdsa(curve: "P-256")
        case .es384: .ecdsa(curve: "P-384")
        case .es512: .ecdsa(curve: "P-521")
        case .edDSA: .edDSA
        }
    }

    /// OpenSSL's name for the digest behind the algorithm, or nil for
    /// EdDSA, which hashes inside the signature scheme.
    var digestName: String? {
        switch self {
        case .hs256, .rs256, .ps256, .es256: "SHA256"
        case .hs384, .rs384, .ps384, .es384: "SHA384"
        case .hs512, .rs512, .ps512, .es512: "SHA512"
        case .edDSA: nil
        }
    }

    /// The length in bytes of the hash output, which RFC 7518 section 3.2
    /// also sets as the minimum HMAC key length. For EdDSA it is the length
    /// of SHA-512, the hash inside Ed25519.
    public var hashLength: Int {
        switch self {
        case .hs256, .rs256, .ps256, .es256: 32
        case .hs384, .rs384, .ps384, .es384: 48
        case .hs512, .rs512, .ps512, .es512, .edDSA: 64
        }
    }

    /// For ECDSA, the byte width of r, of s and of each JWK coordinate
    /// (RFC 7518 sections 3.4 and 6.2.1.2), or nil for other algorithms.
    /// P-521 needs 66 bytes, not 64, because 521 bits round up to 66 octets.
    var ecdsaCoordinateWidth: Int? {
        switch self {
        case .es256: 32
        case .es384: 48
        case .es512: 66
        default: nil
        }
    }

    /// For ECDSA, OpenSSL's name for the curve's group, which
    /// `EVP_PKEY_get_utf8_string_param(..., "group", ...)` returns for a
    /// key on that curve; nil for other algorithms.
    var ecdsaGroupName: String? {
        switch self {
        case .es256: "prime256v1"
        case .es384: "secp384r1"
        case .es512: "secp521r1"
        default: nil
        }
    }

    /// Whether the algorithm is RSASSA-PSS (RFC 7518 section 3.5).
    var usesPSS: Bool {
        switch self {
        case .ps256, .ps384, .ps512: true
        default: false
        }
    }

    var signatureScheme: SignatureScheme {
        SignatureScheme(digestName: digestName, usesPSS: usesPSS)
    }
}
