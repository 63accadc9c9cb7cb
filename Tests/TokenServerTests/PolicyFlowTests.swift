import Foundation
import JOSE
import Testing
import TokenClient

@testable import TokenServer

@Suite("Policy behaviour on loopback")
struct PolicyFlowTests {
    static func policy(_ settings: [String: String]) throws -> Policy {
        var policy = Policy.standard
        for (key, value) in settings.sorted(by: { $0.key < $1.key }) {
            try policy.set(key, to: value)
        }
        return policy
    }

    @Test("an idle refresh token is rejected with its own error")
    func idleLimit() throws {
        let server = try TestServer(policy: try Self.policy(["refresh-idle-ttl": "1h"]))
        let client = server.client()
        _ = try client.login(username: "hong", password: "gildong-demo")

        server.clock.advance(by: 3_600)
        #expect(try client.refresh()?.response.status == 200)

        server.clock.advance(by: 3_601)
        let exchange = try #require(try client.refresh())
        #expect(exchange.response.status == 400)
        #expect(exchange.json["error"] as? String == "invalid_grant")
        #expect((exchange.json["error_description"] as? String)?.contains("idle limit of 3600 s") == true)
        #expect(try server.records().allSatisfy { $0.status != .active })
    }

    @Test("with rotation off the idle limit counts from the last use")
    func idleWithoutRotation() throws {
        let server = try TestServer(policy: try Self.policy(["refresh-idle-ttl": "1h", "rotation": "off"]))
        let client = server.client()
        _ = try client.login(username: "hong", password: "gildong-demo")
        for _ in 0..<3 {
            server.clock.advance(by: 3_000)
            #expect(try client.refresh()?.response.status == 200)
        }
        #expect(try server.records()[0].lastUsedAt == TestServer.start + 9_000)
    }

    @Test("inside the grace window the previous token gets the same successor")
    func graceReplay() throws {
        let server = try TestServer(policy: try Self.policy(["grace": "10s"]))
        let tabA = server.client("tab-a")
        _ = try tabA.login(username: "hong", password: "gildong-demo")
        let original = try #require(tabA.storage.refreshToken)

        #expect(try tabA.refresh()?.response.status == 200)
        let successor = try #require(tabA.storage.refreshToken)

        server.clock.advance(by: 9)
        let tabB = server.client("tab-b")
        tabB.storage.refreshToken = original
        let replay = try #require(try tabB.refresh())
        #expect(replay.response.status == 200)
        #expect(replay.json["refresh_token"] as? String == successor)
        #expect(try server.records().map(\.status) == [.rotated, .active])
        #expect(server.log.drain().contains { $0.event == "refresh.grace_replay" })
    }

    @Test("after the grace window the previous token is reuse")
    func graceExpired() throws {
        let server = try TestServer(policy: try Self.policy(["grace": "10s"]))
        let client = server.client()
        _ = try client.login(username: "hong", password: "gildong-demo")
        let original = try #require(client.storage.refreshToken)
        _ = try client.refresh()

        server.clock.advance(by: 10)
        let late = server.client("late")
        late.storage.refreshToken = original
        let exchange = try #require(try late.refresh())
        #expect(exchange.response.status == 400)
        #expect((exchange.json["error_description"] as? String)?.contains("reuse detected") == true)
        #expect(try server.records().allSatisfy { $0.status == .revoked })
    }

    @Test("a token two rotations old is reuse even inside the window")
    func graceOnlyPrevious() throws {
        let server = try TestServer(policy: try Self.policy(["grace": "30s"]))
        let client = server.client()
        _ = try client.login(username: "hong", password: "gildong-demo")
        let first = try #require(client.storage.refreshToken)
        _ = try client.refresh()
        _ = try client.refresh()

        let old = server.client("old")
        old.storage.refreshToken = first
        let exchange = try #require(try old.refresh())
        #expect(exchange.response.status == 400)
        #expect(try server.records().allSatisfy { $0.status == .revoked })
    }

    @Test("a token rotated before the window was on is reuse")
    func graceNeedsDerivedSuccessor() throws {
        let server = try TestServer()
        let client = server.client()
        _ = try client.login(username: "hong", password: "gildong-demo")
        let first = try #require(client.storage.refreshToken)
        _ = try client.refresh()

        server.server.service.policy.graceWindow = 10
        let replay = server.client("replay")
        replay.storage.refreshToken = first
        #expect(try replay.refresh()?.response.status == 400)
    }

    @Test("with the denylist on, logout kills the family's access tokens")
    func denylistLogout() throws {
        let server = try TestServer(policy: try Self.policy(["denylist": "on"]))
        let user = server.client()
        _ = try user.login(username: "hong", password: "gildong-demo")
        let access = try #require(user.storage.accessToken)

        _ = try user.logout()
        let thief = server.client("thief")
        thief.storage.accessToken = access
        let exchange = try thief.me()
        #expect(exchange.response.status == 401)
        #expect(exchange.json["error"] as? String == "invalid_token")
        #expect(exchange.response.value(of: "WWW-Authenticate")?.contains("revoked") == true)
    }

