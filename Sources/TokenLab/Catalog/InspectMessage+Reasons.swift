import JOSE

/// Rejection reasons as sentences for `decode` and `verify`.
///
/// `JOSEError.description` is English, and some cases carry free English
/// text from the JOSE library (`reason`, OpenSSL's `message`). The Korean
/// side recognises the common reasons by their case and a stable prefix and
/// writes them anew. Any other reason is quoted after a Korean label, so no
/// English sentence runs on inside a Korean one.
///
/// NOTE: the prefixes copy JOSE's wording. A reworded JOSE reason falls back
/// to the quoted form, and the Korean tests in InspectCommandTests fail.
extension InspectMessage {
    /// Returns the English reason: JOSE's own text, with the time errors
    /// also given as a duration and, when `--leeway` was given, saying so.
    static func englishReason(_ error: JOSEError, leeway: Int64?) -> String {
        let withLeeway = leeway.map { ", even with the leeway of \($0) s" } ?? ""
        switch error {
        case .expired(let expiration, let now, let expiredBy):
            return "token expired: exp \(expiration) is \(englishSeconds(expiredBy)) before now (\(now))\(withLeeway)"
        case .notYetValid(let notBefore, let now, let validIn):
            return "token not valid yet: nbf \(notBefore) is \(englishSeconds(validIn)) after now (\(now))\(withLeeway)"
        case .issuedInFuture(let issuedAt, let now, let aheadBy):
            return "token issued in the future: iat \(issuedAt) is \(englishSeconds(aheadBy)) after now (\(now))\(withLeeway)"
        default:
            return error.description
        }
    }

