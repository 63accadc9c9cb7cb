import Foundation
import Testing

@testable import JOSE

/// Tokens signed here verify in PyJWT and the other way round, for every
/// algorithm, and the Python side's RFC 7638 thumbprint of each key matches
/// TokenLab's. Needs PyJWT and cryptography, which
/// `scripts/install-python-tools` installs into `.build/python-tools`.
@Suite("PyJWT interoperability")
struct PyJWTInteropTests {
    struct Case: Codable {
        let alg: String
        let jwk: [String: JSONValue]
        let claims: [String: JSONValue]
        let token: String
    }

    struct Result: Codable {
        let alg: String
        let token: String
        let publicPEM: String?
        let thumbprint: String
    }

    /// Makes a fresh signing key for `algorithm`, with a `kid`.
    static func makeKey(_ algorithm: JWSAlgorithm) throws -> (key: any JWSSigningKey, jwk: JWK) {
        let keyID = "interop-\(algorithm.rawValue)"
        if algorithm.family == .hmac {
            let key = try HMACKey(secret: LibCrypto.randomBytes(count: 64), algorithm: algorithm, keyID: keyID)
            return (key, key.jwk())
        }
        let key = try AsymmetricKey.generate(for: algorithm, keyID: keyID)
        return (key, try key.jwk(includingPrivate: true))
    }

    @Test("tokens cross between TokenLab and PyJWT for every algorithm")
    func roundTrip() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tokenlab-pyjwt-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }

        // PyJWT checks exp and iat against the wall clock, so the claims do too.
        let now = Int64(Date().timeIntervalSince1970)
        let claims: [String: JSONValue] = [
            "iss": .string("tokenlab"), "aud": .string("tokenlab-api"), "sub": .string("1234567890"),
            "name": .string("홍길동"), "iat": .integer(now), "exp": .integer(now + 600),
        ]

        var keys: [String: any JWSSigningKey] = [:]
        var jwks: [String: JWK] = [:]
        var cases: [Case] = []
        for algorithm in JWSAlgorithm.allCases {
            let (key, jwk) = try Self.makeKey(algorithm)
            keys[algorithm.rawValue] = key
            jwks[algorithm.rawValue] = jwk
            let token = try JWTSigner(key: key, type: "at+jwt").sign(claims)
            cases.append(Case(alg: algorithm.rawValue, jwk: jwk.members, claims: claims, token: token))
        }
        try JSONEncoder().encode(cases).write(to: directory.appendingPathComponent("cases.json"))

        let script = Bundle.module.url(forResource: "pyjwt_interop", withExtension: "py", subdirectory: "Interop")!
        try #require(
            FileManager.default.isExecutableFile(atPath: Self.python.path),
            "\(Self.python.path) is missing: run scripts/install-python-tools first")
        let (status, output) = try Self.runPython([script.path, directory.path])
        try #require(status == 0, "python3 failed (run scripts/install-python-tools first): \(output)")

        let data = try Data(contentsOf: directory.appendingPathComponent("results.json"))
        let results = try JSONDecoder().decode([Result].self, from: data)
        #expect(results.count == JWSAlgorithm.allCases.count)
        #expect(Set(results.map(\.alg)) == Set(JWSAlgorithm.allCases.map(\.rawValue)))

        for result in results {
            let key = try #require(keys[result.alg])
            let verifier = JWTVerifier(
                key: key, requiredClaims: ["exp", "iat", "sub"], requiredType: "at+jwt",
                issuer: "tokenlab", audience: "tokenlab-api")
            let jws = try verifier.verify(result.token, now: now)
            #expect(jws.claims.string("name") == "홍길동", "\(result.alg)")
            #expect(try jwks[result.alg]?.thumbprintBase64URL() == result.thumbprint, "\(result.alg)")

            // The public key as PyJWT's cryptography wrote it must import to
            // the same key and verify the same token.
            if let pem = result.publicPEM, let algorithm = JWSAlgorithm(rawValue: result.alg) {
                let imported = try AsymmetricKey(pem: pem, algorithm: algorithm, keyID: key.keyID)
                let original = try #require(key as? AsymmetricKey)
                #expect(try imported.jwk(includingPrivate: false) == original.jwk(includingPrivate: false), "\(result.alg)")
                #expect(throws: Never.self) {
                    try JWTVerifier(key: imported, requiredClaims: [], audience: "tokenlab-api").verify(result.token, now: now)
                }
            }
        }
    }

    /// The virtual environment's python3 that `scripts/install-python-tools`
    /// makes, found from this file's place in the package.
    static let python = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent(".build/python-tools/bin/python3")

    /// Runs the tools' python3 with `arguments` and returns its status and output.
    static func runPython(_ arguments: [String]) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = python
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }
}
