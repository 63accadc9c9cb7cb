import Foundation
import JOSE
import Testing

@testable import TokenLab

/// Runs `tokenlab decode` and `tokenlab verify` as a user would.
@Suite("tokenlab decode and verify")
struct InspectCommandTests {
    /// RFC 7515 appendix A.1: an HS256 token and its key, exp 1300819380.
    static let rfcToken =
        "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9"
        + ".eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ"
        + ".dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
    static let rfcJWK =
        "{\"kty\":\"oct\",\"alg\":\"HS256\",\"k\":\"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow\"}"

    static func run(_ arguments: [String], input: String = "", language: String = "en") throws -> (
        status: Int32, output: String, error: String
    ) {
        try ExecutableTests.run(arguments + ["--lang", language], input: input)
    }

    /// Writes `contents` to a fresh file and returns its path; the caller
    /// removes it with `remove`.
    static func file(_ contents: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tokenlab-inspect-\(UUID().uuidString)").path
        try contents.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func remove(_ paths: String...) {
        for path in paths { try? FileManager.default.removeItem(atPath: path) }
    }

    @Test("decode shows every segment and says it did not verify")
    func decode() throws {
        let result = try Self.run(["decode", Self.rfcToken, "--now", "1300819000"])
        #expect(result.status == 0)
        #expect(result.output.contains("decoded only: NOT verified"))
        #expect(result.output.contains("{\"typ\":\"JWT\",\\r\\n \"alg\":\"HS256\"}"))
        #expect(result.output.contains("0000  74 18 df b4 97 99 e0 25"))
        #expect(result.output.contains("exp 1300819380 = 2011-03-22 18:43:00 UTC · 6m 20s left"))
        #expect(result.output.contains("Not verified: anyone can write these bytes."))
    }

    @Test("decode reads standard input and speaks Korean")
    func decodeStandardInput() throws {
        let result = try Self.run(["decode", "-", "--now", "1300819000"], input: Self.rfcToken + "\n", language: "ko")
        #expect(result.status == 0)
        #expect(result.output.contains("디코딩만 했고 검증하지 않았습니다"))
        #expect(result.output.contains("페이로드"))
    }

    @Test("decode of a malformed token exits 1 with the reason")
    func decodeMalformed() throws {
        let result = try Self.run(["decode", "a.b.c.d"])
        #expect(result.status == 1)
        #expect(result.output == "not a readable JWT: malformed token: a compact JWS has 3 segments separated by \".\", this token has 4\n")
    }

    @Test("verify prints the claims of a valid token")
    func verifyValid() throws {
        let jwk = try Self.file(Self.rfcJWK)
        defer { Self.remove(jwk) }
        let result = try Self.run(["verify", Self.rfcToken, "--jwk", jwk, "--now", "1300819000", "--iss", "joe"])
        #expect(result.status == 0)
        #expect(result.output.hasPrefix("valid: the HS256 signature matches, and the claims pass\n"))
        #expect(result.output.contains("\"iss\" : \"joe\""))
    }

    @Test("verify of an expired token exits 1 and says by how much")
    func verifyExpired() throws {
        let jwk = try Self.file(Self.rfcJWK)
        defer { Self.remove(jwk) }
        let english = try Self.run(["verify", Self.rfcToken, "--jwk", jwk, "--now", "1300819440"])
        #expect(english.status == 1)
        #expect(english.output == "invalid: token expired: exp 1300819380 is 60 s before now (1300819440)\n")

        let korean = try Self.run(["verify", Self.rfcToken, "--jwk", jwk, "--now", "1300819440"], language: "ko")
        #expect(korean.status == 1)
        #expect(korean.output == "무효: 토큰이 만료되었습니다: 현재 시각(1300819440)이 exp(1300819380)보다 60초 늦습니다\n")
    }

    @Test("leeway accepts a token expired within it")
    func verifyLeeway() throws {
        let jwk = try Self.file(Self.rfcJWK)
        defer { Self.remove(jwk) }
        let result = try Self.run(["verify", Self.rfcToken, "--jwk", jwk, "--now", "1300819440", "--leeway", "61"])
        #expect(result.status == 0)
    }

    @Test("verify with the wrong secret is a bad signature")
    func verifyWrongSecret() throws {
        let secret = try Self.file(String(repeating: "s", count: 32) + "\n")
        defer { Self.remove(secret) }
        let result = try Self.run(["verify", Self.rfcToken, "--secret-file", secret, "--now", "1300819000"])
        #expect(result.status == 1)
        #expect(result.output.hasPrefix("invalid: signature does not match"))
    }

    @Test("verify picks a JWK Set key by kid and reads PEM")
    func verifyAsymmetric() throws {
        let key = try AsymmetricKey.generate(for: .es256, keyID: "k2")
        let other = try AsymmetricKey.generate(for: .es256, keyID: "k1")
        let set = JWKSet(keys: [try other.jwk(includingPrivate: false), try key.jwk(includingPrivate: false)])
        let jwks = try Self.file(String(decoding: try set.jsonBytes(), as: UTF8.self))
        defer { Self.remove(jwks) }
        let token = try JWTSigner(key: key, type: "at+jwt").sign(["exp": .integer(2_000_000_000), "sub": .string("x")])

        let viaSet = try Self.run(["verify", token, "--jwks", jwks, "--now", "1900000000", "--typ", "at+jwt"])
        #expect(viaSet.status == 0)
        #expect(viaSet.output.hasPrefix("valid: the ES256 signature matches (kid \"k2\"), and the claims pass\n"))

        let otherJWK = try Self.file(String(decoding: try other.jwk(includingPrivate: false).jsonBytes(), as: UTF8.self))
        defer { Self.remove(otherJWK) }
        let viaOther = try Self.run(["verify", token, "--jwk", otherJWK, "--now", "1900000000"])
        #expect(viaOther.status == 1)
        #expect(viaOther.output == "invalid: no key with kid \"k2\" for alg ES256\n")
    }

    @Test(
        "usage errors exit 2",
        arguments: [
            (["verify", "a.b.c"], "tokenlab verify: no key given; use --secret, --secret-file, --jwk, --jwks or --pem\n"),
            (["verify", "a.b.c", "--secret", "x", "--jwk", "y"], "tokenlab verify: give one key option, not several\n"),
            (
                ["verify", "a.b.c", "--secret", String(repeating: "x", count: 32), "--alg", "none"],
                "tokenlab verify: --alg none is not supported; use HS256, HS384, HS512, RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384, ES512 or EdDSA\n"
            ),
            (
                ["verify", "a.b.c", "--secret", "short"],
                "tokenlab verify: the key cannot be used: invalid key: HS256 needs a secret of at least 32 bytes, got 5; use 32 random bytes\n"
            ),
            (["verify", "--now", "soon"], "tokenlab verify: --now soon is not a whole number of seconds\n"),
            (["decode"], "tokenlab decode: no token given; pass it as an argument, or - to read standard input\n"),
            (["decode", "a", "b"], "tokenlab decode: unexpected argument b: give one token\n"),
        ])
    func usageErrors(arguments: [String], message: String) throws {
        let result = try Self.run(arguments)
        #expect(result.status == 2)
        #expect(result.error == message)
    }

    @Test(
        "every message has both languages",
        arguments: [
            InspectMessage.decodeUsage, .verifyUsage, .missingKey, .notVerified, .claims,
            .invalid(.unsecuredToken), .invalid(.keyNotFound(keyID: nil, algorithm: "RS256")),
            .invalid(.issuedInFuture(issuedAt: 10, now: 5, aheadBy: 5)), .undecodable(.badSignature),
        ])
    func bothLanguages(message: InspectMessage) {
        #expect(!message.english.isEmpty)
        #expect(!message.korean.isEmpty)
        #expect(message.english != message.korean)
    }
}
