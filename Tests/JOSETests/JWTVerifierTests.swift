import Foundation
import Testing

@testable import JOSE

@Suite("JWT signing and verification")
struct JWTVerifierTests {
    /// The HS256 key of RFC 7515 appendix A.1, from its JWK "k" member.
    static let rfcKey = "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"
    /// The JWS of RFC 7515 appendix A.1.
    static let rfcToken =
        "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9"
        + ".eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ"
        + ".dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"

    static let secret = Array(repeating: UInt8(0x42), count: 32)
    static let now: Int64 = 1_740_819_600

    static func signer() throws -> JWTSigner {
        JWTSigner(key: try HMACKey(secret: secret), type: "at+jwt")
    }

    static func verifier(requiredType: String? = nil) throws -> JWTVerifier {
        JWTVerifier(key: try HMACKey(secret: secret), requiredType: requiredType)
    }

    static func claims(exp: Int64 = now + 900) -> [String: JSONValue] {
        ["sub": .string("1234567890"), "name": .string("홍길동"), "role": .string("user"), "exp": .integer(exp)]
    }

    @Test("RFC 7515 A.1 verifies and its signature is reproduced")
    func rfcExample() throws {
        let key = try HMACKey(secret: try Base64URL.decode(Self.rfcKey))
        let jws = try JWTVerifier(key: key).verify(Self.rfcToken, now: 1_300_819_000)
        #expect(jws.claims.string("iss") == "joe")
        #expect(try key.sign(jws.signingInput) == jws.signature)
    }

