import Foundation
import Testing
import TokenClient
import TokenServer

@Suite("Cookie jar rules")
struct CookieJarTests {
    static let loopback = URL(string: "http://127.0.0.1:8080/api/v1/auth/login")!

    static func jar(clock: ManualClock = ManualClock(start: 1_000)) -> CookieJar {
        CookieJar(now: { clock.now })
    }

    @Test("cookies go back only on matching paths")
    func pathMatching() {
        let jar = Self.jar()
        #expect(jar.store(setCookie: "refresh_token=abc; Path=/api/v1/auth; HttpOnly; Secure", from: Self.loopback))
        let base = URL(string: "http://127.0.0.1:8080")!
        #expect(jar.cookieHeader(for: base.appendingPathComponent("/api/v1/auth/refresh")) == "refresh_token=abc")
        #expect(jar.cookieHeader(for: base.appendingPathComponent("/api/v1/auth")) == "refresh_token=abc")
        #expect(jar.cookieHeader(for: base.appendingPathComponent("/api/v1/authx")) == nil)
        #expect(jar.cookieHeader(for: base.appendingPathComponent("/api/v1/me")) == nil)
    }

    @Test("without Path the default is the request's directory")
    func defaultPath() {
        let jar = Self.jar()
        jar.store(setCookie: "a=1", from: Self.loopback)
        #expect(jar.allCookies.first?.path == "/api/v1/auth")
        #expect(CookieJar(now: { 0 }).store(setCookie: "b=2", from: URL(string: "http://127.0.0.1/x")!))
    }

    @Test("Secure cookies work on loopback and not on plain remote HTTP")
    func secureOrigins() {
        for host in ["127.0.0.1", "localhost", "[::1]"] {
            let jar = Self.jar()
            let url = URL(string: "http://\(host):8080/api/v1/auth/login")!
            #expect(jar.store(setCookie: "a=1; Secure; Path=/", from: url), "\(host)")
            #expect(jar.cookieHeader(for: url) == "a=1", "\(host)")
        }
        let remote = URL(string: "http://example.test/api/v1/auth/login")!
        let jar = Self.jar()
        #expect(!jar.store(setCookie: "a=1; Secure; Path=/", from: remote))
        #expect(jar.store(setCookie: "a=1; Secure; Path=/", from: URL(string: "https://example.test/")!))
        #expect(jar.cookieHeader(for: remote) == nil)
    }

    @Test("HttpOnly cookies are sent but hidden from scripts")
    func httpOnly() {
        let jar = Self.jar()
        jar.store(setCookie: "refresh_token=secret; Path=/; HttpOnly", from: Self.loopback)
        jar.store(setCookie: "theme=dark; Path=/", from: Self.loopback)
        #expect(jar.cookieHeader(for: Self.loopback)?.contains("refresh_token=secret") == true)
        #expect(jar.scriptCookies(for: Self.loopback) == "theme=dark")
    }

    @Test("Max-Age expires and deletes cookies")
    func maxAge() {
        let clock = ManualClock(start: 1_000)
        let jar = Self.jar(clock: clock)
        jar.store(setCookie: "a=1; Max-Age=60; Path=/", from: Self.loopback)
        clock.advance(by: 59)
        #expect(jar.cookieHeader(for: Self.loopback) == "a=1")
        clock.advance(by: 1)
        #expect(jar.cookieHeader(for: Self.loopback) == nil)

        jar.store(setCookie: "b=2; Path=/", from: Self.loopback)
        jar.store(setCookie: "b=; Max-Age=0; Path=/", from: Self.loopback)
        #expect(jar.allCookies.isEmpty)
    }

    @Test("a Domain wider than the host is ignored")
    func domain() {
        let jar = Self.jar()
        #expect(!jar.store(setCookie: "a=1; Domain=example.test", from: URL(string: "https://api.example.test/")!))
        #expect(jar.store(setCookie: "a=1; Domain=api.example.test", from: URL(string: "https://api.example.test/")!))
        #expect(jar.cookieHeader(for: URL(string: "https://other.example.test/")!) == nil)
    }

    @Test("malformed Set-Cookie values are ignored")
    func malformed() {
        let jar = Self.jar()
        for header in ["", "novalue", "=abc", "; Path=/"] {
            #expect(!jar.store(setCookie: header, from: Self.loopback), "\(header)")
        }
        #expect(jar.allCookies.isEmpty)
    }
}
