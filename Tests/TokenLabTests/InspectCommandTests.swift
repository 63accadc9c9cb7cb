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
        #expect(
            result.output == "not a readable JWT: malformed token: a compact JWS has 3 segments separated by\n  \".\", this token has 4\n")
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
        #expect(english.output == "invalid: token expired: exp 1300819380 is 60 s (1m 0s) before now (1300819440)\n")

        let korean = try Self.run(["verify", Self.rfcToken, "--jwk", jwk, "--now", "1300819440"], language: "ko")
        #expect(korean.status == 1)
        #expect(korean.output == "무효: 토큰이 만료되었습니다: 현재 시각(1300819440)이 exp(1300819380)보다\n  60초(1분 0초) 늦습니다\n")
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
            (
                ["verify", "a.b.c"],
                "tokenlab verify: no key given; use --secret, --secret-hex, --secret-file, --jwk,\n  --jwks or --pem\n"
            ),
            (["verify", "a.b.c", "--secret", "x", "--jwk", "y"], "tokenlab verify: give one key option, not several\n"),
            (
                ["verify", "a.b.c", "--secret", String(repeating: "x", count: 32), "--alg", "none"],
                "tokenlab verify: --alg none is not supported; use HS256, HS384, HS512, RS256,\n  RS384, RS512, PS256, PS384, PS512, ES256, ES384, ES512 or EdDSA\n"
            ),
            (
                ["verify", "a.b.c", "--secret", "short"],
                "tokenlab verify: the key cannot be used: invalid key: HS256 needs a secret of at\n  least 32 bytes, got 5; use 32 random bytes\n"
            ),
            (
                ["verify", "--now", "soon"],
                "tokenlab verify: --now soon is not a whole number of seconds from 0 to\n  253402300799\n"
            ),
            (["decode"], "tokenlab decode: no token given; pass it as an argument, or - to read standard\n  input\n"),
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

    // MARK: - Findings of the new-user trial

    /// The demo secret as the REPL banner prints it: 32 bytes in hex.
    static let demoSecretHex = "000102030405060708090a0b0c0d0e0f101112131415161718191A1B1C1D1E1F"

    /// Signs a token shaped like TokenLab's with the `demoSecretHex` secret.
    static func tokenLabToken(expiration: Int64 = 2_000_000_000) throws -> String {
        let secret = (0..<32).map { UInt8($0) }
        let key = try HMACKey(secret: secret, algorithm: .hs256)
        return try JWTSigner(key: key).sign([
            "iss": .string("tokenlab"), "aud": .string("tokenlab-api"), "sub": .string("1234567890"),
            "iat": .integer(expiration - 900), "exp": .integer(expiration),
        ])
    }

    @Test(
        "leeway and now reject values out of range",
        arguments: [
            (["--leeway", "-1"], "tokenlab verify: --leeway -1 is not a whole number of seconds from 0 to 86400\n"),
            (["--leeway", "ten"], "tokenlab verify: --leeway ten is not a whole number of seconds from 0 to 86400\n"),
            (["--leeway", "86401"], "tokenlab verify: --leeway 86401 is not a whole number of seconds from 0 to 86400\n"),
            (
                ["--now=-5"],
                "tokenlab verify: --now -5 is not a whole number of seconds from 0 to\n  253402300799\n"
            ),
        ])
    func secondsOutOfRange(options: [String], message: String) throws {
        let result = try Self.run(["verify", Self.rfcToken, "--secret-hex", Self.demoSecretHex] + options)
        #expect(result.status == 2)
        #expect(result.error == message)
        #expect(result.output.isEmpty)
    }

    @Test("leeway at the edges of its range is accepted")
    func leewayEdges() throws {
        let token = try Self.tokenLabToken()
        for leeway in ["0", "86400"] {
            let result = try Self.run(
                ["verify", token, "--secret-hex", Self.demoSecretHex, "--aud", "tokenlab-api", "--now", "1999999500", "--leeway", leeway])
            #expect(result.status == 0, "--leeway \(leeway)")
            #expect(result.output.contains("with a leeway of \(leeway) s"))
        }
    }

    @Test(
        "--lang anywhere sets the language of usage errors",
        arguments: [
            (["verify", "--lang", "ko", "T", "--secret-file", "s", "--bogus"], "tokenlab verify: 알 수 없는 옵션 --bogus. --help로 옵션을 확인하세요\n"),
            (
                ["verify", "T", "--now", "abc", "--lang=ko"],
                "tokenlab verify: --now 값이 잘못되었습니다: abc. 0부터 253402300799까지의 초\n  단위 정수를 주세요\n"
            ),
            (["decode", "--lang", "ko", "T", "x"], "tokenlab decode: 예상하지 못한 인자 x. 토큰은 하나만 주세요\n"),
            (["decode", "--lang", "xx", "T", "x"], "tokenlab decode: unexpected argument x: give one token\n"),
        ])
    func languageBeforeErrors(arguments: [String], message: String) throws {
        let result = try ExecutableTests.run(arguments, input: "")
        #expect(result.status == 2)
        #expect(result.error == message)
    }

    @Test("LANG sets the language when --lang is absent")
    func languageFromEnvironment() throws {
        let result = try ExecutableTests.run(["decode", "T", "x"], input: "", environment: ["LANG": "ko_KR.UTF-8"])
        #expect(result.status == 2)
        #expect(result.error == "tokenlab decode: 예상하지 못한 인자 x. 토큰은 하나만 주세요\n")
    }

    @Test("secret-hex verifies the banner's secret in either case")
    func secretHex() throws {
        let token = try Self.tokenLabToken()
        for digits in [Self.demoSecretHex, Self.demoSecretHex.uppercased(), Self.demoSecretHex.lowercased()] {
            let result = try Self.run([
                "verify", token, "--secret-hex", digits, "--aud", "tokenlab-api", "--iss", "tokenlab", "--now", "1999999500",
            ])
            #expect(result.status == 0, "\(digits)")
            #expect(result.output.hasPrefix("valid: the HS256 signature matches, and the claims pass\n"))
        }
    }

    @Test(
        "secret-hex rejects bad digits and odd length",
        arguments: [
            (
                ["--secret-hex", "00zz"],
                "tokenlab verify: --secret-hex: \"z\" at position 3 is not a hex digit; use 0-9 and\n  a-f (either case)\n"
            ),
            (["--secret-hex", "abc"], "tokenlab verify: --secret-hex has 3 hex digits, an odd number; each byte takes\n  two\n"),
            (["--secret-hex", "ab", "--secret", "x"], "tokenlab verify: give one key option, not several\n"),
            (["--secret-file", "f", "--secret-hex", "ab"], "tokenlab verify: give one key option, not several\n"),
        ])
    func secretHexErrors(options: [String], message: String) throws {
        let result = try Self.run(["verify", Self.rfcToken] + options)
        #expect(result.status == 2)
        #expect(result.error == message)
    }

    @Test("secret-hex errors in Korean")
    func secretHexKorean() throws {
        let bad = try Self.run(["verify", Self.rfcToken, "--secret-hex", "0x12"], language: "ko")
        #expect(bad.status == 2)
        #expect(bad.error == "tokenlab verify: --secret-hex의 2번째 문자(\"x\")가 16진수 숫자가 아닙니다. 0-9와\n  a-f(대소문자 무관)만 쓰세요\n")
        let odd = try Self.run(["verify", Self.rfcToken, "--secret-hex", "123"], language: "ko")
        #expect(odd.error == "tokenlab verify: --secret-hex의 16진수가 3자리로 홀수입니다. 한 바이트는 두\n  자리입니다\n")
    }

    @Test("help says what each secret option takes")
    func verifyHelpKeys() throws {
        let result = try Self.run(["verify", "--help"])
        #expect(result.status == 0)
        #expect(result.output.contains("--secret TEXT       an HMAC secret: the UTF-8 bytes of TEXT"))
        #expect(result.output.contains("--secret-hex HEX    an HMAC secret written in hex"))
        #expect(result.output.contains("--secret-file FILE  an HMAC secret: the file's raw bytes"))
        #expect(result.output.contains("the usage error (exit 2) is reported"))
    }

    @Test("missing aud names the fix")
    func audienceFix() throws {
        let token = try Self.tokenLabToken()
        let english = try Self.run(["verify", token, "--secret-hex", Self.demoSecretHex, "--now", "1999999500"])
        #expect(english.status == 1)
        #expect(
            english.output
                == "invalid: the token's aud is \"tokenlab-api\" and no --aud was given, so it is\n  rejected; if this verifier serves that audience, add --aud tokenlab-api\n"
        )

        let korean = try Self.run(["verify", token, "--secret-hex", Self.demoSecretHex, "--now", "1999999500"], language: "ko")
        #expect(korean.status == 1)
        #expect(korean.output.contains("--aud를 주지 않아 거부했습니다"))
        #expect(korean.output.contains("--aud tokenlab-api 옵션을 추가하세요"))

        let fixed = try Self.run(["verify", token, "--secret-hex", Self.demoSecretHex, "--aud", "tokenlab-api", "--now", "1999999500"])
        #expect(fixed.status == 0)
    }

    @Test("wrong aud keeps the mismatch message")
    func audienceMismatch() throws {
        let token = try Self.tokenLabToken()
        let result = try Self.run(["verify", token, "--secret-hex", Self.demoSecretHex, "--aud", "other", "--now", "1999999500"])
        #expect(result.status == 1)
        #expect(result.output == "invalid: claim \"aud\" is invalid: expected \"other\", found [\"tokenlab-api\"]\n")
    }

    @Test("time errors give a duration and the leeway")
    func timeErrors() throws {
        let token = try Self.tokenLabToken(expiration: 1_740_820_500)
        let base = ["verify", token, "--secret-hex", Self.demoSecretHex, "--aud", "tokenlab-api"]

        let expired = try Self.run(base + ["--now", "1796426052"])
        #expect(expired.status == 1)
        #expect(expired.output == "invalid: token expired: exp 1740820500 is 55605552 s (643d 13h) before now\n  (1796426052)\n")

        let withLeeway = try Self.run(base + ["--now", "1740820600", "--leeway", "30"])
        #expect(
            withLeeway.output
                == "invalid: token expired: exp 1740820500 is 100 s (1m 40s) before now\n  (1740820600), even with the leeway of 30 s\n")

        let korean = try Self.run(base + ["--now", "1740820600", "--leeway", "30"], language: "ko")
        #expect(korean.output.contains("허용 오차 30초를 감안해도 현재 시각(1740820600)이"))
        #expect(korean.output.contains("100초(1분 40초)"))

        let future = try Self.run(base + ["--now", "1740819000"])
        #expect(future.output == "invalid: token issued in the future: iat 1740819600 is 600 s (10m 0s) after now\n  (1740819000)\n")
    }

    @Test("decode and verify lines fit 80 columns")
    func outputWidth() throws {
        let token = try Self.tokenLabToken()
        let results = [
            try Self.run(["decode", token, "--now", "1999999500"]),
            try Self.run(["decode", token, "--now", "1999999500"], language: "ko"),
            try Self.run(["verify", token, "--secret-hex", Self.demoSecretHex, "--now", "1999999500"], language: "ko"),
            try Self.run(
                ["verify", token, "--secret-hex", Self.demoSecretHex, "--aud", "tokenlab-api", "--now", "1999999500"], language: "ko"),
            try Self.run(["verify", "a.b", "--secret", "short"], language: "ko"),
        ]
        for result in results {
            for line in (result.output + result.error).split(separator: "\n") {
                #expect(TextWidth.columns(String(line)) <= 80, "\(line)")
            }
        }
        #expect(
            results[0].output.contains(
                "Not verified: anyone can write these bytes. Check the signature and claims with\n  `tokenlab verify` and the key.\n"))
    }

    @Test(
        "Korean rejections carry no English sentence",
        arguments: [
            (["--aud", "tokenlab-api", "--iss", "x"], "잘못된 클레임 \"iss\": 기대한 값은 \"x\"인데 토큰의 값은 \"tokenlab\"입니다"),
            (["--aud", "other"], "잘못된 클레임 \"aud\": 기대한 값은 \"other\"인데 토큰의 값은 [\"tokenlab-api\"]입니다"),
            (["--aud", "tokenlab-api", "--typ", "at+jwt"], "잘못된 클레임 \"typ\": 기대한 값은 \"at+jwt\"인데 헤더의 값은 \"JWT\"입니다"),
        ])
    func koreanClaims(options: [String], expected: String) throws {
        let token = try Self.tokenLabToken()
        let result = try Self.run(["verify", token, "--secret-hex", Self.demoSecretHex, "--now", "1999999500"] + options, language: "ko")
        #expect(result.status == 1)
        #expect(result.output.replacingOccurrences(of: "\n  ", with: " ").contains(expected))
    }

    @Test(
        "Korean malformed and key errors",
        arguments: [
            (["verify", "a.b.c.d", "--secret-hex", demoSecretHex], "compact JWS는 \".\"로 나뉜 세그먼트 3개여야 하는데, 이 토큰은 4개입니다"),
            (["decode", "a.b.c.d"], "compact JWS는 \".\"로 나뉜 세그먼트 3개여야 하는데, 이 토큰은 4개입니다"),
            (["decode", "eyJhbGciOiJIUzI1NiJ9.e.x"], "페이로드 세그먼트: base64url 길이가 1자인데, 4의 배수보다 1 큰 길이는 나올 수 없습니다"),
            (["decode", "eyJhbGciOiJIUzI1NiJ9.e*.x"], "페이로드 세그먼트: 오프셋 1에 base64url이 아닌 문자가 있습니다"),
            (["decode", "eyJhbGciOiJIUzI1NiJ9.eB.x"], "페이로드 세그먼트: base64url 끝의 남는 비트가 0이 아닙니다"),
            (["verify", "a.b.c", "--secret", "short"], "잘못된 키입니다: HS256에는 32바이트 이상의 비밀 키가 필요한데 5바이트입니다. 무작위 바이트 32개를 쓰세요"),
        ])
    func koreanMalformed(arguments: [String], expected: String) throws {
        let result = try Self.run(arguments, language: "ko")
        #expect(result.status != 0)
        let text = (result.output + result.error).replacingOccurrences(of: "\n  ", with: " ")
        #expect(text.contains(expected))
        #expect(!text.contains("segments"))
        #expect(!text.contains("needs a secret"))
    }

    @Test("missing kty and unknown reasons in Korean")
    func koreanKeyReasons() throws {
        let jwk = try Self.file("{\"k\":\"AAAA\"}")
        defer { Self.remove(jwk) }
        let result = try Self.run(["verify", Self.rfcToken, "--jwk", jwk], language: "ko")
        #expect(result.status == 2)
        #expect(result.error == "tokenlab verify: 키를 쓸 수 없습니다: 잘못된 키입니다: JWK에 \"kty\" 문자열이\n  없습니다 (RFC 7517 4.1절)\n")

        let unknown = InspectMessage.invalid(.malformed(reason: "something new")).korean
        #expect(unknown == "무효: 형식이 잘못된 토큰입니다 (라이브러리 메시지: \"something new\")")
        let key = InspectMessage.unusableKey(.invalidKey(reason: "another reason")).korean
        #expect(key == "키를 쓸 수 없습니다: 잘못된 키입니다 (라이브러리 메시지: \"another reason\")")
    }

    @Test("a JWK Set given to --jwk points to --jwks")
    func jwkSetToJWK() throws {
        let set = try Self.file("{\"keys\":[\(Self.rfcJWK)]}")
        defer { Self.remove(set) }
        let result = try Self.run(["verify", Self.rfcToken, "--jwk", set, "--now", "1300819000"])
        #expect(result.status == 2)
        #expect(result.error == "tokenlab verify: \(set) is a\n  JWK Set (it has a \"keys\" array); give it with --jwks instead of --jwk\n")

        let korean = try Self.run(["verify", Self.rfcToken, "--jwk", set, "--now", "1300819000"], language: "ko")
        #expect(korean.error.contains("--jwk 대신 --jwks로 주세요"))

        let viaSet = try Self.run(["verify", Self.rfcToken, "--jwks", set, "--now", "1300819000"])
        #expect(viaSet.status == 0)
    }

    @Test("alg is quoted as the token writes it")
    func unsecuredAsWritten() throws {
        // {"alg":"None"}.{"sub":"1"}. with an empty signature.
        let token = "eyJhbGciOiJOb25lIn0.eyJzdWIiOiIxIn0."
        let english = try Self.run(["verify", token, "--secret-hex", Self.demoSecretHex])
        #expect(english.status == 1)
        #expect(english.output.hasPrefix("invalid: rejected alg \"None\": unsigned tokens are never accepted"))

        let korean = try Self.run(["verify", token, "--secret-hex", Self.demoSecretHex], language: "ko")
        #expect(korean.output.hasPrefix("무효: 헤더의 alg가 \"None\"입니다."))
    }

    @Test("usage errors come before token errors")
    func usageBeforeToken() throws {
        let badKey = try Self.run(["verify", "a.b", "--secret", "short"])
        #expect(badKey.status == 2)
        #expect(badKey.output.isEmpty)
        #expect(badKey.error.hasPrefix("tokenlab verify: the key cannot be used: invalid key: HS256 needs a secret"))

        let goodKey = try Self.run(["verify", "a.b", "--secret-hex", Self.demoSecretHex])
        #expect(goodKey.status == 1)
        #expect(goodKey.error.isEmpty)
        #expect(goodKey.output.hasPrefix("invalid: malformed token: a compact JWS has 3 segments"))
    }
}
