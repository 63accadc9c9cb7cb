import Foundation
import Testing

@testable import JOSE

/// One example from an RFC, as stored in `Vectors/*.json`.
struct RFCVector: Decodable, Sendable, CustomTestStringConvertible {
    let name: String
    let algorithm: JWSAlgorithm
    /// Whether signing the same input again gives the same signature.
    let deterministic: Bool
    /// Whether the payload is a JWT claims set (else any bytes).
    let claims: Bool
    let now: Int64?
    let jwk: [String: JSONValue]
    let token: String
    let payload: String?
    let thumbprint: String?

    var testDescription: String { name }

    struct File: Decodable {
        let source: String
        let cases: [RFCVector]
    }

    static func load(_ name: String) -> [RFCVector] {
        let url = Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Vectors")!
        let data = try! Data(contentsOf: url)
        return try! JSONDecoder().decode(File.self, from: data).cases
    }

    static let all = load("rfc7515") + load("rfc8037") + load("rfc7520")

    /// The JWK's key: HMAC for "oct", otherwise asymmetric.
    func key(publicOnly: Bool) throws -> any JWSSigningKey {
        let parsed = try JWK(members: jwk)
        if parsed.keyType == "oct" {
            return try HMACKey(jwk: parsed, algorithm: algorithm)
        }
        return try AsymmetricKey(jwk: publicOnly ? parsed.publicJWK : parsed, algorithm: algorithm)
    }
}

@Suite("RFC 7515, 7520 and 8037 examples")
struct RFCVectorTests {
    @Test("example verifies with the public key", arguments: RFCVector.all)
    func verifies(vector: RFCVector) throws {
        let key = try vector.key(publicOnly: true)
        if vector.claims {
            let jws = try JWTVerifier(key: key).verify(vector.token, now: vector.now ?? 0)
            #expect(jws.claims.string("iss") == "joe")
        } else {
            let payload = try JWSPayloadVerifier(keys: [key]).verify(vector.token)
            #expect(String(decoding: payload, as: UTF8.self) == vector.payload)
        }
    }

    @Test("example's signature is reproduced", arguments: RFCVector.all.filter(\.deterministic))
    func reproduces(vector: RFCVector) throws {
        let key = try vector.key(publicOnly: false)
        let parts = vector.token.split(separator: ".")
        let signature = try key.sign(Array("\(parts[0]).\(parts[1])".utf8))
        #expect(Base64URL.encode(signature) == String(parts[2]))
    }

    @Test("fresh signature verifies", arguments: RFCVector.all)
    func freshSignature(vector: RFCVector) throws {
        let privateKey = try vector.key(publicOnly: false)
        let publicKey = try vector.key(publicOnly: true)
        let parts = vector.token.split(separator: ".")
        let signingInput = Array("\(parts[0]).\(parts[1])".utf8)
        let signature = try privateKey.sign(signingInput)
        #expect(try publicKey.isValidSignature(signature, for: signingInput))
    }

    @Test("example fails one bit off", arguments: RFCVector.all)
    func flippedBit(vector: RFCVector) throws {
        let key = try vector.key(publicOnly: true)
        let parts = vector.token.split(separator: ".")
        var signature = try Base64URL.decode(parts[2])
        signature[signature.count / 2] ^= 0x01
        let forged = "\(parts[0]).\(parts[1]).\(Base64URL.encode(signature))"
        #expect(throws: JOSEError.badSignature) {
            _ = try JWSPayloadVerifier(keys: [key]).verify(forged)
        }
    }

    @Test("RFC 8037 A.3 thumbprint")
    func thumbprint() throws {
        for vector in RFCVector.all where vector.thumbprint != nil {
            let jwk = try JWK(members: vector.jwk)
            #expect(try jwk.thumbprintBase64URL() == vector.thumbprint)
            #expect(try jwk.publicJWK.thumbprintBase64URL() == vector.thumbprint)
        }
    }
}
