import Foundation
import Testing
import TokenServer

@testable import TokenLab

@Suite("REPL session on the real server")
struct SessionStoryTests {
    static let story = [
        "login hong gildong-demo", "me", "advance 16m", "me", "refresh", "me",
        "steal refresh", "attacker refresh", "refresh", "store",
    ]

    static func session(_ language: Language = .english) throws -> Session {
        try Session(options: .init(language: language, color: false, seed: 7, width: 200), wallClockStart: { 0 })
    }

    @Test("the story runs step by step with the right effects")
    func story() throws {
        let session = try Self.session()

        let login = session.execute("login hong gildong-demo")
        #expect(!login.failed)
        #expect(login.output.contains("200 OK"))
        #expect(login.output.contains("\"홍길동\""))
        #expect(login.output.contains("15m 0s left"))
        #expect(login.output.contains("ed 99 8d ea b8 b8 eb 8f 99"))
        #expect(try session.world.store.allRecords().map(\.status) == [.active])

        #expect(session.execute("me").output.contains("200 OK"))
        #expect(session.execute("advance 16m").output.contains("expired 1m 0s ago"))

        let expired = session.execute("me")
        #expect(expired.output.contains("401 Unauthorized"))
        #expect(expired.output.contains("expired 1m 0s ago"))

        let refreshed = session.execute("refresh")
        #expect(refreshed.output.contains("200 OK"))
        #expect(refreshed.output.contains("active → rotated"))
        #expect(try session.world.store.allRecords().map(\.status) == [.rotated, .active])
        #expect(session.execute("me").output.contains("200 OK"))

        #expect(session.execute("steal refresh").output.contains("copied"))
        #expect(session.execute("attacker refresh").output.contains("200 OK"))
        #expect(try session.world.store.allRecords().map(\.status) == [.rotated, .rotated, .active])

        let reuse = session.execute("refresh")
        #expect(reuse.output.contains("400 Bad Request"))
        #expect(reuse.output.contains("Reuse detected"))
        #expect(reuse.output.contains("The user's app dropped both of its tokens"))
        #expect(session.execute("tokens").output.contains("The user holds no tokens"))
        let thief = session.execute("attacker refresh")
        #expect(thief.output.contains("The attacker keeps what it holds"))
        #expect(session.execute("attacker me").output.contains("200 OK"))
        #expect(reuse.output.contains("refresh.reuse_detected"))
        #expect(reuse.output.contains("active → revoked: reuse_detected"))
        let records = try session.world.store.allRecords()
        #expect(records.count == 3)
        #expect(records.allSatisfy { $0.status == .revoked && $0.revocationReason == "reuse_detected" })

        #expect(session.execute("store").output.contains("3 rows"))
        #expect(session.execute("quit").quit)
    }

    @Test("the same seed gives the same bytes")
    func deterministic() throws {
        func transcript() throws -> String {
            let session = try Self.session()
            return ([session.banner] + Self.story.map { session.execute($0).output }).joined(separator: "\n")
        }
        let first = try transcript()
        #expect(first == (try transcript()))
        #expect(!first.contains("127.0.0.1:"))
    }

    @Test("the story runs in Korean")
    func korean() throws {
        let session = try Self.session(.korean)
        #expect(session.banner.contains("데모 계정"))
        _ = session.execute("login hong gildong-demo")
        _ = session.execute("advance 16m")
        #expect(session.execute("me").output.contains("1분 0초 전에 만료"))
    }

    @Test("a thief's kept access token is described by what it can still do")
    func keptAccessToken() throws {
        let session = try Self.session()
        for line in ["login hong gildong-demo", "steal refresh", "attacker refresh", "refresh"] {
            _ = session.execute(line)
        }
        #expect(session.execute("attacker refresh").output.contains("still works for 15m 0s, until its exp"))
        _ = session.execute("advance 20m")
        #expect(session.execute("attacker refresh").output.contains("has expired too"))

        for line in ["policy set denylist on", "login hong gildong-demo", "steal refresh", "attacker refresh", "refresh"] {
            _ = session.execute(line)
        }
        #expect(session.execute("attacker refresh").output.contains("the denylist now refuses before its exp"))
    }

    @Test("mistyped commands print an error and the session goes on")
    func mistakes() throws {
        let session = try Self.session()
        for line in [
            "advance banana", "login", "attacker", "", String(repeating: "x", count: 10_000), "refresh", "tamper", "steal access", "logout",
        ] {
            let outcome = session.execute(line)
            #expect(outcome.failed, "\(line.prefix(20))")
            #expect(!outcome.quit)
            #expect(!outcome.output.isEmpty)
        }
        #expect(session.execute("advance banana").output.contains("\"banana\""))
        #expect(!session.execute("login hong gildong-demo").failed)
    }

