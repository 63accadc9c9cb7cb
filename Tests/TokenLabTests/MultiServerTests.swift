import Foundation
import Testing

@testable import TokenLab
@testable import TokenServer

/// Several token servers sharing one store in the lab (`server add`,
/// `via`), key rotation under `kid`, and a resource server that checks
/// tokens with the published JWK Set (`jwks`).
@Suite("More than one server")
struct MultiServerTests {
    static func session(store: World.StoreChoice = .temporarySQLite) throws -> Session {
        try Session(options: .init(color: false, seed: 7, width: 200, store: store), wallClockStart: { 0 })
    }

    /// Log in on A, refresh on B, replay the old token on A.
    static let story = [
        "server add", "login hong gildong-demo", "via B refresh", "steal refresh", "via B attacker refresh", "refresh", "store",
        "policy set denylist on", "login hong gildong-demo", "me", "via b logout", "me", "via A me",
    ]

    @Test("second server shares the store")
    func sharedStore() throws {
        let session = try Self.session()
        defer { session.close() }

        let added = session.execute("server add").output
        #expect(added.contains("Server B started"))
        #expect(session.world.servers.map(\.name) == ["A", "B"])
        _ = session.execute("login hong gildong-demo")

        let refreshed = session.execute("via B refresh").output
        #expect(refreshed.contains("user → server B  POST /api/v1/auth/refresh"))
        #expect(refreshed.contains("200 OK"))
        #expect(refreshed.contains("server=B"))
        #expect(try session.world.store.allRecords().map(\.status) == [.rotated, .active])
        // `via` lasts one command.
        #expect(session.world.route == 0)

        _ = session.execute("steal refresh")
        #expect(session.execute("via B attacker refresh").output.contains("200 OK"))
        let reuse = session.execute("refresh").output
        #expect(reuse.contains("user → server A"))
        #expect(reuse.contains("reuse detected"))
        #expect(try session.world.store.allRecords().allSatisfy { $0.status == .revoked })
    }

    @Test("policy and the denylist reach every server")
    func policyEverywhere() throws {
        let session = try Self.session()
        defer { session.close() }
        _ = session.execute("server add")
        #expect(session.execute("policy set denylist on").output.contains("This applies to servers A and B alike"))
        #expect(session.world.servers.allSatisfy { $0.service.policy.denylist })

        _ = session.execute("login hong gildong-demo")
        _ = session.execute("steal access")
        #expect(session.execute("via B attacker me").output.contains("200 OK"))
        _ = session.execute("via B logout")
        // Server A never saw the logout, so only the shared denylist can refuse the token.
        let refused = session.execute("attacker me").output
        #expect(refused.contains("attacker → server A"))
        #expect(refused.contains("401 Unauthorized"))
        #expect(refused.contains("access token revoked"))
        // A found the denial in the store; the second time in its memory,
        // and the diagram draws a store arrow only for the first.
        #expect(refused.contains("── check denylist"))
        #expect(refused.contains("denylist=store"))
        let again = session.execute("attacker me").output
        #expect(again.contains("denylist=memory"))
        #expect(!again.contains("check denylist"))
    }

    @Test("help knows servers as server, and mistakes name what to do")
    func helpAndMistakes() throws {
        let session = try Self.session()
        defer { session.close() }
        #expect(session.execute("help servers").output.contains("server [add | list]"))
        #expect(session.execute("server add").output.contains("Token servers and their one store (SQLite):"))
        let third = session.execute("server add").output
        #expect(third.contains("It shares the SQLite store with servers A and B"))
        #expect(session.execute("via B quit").output.contains("not \"quit\""))
    }

    @Test("server and via refuse what they cannot do")
    func mistakes() throws {
        let session = try Self.session()
        defer { session.close() }
        #expect(session.execute("via B me").failed)
        #expect(session.execute("via B me").output.contains("There is no server \"B\". Running: A."))
        _ = session.execute("server add")
        _ = session.execute("server add")
        let fourth = session.execute("server add")
        #expect(fourth.failed)
        #expect(fourth.output.contains("at most 3 servers"))
        #expect(session.execute("reset").output.contains("2025-03-01"))
        #expect(session.world.servers.count == 1)
        #expect(!session.execute("servers").output.contains("server B"))
    }

    @Test("key rotation keeps old tokens until retired")
    func keyRotation() throws {
        let session = try Self.session()
        defer { session.close() }
        #expect(session.execute("jwks").output.contains("The JWK Set is empty"))
        #expect(session.execute("key rotate").failed)

        _ = session.execute("server add")
        _ = session.execute("key rs256")
        _ = session.execute("login hong gildong-demo")
        _ = session.execute("steal access")
        #expect(session.execute("jwks").output.contains("The set has 1 key, by kid: demo-rsa-1."))

        let rotated = session.execute("key rotate").output
        #expect(rotated.contains("every server now signs with kid demo-rsa-2"))
        #expect(session.world.servers.allSatisfy { ($0.service.signer as? AsymmetricTokenSigner)?.keyIDs == ["demo-rsa-2", "demo-rsa-1"] })
        // The old token still verifies on both servers and at the API.
        #expect(session.execute("via B me").output.contains("200 OK"))
        let both = session.execute("jwks").output
        #expect(both.contains("The set has 2 keys, by kid: demo-rsa-2, demo-rsa-1."))
        #expect(both.contains("names kid demo-rsa-1"))

        // A refresh signs with the new key.
        _ = session.execute("refresh")
        #expect(session.execute("jwks").output.contains("names kid demo-rsa-2"))

        #expect(session.execute("key retire").output.contains("Retired demo-rsa-1"))
        let stale = session.execute("attacker me").output
        #expect(stale.contains("401 Unauthorized"))
        #expect(session.execute("me").output.contains("200 OK"))
        #expect(session.execute("key retire").failed)
    }

    @Test("the multi-server story prints the same on Redis as on SQLite")
    func sameOnRedis() throws {
        let endpoint = try RedisSessionTests.endpoint()
        let sqlite = try Self.session()
        let redis = try Self.session(store: .redis(endpoint, namespace: "replmulti\(ProcessInfo.processInfo.processIdentifier)"))
        defer {
            sqlite.close()
            redis.close()
        }

        for command in Self.story {
            let expected = sqlite.execute(command)
            let actual = redis.execute(command)
            // Only the store's name differs.
            #expect(actual.output.replacingOccurrences(of: "Redis", with: "SQLite") == expected.output, "\(command)")
            #expect(actual.failed == expected.failed, "\(command)")
        }
        #expect(redis.world.servers.map(\.store.kind) == ["redis", "redis"])
    }
}