    /// Returns the Korean sentence for a rejection; `leeway` is the
    /// `--leeway` given, nil without one.
    static func koreanReason(_ error: JOSEError, leeway: Int64? = nil) -> String {
        let withLeeway = leeway.map { "허용 오차 \($0)초를 감안해도 " } ?? ""
        switch error {
        case .malformed(let reason):
            return koreanMalformed(reason).map { "형식이 잘못된 토큰입니다: \($0)" }
                ?? "형식이 잘못된 토큰입니다 \(libraryMessage(reason))"
        case .unsecuredToken:
            return "alg가 \"none\"인 토큰은 거부합니다. 서명 없는 토큰은 절대 받지 않습니다"
        case .algorithmNotAllowed(let found, let expected):
            return "허용되지 않는 alg입니다: \"\(found)\". 이 키는 \(expected)만 검증합니다"
        case .badSignature:
            return "서명이 헤더와 페이로드에 맞지 않습니다. 토큰이 변조되었거나 다른 키로 서명되었습니다"
        case .expired(let expiration, let now, let expiredBy):
            return "토큰이 만료되었습니다: \(withLeeway)현재 시각(\(now))이 exp(\(expiration))보다 \(koreanSeconds(expiredBy)) 늦습니다"
        case .notYetValid(let notBefore, let now, let validIn):
            return "토큰이 아직 유효하지 않습니다: \(withLeeway)nbf(\(notBefore))까지 \(koreanSeconds(validIn)) 남았습니다 (현재 시각 \(now))"
        case .issuedInFuture(let issuedAt, let now, let aheadBy):
            return "미래에 발급된 토큰입니다: \(withLeeway)iat(\(issuedAt))가 현재 시각(\(now))보다 \(koreanSeconds(aheadBy)) 뒤입니다"
        case .missingClaim(let name):
            return "필수 클레임이 없습니다: \"\(name)\""
        case .invalidClaim(let name, let reason):
            return koreanClaimReason(name: name, reason).map { "잘못된 클레임 \"\(name)\": \($0)" }
                ?? "잘못된 클레임 \"\(name)\" \(libraryMessage(reason))"
        case .invalidKey(let reason):
            return koreanKeyReason(reason).map { "잘못된 키입니다: \($0)" } ?? "잘못된 키입니다 \(libraryMessage(reason))"
        case .keyNotFound(let keyID, let algorithm):
            if let keyID {
                return "kid \"\(keyID)\", alg \(algorithm)에 맞는 키가 없습니다"
            }
            return "alg \(algorithm)에 맞는 키가 없고, 헤더에 kid도 없습니다"
        case .unsupportedCritical(let names):
            return "헤더가 지원하지 않는 확장을 crit으로 표시했습니다: \(names.map { "\"\($0)\"" }.joined(separator: ", "))"
        case .crypto(let operation, let message):
            return "OpenSSL \(operation) 실패 (OpenSSL 메시지: \"\(message)\")"
        }
    }

    /// Writes a list of claim values as JSON strings: `"a"`, or `["a", "b"]`.
    static func quoted(_ values: [String]) -> String {
        let items = values.map { "\"\($0)\"" }
        return items.count == 1 ? items[0] : "[" + items.joined(separator: ", ") + "]"
    }

    // MARK: - Free-text reasons of the JOSE library

    private static func koreanMalformed(_ reason: String) -> String? {
        if reason == "the token is empty" {
            return "토큰이 비어 있습니다"
        }
        if reason == "the header has no \"alg\" string" {
            return "헤더에 \"alg\" 문자열이 없습니다"
        }
        if let values = captures(reason, "the token is ", " bytes, over the limit of ", "") {
            return "토큰이 \(values[0])바이트로, 한도 \(values[1])바이트를 넘습니다"
        }
        if let values = captures(reason, "a compact JWS has 3 segments separated by \".\", this token has ", "") {
            return "compact JWS는 \".\"로 나뉜 세그먼트 3개여야 하는데, 이 토큰은 \(values[0])개입니다"
        }
        if let values = captures(reason, "", " segment: ", ""), let segment = koreanSegment(values[0]),
            let problem = koreanBase64URL(values[1])
        {
            return "\(segment) 세그먼트: \(problem)"
        }
        return nil
    }

    private static func koreanBase64URL(_ reason: String) -> String? {
        if let values = captures(reason, "base64url length ", " is impossible (1 more than a multiple of 4)") {
            return "base64url 길이가 \(values[0])자인데, 4의 배수보다 1 큰 길이는 나올 수 없습니다"
        }
        if let values = captures(reason, "padding \"=\" at offset ", " is not allowed in unpadded base64url") {
            return "오프셋 \(values[0])에 패딩 \"=\"가 있습니다. JWS의 base64url은 패딩을 쓰지 않습니다"
        }
        if let values = captures(reason, "character ", " at offset ", " is not allowed in unpadded base64url") {
            return "오프셋 \(values[1])에 base64url이 아닌 문자가 있습니다: \(values[0])"
        }
        if reason == "base64url ends with non-zero unused bits (not the canonical encoding)" {
            return "base64url 끝의 남는 비트가 0이 아닙니다 (정규 인코딩이 아님)"
        }
        return nil
    }

    private static func koreanClaimReason(name: String, _ reason: String) -> String? {
        if let values = captures(reason, "the token is for [", "] and this verifier expects no audience; set the expected audience") {
            return "토큰의 대상은 [\(values[0])]인데 이 검증기는 대상을 정하지 않았습니다. 기대하는 대상을 지정하세요"
        }
        if name == "typ", let values = captures(reason, "expected ", ", found none") {
            return "기대한 값은 \(values[0])인데 헤더에 typ이 없습니다"
        }
        if let values = captures(reason, "expected ", ", found ", "") {
            let place = name == "typ" ? "헤더" : "토큰"
            return "기대한 값은 \(values[0])인데 \(place)의 값은 \(values[1])입니다"
        }
        if let values = captures(reason, "must be a string, found a ", "") {
            return "문자열이어야 하는데 \(koreanType(values[0]))입니다"
        }
        if let values = captures(reason, "must be a string or an array of strings, found a ", "") {
            return "문자열이나 문자열 배열이어야 하는데 \(koreanType(values[0]))입니다"
        }
        if reason == "every entry of the array must be a string" {
            return "배열의 항목은 모두 문자열이어야 합니다"
        }
        if let values = captures(reason, "a NumericDate must be a JSON number, found a ", "") {
            return "NumericDate는 JSON 숫자여야 하는데 \(koreanType(values[0]))입니다"
        }
        if let values = captures(reason, "", " is not a NumericDate between ", " and ", "") {
            return "NumericDate 범위(\(values[1])부터 \(values[2])까지)를 벗어난 값입니다: \(values[0])"
        }
        return nil
    }

    private static func koreanKeyReason(_ reason: String) -> String? {
        if let values = captures(reason, "", " needs a secret of at least ", " bytes, got ", "; use ", " random bytes") {
            return "\(values[0])에는 \(values[1])바이트 이상의 비밀 키가 필요한데 \(values[2])바이트입니다. 무작위 바이트 \(values[3])개를 쓰세요"
        }
        if reason == "the JWK has no \"kty\" string (RFC 7517 section 4.1)" {
            return "JWK에 \"kty\" 문자열이 없습니다 (RFC 7517 4.1절)"
        }
        if reason == "a JWK Set needs a \"keys\" array (RFC 7517 section 5.1)" {
            return "JWK Set에는 \"keys\" 배열이 있어야 합니다 (RFC 7517 5.1절)"
        }
        if reason == "the HMAC key is empty" {
            return "HMAC 키가 비어 있습니다"
        }
        return nil
    }

    /// Quotes a reason no Korean sentence covers, after a Korean label.
    private static func libraryMessage(_ reason: String) -> String {
        "(라이브러리 메시지: \"\(reason)\")"
    }

    private static func koreanSegment(_ name: String) -> String? {
        switch name {
        case "header": "헤더"
        case "payload": "페이로드"
        case "signature": "서명"
        default: nil
        }
    }

    /// Translates `JSONValue.typeName`.
    private static func koreanType(_ name: String) -> String {
        switch name {
        case "string": "문자열"
        case "number": "숫자"
        case "boolean": "불리언"
        case "array": "배열"
        case "object": "객체"
        default: name
        }
    }

    private static func englishSeconds(_ seconds: Int64) -> String {
        seconds >= 60 ? "\(seconds) s (\(TimeFormat.duration(seconds)))" : "\(seconds) s"
    }

    private static func koreanSeconds(_ seconds: Int64) -> String {
        seconds >= 60 ? "\(seconds)초(\(TimeFormat.duration(seconds, in: .korean)))" : "\(seconds)초"
    }

    /// Returns the texts between the literal `pieces` of `text`, or nil when
    /// `text` does not have that shape. An empty last piece takes the rest.
    /// Each text ends at the first occurrence of the piece after it.
    static func captures(_ text: String, _ pieces: String...) -> [String]? {
        guard let first = pieces.first, text.hasPrefix(first) else { return nil }
        var rest = text.dropFirst(first.count)
        var values: [String] = []
        for piece in pieces.dropFirst() {
            if piece.isEmpty {
                values.append(String(rest))
                rest = ""
                continue
            }
            guard let range = rest.range(of: piece) else { return nil }
            values.append(String(rest[..<range.lowerBound]))
            rest = rest[range.upperBound...]
        }
        return rest.isEmpty ? values : nil
    }
}