    @Test("tamper keeps the signature and the server rejects it")
    func tamper() throws {
        let session = try Self.session()
        _ = session.execute("login hong gildong-demo")
        let tampered = session.execute("tamper")
        #expect(tampered.output.contains("\"user\" → \"admin\""))
        let rejected = session.execute("me")
        #expect(rejected.output.contains("401 Unauthorized"))
        #expect(rejected.output.contains("signature does not match"))
    }

    @Test("logout revokes the family and clears the tokens")
    func logout() throws {
        let session = try Self.session()
        _ = session.execute("login hong gildong-demo")
        let outcome = session.execute("logout")
        #expect(outcome.output.contains("204 No Content"))
        #expect(outcome.output.contains("active → revoked: logout"))
        #expect(session.execute("tokens").output.contains("holds no tokens"))
    }

    @Test("reset starts a fresh world")
    func reset() throws {
        let session = try Self.session()
        _ = session.execute("login hong gildong-demo")
        _ = session.execute("advance 1h")
        #expect(session.execute("reset").output.contains("2025-03-01 09:00:00 UTC"))
        #expect(try session.world.store.allRecords().isEmpty)
        #expect(session.world.clock.now == World.seededStart)
    }
}

@Suite("REPL client and policy settings")
struct SessionSettingsTests {
    static func session() throws -> Session {
        try Session(options: .init(seed: 7, width: 200), wallClockStart: { 0 })
    }

    @Test("autorefresh turns a 401 into refresh and retry")
    func autoRefresh() throws {
        let session = try Self.session()
        _ = session.execute("login hong gildong-demo")
        _ = session.execute("advance 16m")
        #expect(session.execute("autorefresh").output.contains("off"))
        #expect(session.execute("autorefresh on").output.contains("is on"))

        let output = session.execute("me").output
        #expect(output.components(separatedBy: "user → server").count - 1 == 3)
        #expect(output.contains("401 Unauthorized"))
        #expect(output.contains("POST /api/v1/auth/refresh"))
        #expect(output.contains("the app made three requests"))
        #expect(try session.world.store.allRecords().map(\.status) == [.rotated, .active])

        #expect(session.execute("autorefresh off").output.contains("is off"))
        #expect(session.execute("autorefresh maybe").failed)
    }

    @Test("autorefresh ends in a refresh failure when the session is over")
    func autoRefreshFailure() throws {
        let session = try Self.session()
        _ = session.execute("login hong gildong-demo")
        _ = session.execute("autorefresh on")
        _ = session.execute("advance 8d")
        let output = session.execute("me").output
        #expect(output.contains("400 Bad Request"))
        #expect(output.contains("The refresh token has expired."))
        #expect(output.contains("dropped both of its tokens"))
    }

    @Test("policy set reaches the server through every key")
    func policyKeys() throws {
        let session = try Self.session()
        #expect(!session.execute("policy set grace 10s").failed)
        #expect(session.world.server.service.policy.graceWindow == 10)
        #expect(!session.execute("policy set denylist on").failed)
        #expect(session.world.server.service.policy.denylist)
        #expect(!session.execute("policy set refresh-idle-ttl 1h").failed)
        #expect(session.world.server.service.policy.refreshTokenIdleLifetime == 3600)

        let wrong = session.execute("policy set grace 99s")
        #expect(wrong.failed)
        #expect(wrong.output.contains("from 0s to 60s"))
        #expect(session.execute("policy set nothing 1").output.contains("Unknown policy key"))
        #expect(session.execute("policy").output.contains("denylist"))
    }

    @Test("the denylist ends a logged-out access token at once")
    func denylist() throws {
        let session = try Self.session()
        _ = session.execute("policy set denylist on")
        _ = session.execute("login hong gildong-demo")
        _ = session.execute("steal access")
        #expect(session.execute("timeline").output.contains("15m 0s left"))
        _ = session.execute("logout")
        #expect(session.execute("attacker me").output.contains("401 Unauthorized"))

        // The timeline draws the refused token apart from a live one.
        let timeline = session.execute("timeline").output
        #expect(timeline.contains("refused: denylisted"))
        #expect(timeline.contains("xxxxxxxx|"))
        #expect(timeline.contains("x = refused before exp"))
        #expect(!timeline.contains("15m 0s left"))
    }

