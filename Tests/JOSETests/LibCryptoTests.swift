import Testing

@testable import JOSE

@Suite("LibCrypto")
struct LibCryptoTests {
    static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { String(format: "%02x", $0) }.joined()
    }

    @Test("SHA-256 of \"abc\" matches FIPS 180-2")
    func sha256() {
        #expect(
            Self.hex(LibCrypto.sha256(Array("abc".utf8)))
                == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test("HMAC-SHA-256 matches RFC 4231 test case 2")
    func hmacVector() throws {
        let context = try HMACContext(key: Array("Jefe".utf8), digestName: "SHA256")
        let mac = try context.authenticate(Array("what do ya want for nothing?".utf8))
        #expect(Self.hex(mac) == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }

    @Test("HMAC context gives the same MAC when reused")
    func hmacReuse() throws {
        let context = try HMACContext(key: Array("Jefe".utf8), digestName: "SHA256")
        let first = try context.authenticate(Array("message".utf8))
        _ = try context.authenticate(Array("another".utf8))
        #expect(try context.authenticate(Array("message".utf8)) == first)
    }

    @Test("HMAC rejects an empty key")
    func hmacEmptyKey() {
        #expect(throws: JOSEError.self) { try HMACContext(key: [], digestName: "SHA256") }
    }

    @Test("PBKDF2-HMAC-SHA-256 matches the published vector")
    func pbkdf2() throws {
        let derived = try LibCrypto.pbkdf2SHA256(
            password: Array("password".utf8), salt: Array("salt".utf8), iterations: 1, length: 32)
        #expect(Self.hex(derived) == "120fb6cffcf8b32c43e7225256c4f837a86548c92ccc35480805987cb70be17b")
    }

    @Test("scrypt matches RFC 7914 section 12")
    func scrypt() throws {
        let derived = try LibCrypto.scrypt(
            password: Array("password".utf8), salt: Array("NaCl".utf8), logN: 10, r: 8, p: 16, length: 64)
        #expect(
            Self.hex(derived)
                == "fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b3731622eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640"
        )
    }

    @Test("scrypt rejects out-of-range parameters")
    func scryptRange() {
        #expect(throws: JOSEError.self) {
            try LibCrypto.scrypt(password: [1], salt: [1], logN: 40, r: 8, p: 1, length: 32)
        }
    }

    @Test("constant-time comparison")
    func constantTimeEquals() {
        #expect(LibCrypto.constantTimeEquals([1, 2, 3], [1, 2, 3]))
        #expect(!LibCrypto.constantTimeEquals([1, 2, 3], [1, 2, 4]))
        #expect(!LibCrypto.constantTimeEquals([1, 2, 3], [1, 2]))
        #expect(LibCrypto.constantTimeEquals([], []))
    }

    @Test("random bytes have the requested length and differ")
    func randomBytes() throws {
        let first = try LibCrypto.randomBytes(count: 32)
        let second = try LibCrypto.randomBytes(count: 32)
        #expect(first.count == 32)
        #expect(first != second)
    }
}
