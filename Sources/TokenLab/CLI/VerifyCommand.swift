import Foundation
import JOSE
import TokenServer

/// `tokenlab verify TOKEN KEY`: checks a JWT's signature with one key and
/// its one algorithm, then its claims, and prints the claims or the reason.
public enum VerifyCommand {
    /// The source of the verification key, one per key option.
    enum KeySource: Equatable {
        case secret(String)
        case secretHex(String)
        case secretFile(String)
        case jwk(String)
        case jwks(String)
        case pem(String)
    }

    struct Arguments: InspectArguments {
        var token: String?
        var keySources: [KeySource] = []
        var algorithm: String?
        var now: Int64?
        /// nil when `--leeway` was not given; the verifier then uses 0.
        var leeway: Int64?
        var issuer: String?
        var audience: String?
        var type: String?
        var language: String?
        var help = false
    }

    static func parse(_ arguments: [String]) throws(InspectUsageError) -> Arguments {
        var parsed = Arguments()
        var cursor = ArgumentCursor(arguments)
        while let argument = cursor.next() {
            switch argument {
            case "--secret": parsed.keySources.append(.secret(try InspectInput.value(&cursor, for: argument)))
            case "--secret-hex": parsed.keySources.append(.secretHex(try InspectInput.value(&cursor, for: argument)))
            case "--secret-file": parsed.keySources.append(.secretFile(try InspectInput.value(&cursor, for: argument)))
            case "--jwk": parsed.keySources.append(.jwk(try InspectInput.value(&cursor, for: argument)))
            case "--jwks": parsed.keySources.append(.jwks(try InspectInput.value(&cursor, for: argument)))
            case "--pem": parsed.keySources.append(.pem(try InspectInput.value(&cursor, for: argument)))
            case "--alg": parsed.algorithm = try InspectInput.value(&cursor, for: argument)
            case "--now":
                parsed.now = try InspectInput.seconds(
                    try InspectInput.value(&cursor, for: argument), option: argument, range: InspectInput.nowRange)
            case "--leeway":
                parsed.leeway = try InspectInput.seconds(
                    try InspectInput.value(&cursor, for: argument), option: argument, range: InspectInput.leewayRange)
            case "--iss": parsed.issuer = try InspectInput.value(&cursor, for: argument)
            case "--aud": parsed.audience = try InspectInput.value(&cursor, for: argument)
            case "--typ": parsed.type = try InspectInput.value(&cursor, for: argument)
            case "--lang": parsed.language = try InspectInput.value(&cursor, for: argument)
            case "--help", "-h": parsed.help = true
            default:
                try InspectInput.takeToken(argument, into: &parsed.token)
            }
        }
        return parsed
    }

    /// Verifies and returns the exit status: 0 when the token is valid,
    /// 1 when it is not, 2 for a usage error or an unusable key.
    ///
    /// The whole command line, key included, is checked before the token is
    /// read. So a usage error (exit 2) is reported even when the token is
    /// also bad, and the token's own error shows once the line is fixed.
    public static func main(arguments: [String], environment: [String: String]) -> Int32 {
        let parsed: Arguments
        let language: Language
        switch InspectInput.start(
            command: "verify", arguments: arguments, environment: environment, usage: .verifyUsage, parse: parse)
        {
        case .exit(let status):
            return status
        case .run(let arguments, let chosen):
            parsed = arguments
            language = chosen
        }

        let verifier: JWTVerifier
        let token: String
        do throws(InspectUsageError) {
            guard let argument = parsed.token else { throw InspectUsageError(.missingToken) }
            verifier = try makeVerifier(parsed)
            token = InspectInput.token(argument)
        } catch {
            InspectInput.printError(command: "verify", language(error.message))
            return 2
        }

        let now = parsed.now ?? SystemClock().now
        let jws: CompactJWS
        do {
            jws = try verifier.verify(token, now: now)
        } catch {
            InspectInput.print(language(rejection(error, token: token, leeway: parsed.leeway, audience: parsed.audience)))
            return 1
        }

        let algorithm = jws.algorithm ?? "?"
        InspectInput.print(language(.valid(algorithm: algorithm, keyID: jws.header["kid"]?.stringValue)))
        InspectInput.print(language(.checkedAt(now: now, date: TimeFormat.date(now), leeway: verifier.leeway)))
        InspectInput.print(language(.header) + "\n" + InspectInput.prettyJSON(jws.header))
        InspectInput.print(language(.claims) + "\n" + InspectInput.prettyJSON(jws.claims.members))
        return 0
    }

