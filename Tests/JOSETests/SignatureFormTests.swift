import Foundation
import Testing

@testable import JOSE

@Suite("Signature form and algorithm pinning")
struct SignatureFormTests {
    static let rsaAlgorithms: [JWSAlgorithm] = [.rs256, .rs384, .rs512, .ps256, .ps384, .ps512]

    @Test("ES512 signature is 132 bytes")
    func es512Length() throws {
        let key = try AsymmetricKey.generate(for: .es512)
        let publicKey = try key.publicKey()

        // About three in four P-521 signatures have an r or s below 2^520,
        // which DER writes in fewer than 66 bytes. So 32 signatures cover
        // the conversion of a short integer with near certainty.
        for index in 0..<32 {
            let message = Array("message \(index)".utf8)
            let signature = try key.sign(message)
            #expect(signature.count == 132)
            #expect(try publicKey.isValidSignature(signature, for: message))
        }
    }

    @Test("RSA signature verifies only with its algorithm", arguments: rsaAlgorithms)
    func rsaPinned(algorithm: JWSAlgorithm) throws {
        let signer = try TestKeys.signingKey(algorithm)
        let message = Array("pinned".utf8)
        let signature = try signer.sign(message)

        for other in Self.rsaAlgorithms {
            let verifier = try TestKeys.signingKey(other)
            #expect(try verifier.isValidSignature(signature, for: message) == (other == algorithm), "\(other.rawValue)")
        }
    }

    @Test(
        "r and s convert between DER and JWS",
        arguments: [
            // r with its top bit set, which DER writes with a leading zero byte.
            (32, [0x80] + [UInt8](repeating: 0x11, count: 31), [UInt8](repeating: 0, count: 31) + [0x01]),
            // A P-521 r of one byte and an s of the full 66 bytes.
            (66, [UInt8](repeating: 0, count: 65) + [0x05], [0x01] + [UInt8](repeating: 0xA5, count: 65)),
            // A P-521 r below 2^520, so its DER integer is 65 bytes long.
            (66, [0x00] + [UInt8](repeating: 0xFF, count: 65), [0x01] + [UInt8](repeating: 0x00, count: 65)),
        ])
    func derRoundTrip(width: Int, r: [UInt8], s: [UInt8]) throws {
        let jws = r + s
        let der = try #require(try ECDSASignature(jws: jws, width: width)).derBytes()
        #expect(try ECDSASignature(der: der).jwsBytes(width: width) == jws)
        #expect(try ECDSASignature(jws: jws, width: width + 1) == nil)
    }
}
