import Foundation

@testable import JOSE

/// Keys and token builders shared by the JOSE tests.
enum TestKeys {
    static let hmacSecret = Array(repeating: UInt8(0x42), count: 32)
    static let now: Int64 = 1_740_819_600

    // Generated once per test run; RSA generation takes tens of milliseconds.
    static let rsa = try! AsymmetricKey.generate(for: .rs256)
    static let ec = try! AsymmetricKey.generate(for: .es256)
    static let ed = try! AsymmetricKey.generate(for: .edDSA)

    static func hmac(_ algorithm: JWSAlgorithm = .hs256) throws -> HMACKey {
        try HMACKey(secret: Array(repeating: 0x42, count: algorithm.hashLength), algorithm: algorithm)
    }

    /// A key of `algorithm`: HMAC from the fixed secret, or a generated key
    /// (one RSA key is shared by RS* and PS*, and the P-256 and Ed25519 keys
    /// are fixed; P-384 and P-521 keys are generated on each call).
    static func signingKey(_ algorithm: JWSAlgorithm) throws -> any JWSSigningKey {
        switch algorithm.family {
        case .hmac: return try hmac(algorithm)
        case .rsa:
            let members = try rsa.jwk(includingPrivate: true).members.filter { $0.key != "alg" }
            return try AsymmetricKey(jwk: JWK(members: members), algorithm: algorithm)
        case .ecdsa(let curve):
            if curve == "P-256" { return ec }
            return try AsymmetricKey.generate(for: algorithm)
        case .edDSA: return ed
        }
    }

    /// Builds a compact token from raw header and payload JSON text, so a
    /// test can write JSON that no encoder would produce.
    static func token(header: String, payload: String, key: (any JWSSigningKey)?) throws -> String {
        let signingInput = Base64URL.encode(Array(header.utf8)) + "." + Base64URL.encode(Array(payload.utf8))
        guard let key else { return signingInput + "." }
        return signingInput + "." + Base64URL.encode(try key.sign(Array(signingInput.utf8)))
    }

    /// A valid payload with exp 15 minutes after `now`, plus `extra` members.
    static func payload(_ extra: String = "") -> String {
        "{\"sub\":\"1234567890\",\"exp\":\(now + 900)\(extra.isEmpty ? "" : "," + extra)}"
    }
}
