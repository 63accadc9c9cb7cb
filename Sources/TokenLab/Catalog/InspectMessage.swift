import JOSE

/// Every text `tokenlab decode` and `tokenlab verify` print, as a value.
///
/// Kept apart from `Message` so the inspection commands can grow without
/// touching the REPL's catalog. Each language is one exhaustive `switch`,
/// so the compiler refuses a message that lacks a translation.
public enum InspectMessage: Sendable {
    case decodeUsage
    case verifyUsage

    // Usage errors (exit status 2)
    case unknownOption(String)
    case missingValue(option: String)
    case invalidNumber(option: String, value: String)
    case invalidLanguage(String)
    case missingToken
    case extraArgument(String)
    case missingKey
    case severalKeys
    case unknownAlgorithm(String)
    case unreadableFile(path: String, reason: String)
    case unusableKey(JOSEError)

    // Decoding
    case decodeSummary(characters: Int)
    case header
    case payload
    case signature
    case segmentBytes(characters: Int, bytes: Int)
    case signatureBytes(characters: Int, bytes: Int, algorithm: String)
    case timeClaim(name: String, seconds: Int64, date: String)
    case notVerified
    case undecodable(JOSEError)

    // Verification
    case valid(algorithm: String, keyID: String?)
    case checkedAt(now: Int64, date: String, leeway: Int64)
    case claims
    case invalid(JOSEError)