    @Test("RFC 7515 A.1 is expired after its exp")
    func rfcExampleExpired() throws {
        let key = try HMACKey(secret: try Base64URL.decode(Self.rfcKey))
        #expect(throws: JOSEError.expired(expiration: 1_300_819_380, now: 1_300_819_440, expiredBy: 60)) {
            try JWTVerifier(key: key).verify(Self.rfcToken, now: 1_300_819_440)
        }
    }

    @Test("sign then verify keeps the claims, Hangul included")
    func roundTrip() throws {
        let token = try Self.signer().sign(Self.claims())
        let jws = try Self.verifier(requiredType: "at+jwt").verify(token, now: Self.now)
        #expect(jws.claims.string("name") == "홍길동")
        #expect(jws.header["typ"] == .string("at+jwt"))
        #expect(String(decoding: jws.payloadBytes, as: UTF8.self).contains("\"name\":\"홍길동\""))
    }

    @Test("signing is deterministic")
    func deterministic() throws {
        #expect(try Self.signer().sign(Self.claims()) == Self.signer().sign(Self.claims()))
    }

    @Test("alg none is rejected in any letter case", arguments: ["none", "None", "NONE", "nOnE"])
    func rejectsNone(alg: String) throws {
        let header = Base64URL.encode(Array("{\"alg\":\"\(alg)\",\"typ\":\"JWT\"}".utf8))
        let payload = Base64URL.encode(Array("{\"sub\":\"x\",\"exp\":9999999999}".utf8))
        #expect(throws: JOSEError.unsecuredToken) {
            try Self.verifier().verify("\(header).\(payload).", now: Self.now)
        }
    }

    @Test("an algorithm other than the key's is rejected")
    func rejectsOtherAlgorithm() throws {
        let otherKey = try HMACKey(secret: Array(repeating: 0x42, count: 64), algorithm: .hs512)
        let token = try JWTSigner(key: otherKey).sign(Self.claims())
        #expect(throws: JOSEError.algorithmNotAllowed(found: "HS512", expected: "HS256")) {
            try Self.verifier().verify(token, now: Self.now)
        }
    }

    @Test("a tampered payload with the old signature is a bad signature")
    func rejectsTamperedPayload() throws {
        let token = try Self.signer().sign(Self.claims())
        let parts = token.split(separator: ".").map(String.init)
        var forged = Self.claims()
        forged["role"] = .string("admin")
        let payload = Base64URL.encode(try JWTSigner.serialize(forged))
        #expect(throws: JOSEError.badSignature) {
            try Self.verifier().verify("\(parts[0]).\(payload).\(parts[2])", now: Self.now)
        }
    }

    @Test("the signature is checked before exp")
    func signatureBeforeExpiry() throws {
        let token = try Self.signer().sign(Self.claims(exp: Self.now - 10))
        let otherKey = try HMACKey(secret: Array(repeating: 0x43, count: 32))
        #expect(throws: JOSEError.badSignature) {
            try JWTVerifier(key: otherKey).verify(token, now: Self.now)
        }
    }

    @Test("an empty signature is a bad signature")
    func rejectsEmptySignature() throws {
        let token = try Self.signer().sign(Self.claims())
        let parts = token.split(separator: ".").map(String.init)
        #expect(throws: JOSEError.badSignature) {
            try Self.verifier().verify("\(parts[0]).\(parts[1]).", now: Self.now)
        }
    }

    @Test("expired tokens report by how much")
    func expiredBy() throws {
        let token = try Self.signer().sign(Self.claims(exp: Self.now + 900))
        #expect(throws: JOSEError.expired(expiration: Self.now + 900, now: Self.now + 960, expiredBy: 60)) {
            try Self.verifier().verify(token, now: Self.now + 960)
        }
    }

    @Test("a token is expired at exactly exp")
    func expiredAtExp() throws {
        let token = try Self.signer().sign(Self.claims(exp: Self.now))
        #expect(throws: JOSEError.self) { try Self.verifier().verify(token, now: Self.now) }
        #expect(throws: Never.self) { try Self.verifier().verify(token, now: Self.now - 1) }
    }

    @Test("leeway extends exp")
    func leeway() throws {
        let token = try Self.signer().sign(Self.claims(exp: Self.now))
        let verifier = JWTVerifier(key: try HMACKey(secret: Self.secret), leeway: 30)
        #expect(throws: Never.self) { try verifier.verify(token, now: Self.now + 29) }
        #expect(throws: JOSEError.self) { try verifier.verify(token, now: Self.now + 30) }
    }

    @Test("a missing exp is rejected")
    func missingExp() throws {
        var claims = Self.claims()
        claims["exp"] = nil
        let token = try Self.signer().sign(claims)
        #expect(throws: JOSEError.missingClaim(name: "exp")) { try Self.verifier().verify(token, now: Self.now) }
    }

    @Test("exp as a string is rejected")
    func expAsString() throws {
        var claims = Self.claims()
        claims["exp"] = .string("1740820500")
        let token = try Self.signer().sign(claims)
        #expect(throws: JOSEError.invalidClaim(name: "exp", reason: "a NumericDate must be a JSON number, found a string")) {
            try Self.verifier().verify(token, now: Self.now)
        }
    }

    @Test("a huge exp is out of the NumericDate range")
    func hugeExp() throws {
        let token = try Self.signer().sign(Self.claims(exp: Int64.max))
        let verifier = JWTVerifier(key: try HMACKey(secret: Self.secret), leeway: 60)
        #expect(throws: JOSEError.invalidClaim(name: "exp", reason: "9223372036854775807 is not a NumericDate between 0 and 253402300799"))
        {
            try verifier.verify(token, now: Self.now)
        }
    }

    @Test("nbf in the future is rejected")
    func notBefore() throws {
        var claims = Self.claims()
        claims["nbf"] = .integer(Self.now + 100)
        let token = try Self.signer().sign(claims)
        #expect(throws: JOSEError.notYetValid(notBefore: Self.now + 100, now: Self.now, validIn: 100)) {
            try Self.verifier().verify(token, now: Self.now)
        }
    }

    @Test("a wrong typ is rejected when one is required")
    func requiredType() throws {
        let token = try JWTSigner(key: try HMACKey(secret: Self.secret), type: "JWT").sign(Self.claims())
        #expect(throws: JOSEError.self) { try Self.verifier(requiredType: "at+jwt").verify(token, now: Self.now) }
    }

    @Test(
        "malformed compact forms are rejected",
        arguments: [
            "", "abc", "a.b", "a.b.c.d", "a.b.c.d.e", "eyJ9.eyJ9.", "e30.e30.e30=",
        ])
    func malformed(token: String) throws {
        #expect(throws: JOSEError.self) { try Self.verifier().verify(token, now: Self.now) }
    }

    @Test("an over-size token is rejected before decoding")
    func overSize() throws {
        let big = String(repeating: "A", count: CompactJWS.maximumLength + 1)
        #expect(
            throws: JOSEError.malformed(
                reason: "the token is \(CompactJWS.maximumLength + 1) bytes, over the limit of \(CompactJWS.maximumLength)")
        ) {
            try CompactJWS(parsing: big)
        }
    }

    @Test("a header that is not an object is rejected")
    func headerNotObject() throws {
        let header = Base64URL.encode(Array("[1,2]".utf8))
        #expect(throws: JOSEError.malformed(reason: "the header is a JSON array, not an object")) {
            try CompactJWS(parsing: "\(header).e30.")
        }
    }

    @Test("HMAC keys shorter than the hash are rejected")
    func shortKey() {
        #expect(throws: JOSEError.self) { try HMACKey(secret: Array("secret123".utf8)) }
        #expect(throws: JOSEError.self) { try HMACKey(secret: Array(repeating: 1, count: 32), algorithm: .hs384) }
    }
}