    @Test("token prints a token whole on one line, for tokenlab decode")
    func tokenForCopying() throws {
        let session = try Session(options: .init(seed: 7, width: 80), wallClockStart: { 0 })
        defer { session.close() }
        #expect(session.execute("token access").failed)
        _ = session.execute("login hong gildong-demo")

        let access = try #require(session.world.user.storage.accessToken)
        #expect(access.count > 80)
        #expect(session.execute("token access").output == access)
        let both = session.execute("token both").output
        #expect(both == access + "\n" + (session.world.user.storage.refreshToken ?? ""))

        _ = session.execute("policy set delivery cookie")
        _ = session.execute("login hong gildong-demo")
        let cookie = session.execute("token refresh")
        #expect(cookie.failed)
        #expect(cookie.output.contains("HttpOnly cookie"))
    }

    @Test("key and csrf explain their state")
    func keyAndCSRFExplanations() throws {
        let session = try Self.session()
        _ = session.execute("key weak")
        #expect(session.execute("key").output.contains("secret123"))
        _ = session.execute("key hs256")
        #expect(!session.execute("key").output.contains("secret123"))

        _ = session.execute("login hong gildong-demo")
        _ = session.execute("policy set delivery cookie")
        let csrf = session.execute("csrf refresh").output
        #expect(csrf.contains("holds no refresh cookie to attach"))
        #expect(!csrf.contains("delivery is body"))
    }

    @Test("cookie delivery keeps the refresh token in the jar")
    func cookieDelivery() throws {
        let session = try Self.session()
        _ = session.execute("policy set delivery cookie")
        let login = session.execute("login hong gildong-demo").output
        #expect(login.contains("Set-Cookie: refresh_token="))
        #expect(login.contains("HttpOnly; Secure; SameSite=Strict"))
        #expect(session.world.user.storage.refreshToken == nil)
        #expect(session.world.user.holdsRefreshCookie)

        let refresh = session.execute("refresh")
        #expect(refresh.output.contains("Cookie: refresh_token="))
        #expect(refresh.output.contains("Rotation:"))
        #expect(session.execute("tokens").output.contains("invisible to scripts (HttpOnly)"))
        #expect(session.execute("steal refresh").failed)

        #expect(session.execute("logout").output.contains("204 No Content"))
        #expect(!session.world.user.holdsRefreshCookie)
    }
}

@Suite("Two tabs racing")
struct RaceTests {
    @Test("without grace the second tab is caught as reuse")
    func strict() throws {
        let session = try Session(options: .init(seed: 7, width: 200), wallClockStart: { 0 })
        _ = session.execute("login hong gildong-demo")
        let output = session.execute("race refresh").output
        #expect(output.contains("tab 1 ← server  200 OK"))
        #expect(output.contains("tab 2 ← server  400 Bad Request"))
        #expect(output.contains("logged the user out in both tabs"))
        #expect(session.world.user.storage.refreshToken == nil)
        #expect(try session.world.store.allRecords().allSatisfy { $0.status == .revoked })
    }

    @Test("with grace both tabs get the same successor")
    func grace() throws {
        let session = try Session(options: .init(seed: 7, width: 200), wallClockStart: { 0 })
        _ = session.execute("policy set grace 10s")
        _ = session.execute("login hong gildong-demo")
        let output = session.execute("race refresh").output
        #expect(output.contains("tab 2 ← server  200 OK"))
        #expect(output.contains("got the same successor"))
        #expect(try session.world.store.allRecords().map(\.status) == [.rotated, .active])
        #expect(!session.execute("me").output.contains("401"))
    }

    @Test("race needs a refresh token")
    func needsToken() throws {
        let session = try Session(options: .init(seed: 7, width: 200), wallClockStart: { 0 })
        #expect(session.execute("race refresh").failed)
        #expect(session.execute("race me").failed)
    }
}

@Suite("Forgery tools")
struct ForgeryTests {
    static func session() throws -> Session {
        try Session(options: .init(seed: 7, width: 200), wallClockStart: { 0 })
    }

    @Test("forged tokens are rejected with the right reason")
    func rejected() throws {
        let session = try Self.session()
        #expect(session.execute("forge none").failed)
        _ = session.execute("login hong gildong-demo")
        _ = session.execute("steal access")

        _ = session.execute("forge none")
        #expect(session.execute("attacker me").output.contains("alg \"none\""))
        _ = session.execute("forge hs256 secret123")
        let foreign = session.execute("attacker me").output
        #expect(foreign.contains("signature does not match"))
        #expect(foreign.contains("made with a key the attacker chose"))
        #expect(!foreign.contains("Changing even one byte"))
        #expect(session.execute("crack").output.contains("None of the 30 words matches"))
    }

    @Test("a forged token gets fresh times even from an expired template")
    func freshTimes() throws {
        let session = try Self.session()
        _ = session.execute("login hong gildong-demo")
        _ = session.execute("steal access")
        _ = session.execute("advance 20m")

        let forged = session.execute("forge none").output
        #expect(forged.contains("2025-03-01 09:35:00 UTC · 15m 0s left"), "\(forged)")
        #expect(!forged.contains("expired"))
    }

