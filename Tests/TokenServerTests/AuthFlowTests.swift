import Foundation
import JOSE
import Testing
import TokenClient

@testable import TokenServer

@Suite("Token server flows on loopback")
struct AuthFlowTests {
    @Test("login returns both tokens with no-store headers")
    func login() throws {
        let server = try TestServer()
        let exchange = try server.client().login(username: "hong", password: "gildong-demo")

        #expect(exchange.response.status == 200)
        #expect(exchange.response.value(of: "Cache-Control") == "no-store")
        #expect(exchange.response.value(of: "Pragma") == "no-cache")
        #expect(exchange.json["token_type"] as? String == "Bearer")
        #expect(exchange.json["expires_in"] as? Int == 900)
        #expect((exchange.json["refresh_token"] as? String)?.count == 43)

        let access = try #require(exchange.json["access_token"] as? String)
        let jws = try CompactJWS(parsing: access)
        #expect(jws.header["typ"] == .string("at+jwt"))
        #expect(jws.claims.string("sub") == "1234567890")
        #expect(jws.claims.string("name") == "홍길동")
        #expect(jws.claims.string("role") == "user")
        #expect(try jws.claims.numericDate("exp") == TestServer.start + 900)
    }

    @Test("the store holds the refresh token's hash, never the token")
    func storeHoldsHashOnly() throws {
        let server = try TestServer()
        let client = server.client()
        _ = try client.login(username: "hong", password: "gildong-demo")
        let token = try #require(client.storage.refreshToken)

        let records = try server.records()
        #expect(records.count == 1)
        #expect(records[0].tokenHash == AuthService.hash(token))
        #expect(records[0].status == .active)
        #expect(records[0].expiresAt == TestServer.start + 7 * 86_400)

        let file = try Data(contentsOf: server.directory.appendingPathComponent("tokens.sqlite3"))
        let wal = (try? Data(contentsOf: server.directory.appendingPathComponent("tokens.sqlite3-wal"))) ?? Data()
        #expect(file.range(of: Data(token.utf8)) == nil)
        #expect(wal.range(of: Data(token.utf8)) == nil)
    }

    @Test("wrong password and unknown user get the same 400")
    func loginFailures() throws {
        let server = try TestServer()
        let wrong = try server.client().login(username: "hong", password: "nope")
        let unknown = try server.client().login(username: "nobody", password: "nope")
        for exchange in [wrong, unknown] {
            #expect(exchange.response.status == 400)
            #expect(exchange.json["error"] as? String == "invalid_grant")
        }
        #expect(wrong.response.body == unknown.response.body)
        #expect(try server.records().isEmpty)
    }

    @Test("me accepts a fresh token and rejects it after expiry")
    func meAndExpiry() throws {
        let server = try TestServer()
        let client = server.client()
        _ = try client.login(username: "hong", password: "gildong-demo")

        let fresh = try client.me()
        #expect(fresh.response.status == 200)
        #expect(fresh.json["name"] as? String == "홍길동")

        server.clock.advance(by: 14 * 60)
        #expect(try client.me().response.status == 200)

        server.clock.advance(by: 2 * 60)
        let expired = try client.me()
        #expect(expired.response.status == 401)
        #expect(expired.json["error"] as? String == "invalid_token")
        let challenge = try #require(expired.response.value(of: "WWW-Authenticate"))
        #expect(challenge.hasPrefix("Bearer "))
        #expect(challenge.contains("error=\"invalid_token\""))
        #expect((expired.json["error_description"] as? String)?.contains("60 s") == true)
    }

    @Test("me without a token gets a bare challenge")
    func meWithoutToken() throws {
        let server = try TestServer()
        let exchange = try server.client().me()
        #expect(exchange.response.status == 401)
        #expect(exchange.response.value(of: "WWW-Authenticate") == "Bearer realm=\"tokenlab\"")
    }

    @Test("refresh rotates within the family and keeps the absolute expiry")
    func rotation() throws {
        let server = try TestServer()
        let client = server.client()
        _ = try client.login(username: "hong", password: "gildong-demo")
        let first = try #require(client.storage.refreshToken)

        server.clock.advance(by: 16 * 60)
        let exchange = try #require(try client.refresh())
        #expect(exchange.response.status == 200)
        let second = try #require(client.storage.refreshToken)
        #expect(second != first)
        #expect(try client.me().response.status == 200)

        let records = try server.records()
        #expect(records.count == 2)
        #expect(records[0].status == .rotated)
        #expect(records[0].replacedBy == AuthService.hash(second))
        #expect(records[1].status == .active)
        #expect(records[1].parentHash == AuthService.hash(first))
        #expect(records[1].familyID == records[0].familyID)
        #expect(records[1].issuedAt == TestServer.start + 16 * 60)
        #expect(records[1].expiresAt == records[0].expiresAt)
    }

