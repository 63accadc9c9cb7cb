import Testing

@testable import JOSE

@Suite("Base64URL")
struct Base64URLTests {
    /// RFC 4648 section 10 vectors, in the URL-safe alphabet without padding.
    static let vectors: [(String, String)] = [
        ("", ""), ("f", "Zg"), ("fo", "Zm8"), ("foo", "Zm9v"), ("foob", "Zm9vYg"),
        ("fooba", "Zm9vYmE"), ("foobar", "Zm9vYmFy"),
    ]

    @Test("encodes RFC 4648 vectors", arguments: vectors)
    func encodesVectors(plain: String, encoded: String) {
        #expect(Base64URL.encode(Array(plain.utf8)) == encoded)
    }

    @Test("decodes RFC 4648 vectors", arguments: vectors)
    func decodesVectors(plain: String, encoded: String) throws {
        #expect(try Base64URL.decode(encoded) == Array(plain.utf8))
    }

    @Test("uses the URL-safe alphabet")
    func urlSafeAlphabet() throws {
        let bytes: [UInt8] = [0xFB, 0xFF, 0xBF]
        #expect(Base64URL.encode(bytes) == "-_-_")
        #expect(try Base64URL.decode("-_-_") == bytes)
    }

    @Test("round-trips every length up to 64")
    func roundTrips() throws {
        for length in 0...64 {
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
            #expect(try Base64URL.decode(Base64URL.encode(bytes)) == bytes)
        }
    }

    @Test(
        "rejects padding, bad characters and impossible lengths",
        arguments: [
            "Zg==", "Zm8=", "Zm9v+", "Zm9v/", "Zm 9v", "Z", "Zm9vY", "é",
        ])
    func rejectsInvalid(text: String) {
        #expect(throws: JOSEError.self) { try Base64URL.decode(text) }
    }

    @Test("rejects non-zero unused trailing bits")
    func rejectsNonCanonical() {
        // "Zg" is the canonical encoding of "f"; "Zh" decodes to the same
        // byte with a stray bit set.
        #expect(throws: JOSEError.self) { try Base64URL.decode("Zh") }
        #expect(throws: JOSEError.self) { try Base64URL.decode("Zm9") }
    }
}