    @Test("with the denylist on, reuse detection kills the thief's access token")
    func denylistReuse() throws {
        let server = try TestServer(policy: try Self.policy(["denylist": "on"]))
        let user = server.client("user")
        let thief = server.client("thief")
        _ = try user.login(username: "hong", password: "gildong-demo")
        thief.storage.refreshToken = user.storage.refreshToken
        #expect(try thief.refresh()?.response.status == 200)
        #expect(try thief.me().response.status == 200)

        #expect(try user.refresh()?.response.status == 400)
        #expect(try thief.me().response.status == 401)

        // Other logins are untouched.
        let other = server.client("other")
        _ = try other.login(username: "hong", password: "gildong-demo")
        #expect(try other.me().response.status == 200)
    }

    @Test("with the denylist off, a revoked family's access token lives until exp")
    func denylistOff() throws {
        let server = try TestServer()
        let user = server.client()
        _ = try user.login(username: "hong", password: "gildong-demo")
        let access = try #require(user.storage.accessToken)
        _ = try user.logout()
        let thief = server.client("thief")
        thief.storage.accessToken = access
        #expect(try thief.me().response.status == 200)
    }

    @Test("the denylist survives a restart of the service")
    func denylistPersists() throws {
        let server = try TestServer(policy: try Self.policy(["denylist": "on"]))
        let user = server.client()
        _ = try user.login(username: "hong", password: "gildong-demo")
        let access = try #require(user.storage.accessToken)
        _ = try user.logout()

        let restarted = try AuthService(
            users: DemoUsers.all, key: try HMACKey(secret: SeededRandom(seed: 1).bytes(count: 32)), store: server.store,
            policy: server.server.service.policy, clock: server.clock, random: SeededRandom(seed: 2), log: server.log)
        #expect(throws: AuthError.revokedAccessToken(familyID: try #require(try server.records().first?.familyID))) {
            _ = try restarted.authenticate(accessToken: access)
        }
    }

    @Test("cookie delivery sets an HttpOnly cookie that refresh and logout read")
    func cookieDelivery() throws {
        let server = try TestServer(policy: try Self.policy(["delivery": "cookie"]))
        let jar = server.cookieJar()
        let client = server.client(cookieJar: jar)

        let login = try client.login(username: "hong", password: "gildong-demo")
        #expect(login.response.status == 200)
        #expect(login.json["refresh_token"] == nil)
        #expect(client.storage.refreshToken == nil)
        let setCookie = try #require(login.response.value(of: "Set-Cookie"))
        #expect(setCookie.hasPrefix("refresh_token="))
        for attribute in ["HttpOnly", "Secure", "SameSite=Strict", "Path=/api/v1/auth", "Max-Age=604800"] {
            #expect(setCookie.contains(attribute), "\(attribute)")
        }

        let base = URL(string: server.server.baseURL)!
        #expect(jar.scriptCookies(for: base.appendingPathComponent("/api/v1/auth/refresh")).isEmpty)
        #expect(jar.cookieHeader(for: base.appendingPathComponent("/api/v1/me")) == nil)
        let sent = try #require(jar.cookieHeader(for: base.appendingPathComponent("/api/v1/auth/refresh")))

        server.clock.advance(by: 60)
        let refresh = try #require(try client.refresh())
        #expect(refresh.response.status == 200)
        let cookieHeaders = refresh.request.headers.filter { $0.name == "Cookie" }.map(\.value)
        #expect(cookieHeaders == [sent])
        #expect(refresh.response.value(of: "Set-Cookie")?.contains("Max-Age=604740") == true)
        #expect(try server.records().map(\.status) == [.rotated, .active])

        let logout = try #require(try client.logout())
        #expect(logout.response.status == 204)
        #expect(logout.response.value(of: "Set-Cookie")?.contains("Max-Age=0") == true)
        #expect(jar.allCookies.isEmpty)
        #expect(try server.records().allSatisfy { $0.status == .revoked })
    }

    @Test("cookie delivery rejects a refresh token in the body")
    func cookieDeliveryBodyToken() throws {
        let server = try TestServer(policy: try Self.policy(["delivery": "cookie"]))
        let exchange = try server.send(
            "POST", "/api/v1/auth/refresh", headers: [("Content-Type", "application/json")],
            body: #"{"refresh_token":"abc"}"#)
        #expect(exchange.response.status == 400)
        #expect((exchange.json["error_description"] as? String)?.contains("cookie") == true)

        let missing = try server.send("POST", "/api/v1/auth/refresh")
        #expect(missing.response.status == 400)
        #expect((missing.json["error_description"] as? String)?.contains("missing the refresh_token cookie") == true)
    }

    @Test("delivery change keeps one refresh token")
    func deliveryChange() throws {
        let server = try TestServer()
        let jar = server.cookieJar()
        let client = server.client(cookieJar: jar)
        let base = URL(string: server.server.baseURL)!
        let refreshURL = base.appendingPathComponent("/api/v1/auth/refresh")

        // Body delivery first: the app stores the token from the body.
        _ = try client.login(username: "hong", password: "gildong-demo")
        #expect(client.storage.refreshToken != nil)

        // Cookie delivery: a new login drops the body token it held.
        server.server.service.policy = try Self.policy(["delivery": "cookie"])
        let cookieLogin = try client.login(username: "hong", password: "gildong-demo")
        #expect(cookieLogin.response.status == 200)
        #expect(client.storage.refreshToken == nil)
        #expect(jar.cookieHeader(for: refreshURL) != nil)
        #expect(try #require(try client.refresh()).response.status == 200)

        // Back to body delivery: the login clears the stale cookie.
        server.server.service.policy = try Self.policy([:])
        let bodyLogin = try client.login(username: "hong", password: "gildong-demo")
        #expect(bodyLogin.response.value(of: "Set-Cookie")?.contains("Max-Age=0") == true)
        #expect(jar.cookieHeader(for: refreshURL) == nil)
        #expect(client.storage.refreshToken != nil)
        #expect(try #require(try client.refresh()).response.status == 200)
    }

    @Test("the cookie's SameSite and Path follow the policy")
    func cookieAttributes() throws {
        let server = try TestServer(policy: try Self.policy(["delivery": "cookie", "cookie-samesite": "lax", "cookie-path": "/api"]))
        let login = try server.client(cookieJar: server.cookieJar()).login(username: "hong", password: "gildong-demo")
        let setCookie = try #require(login.response.value(of: "Set-Cookie"))
        #expect(setCookie.contains("SameSite=Lax"))
        #expect(setCookie.contains("Path=/api;"))
    }

    @Test("logins past the hashing limit are turned away")
    func loginAdmission() throws {
        // One hash at a time and one waiting. The 16 threads decide
        // admission within microseconds of each other, long before the
        // first 50 ms hash ends, so most are turned away.
        let server = try TestServer(concurrentHashes: 1)
        let service = server.server.service
        let outcomes = Concurrently.run(16) { _ in
            try service.login(username: "hong", password: "gildong-demo")
        }

        var admitted = 0
        var busy = 0
        for outcome in outcomes {
            switch outcome {
            case .success: admitted += 1
            case .failure(AuthError.loginBusy(let retryAfter)):
                busy += 1
                #expect(retryAfter == 1)
            case .failure(let error): Issue.record("unexpected error \(error)")
            }
        }
        #expect(admitted >= 1)
        #expect(busy >= 1)
        #expect(admitted + busy == 16)
        #expect(try server.client().login(username: "hong", password: "gildong-demo").response.status == 200)
    }

    @Test("a busy login is a 503 with Retry-After")
    func loginBusyResponse() {
        let response = Router.response(for: .loginBusy(retryAfter: 1))
        #expect(response.status == 503)
        #expect(response.headers.filter { $0.name == "Retry-After" }.map(\.value) == ["1"])
        let body = (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any]
        #expect(body?["error"] as? String == "temporarily_unavailable")
    }

    @Test("concurrent 401s share one refresh, and each call retries once")
    func autoRefreshSingleFlight() throws {
        let server = try TestServer()
        let client = server.client(autoRefresh: true)
        _ = try client.login(username: "hong", password: "gildong-demo")
        server.clock.advance(by: 16 * 60)
        _ = server.log.drain()

        let calls = 8
        let outcomes = try Concurrently.run(calls) { _ in try client.call(path: "/api/v1/me") }.map { try $0.get() }
        #expect(outcomes.count == calls)
        #expect(outcomes.filter(\.sentRefresh).count == 1)
        for call in outcomes {
            #expect(call.exchanges.count == 3)
            #expect(call.exchanges.first?.response.status == 401)
            #expect(call.exchanges.dropFirst().first?.request.path == "/api/v1/auth/refresh")
            #expect(call.final.response.status == 200)
        }
        let refreshes = server.log.drain().filter { $0.event.hasPrefix("refresh.") }
        #expect(refreshes.count == 1)
        #expect(try server.records().count == 2)
    }

    @Test("two tabs sharing storage race, and the grace window saves the slower one")
    func twoTabs() throws {
        for grace in ["0s", "10s"] {
            let server = try TestServer(policy: try Self.policy(["grace": grace]))
            let storage = TokenStorage()
            let tabA = server.client("tab-a", storage: storage, autoRefresh: true)
            let tabB = server.client("tab-b", storage: storage, autoRefresh: true)
            _ = try tabA.login(username: "hong", password: "gildong-demo")
            let original = try #require(storage.refreshToken)
            server.clock.advance(by: 16 * 60)

            // Tab A refreshes first; tab B still has the original token,
            // as if it had read storage just before A wrote it.
            #expect(try tabA.refresh()?.response.status == 200)
            let tabBView = TokenStorage()
            tabBView.refreshToken = original
            let slowTab = server.client("tab-b-late", storage: tabBView)
            let late = try #require(try slowTab.refresh())

            if grace == "0s" {
                #expect(late.response.status == 400)
                #expect(try server.records().allSatisfy { $0.status == .revoked })
            } else {
                #expect(late.response.status == 200)
                #expect(late.json["refresh_token"] as? String == storage.refreshToken)
                #expect(try tabB.call(path: "/api/v1/me").final.response.status == 200)
            }
        }
    }
}
