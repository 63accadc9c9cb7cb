import Foundation
import Testing
import TokenClient
@testable import TokenServer

@Suite("Bad requests on loopback")
struct BadRequestTests {
    static let json: [(name: String, value: String)] = [("Content-Type", "application/json")]

    @Test("each bad request gets the right 4xx and the server keeps serving")
    func badRequests() throws {
        let server = try TestServer()
        let cases: [(String, String, [(name: String, value: String)], String, Int)] = [
            ("POST", "/api/v1/auth/login", Self.json, "{\"username\":\"hong\"", 400),
            ("POST", "/api/v1/auth/login", Self.json, "not json", 400),
            ("POST", "/api/v1/auth/login", Self.json, "[1,2]", 400),
            ("POST", "/api/v1/auth/login", Self.json, "{\"username\":5,\"password\":\"x\"}", 400),
            ("POST", "/api/v1/auth/login", Self.json, "{}", 400),
            ("POST", "/api/v1/auth/login", [("Content-Type", "text/plain")], "{\"username\":\"hong\",\"password\":\"gildong-demo\"}", 400),
            ("POST", "/api/v1/auth/login", Self.json, "\u{FF}\u{FE}", 400),
            ("POST", "/api/v1/auth/refresh", Self.json, "{\"refresh_token\":\"\"}", 400),
            ("POST", "/api/v1/auth/refresh", Self.json, "{\"refresh_token\":\"unknown\"}", 400),
            ("GET", "/api/v1/auth/login", [], "", 405),
            ("DELETE", "/api/v1/me", [], "", 405),
            ("GET", "/nowhere", [], "", 404),
            ("GET", "/api/v1/me", [("Authorization", "Bearer")], "", 400),
            ("GET", "/api/v1/me", [("Authorization", "Basic aG9uZzp4")], "", 400),
            ("GET", "/api/v1/me", [("Authorization", "Bearer not.a.jwt")], "", 401),
        ]

        for (method, path, headers, body, status) in cases {
            let exchange = try server.send(method, path, headers: headers, body: body)
            #expect(exchange.response.status == status, "\(method) \(path) \(body)")
            #expect(exchange.response.value(of: "Content-Type") == "application/json", "\(method) \(path)")
            #expect(exchange.json["error"] is String, "\(method) \(path) \(body)")
        }

        #expect(try server.client().login(username: "hong", password: "gildong-demo").response.status == 200)
    }

    @Test("405 names the allowed method")
    func methodNotAllowed() throws {
        let server = try TestServer()
        let exchange = try server.send("GET", "/api/v1/auth/refresh")
        #expect(exchange.response.status == 405)
        #expect(exchange.response.value(of: "Allow") == "POST")
    }

    @Test("a body over 16 KiB is refused and the server keeps serving")
    func largeBody() throws {
        let server = try TestServer()
        let padding = String(repeating: "a", count: 1 << 20)
        let exchange = try server.send("POST", "/api/v1/auth/login", headers: Self.json, body: "{\"username\":\"\(padding)\"}")
        #expect(exchange.response.status == 400)
        #expect((exchange.json["error_description"] as? String)?.contains("16384") == true)
        #expect(try server.client().login(username: "hong", password: "gildong-demo").response.status == 200)
    }

    @Test("the bearer scheme matches in any letter case")
    func bearerCase() throws {
        let server = try TestServer()
        let client = server.client()
        _ = try client.login(username: "hong", password: "gildong-demo")
        let token = try #require(client.storage.accessToken)
        let exchange = try server.send("GET", "/api/v1/me", headers: [("Authorization", "bearer \(token)")])
        #expect(exchange.response.status == 200)
    }

    @Test("responses never contain a stack trace or the store path")
    func noLeaks() throws {
        let server = try TestServer()
        let exchange = try server.send("POST", "/api/v1/auth/login", headers: Self.json, body: "{")
        let body = String(decoding: exchange.response.body, as: UTF8.self)
        #expect(!body.contains(server.directory.path))
        #expect(!body.contains(".swift"))
    }
}