    @Test("reuse of a rotated token revokes the whole family")
    func reuseDetection() throws {
        let server = try TestServer()
        let user = server.client("user")
        let attacker = server.client("attacker")
        _ = try user.login(username: "hong", password: "gildong-demo")
        attacker.storage.refreshToken = user.storage.refreshToken

        let stolen = try #require(try attacker.refresh())
        #expect(stolen.response.status == 200)
        let attackerToken = try #require(attacker.storage.refreshToken)
        _ = server.log.drain()

        let reuse = try #require(try user.refresh())
        #expect(reuse.response.status == 400)
        #expect(reuse.json["error"] as? String == "invalid_grant")
        #expect((reuse.json["error_description"] as? String)?.contains("reuse detected") == true)
        #expect(user.storage.refreshToken == nil)

        let records = try server.records()
        #expect(records.count == 2)
        for record in records {
            #expect(record.status == .revoked)
            #expect(record.revocationReason == "reuse_detected")
        }
        let events = server.log.drain().map(\.event)
        #expect(events.contains("refresh.reuse_detected"))

        // The thief's own successor token died with the family.
        let afterRevocation = try #require(try attacker.refresh())
        #expect(afterRevocation.response.status == 400)
        #expect((afterRevocation.json["error_description"] as? String)?.contains("revoked") == true)
        #expect(attackerToken != records[0].tokenHash)
    }

    @Test("reject-only reuse leaves the family alone")
    func rejectOnly() throws {
        var policy = Policy.standard
        policy.reuseResponse = .rejectOnly
        let server = try TestServer(policy: policy)
        let user = server.client()
        _ = try user.login(username: "hong", password: "gildong-demo")
        let original = try #require(user.storage.refreshToken)
        _ = try user.refresh()

        let replay = server.client("replay")
        replay.storage.refreshToken = original
        let exchange = try #require(try replay.refresh())
        #expect(exchange.response.status == 400)
        #expect(try server.records().map(\.status) == [.rotated, .active])
    }

    @Test("rotation off keeps the refresh token")
    func rotationOff() throws {
        var policy = Policy.standard
        policy.rotation = false
        let server = try TestServer(policy: policy)
        let client = server.client()
        _ = try client.login(username: "hong", password: "gildong-demo")
        let token = client.storage.refreshToken

        let exchange = try #require(try client.refresh())
        #expect(exchange.response.status == 200)
        #expect(exchange.json["refresh_token"] == nil)
        #expect(client.storage.refreshToken == token)
        #expect(try server.records().map(\.status) == [.active])
    }

    @Test("a refresh token dies after its absolute lifetime")
    func refreshExpiry() throws {
        let server = try TestServer()
        let client = server.client()
        _ = try client.login(username: "hong", password: "gildong-demo")
        // Daily refreshes stay under the 1-day idle limit.
        for _ in 0..<6 {
            server.clock.advance(by: 86_400)
            #expect(try client.refresh()?.response.status == 200)
        }

        server.clock.advance(by: 86_400)
        let exchange = try #require(try client.refresh())
        #expect(exchange.response.status == 400)
        #expect((exchange.json["error_description"] as? String)?.contains("expired") == true)
    }

    @Test("logout revokes the family")
    func logout() throws {
        let server = try TestServer()
        let client = server.client()
        _ = try client.login(username: "hong", password: "gildong-demo")
        _ = try client.refresh()
        let token = client.storage.refreshToken

        let exchange = try #require(try client.logout())
        #expect(exchange.response.status == 204)
        #expect(client.storage.refreshToken == nil)
        #expect(try server.records().allSatisfy { $0.status == .revoked && $0.revocationReason == "logout" })

        let replay = server.client("replay")
        replay.storage.refreshToken = token
        #expect(try replay.refresh()?.response.status == 400)
    }

    @Test("a tampered access token is rejected for its signature")
    func tampered() throws {
        let server = try TestServer()
        let client = server.client()
        _ = try client.login(username: "hong", password: "gildong-demo")
        let token = try #require(client.storage.accessToken)
        let parts = token.split(separator: ".").map(String.init)
        var claims = try CompactJWS(parsing: token).claims.members
        claims["role"] = .string("admin")
        let payload = Base64URL.encode(Array(try JSONEncoder().encode(claims)))
        client.storage.accessToken = "\(parts[0]).\(payload).\(parts[2])"

        let exchange = try client.me()
        #expect(exchange.response.status == 401)
        #expect((exchange.json["error_description"] as? String)?.hasPrefix("signature") == true)
    }

    @Test("demo users' stored hashes match their passwords")
    func demoHashes() {
        for (user, credentials) in zip(DemoUsers.all, DemoUsers.credentials) {
            #expect(user.username == credentials.username)
            #expect(PasswordHasher.verify(credentials.password, against: user.passwordHash))
            #expect(!PasswordHasher.verify(credentials.password + "x", against: user.passwordHash))
        }
    }

    @Test("password hashes round-trip and reject garbage")
    func passwordHasher() throws {
        let hash = try PasswordHasher.demo.hash("correct horse", random: SeededRandom(seed: 3))
        #expect(hash.hasPrefix("$scrypt$ln=14,r=8,p=1$"))
        #expect(PasswordHasher.verify("correct horse", against: hash))
        #expect(!PasswordHasher.verify("correct horsE", against: hash))
        for garbage in ["", "$scrypt$", "$scrypt$ln=99,r=8,p=1$AA$AA", "$pbkdf2$x$y$z"] {
            #expect(!PasswordHasher.verify("x", against: garbage))
        }
    }
}
