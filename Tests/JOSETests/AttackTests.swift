import Foundation
import Testing

@testable import JOSE

/// A known attack on JWT verifiers and the error it must end in.
struct Attack: Sendable, CustomTestStringConvertible {
    let name: String
    /// Returns the token and the verifier it is aimed at.
    let build: @Sendable () throws -> (token: String, verifier: JWTVerifier)
    let expected: JOSEError

    var testDescription: String { name }
}

extension Attack {
    typealias Keys = TestKeys

    static func hmacVerifier(audience: String? = nil) throws -> JWTVerifier {
        JWTVerifier(key: try Keys.hmac(), audience: audience)
    }

    static func hmacToken(header: String = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}", payload: String) throws -> String {
        try Keys.token(header: header, payload: payload, key: try Keys.hmac())
    }

    static let noneVariants: [Attack] = ["none", "None", "NONE", "nOnE"].map { alg in
        Attack(
            name: "alg \(alg)",
            build: {
                let token = try Keys.token(header: "{\"alg\":\"\(alg)\"}", payload: Keys.payload(), key: nil)
                return (token, JWTVerifier(key: Keys.rsa))
            }, expected: .unsecuredToken)
    }

    static let confusion: [Attack] = [
        Attack(
            name: "RS256 public key used as HS256 secret",
            build: {
                // The attacker has the public key and signs with its JWK text as
                // an HMAC secret, hoping the verifier follows the header's alg.
                let publicJWK = try Keys.rsa.jwk(includingPrivate: false).jsonBytes()
                let secret = try HMACKey(secret: publicJWK, algorithm: .hs256)
                let token = try Keys.token(header: "{\"alg\":\"HS256\"}", payload: Keys.payload(), key: secret)
                return (token, JWTVerifier(key: try Keys.rsa.publicKey()))
            }, expected: .algorithmNotAllowed(found: "HS256", expected: "RS256")),
        Attack(
            name: "ES256 token at an EdDSA verifier",
            build: {
                let token = try JWTSigner(key: Keys.ec).sign(["exp": .integer(Keys.now + 60)])
                return (token, JWTVerifier(key: Keys.ed))
            }, expected: .algorithmNotAllowed(found: "ES256", expected: "EdDSA")),
        Attack(
            name: "RS256 signature relabelled PS256",
            build: {
                let header = "{\"alg\":\"PS256\"}"
                let signingInput = Base64URL.encode(Array(header.utf8)) + "." + Base64URL.encode(Array(Keys.payload().utf8))
                let signature = try Keys.rsa.sign(Array(signingInput.utf8))
                let ps256 = try AsymmetricKey(jwk: Keys.rsa.jwk(includingPrivate: false).withoutAlgorithm(), algorithm: .ps256)
                return (signingInput + "." + Base64URL.encode(signature), JWTVerifier(key: ps256))
            }, expected: .badSignature),
        Attack(
            name: "PS384 signature relabelled PS512",
            build: {
                let header = "{\"alg\":\"PS512\"}"
                let signingInput = Base64URL.encode(Array(header.utf8)) + "." + Base64URL.encode(Array(Keys.payload().utf8))
                let signature = try Keys.signingKey(.ps384).sign(Array(signingInput.utf8))
                return (signingInput + "." + Base64URL.encode(signature), JWTVerifier(key: try Keys.signingKey(.ps512)))
            }, expected: .badSignature),
        Attack(
            name: "ES512 token at an ES256 verifier",
            build: {
                let token = try JWTSigner(key: Keys.signingKey(.es512)).sign(["exp": .integer(Keys.now + 60)])
                return (token, JWTVerifier(key: Keys.ec))
            }, expected: .algorithmNotAllowed(found: "ES512", expected: "ES256")),
    ]

    static let ecdsaAlgorithms: [JWSAlgorithm] = [.es256, .es384, .es512]

    static let signatures: [Attack] =
        ecdsaAlgorithms.map { algorithm in
            Attack(
                name: "\(algorithm.rawValue) r = s = 0",
                build: {
                    let key = try Keys.signingKey(algorithm)
                    let width = try #require(algorithm.ecdsaCoordinateWidth)
                    let unsigned = try Keys.token(header: "{\"alg\":\"\(algorithm.rawValue)\"}", payload: Keys.payload(), key: nil)
                    return (unsigned + Base64URL.encode([UInt8](repeating: 0, count: 2 * width)), JWTVerifier(key: key))
                }, expected: .badSignature)
        }
        + ecdsaAlgorithms.flatMap { algorithm in
            // A valid signature one byte short or long, and r and s each cut
            // by 2 bytes, as a verifier that assumes P-521 fits 64 would cut them.
            [(-1, "one byte short"), (1, "one byte long"), (-4, "with r and s 2 bytes short")].map { change, label in
                Attack(
                    name: "\(algorithm.rawValue) signature \(label)",
                    build: {
                        let key = try Keys.signingKey(algorithm)
                        let token = try JWTSigner(key: key).sign(["exp": .integer(Keys.now + 60)])
                        let parts = token.split(separator: ".")
                        let signature = try Base64URL.decode(parts[2])
                        let width = signature.count / 2
                        let resized: [UInt8] =
                            switch change {
                            case -1: Array(signature.dropLast())
                            case 1: signature + [0]
                            default: Array(signature[2..<width] + signature[(width + 2)...])
                            }
                        return ("\(parts[0]).\(parts[1]).\(Base64URL.encode(resized))", JWTVerifier(key: key))
                    }, expected: .badSignature)
            }
        }
        + [
            Attack(
                name: "ECDSA r = s = n",
                build: {
                    // The P-256 group order; r = n is 0 mod n.
                    let order: [UInt8] = [
                        0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
                        0xBC, 0xE6, 0xFA, 0xAD, 0xA7, 0x17, 0x9E, 0x84, 0xF3, 0xB9, 0xCA, 0xC2, 0xFC, 0x63, 0x25, 0x51,
                    ]
                    let unsigned = try Keys.token(header: "{\"alg\":\"ES256\"}", payload: Keys.payload(), key: nil)
                    return (unsigned + Base64URL.encode(order + order), JWTVerifier(key: Keys.ec))
                }, expected: .badSignature)
        ]
        + ecdsaAlgorithms.map { algorithm in
            Attack(
                name: "\(algorithm.rawValue) signature in DER",
                build: {
                    let key = try Keys.signingKey(algorithm)
                    let width = try #require(algorithm.ecdsaCoordinateWidth)
                    let token = try JWTSigner(key: key).sign(["exp": .integer(Keys.now + 60)])
                    let parts = token.split(separator: ".")
                    let raw = try Base64URL.decode(parts[2])
                    let der = try #require(try ECDSASignature(jws: raw, width: width)).derBytes()
                    return ("\(parts[0]).\(parts[1]).\(Base64URL.encode(der))", JWTVerifier(key: key))
                }, expected: .badSignature)
        }
        + [JWSAlgorithm.hs256, .rs256, .ps384, .es256, .es512, .edDSA].map { algorithm in
            Attack(
                name: "empty \(algorithm.rawValue) signature",
                build: {
                    let key = try Keys.signingKey(algorithm)
                    let token = try JWTSigner(key: key).sign(["exp": .integer(Keys.now + 60)])
                    let parts = token.split(separator: ".")
                    return ("\(parts[0]).\(parts[1]).", JWTVerifier(key: key))
                }, expected: .badSignature)
        }
        + [JWSAlgorithm.hs256, .rs256, .ps256, .ps384, .ps512, .es256, .es384, .es512, .edDSA].map { algorithm in
            Attack(
                name: "tampered \(algorithm.rawValue) payload",
                build: {
                    let key = try Keys.signingKey(algorithm)
                    let token = try JWTSigner(key: key).sign(["role": .string("user"), "exp": .integer(Keys.now + 60)])
                    let parts = token.split(separator: ".")
                    let forged = Base64URL.encode(Array("{\"exp\":\(Keys.now + 60),\"role\":\"admin\"}".utf8))
                    return ("\(parts[0]).\(forged).\(parts[2])", JWTVerifier(key: key))
                }, expected: .badSignature)
        }

    static let encoding: [Attack] = [
        Attack(
            name: "padded signature",
            build: {
                // A 32-byte MAC is 43 characters; RFC 7515 section 2 forbids "=".
                let token = try hmacToken(payload: Keys.payload()) + "="
                return (token, try hmacVerifier())
            }, expected: .malformed(reason: "signature segment: padding \"=\" at offset 43 is not allowed in unpadded base64url")),
        Attack(
            name: "non-canonical last character",
            build: {
                // The last of 43 characters carries 4 bits; "B" sets a stray one.
                var token = try hmacToken(payload: Keys.payload())
                let last = token.removeLast()
                token.append(last == "B" ? "C" : "B")
                return (token, try hmacVerifier())
            }, expected: .malformed(reason: "signature segment: base64url ends with non-zero unused bits (not the canonical encoding)")),
        Attack(
            name: "standard base64 alphabet",
            build: {
                let token = try hmacToken(payload: Keys.payload())
                return (token.replacingOccurrences(of: "e", with: "+"), try hmacVerifier())
            }, expected: .malformed(reason: "header segment: character \"+\" at offset 0 is not allowed in unpadded base64url")),
        Attack(
            name: "four segments",
            build: {
                (try hmacToken(payload: Keys.payload()) + ".e30", try hmacVerifier())
            }, expected: .malformed(reason: "a compact JWS has 3 segments separated by \".\", this token has 4")),
        Attack(
            name: "five segments (JWE form)",
            build: {
                ("eyJhbGciOiJIUzI1NiJ9.e30.e30.e30.e30", try hmacVerifier())
            }, expected: .malformed(reason: "a compact JWS has 3 segments separated by \".\", this token has 5")),
        Attack(
            name: "over-size token",
            build: {
                // One byte over 8 KiB; the length check runs before any decoding.
                let token = try hmacToken(payload: Keys.payload())
                let filler = String(repeating: "A", count: 8193 - token.utf8.count)
                return (token + filler, try hmacVerifier())
            }, expected: .malformed(reason: "the token is 8193 bytes, over the limit of 8192")),
        Attack(
            name: "deep JSON nesting",
            build: {
                let deep = String(repeating: "[", count: 40) + String(repeating: "]", count: 40)
                return (try hmacToken(payload: Keys.payload("\"x\":\(deep)")), try hmacVerifier())
            }, expected: .malformed(reason: "the payload nests JSON deeper than the limit of 16 levels")),
        Attack(
            name: "payload not UTF-8",
            build: {
                let header = Base64URL.encode(Array("{\"alg\":\"HS256\"}".utf8))
                return ("\(header).\(Base64URL.encode([0x7B, 0xFF, 0x7D])).", try hmacVerifier())
            }, expected: .malformed(reason: "the payload is not valid UTF-8")),
    ]

    static let duplicates: [Attack] = [
        Attack(
            name: "duplicate exp in payload",
            build: {
                let payload = "{\"exp\":\(Keys.now - 60),\"sub\":\"x\",\"exp\":\(Keys.now + 9999)}"
                return (try hmacToken(payload: payload), try hmacVerifier())
            }, expected: .malformed(reason: "the payload has the member \"exp\" more than once")),
        Attack(
            name: "duplicate alg in header",
            build: {
                (try hmacToken(header: "{\"alg\":\"HS256\",\"alg\":\"none\"}", payload: Keys.payload()), try hmacVerifier())
            }, expected: .malformed(reason: "the header has the member \"alg\" more than once")),
        Attack(
            name: "duplicate spelled with an escape",
            build: {
                (try hmacToken(header: "{\"alg\":\"HS256\",\"\\u0061lg\":\"HS256\"}", payload: Keys.payload()), try hmacVerifier())
            }, expected: .malformed(reason: "the header has the member \"alg\" more than once")),
    ]

    static let claims: [Attack] = [
        Attack(
            name: "exp as a string",
            build: {
                (try hmacToken(payload: "{\"exp\":\"\(Keys.now + 900)\"}"), try hmacVerifier())
            }, expected: .invalidClaim(name: "exp", reason: "a NumericDate must be a JSON number, found a string")),
        Attack(
            name: "huge exp",
            build: {
                (try hmacToken(payload: "{\"exp\":99999999999999999}"), try hmacVerifier())
            }, expected: .invalidClaim(name: "exp", reason: "99999999999999999 is not a NumericDate between 0 and 253402300799")),
        Attack(
            name: "exp as 1e400",
            build: {
                (try hmacToken(payload: "{\"exp\":1e400}"), try hmacVerifier())
            }, expected: .malformed(reason: "the payload has the number 1e400, which is out of range")),
        Attack(
            name: "missing exp",
            build: {
                (try hmacToken(payload: "{\"sub\":\"x\"}"), try hmacVerifier())
            }, expected: .missingClaim(name: "exp")),
        Attack(
            name: "expired by 60 s",
            build: {
                (try hmacToken(payload: "{\"exp\":\(Keys.now - 60)}"), try hmacVerifier())
            }, expected: .expired(expiration: Keys.now - 60, now: Keys.now, expiredBy: 60)),
        Attack(
            name: "wrong aud",
            build: {
                (try hmacToken(payload: Keys.payload("\"aud\":\"other-api\"")), try hmacVerifier(audience: "tokenlab-api"))
            }, expected: .invalidClaim(name: "aud", reason: "expected \"tokenlab-api\", found [\"other-api\"]")),
        Attack(
            name: "aud where none is expected",
            build: {
                (try hmacToken(payload: Keys.payload("\"aud\":[\"a\",\"b\"]")), try hmacVerifier())
            },
            expected: .invalidClaim(
                name: "aud", reason: "the token is for [\"a\", \"b\"] and this verifier expects no audience; set the expected audience")),
        Attack(
            name: "nbf in the future",
            build: {
                (try hmacToken(payload: Keys.payload("\"nbf\":\(Keys.now + 120)")), try hmacVerifier())
            }, expected: .notYetValid(notBefore: Keys.now + 120, now: Keys.now, validIn: 120)),
        Attack(
            name: "iat in the future",
            build: {
                (try hmacToken(payload: Keys.payload("\"iat\":\(Keys.now + 300)")), try hmacVerifier())
            }, expected: .issuedInFuture(issuedAt: Keys.now + 300, now: Keys.now, aheadBy: 300)),
        Attack(
            name: "unknown crit extension",
            build: {
                (try hmacToken(header: "{\"alg\":\"HS256\",\"crit\":[\"exp\"],\"exp\":1}", payload: Keys.payload()), try hmacVerifier())
            }, expected: .unsupportedCritical(names: ["exp"])),
        Attack(
            name: "unknown kid",
            build: {
                let key = try HMACKey(secret: Keys.hmacSecret, keyID: "current")
                let token = try Keys.token(header: "{\"alg\":\"HS256\",\"kid\":\"old\"}", payload: Keys.payload(), key: key)
                return (token, JWTVerifier(key: key))
            }, expected: .keyNotFound(keyID: "old", algorithm: "HS256")),
    ]

    static let all = noneVariants + confusion + signatures + encoding + duplicates + claims
}

extension JWK {
    /// The same JWK without `alg`, so a test can pin it to another algorithm.
    func withoutAlgorithm() throws -> JWK {
        try JWK(members: members.filter { $0.key != "alg" })
    }
}

@Suite("Known attacks")
struct AttackTests {
    @Test("attack is rejected with the right error", arguments: Attack.all)
    func rejects(attack: Attack) throws {
        let (token, verifier) = try attack.build()
        #expect(throws: attack.expected) {
            try verifier.verify(token, now: TestKeys.now)
        }
    }
}
