/// A JWS signing algorithm (RFC 7518 section 3.1).
///
/// Only algorithms TokenLab implements are listed. `none` is deliberately
/// absent: there is no way to construct a verifier that accepts it.
public enum JWSAlgorithm: String, Sendable, CaseIterable {
    case hs256 = "HS256"
    case hs384 = "HS384"
    case hs512 = "HS512"

    /// OpenSSL's name for the digest behind the algorithm.
    var digestName: String {
        switch self {
        case .hs256: "SHA256"
        case .hs384: "SHA384"
        case .hs512: "SHA512"
        }
    }

    /// The length in bytes of the hash output, which RFC 7518 section 3.2
    /// also sets as the minimum HMAC key length.
    public var hashLength: Int {
        switch self {
        case .hs256: 32
        case .hs384: 48
        case .hs512: 64
        }
    }
}
