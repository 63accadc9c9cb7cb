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
    case invalidSeconds(option: String, value: String, range: ClosedRange<Int64>)
    case invalidLanguage(String)
    case missingToken
    case extraArgument(String)
    case missingKey
    case severalKeys
    case unknownAlgorithm(String)
    case unreadableFile(path: String, reason: String)
    case unusableKey(JOSEError)
    case invalidHexDigit(String, position: Int)
    case oddHexLength(digits: Int)
    case jwkIsKeySet(path: String)
    case pemNeedsAlgorithm

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
    /// A rejected token; `leeway` is the `--leeway` given, nil without one.
    case invalid(JOSEError, leeway: Int64? = nil)
    case unsecured(algorithm: String)
    case audienceNotGiven(audiences: [String], suggested: String)

    public var english: String {
        switch self {
        case .decodeUsage:
            """
            usage: tokenlab decode TOKEN
                   tokenlab decode -          (read the token from standard input)

            Shows a JWT's header, payload and signature, each segment's bytes,
            and the time claims as dates. Nothing is verified.

            options:
              --now SECONDS   the time to show exp, nbf and iat against (Unix seconds
                              from 0 to 253402300799; default: the system clock)
              --lang L        message language: en or ko (default: from LANG)
              --no-color      plain text
            """
        case .verifyUsage:
            """
            usage: tokenlab verify TOKEN KEY [options]
                   tokenlab verify - KEY [options]   (read the token from standard input)

            Checks the signature with one key and its one algorithm, then the
            claims. Exit status: 0 valid, 1 invalid, 2 usage error. The command
            line, key included, is checked before the token: when both are wrong,
            the usage error (exit 2) is reported, and the token's error shows once
            the command line is fixed.

            KEY, exactly one of:
              --secret TEXT       an HMAC secret: the UTF-8 bytes of TEXT
              --secret-hex HEX    an HMAC secret written in hex, two digits a byte,
                                  as the REPL banner prints its demo secret
              --secret-file FILE  an HMAC secret: the file's raw bytes, without one
                                  trailing newline
              --jwk FILE          a JWK (RFC 7517); its alg, else --alg, picks the algorithm
              --jwks FILE         a JWK Set; the token's kid picks the key
              --pem FILE          a PEM public or private key; needs --alg

            options:
              --alg ALG        the algorithm the key is for: HS256, HS384, HS512, RS256,
                               RS384, RS512, PS256, PS384, PS512, ES256, ES384, ES512,
                               EdDSA (default for a secret: HS256)
              --now SECONDS    the time to check exp, nbf and iat at (Unix seconds from
                               0 to 253402300799; default: the system clock)
              --leeway SECONDS allowed clock skew for exp, nbf and iat, from 0 to
                               86400 (default: 0)
              --iss ISSUER     the iss the token must carry (TokenLab's: tokenlab)
              --aud AUDIENCE   a value its aud must contain; without it a token with
                               aud is rejected (RFC 7519 section 4.1.3). TokenLab's
                               tokens need --aud tokenlab-api
              --typ TYPE       the header typ the token must carry, such as at+jwt
              --lang L         message language: en or ko (default: from LANG)
            """
        case .unknownOption(let option):
            "unknown option \(option); see --help"
        case .missingValue(let option):
            "\(option) needs a value; see --help"
        case .invalidSeconds(let option, let value, let range):
            "\(option) \(value) is not a whole number of seconds from \(range.lowerBound) to \(range.upperBound)"
        case .invalidLanguage(let value):
            "--lang \(value) is not a language of this program; use en or ko"
        case .missingToken:
            "no token given; pass it as an argument, or - to read standard input"
        case .extraArgument(let argument):
            "unexpected argument \(argument): give one token"
        case .missingKey:
            "no key given; use --secret, --secret-hex, --secret-file, --jwk, --jwks or --pem"
        case .severalKeys:
            "give one key option, not several"
        case .unknownAlgorithm(let name):
            "--alg \(name) is not supported; use HS256, HS384, HS512, RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384, ES512 or EdDSA"
        case .unreadableFile(let path, let reason):
            "cannot read \(path): \(reason)"
        case .unusableKey(let error):
            "the key cannot be used: \(error.description)"
        case .invalidHexDigit(let character, let position):
            "--secret-hex: \"\(character)\" at position \(position) is not a hex digit; use 0-9 and a-f (either case)"
        case .oddHexLength(let digits):
            "--secret-hex has \(digits) hex digits, an odd number; each byte takes two"
        case .jwkIsKeySet(let path):
            "\(path) is a JWK Set (it has a \"keys\" array); give it with --jwks instead of --jwk"
        case .pemNeedsAlgorithm:
            "a PEM key does not name its algorithm; add --alg, such as --alg RS256"
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
        case .invalid(let error, let leeway):
            "invalid: " + Self.englishReason(error, leeway: leeway)
        case .unsecured(let algorithm):
            "invalid: rejected alg \"\(algorithm)\": unsigned tokens are never accepted, in any letter case of \"none\""
        case .audienceNotGiven(let audiences, let suggested):
            "invalid: the token's aud is \(Self.quoted(audiences)) and no --aud was given, so it is rejected; if this verifier serves that audience, add --aud \(suggested)"
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
              --now SECONDS   exp, nbf, iat를 비교할 시각 (유닉스 초, 0부터
                              253402300799까지, 기본값: 시스템 시계)
              --lang L        메시지 언어: en 또는 ko (기본값: LANG 환경 변수)
              --no-color      색 없이 출력
            """
        case .verifyUsage:
            """
            사용법: tokenlab verify TOKEN KEY [옵션]
                    tokenlab verify - KEY [옵션]   (토큰을 표준 입력에서 읽음)

            키 하나와 그 키에 정해진 알고리즘 하나로 서명을 검증한 다음 클레임을
            검사합니다. 종료 코드: 0 유효, 1 무효, 2 사용법 오류.

            명령줄은 키까지 포함해 토큰보다 먼저 검사합니다. 둘 다 잘못되었으면
            사용법 오류(종료 코드 2)를 먼저 알리고, 토큰의 오류는 명령줄을 고친
            뒤에 보입니다.

            KEY는 다음 중 정확히 하나:
              --secret TEXT       HMAC 비밀 키: TEXT의 UTF-8 바이트
              --secret-hex HEX    HMAC 비밀 키를 16진수로 (바이트당 두 자리). REPL
                                  배너가 데모 비밀 키를 이 형식으로 보여 줍니다
              --secret-file FILE  HMAC 비밀 키: 파일의 바이트 그대로 (끝의 줄바꿈
                                  하나는 제외)
              --jwk FILE          JWK (RFC 7517). 알고리즘은 JWK의 alg, 없으면 --alg
              --jwks FILE         JWK Set. 토큰의 kid로 키를 고릅니다
              --pem FILE          PEM 공개 키 또는 개인 키. --alg가 필요합니다

            옵션:
              --alg ALG        키의 알고리즘: HS256, HS384, HS512, RS256, RS384, RS512,
                               PS256, PS384, PS512, ES256, ES384, ES512, EdDSA
                               (비밀 키의 기본값: HS256)
              --now SECONDS    exp, nbf, iat를 검사할 시각 (유닉스 초, 0부터
                               253402300799까지, 기본값: 시스템 시계)
              --leeway SECONDS exp, nbf, iat에 허용할 시계 오차, 0부터 86400까지
                               (기본값: 0)
              --iss ISSUER     토큰에 있어야 하는 iss (TokenLab 토큰은 tokenlab)
              --aud AUDIENCE   aud에 들어 있어야 하는 값. 주지 않으면 aud가 있는 토큰은
                               거부합니다 (RFC 7519 4.1.3절). TokenLab 토큰에는
                               --aud tokenlab-api가 필요합니다
              --typ TYPE       헤더에 있어야 하는 typ (예: at+jwt)
              --lang L         메시지 언어: en 또는 ko (기본값: LANG 환경 변수)
            """
        case .unknownOption(let option):
            "알 수 없는 옵션 \(option). --help로 옵션을 확인하세요"
        case .missingValue(let option):
            "\(option)에 값이 필요합니다. --help로 옵션을 확인하세요"
        case .invalidSeconds(let option, let value, let range):
            "\(option) 값이 잘못되었습니다: \(value). \(range.lowerBound)부터 \(range.upperBound)까지의 초 단위 정수를 주세요"
        case .invalidLanguage(let value):
            "지원하지 않는 언어입니다: \(value). en 또는 ko를 쓰세요"
        case .missingToken:
            "토큰이 없습니다. 인자로 주거나, -를 주고 표준 입력으로 보내세요"
        case .extraArgument(let argument):
            "예상하지 못한 인자 \(argument). 토큰은 하나만 주세요"
        case .missingKey:
            "키가 없습니다. --secret, --secret-hex, --secret-file, --jwk, --jwks, --pem 중 하나를 쓰세요"
        case .severalKeys:
            "키 옵션은 하나만 주세요"
        case .unknownAlgorithm(let name):
            "지원하지 않는 알고리즘입니다: \(name). HS256, HS384, HS512, RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384, ES512, EdDSA 중 하나를 쓰세요"
        case .unreadableFile(let path, let reason):
            "파일을 읽을 수 없습니다: \(path) (\(reason))"
        case .unusableKey(let error):
            "키를 쓸 수 없습니다: \(Self.koreanReason(error))"
        case .invalidHexDigit(let character, let position):
            "--secret-hex의 \(position)번째 문자(\"\(character)\")가 16진수 숫자가 아닙니다. 0-9와 a-f(대소문자 무관)만 쓰세요"
        case .oddHexLength(let digits):
            "--secret-hex의 16진수가 \(digits)자리로 홀수입니다. 한 바이트는 두 자리입니다"
        case .jwkIsKeySet(let path):
            "\(path) 파일은 JWK Set입니다 (\"keys\" 배열이 있음). --jwk 대신 --jwks로 주세요"
        case .pemNeedsAlgorithm:
            "PEM 키에는 알고리즘이 적혀 있지 않습니다. --alg RS256처럼 --alg를 주세요"
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
        case .invalid(let error, let leeway):
            "무효: " + Self.koreanReason(error, leeway: leeway)
        case .unsecured(let algorithm):
            "무효: 헤더의 alg가 \"\(algorithm)\"입니다. 대소문자와 상관없이 none이면 서명 없는 토큰이므로 절대 받지 않습니다"
        case .audienceNotGiven(let audiences, let suggested):
            "무효: 토큰의 aud는 \(Self.quoted(audiences))인데 --aud를 주지 않아 거부했습니다. 이 검증기가 그 대상을 위한 것이면 --aud \(suggested) 옵션을 추가하세요"
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
