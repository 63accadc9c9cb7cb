/// Why a JOSE operation failed: parsing, verifying, validating or signing.
///
/// Each case carries the values a message needs, so a caller can render its
/// own text (the REPL translates them) while `description` gives a complete
/// English sentence. No case carries key material.
public enum JOSEError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The token is not a well-formed JWS in compact form.
    case malformed(reason: String)
    /// The header names `none` (in any letter case): unsigned tokens are never accepted.
    case unsecuredToken
    /// The header's `alg` is not the one algorithm the key is pinned to.
    case algorithmNotAllowed(found: String, expected: String)
    /// The signature does not match the header and payload under the key.
    case badSignature
    /// `exp` has passed: `now` is `expiredBy` seconds past `exp + leeway`.
    case expired(expiration: Int64, now: Int64, expiredBy: Int64)
    /// `nbf` is still ahead: the token becomes valid in `validIn` seconds.
    case notYetValid(notBefore: Int64, now: Int64, validIn: Int64)
    /// `iat` is later than `now` by `aheadBy` seconds, more than the leeway.
    case issuedInFuture(issuedAt: Int64, now: Int64, aheadBy: Int64)
    /// A claim the verifier requires is absent.
    case missingClaim(name: String)
    /// A claim is present but has the wrong type or value.
    case invalidClaim(name: String, reason: String)
    /// The key cannot be used as given.
    case invalidKey(reason: String)
    /// No key matches the header's `kid` (when given) and `alg`.
    case keyNotFound(keyID: String?, algorithm: String)
    /// The header's `crit` lists extensions this library does not
    /// implement, which RFC 7515 section 4.1.11 requires it to reject.
    case unsupportedCritical(names: [String])
    /// OpenSSL reported a failure; `message` is OpenSSL's own text.
    case crypto(operation: String, message: String)

    public var description: String {
        switch self {
        case .malformed(let reason):
            "malformed token: \(reason)"
        case .unsecuredToken:
            "rejected alg \"none\": unsigned tokens are never accepted"
        case .algorithmNotAllowed(let found, let expected):
            "alg \"\(found)\" is not allowed: this key verifies \(expected) only"
        case .badSignature:
            "signature does not match the header and payload: the token was altered or signed with another key"
        case .expired(let expiration, let now, let expiredBy):
            "token expired: exp \(expiration) is \(expiredBy) s before now (\(now))"
        case .notYetValid(let notBefore, let now, let validIn):
            "token not valid yet: nbf \(notBefore) is \(validIn) s after now (\(now))"
        case .issuedInFuture(let issuedAt, let now, let aheadBy):
            "token issued in the future: iat \(issuedAt) is \(aheadBy) s after now (\(now))"
        case .missingClaim(let name):
            "required claim \"\(name)\" is missing"
        case .invalidClaim(let name, let reason):
            "claim \"\(name)\" is invalid: \(reason)"
        case .invalidKey(let reason):
            "invalid key: \(reason)"
        case .keyNotFound(let keyID, let algorithm):
            if let keyID {
                "no key with kid \"\(keyID)\" for alg \(algorithm)"
            } else {
                "no key for alg \(algorithm), and the header has no kid"
            }
        case .unsupportedCritical(let names):
            "the header marks unsupported extensions as critical: \(names.map { "\"\($0)\"" }.joined(separator: ", "))"
        case .crypto(let operation, let message):
            "OpenSSL \(operation) failed: \(message)"
        }
    }
}