    public var english: String {
        switch self {
        case .decodeUsage:
            """
            usage: tokenlab decode TOKEN
                   tokenlab decode -          (read the token from standard input)

            Shows a JWT's header, payload and signature, each segment's bytes,
            and the time claims as dates. Nothing is verified.

            options:
              --now SECONDS   the time to show exp, nbf and iat against (Unix seconds;
                              default: the system clock)
              --lang L        message language: en or ko (default: from LANG)
              --no-color      plain text
            """
        case .verifyUsage:
            """
            usage: tokenlab verify TOKEN KEY [options]
                   tokenlab verify - KEY [options]   (read the token from standard input)

            Checks the signature with one key and its one algorithm, then the
            claims. Exit status: 0 valid, 1 invalid, 2 usage error.

            KEY, exactly one of:
              --secret TEXT       an HMAC secret given as text (UTF-8)
              --secret-file FILE  an HMAC secret: the file's bytes, without one
                                  trailing newline
              --jwk FILE          a JWK (RFC 7517); its alg, else --alg, picks the algorithm
              --jwks FILE         a JWK Set; the token's kid picks the key
              --pem FILE          a PEM public or private key; needs --alg

            options:
              --alg ALG        the algorithm the key is for: HS256, HS384, HS512, RS256,
                               RS384, RS512, PS256, PS384, PS512, ES256, ES384, ES512,
                               EdDSA (default for a secret: HS256)
              --now SECONDS    the time to check exp, nbf and iat at (Unix seconds;
                               default: the system clock)
              --leeway SECONDS allowed clock skew for exp, nbf and iat (default: 0)
              --iss ISSUER     the iss the token must carry
              --aud AUDIENCE   a value its aud must contain; without it a token with
                               aud is rejected (RFC 7519 section 4.1.3)
              --typ TYPE       the header typ the token must carry, such as at+jwt
              --lang L         message language: en or ko (default: from LANG)
            """
        case .unknownOption(let option):
            "unknown option \(option); see --help"
        case .missingValue(let option):
            "\(option) needs a value; see --help"
        case .invalidNumber(let option, let value):
            "\(option) \(value) is not a whole number of seconds"
        case .invalidLanguage(let value):
            "--lang \(value) is not a language of this program; use en or ko"
        case .missingToken:
            "no token given; pass it as an argument, or - to read standard input"
        case .extraArgument(let argument):
            "unexpected argument \(argument): give one token"
        case .missingKey:
            "no key given; use --secret, --secret-file, --jwk, --jwks or --pem"
        case .severalKeys:
            "give one key option, not several"
        case .unknownAlgorithm(let name):
            "--alg \(name) is not supported; use HS256, HS384, HS512, RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384, ES512 or EdDSA"
        case .unreadableFile(let path, let reason):
            "cannot read \(path): \(reason)"
        case .unusableKey(let error):
            "the key cannot be used: \(error.description)"
        case .decodeSummary(let characters):
            "JWT, \(characters) characters, decoded only: NOT verified"
        case .header:
            "header"
        case .payload:
            "payload"
        case .signature:
            "signature"
        case .segmentBytes(let characters, let bytes):
            "base64url, \(characters) characters → \(bytes) bytes:"
        case .signatureBytes(let characters, let bytes, let algorithm):
            "base64url, \(characters) characters → \(bytes) bytes, labelled \(algorithm):"
        case .timeClaim(let name, let seconds, let date):
            "\(name) \(seconds) = \(date)"
        case .notVerified:
            "Not verified: anyone can write these bytes. Check the signature and claims with `tokenlab verify` and the key."
        case .undecodable(let error):
            "not a readable JWT: \(error.description)"
        case .valid(let algorithm, let keyID):
            "valid: the \(algorithm) signature matches\(keyID.map { " (kid \"\($0)\")" } ?? ""), and the claims pass"
        case .checkedAt(let now, let date, let leeway):
            "checked at \(now) (\(date)) with a leeway of \(leeway) s"
        case .claims:
            "claims"
        case .invalid(let error):
            "invalid: \(error.description)"
        }
    }

    public var korean: String {
        switch self {
        case .decodeUsage:
            """
            사용법: tokenlab decode TOKEN
                    tokenlab decode -          (토큰을 표준 입력에서 읽음)

            JWT의 헤더, 페이로드, 서명과 각 세그먼트의 바이트를 보여 주고,
            시간 클레임을 날짜로 풀어 줍니다. 아무것도 검증하지 않습니다.

            옵션:
              --now SECONDS   exp, nbf, iat를 비교할 시각 (유닉스 초, 기본값: 시스템 시계)
              --lang L        메시지 언어: en 또는 ko (기본값: LANG 환경 변수)
              --no-color      색 없이 출력
            """
        case .verifyUsage:
            """
            사용법: tokenlab verify TOKEN KEY [옵션]
                    tokenlab verify - KEY [옵션]   (토큰을 표준 입력에서 읽음)

            키 하나와 그 키에 정해진 알고리즘 하나로 서명을 검증한 다음 클레임을
            검사합니다. 종료 코드: 0 유효, 1 무효, 2 사용법 오류.

            KEY는 다음 중 정확히 하나:
              --secret TEXT       HMAC 비밀 키 (UTF-8 텍스트)
              --secret-file FILE  HMAC 비밀 키: 파일의 바이트 (끝의 줄바꿈 하나는 제외)
              --jwk FILE          JWK (RFC 7517). 알고리즘은 JWK의 alg, 없으면 --alg
              --jwks FILE         JWK Set. 토큰의 kid로 키를 고릅니다
              --pem FILE          PEM 공개 키 또는 개인 키. --alg가 필요합니다

            옵션:
              --alg ALG        키의 알고리즘: HS256, HS384, HS512, RS256, RS384, RS512,
                               PS256, PS384, PS512, ES256, ES384, ES512, EdDSA
                               (비밀 키의 기본값: HS256)
              --now SECONDS    exp, nbf, iat를 검사할 시각 (유닉스 초, 기본값: 시스템 시계)
              --leeway SECONDS exp, nbf, iat에 허용할 시계 오차 (기본값: 0)
              --iss ISSUER     토큰에 있어야 하는 iss
              --aud AUDIENCE   aud에 들어 있어야 하는 값. 주지 않으면 aud가 있는 토큰은
                               거부합니다 (RFC 7519 4.1.3절)
              --typ TYPE       헤더에 있어야 하는 typ (예: at+jwt)
              --lang L         메시지 언어: en 또는 ko (기본값: LANG 환경 변수)
            """
        case .unknownOption(let option):
            "알 수 없는 옵션 \(option). --help로 옵션을 확인하세요"
        case .missingValue(let option):
            "\(option)에 값이 필요합니다. --help로 옵션을 확인하세요"
        case .invalidNumber(let option, let value):
            "\(option)의 값이 초 단위 정수가 아닙니다: \(value)"
        case .invalidLanguage(let value):
            "지원하지 않는 언어입니다: \(value). en 또는 ko를 쓰세요"
        case .missingToken:
            "토큰이 없습니다. 인자로 주거나, -를 주고 표준 입력으로 보내세요"
        case .extraArgument(let argument):
            "예상하지 못한 인자 \(argument). 토큰은 하나만 주세요"
        case .missingKey:
            "키가 없습니다. --secret, --secret-file, --jwk, --jwks, --pem 중 하나를 쓰세요"
        case .severalKeys:
            "키 옵션은 하나만 주세요"
        case .unknownAlgorithm(let name):
            "지원하지 않는 알고리즘입니다: \(name). HS256, HS384, HS512, RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384, ES512, EdDSA 중 하나를 쓰세요"
        case .unreadableFile(let path, let reason):
            "파일을 읽을 수 없습니다: \(path) (\(reason))"
        case .unusableKey(let error):
            "키를 쓸 수 없습니다: \(Self.koreanReason(error))"
        case .decodeSummary(let characters):
            "JWT \(characters)자. 디코딩만 했고 검증하지 않았습니다"
        case .header:
            "헤더"
        case .payload:
            "페이로드"
        case .signature:
            "서명"
        case .segmentBytes(let characters, let bytes):
            "base64url \(characters)자 → \(bytes)바이트:"
        case .signatureBytes(let characters, let bytes, let algorithm):
            "base64url \(characters)자 → \(bytes)바이트, 헤더의 알고리즘은 \(algorithm):"
        case .timeClaim(let name, let seconds, let date):
            "\(name) \(seconds) = \(date)"
        case .notVerified:
            "검증하지 않았습니다. 이 바이트는 누구나 쓸 수 있습니다. 서명과 클레임은 키와 함께 `tokenlab verify`로 확인하세요."
        case .undecodable(let error):
            "읽을 수 있는 JWT가 아닙니다: \(Self.koreanReason(error))"
        case .valid(let algorithm, let keyID):
            "유효: \(algorithm) 서명이 일치하고\(keyID.map { " (kid \"\($0)\")" } ?? "") 클레임 검사를 통과했습니다"
        case .checkedAt(let now, let date, let leeway):
            "검사 시각 \(now) (\(date)), 허용 오차 \(leeway)초"
        case .claims:
            "클레임"
        case .invalid(let error):
            "무효: \(Self.koreanReason(error))"
        }
    }

    /// Returns the Korean sentence for a rejection. Free-text details inside some
    /// cases (`reason`, OpenSSL's `message`) come from the JOSE library in
    /// English and are shown as they are.
    static func koreanReason(_ error: JOSEError) -> String {
        switch error {
        case .malformed(let reason):
            "형식이 잘못된 토큰입니다: \(reason)"
        case .unsecuredToken:
            "alg \"none\"은 거부합니다. 서명 없는 토큰은 절대 받지 않습니다"
        case .algorithmNotAllowed(let found, let expected):
            "허용되지 않는 alg입니다: \"\(found)\". 이 키는 \(expected)만 검증합니다"
        case .badSignature:
            "서명이 헤더와 페이로드에 맞지 않습니다. 토큰이 변조되었거나 다른 키로 서명되었습니다"
        case .expired(let expiration, let now, let expiredBy):
            "토큰이 만료되었습니다: 현재 시각(\(now))이 exp(\(expiration))보다 \(expiredBy)초 늦습니다"
        case .notYetValid(let notBefore, let now, let validIn):
            "토큰이 아직 유효하지 않습니다: nbf(\(notBefore))까지 \(validIn)초 남았습니다 (현재 시각 \(now))"
        case .issuedInFuture(let issuedAt, let now, let aheadBy):
            "미래에 발급된 토큰입니다: iat(\(issuedAt))가 현재 시각(\(now))보다 \(aheadBy)초 뒤입니다"
        case .missingClaim(let name):
            "필수 클레임이 없습니다: \"\(name)\""
        case .invalidClaim(let name, let reason):
            "잘못된 클레임 \"\(name)\": \(reason)"
        case .invalidKey(let reason):
            "잘못된 키입니다: \(reason)"
        case .keyNotFound(let keyID, let algorithm):
            if let keyID {
                "kid \"\(keyID)\", alg \(algorithm)에 맞는 키가 없습니다"
            } else {
                "alg \(algorithm)에 맞는 키가 없고, 헤더에 kid도 없습니다"
            }
        case .unsupportedCritical(let names):
            "헤더가 지원하지 않는 확장을 crit으로 표시했습니다: \(names.map { "\"\($0)\"" }.joined(separator: ", "))"
        case .crypto(let operation, let message):
            "OpenSSL \(operation) 실패: \(message)"
        }
    }
}

extension Language {
    /// Picks the text of `message` in this language.
    func callAsFunction(_ message: InspectMessage) -> String {
        switch self {
        case .english: message.english
        case .korean: message.korean
        }
    }
}
