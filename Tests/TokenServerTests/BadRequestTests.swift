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
            ("POST", "/api/v1/auth/login", [("Content-Type", "text/plain")], "{\"username\":\"hong\",\"password\":\"gildong-demo\"}", 415),
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

    /// One request written byte for byte, and the status it must get.
    struct RawCase: CustomStringConvertible {
        let name: String
        let bytes: [UInt8]
        let status: Int
        /// False for error responses libmicrohttpd sends itself, in HTML.
        var json = true

        var description: String { name }

        static func post(_ name: String, _ path: String, headers: [String] = ["Content-Type: application/json"], body: [UInt8], status: Int)
            -> RawCase
        {
            var head = "POST \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            for header in headers { head += header + "\r\n" }
            head += "Content-Length: \(body.count)\r\n\r\n"
            return RawCase(name: name, bytes: Array(head.utf8) + body, status: status)
        }

        static func get(_ name: String, _ target: String, headers: [String] = [], status: Int, json: Bool = true) -> RawCase {
            var head = "GET \(target) HTTP/1.1\r\n"
            for header in headers { head += header + "\r\n" }
            return RawCase(name: name, bytes: Array((head + "\r\n").utf8), status: status, json: json)
        }
    }

    static let login = "/api/v1/auth/login"
    static let refresh = "/api/v1/auth/refresh"
    static let me = "/api/v1/me"
    static let host = "Host: 127.0.0.1"

    static let rawCases: [RawCase] = [
        .post("malformed JSON", login, body: Array(#"{"username":"hong",}"#.utf8), status: 400),
        .post("truncated JSON", login, body: Array(#"{"username":"hong","passw"#.utf8), status: 400),
        .post("empty body", login, body: [], status: 400),
        .post("JSON array", login, body: Array("[]".utf8), status: 400),
        .post("JSON string", login, body: Array(#""hong""#.utf8), status: 400),
        .post("username is a number", login, body: Array(#"{"username":1,"password":"x"}"#.utf8), status: 400),
        .post("password is null", login, body: Array(#"{"username":"hong","password":null}"#.utf8), status: 400),
        .post("refresh_token is an object", refresh, body: Array(#"{"refresh_token":{"a":1}}"#.utf8), status: 400),
        .post("refresh_token is true", refresh, body: Array(#"{"refresh_token":true}"#.utf8), status: 400),
        .post("unknown login field", login, body: Array(#"{"username":"hong","password":"x","remember":true}"#.utf8), status: 400),
        .post("unknown refresh field", refresh, body: Array(#"{"refresh_token":"abc","grant_type":"refresh_token"}"#.utf8), status: 400),
        .post("1 MiB body", login, body: Array(repeating: UInt8(ascii: "a"), count: 1 << 20), status: 413),
        .post("non-UTF-8 bytes", login, body: [0x7B, 0x22, 0x75, 0x22, 0x3A, 0x22, 0xFF, 0xFE, 0x22, 0x7D], status: 400),
        .post("UTF-16 with a BOM", login, body: [0xFF, 0xFE, 0x7B, 0x00, 0x7D, 0x00], status: 400),
        .post("missing Content-Type", login, headers: [], body: Array(#"{"username":"hong","password":"x"}"#.utf8), status: 415),
        .post(
            "Latin-1 charset", login, headers: ["Content-Type: application/json; charset=iso-8859-1"], body: Array("{}".utf8), status: 415),
        .post(
            "doubled Content-Type", login, headers: ["Content-Type: application/json", "Content-Type: application/json"],
            body: Array("{}".utf8), status: 400),
        .post("refresh token in the query", refresh + "?refresh_token=abc", body: Array(#"{"refresh_token":"abc"}"#.utf8), status: 400),
        .get("access token in the query", me + "?access_token=abc", headers: [host], status: 400),
        .get("doubled Authorization", me, headers: [host, "Authorization: Bearer a.b.c", "Authorization: Bearer d.e.f"], status: 400),
        .get("missing Authorization", me, headers: [host], status: 401),
        .get("Bearer with no token", me, headers: [host, "Authorization: Bearer"], status: 400),
        .get("Bearer and spaces", me, headers: [host, "Authorization: Bearer    "], status: 400),
        .get("Basic credentials", me, headers: [host, "Authorization: Basic aG9uZzp4"], status: 400),
        .get("a token that is not a JWT", me, headers: [host, "Authorization: Bearer abc"], status: 401),
        .get("unknown path", "/api/v2/me", headers: [host], status: 404),
        .get("wrong method", login, headers: [host], status: 405),
        .get("missing Host", me, status: 400, json: false),
        .get("64 KiB header", me, headers: [host, "X-Padding: " + String(repeating: "p", count: 65_536)], status: 431, json: false),
    ]

    @Test("raw bad requests get the right 4xx, and the server keeps serving")
    func rawBadRequests() throws {
        let server = try TestServer()
        for testCase in Self.rawCases {
            let response = try server.sendBytes(testCase.bytes)
            #expect(response.status == testCase.status, "\(testCase)")
            if testCase.json {
                #expect(response.values(of: "Content-Type") == ["application/json"], "\(testCase)")
                #expect(response.values(of: "Cache-Control") == ["no-store"], "\(testCase)")
                #expect(response.json["error"] is String, "\(testCase)")
                #expect(response.json["error_description"] is String, "\(testCase)")
            }
            if testCase.status == 401 {
                #expect(response.values(of: "WWW-Authenticate").count == 1, "\(testCase)")
            }
            if testCase.status == 405 {
                #expect(response.values(of: "Allow") == ["POST"], "\(testCase)")
            }

            // A fresh connection still gets served after each case.
            let probe = try server.raw().request("GET", Self.me)
            #expect(probe.status == 401, "after \(testCase)")
        }
        #expect(try server.client().login(username: "hong", password: "gildong-demo").response.status == 200)
    }

    @Test("one connection survives a run of bad requests")
    func keepAliveAfterErrors() throws {
        let server = try TestServer()
        let connection = try server.raw()
        for testCase in Self.rawCases where testCase.json && testCase.status != 413 {
            #expect(try connection.exchange(testCase.bytes).status == testCase.status, "\(testCase)")
        }
        #expect(try connection.request("GET", Self.me).status == 401)
    }

    @Test("responses and log lines leak nothing")
    func nothingLeaks() throws {
        let server = try TestServer()
        let client = server.client()
        _ = try client.login(username: "hong", password: "gildong-demo")
        let refresh = try #require(client.storage.refreshToken)
        let access = try #require(client.storage.accessToken)
        _ = try client.refresh()
        let replay = server.client("replay")
        replay.storage.refreshToken = refresh
        _ = try replay.refresh()
        _ = try client.login(username: "hong", password: "wrong-password")

        var texts: [String] = []
        for testCase in Self.rawCases {
            texts.append(String(decoding: try server.sendBytes(testCase.bytes).body, as: UTF8.self))
        }
        texts += server.log.drain().map(\.line)
        #expect(texts.contains { $0.contains("http.request") })
        #expect(texts.contains { $0.contains("refresh.reuse_detected") })
        #expect(texts.contains { $0.contains("login.failed") })

        let secretHex = SeededRandom(seed: 1).bytes(count: 32).map { String(format: "%02x", $0) }.joined()
        for text in texts {
            for forbidden in [server.directory.path, ".swift", "Fatal", secretHex, refresh, access, "wrong-password", "gildong-demo"] {
                #expect(!text.contains(forbidden), "\(text.prefix(80))")
            }
        }
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
        #expect(exchange.response.status == 413)
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
