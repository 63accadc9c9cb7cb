import Foundation
import JOSE
import Testing
import TokenClient

@Suite("tokenlab serve with a signing key")
struct ServeSigningKeyTests {
    /// A throwaway Ed25519 key made for this test with
    /// `openssl genpkey -algorithm ed25519`.
    static let pem = """
        -----BEGIN PRIVATE KEY-----
        MC4CAQAwBQYDK2VwBCIEIJN1iXwNFqahmKcI8v+lcmnqx+I2KFI/lfAZy5HsfZDP
        -----END PRIVATE KEY-----
        """

    @Test("EdDSA tokens verify with the published JWK Set")
    func edDSA() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tokenlab-serve-key-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let keyFile = directory.appendingPathComponent("key.pem")
        try Data(Self.pem.utf8).write(to: keyFile)

        let server = try ServeProcess(arguments: [
            "--store", "sqlite:\(directory.path)/t.db", "--threads", "2",
            "--signing-key", keyFile.path, "--alg", "EdDSA", "--kid", "test-ed-1",
        ])
        defer { server.signal(SIGTERM) }
        #expect(server.standardError.contains("signing access tokens with EdDSA, kid test-ed-1"))

        let transport = HTTPTransport(baseURL: URL(string: "http://127.0.0.1:\(server.port)")!)
        let client = AuthClient(name: "user", transport: transport)
        #expect(try client.login(username: "hong", password: "gildong-demo").response.status == 200)
        let token = try #require(client.storage.accessToken)
        let header = try CompactJWS(parsing: token).header
        #expect(header["alg"] == .string("EdDSA"))
        #expect(header["kid"] == .string("test-ed-1"))

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
