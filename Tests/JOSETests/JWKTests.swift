import Foundation
import Testing

@testable import JOSE

@Suite("JWK and JWK Set")
struct JWKTests {
    static let asymmetric: [JWSAlgorithm] = [.rs256, .rs384, .rs512, .ps256, .ps384, .ps512, .es256, .es384, .es512, .edDSA]

    @Test("private JWK round-trips and signs alike", arguments: asymmetric)
    func roundTrip(algorithm: JWSAlgorithm) throws {
        let key = try TestKeys.signingKey(algorithm) as! AsymmetricKey
        let jwk = try key.jwk(includingPrivate: true)
        let parsed = try AsymmetricKey(jwk: JWK(json: jwk.jsonBytes()))
        #expect(parsed.algorithm == algorithm)
        #expect(parsed.isPrivate)

        let message = Array("round trip".utf8)
        #expect(try key.isValidSignature(parsed.sign(message), for: message))
        #expect(try parsed.jwk(includingPrivate: true) == jwk)
    }

    @Test("public JWK cannot sign", arguments: asymmetric)
    func publicCannotSign(algorithm: JWSAlgorithm) throws {
        let key = try TestKeys.signingKey(algorithm) as! AsymmetricKey
        let publicKey = try key.publicKey()
        #expect(!publicKey.isPrivate)
        #expect(try publicKey.jwk(includingPrivate: true).isPrivate == false)
        #expect(throws: JOSEError.invalidKey(reason: "a public key cannot sign; load the private key")) {
            try publicKey.sign([1, 2, 3])
        }
    }

    @Test("HMAC JWK round-trips")
    func hmacRoundTrip() throws {
        let key = try HMACKey(secret: TestKeys.hmacSecret, algorithm: .hs256, keyID: "k1")
        let parsed = try HMACKey(jwk: JWK(json: key.jwk().jsonBytes()))
        #expect(parsed.keyID == "k1")
        #expect(try parsed.sign([1]) == key.sign([1]))
    }

    @Test("PEM import matches the JWK", arguments: [JWSAlgorithm.rs256, .ps512, .es256, .es384, .es512, .edDSA])
    func pemImport(algorithm: JWSAlgorithm) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tokenlab-pem-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }

        // The openssl command line writes the PEM, so the import is checked
        // against an independent encoder.
        let privatePath = directory.appendingPathComponent("key.pem").path
        let publicPath = directory.appendingPathComponent("key.pub.pem").path
        let generate: [String] =
            switch algorithm {
            case .rs256, .ps512: ["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"]
            case .es256: ["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"]
            case .es384: ["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384"]
            case .es512: ["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-521"]
            default: ["genpkey", "-algorithm", "ED25519"]
            }
        try runOpenSSL(generate + ["-out", privatePath])
        try runOpenSSL(["pkey", "-in", privatePath, "-pubout", "-out", publicPath])

        let privateKey = try AsymmetricKey(pem: String(contentsOfFile: privatePath, encoding: .utf8), algorithm: algorithm)
        let publicKey = try AsymmetricKey(pem: String(contentsOfFile: publicPath, encoding: .utf8), algorithm: algorithm)
        #expect(privateKey.isPrivate)
        #expect(!publicKey.isPrivate)
        #expect(try privateKey.jwk(includingPrivate: false) == publicKey.jwk(includingPrivate: false))

        let message = Array("pem".utf8)
        #expect(try publicKey.isValidSignature(privateKey.sign(message), for: message))
    }

    @Test("PEM of the wrong key type is rejected")
    func pemWrongType() throws {
        let pem = try generateECPEM()
        #expect(throws: JOSEError.invalidKey(reason: "RS256 needs an RSA key")) {
            try AsymmetricKey(pem: pem, algorithm: .rs256)
        }
    }

    @Test(
        "bad JWKs are rejected with the reason",
        arguments: [
            ("{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"AA\",\"y\":\"AA\"}", "P-256 needs x and y of 32 bytes each, got 1 and 1"),
            ("{\"kty\":\"EC\",\"crv\":\"P-521\",\"x\":\"AA\",\"y\":\"AA\"}", "P-521 needs x and y of 66 bytes each, got 1 and 1"),
            ("{\"kty\":\"EC\",\"crv\":\"P-521\",\"alg\":\"ES256\"}", "ES256 needs crv \"P-256\", the JWK has \"P-521\""),
            ("{\"kty\":\"EC\",\"crv\":\"P-256\",\"alg\":\"ES512\"}", "ES512 needs crv \"P-521\", the JWK has \"P-256\""),
            (
                "{\"kty\":\"EC\",\"crv\":\"secp256k1\",\"x\":\"AA\"}",
                "EC curve \"secp256k1\" is not supported; use P-256, P-384, P-521 or Ed25519"
            ),
            ("{\"kty\":\"RSA\",\"n\":\"AQAB\",\"e\":\"AQAB\"}", "the RSA JWK has no \"alg\"; name the algorithm it is for"),
            (
                "{\"kty\":\"OKP\",\"crv\":\"X25519\",\"x\":\"AA\"}",
                "OKP curve \"X25519\" is not supported; use P-256, P-384, P-521 or Ed25519"
            ),
            ("{\"kty\":\"EC\",\"crv\":\"P-256\",\"use\":\"enc\"}", "the JWK's use is \"enc\", not \"sig\""),
            ("{\"kty\":\"EC\",\"kty\":\"RSA\"}", "the JWK has the member \"kty\" more than once"),
            ("{\"crv\":\"P-256\"}", "the JWK has no \"kty\" string (RFC 7517 section 4.1)"),
            ("{\"kty\":\"oct\",\"k\":\"AAAA\",\"alg\":\"HS256\"}", "a JWK of kty \"oct\" is a shared secret; make an HMACKey from it"),
        ])
    func rejectsBadJWK(json: String, reason: String) {
        #expect(throws: JOSEError.invalidKey(reason: reason)) {
            try AsymmetricKey(jwk: JWK(json: Array(json.utf8)))
        }
    }

    @Test("an EC point off the curve is rejected")
    func pointOffCurve() throws {
        var members = try TestKeys.ec.jwk(includingPrivate: false).members
        var y = try Base64URL.decode(members["y"]!.stringValue!)
        y[31] ^= 0x01
        members["y"] = .string(Base64URL.encode(y))
        #expect(throws: JOSEError.self) { try AsymmetricKey(jwk: JWK(members: members)) }
    }

    @Test("P-521 coordinates keep 66 bytes")
    func p521Width() throws {
        // x and d of the RFC 7520 section 3.2 key start with a zero byte,
        // which a minimal integer encoding would drop.
        let vector = try #require(RFCVector.all.first { $0.algorithm == .es512 })
        let key = try AsymmetricKey(jwk: JWK(members: vector.jwk))
        #expect(key.algorithm == .es512)

        let exported = try key.jwk(includingPrivate: true)
        for name in ["x", "y", "d"] {
            #expect(exported.members[name] == vector.jwk[name], "\(name)")
            #expect(try Base64URL.decode(exported.members[name]!.stringValue!).count == 66, "\(name)")
        }

        // The same x without its leading zero byte is 65 bytes and rejected.
        var members = vector.jwk
        let x = try Base64URL.decode(vector.jwk["x"]!.stringValue!)
        members["x"] = .string(Base64URL.encode(Array(x.dropFirst())))
        #expect(throws: JOSEError.invalidKey(reason: "P-521 needs x and y of 66 bytes each, got 65 and 66")) {
            try AsymmetricKey(jwk: JWK(members: members))
        }
    }

    @Test("EC key fits only its curve's algorithm", arguments: [JWSAlgorithm.es256, .es384, .es512])
    func ecCurvePinned(algorithm: JWSAlgorithm) throws {
        let key = try AsymmetricKey.generate(for: algorithm)
        let jwk = try key.jwk(includingPrivate: true).withoutAlgorithm()
        #expect(try AsymmetricKey(jwk: jwk).algorithm == algorithm)

        for other in [JWSAlgorithm.es256, .es384, .es512] where other != algorithm {
            guard case .ecdsa(let curve) = algorithm.family, case .ecdsa(let otherCurve) = other.family else {
                Issue.record("\(algorithm.rawValue) or \(other.rawValue) is not ECDSA")
                return
            }
            #expect(throws: JOSEError.invalidKey(reason: "\(other.rawValue) needs crv \"\(otherCurve)\", the JWK has \"\(curve)\"")) {
                try AsymmetricKey(jwk: jwk, algorithm: other)
            }
            #expect(throws: JOSEError.invalidKey(reason: "the JWK is for \(algorithm.rawValue), not \(other.rawValue)")) {
                try AsymmetricKey(jwk: key.jwk(includingPrivate: false), algorithm: other)
            }
            #expect(
                throws: JOSEError.invalidKey(
                    reason: "\(other.rawValue) needs an EC key on \(otherCurve), got the curve \(algorithm.ecdsaGroupName!)")
            ) {
                try AsymmetricKey(key: key.key, algorithm: other, keyID: nil)
            }
        }
    }

    @Test("PEM on P-521 is rejected for ES256")
    func pemWrongCurve() throws {
        let pem = try generateECPEM(curve: "P-521")
        #expect(throws: JOSEError.invalidKey(reason: "ES256 needs an EC key on P-256, got the curve secp521r1")) {
            try AsymmetricKey(pem: pem, algorithm: .es256)
        }
        #expect(try AsymmetricKey(pem: pem, algorithm: .es512).algorithm == .es512)
    }

    @Test("generated keys have the algorithm's size", arguments: JWKTests.asymmetric)
    func generatedKeySize(algorithm: JWSAlgorithm) throws {
        let key = try AsymmetricKey.generate(for: algorithm)
        let expectedBits: Int =
            switch algorithm {
            case .es256: 256
            case .es384: 384
            case .es512: 521
            case .edDSA: 256
            default: AsymmetricKey.minimumRSABits
            }
        #expect(key.key.bits == expectedBits)
        #expect(key.algorithm == algorithm)
    }

    @Test("thumbprint of a P-521 key covers 66-byte coordinates")
    func thumbprintP521() throws {
        let vector = try #require(RFCVector.all.first { $0.algorithm == .es512 })
        let jwk = try JWK(members: vector.jwk)
        let members = ["crv", "kty", "x", "y"].map { "\"\($0)\":\"\(vector.jwk[$0]!.stringValue!)\"" }
        let canonical = "{" + members.joined(separator: ",") + "}"
        #expect(try jwk.thumbprint() == LibCrypto.sha256(Array(canonical.utf8)))
        #expect(try jwk.publicJWK.thumbprint() == jwk.thumbprint())
    }

    @Test("JWK Set picks the key by kid")
    func keySetByKeyID() throws {
        let first = try AsymmetricKey.generate(for: .es256, keyID: "2025-01")
        let second = try AsymmetricKey.generate(for: .es256, keyID: "2025-02")
        let set = JWKSet(keys: [try first.jwk(includingPrivate: false), try second.jwk(includingPrivate: false)])
        let parsed = try JWKSet(json: set.jsonBytes())
        let verifier = JWTVerifier(keys: try parsed.verificationKeys())

        let token = try JWTSigner(key: second).sign(["exp": .integer(TestKeys.now + 60)])
        #expect(try verifier.verify(token, now: TestKeys.now).header["kid"] == .string("2025-02"))

        let stranger = try AsymmetricKey.generate(for: .es256, keyID: "2024-12")
        let unknown = try JWTSigner(key: stranger).sign(["exp": .integer(TestKeys.now + 60)])
        #expect(throws: JOSEError.keyNotFound(keyID: "2024-12", algorithm: "ES256")) {
            try verifier.verify(unknown, now: TestKeys.now)
        }
    }

    @Test("JWK Set skips unknown kty and encryption keys")
    func keySetSkips() throws {
        let json = "{\"keys\":[{\"kty\":\"XYZ\"},{\"kty\":\"EC\",\"use\":\"enc\",\"crv\":\"P-256\"}]}"
        #expect(try JWKSet(json: Array(json.utf8)).verificationKeys().isEmpty)
    }

    @Test("thumbprint ignores optional members")
    func thumbprintStable() throws {
        let jwk = try TestKeys.rsa.jwk(includingPrivate: true)
        let bare = try JWK(members: jwk.members.filter { ["kty", "n", "e"].contains($0.key) })
        #expect(try jwk.thumbprint() == bare.thumbprint())
        #expect(try jwk.thumbprint().count == 32)
    }
}

private func runOpenSSL(_ arguments: [String]) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
    process.arguments = arguments
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        throw JOSEError.crypto(operation: "openssl \(arguments.joined(separator: " "))", message: "exit \(process.terminationStatus)")
    }
}

/// Returns a fresh EC private key on `curve` in PEM, written by the openssl tool.
private func generateECPEM(curve: String = "P-256") throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("tokenlab-\(UUID().uuidString).pem").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    try runOpenSSL(["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:\(curve)", "-out", path])
    return try String(contentsOfFile: path, encoding: .utf8)
}
