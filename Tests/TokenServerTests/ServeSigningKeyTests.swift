import Foundation
import JOSE
import Testing
import TokenClient

@Suite("tokenlab serve with a signing key")
struct ServeSigningKeyTests {
    /// A key for `--signing-key`, with the algorithm and `kid` to serve it under.
    struct SigningKey: Sendable, CustomTestStringConvertible {
        let algorithm: String
        let keyID: String
        let pem: String

        var testDescription: String { algorithm }
    }

    /// Throwaway keys made for this test with `openssl genpkey -algorithm
    /// ed25519` and `openssl genpkey -algorithm EC -pkeyopt
    /// ec_paramgen_curve:P-521`.
    static let keys = [
        SigningKey(
            algorithm: "EdDSA", keyID: "test-ed-1",
            pem: """
                -----BEGIN PRIVATE KEY-----
                MC4CAQAwBQYDK2VwBCIEIJN1iXwNFqahmKcI8v+lcmnqx+I2KFI/lfAZy5HsfZDP
                -----END PRIVATE KEY-----
                """),
        SigningKey(
            algorithm: "ES512", keyID: "test-p521-1",
            pem: """
                -----BEGIN PRIVATE KEY-----
                MIHuAgEAMBAGByqGSM49AgEGBSuBBAAjBIHWMIHTAgEBBEIALQdC0pJCktZG/c2+
                14JfJLnAi3vc9u9iPrV71ESQe9XyVRiptNUmxgwaR/LMSLEDSKQZ99yyCdPQJFcC
                R41BAXqhgYkDgYYABACwaIHF6AJjPPZ5Khr6PD2NqN9uqY5pCdbyjkE7JAM3Ao5Q
                NZtCkWjGJNygVabCfe8cpT2rwsGcjHRB0JTqAw68OQHn9uYbdJnqUsJ5oc60KxZ3
                +3v22kAWgzF6t0t7fU6qygv9PcwnhjDAek7rISEy9oVOS+ZcRg3VOqkftfsHDByK
                gg==
                -----END PRIVATE KEY-----
                """),
    ]

    @Test("tokens verify with the published JWK Set", arguments: keys)
    func signingKey(key: SigningKey) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "tokenlab-serve-key-\(ProcessInfo.processInfo.processIdentifier)-\(key.algorithm)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let keyFile = directory.appendingPathComponent("key.pem")
        try Data(key.pem.utf8).write(to: keyFile)

        let server = try ServeProcess(arguments: [
            "--store", "sqlite:\(directory.path)/t.db", "--threads", "2",
            "--signing-key", keyFile.path, "--alg", key.algorithm, "--kid", key.keyID,
        ])
        defer { server.signal(SIGTERM) }
        #expect(server.standardError.contains("signing access tokens with \(key.algorithm), kid \(key.keyID)"))

        let transport = HTTPTransport(baseURL: URL(string: "http://127.0.0.1:\(server.port)")!)
        let client = AuthClient(name: "user", transport: transport)
        #expect(try client.login(username: "hong", password: "gildong-demo").response.status == 200)
        let token = try #require(client.storage.accessToken)
        if key.algorithm == "ES512" {
            #expect(try Base64URL.decode(token.split(separator: ".")[2]).count == 132)
        }
        let header = try CompactJWS(parsing: token).header
        #expect(header["alg"] == .string(key.algorithm))
        #expect(header["kid"] == .string(key.keyID))

        let jwks = try transport.send(method: "GET", path: "/.well-known/jwks.json")
        #expect(jwks.response.status == 200)
        let set = try JWKSet(json: jwks.response.body)
        let verifier = JWTVerifier(
            keys: try set.keys.map { try AsymmetricKey(jwk: $0) }, rules: ClaimRules(audience: "tokenlab-api"))
        let now = Int64(Date().timeIntervalSince1970)
        #expect(try verifier.verify(token, now: now).claims.string("sub") == "1234567890")
        #expect(try client.me().response.status == 200)
        #expect(server.waitForExit(timeout: 0.1) == nil)
    }

    @Test("a signing key needs an algorithm, and an algorithm needs a key")
    func usage() throws {
        for arguments in [["--signing-key", "/nonexistent.pem"], ["--alg", "RS256"], ["--alg", "HS256", "--signing-key", "k.pem"]] {
            #expect(throws: ServeProcessError.self) {
                _ = try ServeProcess(arguments: ["--store", "sqlite:/tmp/unused.db"] + arguments, timeout: 5)
            }
        }
    }
}