    /// Returns the message for a rejected token. Two rejections read the
    /// token again for what the error does not carry: the `alg` as written,
    /// because `unsecuredToken` has no value, and the token's `aud` values,
    /// which the fix for a missing `--aud` names.
    static func rejection(_ error: JOSEError, token: String, leeway: Int64?, audience: String?) -> InspectMessage {
        let jws = try? CompactJWS(parsing: token)
        switch error {
        case .unsecuredToken:
            return .unsecured(algorithm: jws?.algorithm ?? "none")
        case .invalidClaim(name: "aud", _) where audience == nil:
            if let audiences = (try? jws?.claims.audiences()) ?? nil, let first = audiences.first {
                return .audienceNotGiven(audiences: audiences, suggested: first)
            }
            return .invalid(error, leeway: leeway)
        default:
            return .invalid(error, leeway: leeway)
        }
    }

    static func makeVerifier(_ parsed: Arguments) throws(InspectUsageError) -> JWTVerifier {
        var algorithm: JWSAlgorithm?
        if let name = parsed.algorithm {
            guard let known = JWSAlgorithm(rawValue: name) else {
                throw InspectUsageError(.unknownAlgorithm(name))
            }
            algorithm = known
        }
        guard let source = parsed.keySources.first else { throw InspectUsageError(.missingKey) }
        guard parsed.keySources.count == 1 else { throw InspectUsageError(.severalKeys) }

        let keys: [any JWSVerificationKey]
        do {
            keys = try loadKeys(source, algorithm: algorithm)
        } catch let error as InspectUsageError {
            throw error
        } catch let error as JOSEError {
            throw InspectUsageError(.unusableKey(error))
        } catch {
            throw InspectUsageError(.unusableKey(.invalidKey(reason: String(describing: error))))
        }

        let rules = ClaimRules(leeway: parsed.leeway ?? 0, issuer: parsed.issuer, audience: parsed.audience)
        return JWTVerifier(keys: keys, rules: rules, requiredType: parsed.type)
    }

    private static func loadKeys(_ source: KeySource, algorithm: JWSAlgorithm?) throws -> [any JWSVerificationKey] {
        switch source {
        case .secret(let text):
            return [try HMACKey(secret: Array(text.utf8), algorithm: algorithm ?? .hs256)]
        case .secretHex(let digits):
            return [try HMACKey(secret: try hexBytes(digits), algorithm: algorithm ?? .hs256)]
        case .secretFile(let path):
            var bytes = try InspectInput.readFile(path)
            // Files written with `echo` end in a newline that is not part of
            // the secret; one LF or CRLF is dropped, nothing else.
            if bytes.last == 0x0A { bytes.removeLast() }
            if bytes.last == 0x0D { bytes.removeLast() }
            return [try HMACKey(secret: bytes, algorithm: algorithm ?? .hs256)]
        case .jwk(let path):
            let bytes = try InspectInput.readFile(path)
            if isKeySet(bytes) { throw InspectUsageError(.jwkIsKeySet(path: path)) }
            let jwk = try JWK(json: bytes)
            if jwk.keyType == "oct" {
                return [try HMACKey(jwk: jwk, algorithm: algorithm)]
            }
            return [try AsymmetricKey(jwk: jwk, algorithm: algorithm)]
        case .jwks(let path):
            return try JWKSet(json: try InspectInput.readFile(path)).verificationKeys(algorithm: algorithm)
        case .pem(let path):
            guard let algorithm else { throw InspectUsageError(.pemNeedsAlgorithm) }
            let pem = String(decoding: try InspectInput.readFile(path), as: UTF8.self)
            return [try AsymmetricKey(pem: pem, algorithm: algorithm)]
        }
    }

    /// Returns the bytes that hex digits spell, two digits a byte, in
    /// either letter case, as the REPL banner prints its secret.
    static func hexBytes(_ digits: String) throws(InspectUsageError) -> [UInt8] {
        var bytes: [UInt8] = []
        var high: UInt8?
        for (index, character) in digits.enumerated() {
            guard let nibble = character.hexDigitValue.map(UInt8.init), character.isASCII else {
                throw InspectUsageError(.invalidHexDigit(String(character), position: index + 1))
            }
            if let value = high {
                bytes.append(value << 4 | nibble)
                high = nil
            } else {
                high = nibble
            }
        }
        guard high == nil else { throw InspectUsageError(.oddHexLength(digits: digits.count)) }
        return bytes
    }

    /// Tells whether `bytes` are a JSON object with a `keys` array, the
    /// shape of a JWK Set (RFC 7517 section 5).
    private static func isKeySet(_ bytes: [UInt8]) -> Bool {
        let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any]
        return object?["keys"] is [Any]
    }
}