    @Test("a weak server secret falls to crack and forge")
    func weakSecret() throws {
        let session = try Self.session()
        #expect(session.execute("key weak").output.contains("secret123"))
        _ = session.execute("login hong gildong-demo")
        #expect(session.execute("crack").output.contains("Found it after 25 tries"))
        _ = session.execute("forge hs256 secret123")
        let accepted = session.execute("attacker me").output
        #expect(accepted.contains("200 OK"))
        #expect(accepted.contains("\"role\": \"admin\""))
    }

    @Test("RS256 publishes its key and rejects algorithm confusion")
    func confusion() throws {
        let session = try Self.session()
        #expect(session.execute("forge confusion").failed)
        _ = session.execute("key rs256")
        _ = session.execute("login hong gildong-demo")
        #expect(session.execute("me").output.contains("200 OK"))
        let forged = session.execute("forge confusion").output
        #expect(forged.contains("GET /.well-known/jwks.json"))
        #expect(forged.contains("200 OK"))
        #expect(session.execute("attacker me").output.contains("verifies RS256 only"))
        #expect(session.execute("crack").failed)
    }

    @Test("switching the key invalidates tokens signed before")
    func keySwitch() throws {
        let session = try Self.session()
        _ = session.execute("login hong gildong-demo")
        _ = session.execute("key eddsa")
        #expect(session.execute("me").output.contains("401 Unauthorized"))
        _ = session.execute("login hong gildong-demo")
        #expect(session.execute("me").output.contains("200 OK"))
        #expect(session.execute("key").output.contains("EdDSA"))
        #expect(session.execute("key rsa").failed)
    }
}

@Suite("Browser attacks")
struct BrowserAttackTests {
    static func session() throws -> Session {
        try Session(options: .init(seed: 7, width: 200), wallClockStart: { 0 })
    }

    @Test("xss reads both tokens from script-visible storage")
    func xssBody() throws {
        let session = try Self.session()
        _ = session.execute("login hong gildong-demo")
        #expect(session.execute("xss").output.contains("sent 2 tokens"))
        #expect(session.world.attacker.storage.refreshToken == session.world.user.storage.refreshToken)
        #expect(session.execute("attacker refresh").output.contains("200 OK"))
    }

    @Test("xss cannot read an HttpOnly refresh cookie")
    func xssCookie() throws {
        let session = try Self.session()
        _ = session.execute("policy set delivery cookie")
        _ = session.execute("login hong gildong-demo")
        let output = session.execute("xss").output
        #expect(output.contains("document.cookie            = \"\""))
        #expect(output.contains("1 HttpOnly cookie"))
        #expect(session.world.attacker.storage.refreshToken == nil)
        #expect(session.world.attacker.storage.accessToken != nil)
    }

    @Test("SameSite decides whether a forged logout carries the cookie")
    func csrf() throws {
        let session = try Self.session()
        _ = session.execute("policy set delivery cookie")
        _ = session.execute("login hong gildong-demo")
        let strict = session.execute("csrf logout").output
        #expect(strict.contains("400 Bad Request"))
        #expect(!strict.contains("Cookie: refresh_token"))
        #expect(session.world.user.holdsRefreshCookie)

        _ = session.execute("policy set cookie-samesite none")
        _ = session.execute("login hong gildong-demo")
        let none = session.execute("csrf logout").output
        #expect(none.contains("Cookie: refresh_token="))
        #expect(none.contains("204 No Content"))
        #expect(!session.world.user.holdsRefreshCookie)
        #expect(session.execute("csrf sideways").failed)
    }

    @Test("csrf under body delivery")
    func csrfBodyDelivery() throws {
        let session = try Self.session()
        _ = session.execute("login hong gildong-demo")
        let output = session.execute("csrf refresh").output
        #expect(output.contains("415 Unsupported Media Type"))
        #expect(output.contains("keeps its refresh token in memory, not in a cookie"))
        #expect(output.contains("The 415 is a second defence"))
        #expect(!output.contains("The browser attached no cookie"))
    }
}

@Suite("Failed login")
struct FailedLoginTests {
    @Test("failed login lists the demo accounts", arguments: Language.allCases)
    func failedLoginAccounts(language: Language) throws {
        let session = try Session(options: .init(language: language, color: false, seed: 7, width: 200), wallClockStart: { 0 })
        let output = session.execute("login 홍길동 gildong-demo").output
        #expect(output.contains("hong / gildong-demo, alice / wonderland-demo, admin / admin-demo"))
        #expect(output.contains("user.name=홍길동"))
    }
}
