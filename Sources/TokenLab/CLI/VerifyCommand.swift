import Foundation
import JOSE
import TokenServer

/// `tokenlab verify TOKEN KEY`: checks a JWT's signature with one key and
/// its one algorithm, then its claims, and prints the claims or the reason.
public enum VerifyCommand {
    /// The source of the verification key, one per key option.
    enum KeySource: Equatable {
        case secret(String)
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
        var leeway: Int64 = 0
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
            case "--secret-file": parsed.keySources.append(.secretFile(try InspectInput.value(&cursor, for: argument)))
            case "--jwk": parsed.keySources.append(.jwk(try InspectInput.value(&cursor, for: argument)))
            case "--jwks": parsed.keySources.append(.jwks(try InspectInput.value(&cursor, for: argument)))
            case "--pem": parsed.keySources.append(.pem(try InspectInput.value(&cursor, for: argument)))
            case "--alg": parsed.algorithm = try InspectInput.value(&cursor, for: argument)
            case "--now":
                parsed.now = try InspectInput.seconds(try InspectInput.value(&cursor, for: argument), option: argument)
            case "--leeway":
                parsed.leeway = try InspectInput.seconds(try InspectInput.value(&cursor, for: argument), option: argument)
            case "--iss": parsed.issuer = try InspectInput.value(&cursor, for: argument)
            case "--aud": parsed.audience = try InspectInput.value(&cursor, for: argument)
            case "--typ": parsed.type = try InspectInput.value(&cursor, for: argument)
            case "--lang": parsed.language = try InspectInput.value(&cursor, for: argument)
            case "--help", "-h": parsed.help = true
            default:
                guard argument == "-" || !argument.hasPrefix("-") else {
                    throw InspectUsageError(.unknownOption(argument))
                }
                guard parsed.token == nil else { throw InspectUsageError(.extraArgument(argument)) }
                parsed.token = argument
            }
        }
        return parsed
    }

    /// Verifies and returns the exit status: 0 when the token is valid,
    /// 1 when it is not, 2 for a usage error or an unusable key.
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
            Console.writeError("tokenlab verify: " + language(error.message) + "\n")
            return 2
        }

        let now = parsed.now ?? SystemClock().now
        let jws: CompactJWS
        do {
            jws = try verifier.verify(token, now: now)
        } catch {
            Console.write(language(.invalid(error)) + "\n")
            return 1
        }

        let algorithm = jws.algorithm ?? "?"
        Console.write(language(.valid(algorithm: algorithm, keyID: jws.header["kid"]?.stringValue)) + "\n")
        Console.write(language(.checkedAt(now: now, date: TimeFormat.date(now), leeway: verifier.leeway)) + "\n")
        Console.write(language(.header) + "\n" + InspectInput.prettyJSON(jws.header) + "\n")
        Console.write(language(.claims) + "\n" + InspectInput.prettyJSON(jws.claims.members) + "\n")
        return 0
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

        let rules = ClaimRules(leeway: parsed.leeway, issuer: parsed.issuer, audience: parsed.audience)
        return JWTVerifier(keys: keys, rules: rules, requiredType: parsed.type)
    }

    private static func loadKeys(_ source: KeySource, algorithm: JWSAlgorithm?) throws -> [any JWSVerificationKey] {
        switch source {
        case .secret(let text):
            return [try HMACKey(secret: Array(text.utf8), algorithm: algorithm ?? .hs256)]
        case .secretFile(let path):
            var bytes = try InspectInput.readFile(path)
            // Files written with `echo` end in a newline that is not part of
            // the secret; one LF or CRLF is dropped, nothing else.
            if bytes.last == 0x0A { bytes.removeLast() }
            if bytes.last == 0x0D { bytes.removeLast() }
            return [try HMACKey(secret: bytes, algorithm: algorithm ?? .hs256)]
        case .jwk(let path):
            let jwk = try JWK(json: try InspectInput.readFile(path))
            if jwk.keyType == "oct" {
                return [try HMACKey(jwk: jwk, algorithm: algorithm)]
            }
            return [try AsymmetricKey(jwk: jwk, algorithm: algorithm)]
        case .jwks(let path):
            return try JWKSet(json: try InspectInput.readFile(path)).verificationKeys(algorithm: algorithm)
        case .pem(let path):
            guard let algorithm else {
                throw JOSEError.invalidKey(reason: "a PEM key does not name its algorithm; add --alg")
            }
            let pem = String(decoding: try InspectInput.readFile(path), as: UTF8.self)
            return [try AsymmetricKey(pem: pem, algorithm: algorithm)]
        }
    }
}
