import Foundation
import Testing
import TokenClient

@testable import TokenServer
import RawHTTP

/// Checks real responses against docs/openapi.yaml: each status is
/// documented for its operation, the content type matches, documented
/// required headers are present, and the schema's required fields are
/// there with the documented types.
@Suite("Responses match docs/openapi.yaml")
struct OpenAPITests {
    static let specificationURL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("docs/openapi.yaml")

    /// The parsed specification with `$ref`s resolved on lookup.
    struct Specification {
        let root: [String: Any]

        init() throws {
            let text = try String(contentsOf: OpenAPITests.specificationURL, encoding: .utf8)
            guard let root = try MiniYAML.parse(text) as? [String: Any] else {
                throw MiniYAML.ParseError(line: 1, reason: "the top level is not a mapping")
            }
            self.root = root
        }

        var paths: [String: Any] { root["paths"] as? [String: Any] ?? [:] }

        /// Follows `$ref: "#/a/b"` until a value without one.
        func resolve(_ value: Any?) -> [String: Any]? {
            var current = value as? [String: Any]
            for _ in 0..<8 {
                guard let reference = current?["$ref"] as? String else { return current }
                var node: Any? = root
                for component in reference.dropFirst(2).split(separator: "/") {
                    node = (node as? [String: Any])?[String(component)]
                }
                current = node as? [String: Any]
            }
            return current
        }

        func operation(_ method: String, _ path: String) -> [String: Any]? {
            (paths[path] as? [String: Any])?[method.lowercased()] as? [String: Any]
        }
    }

    /// Checks one response against the operation's documented response
    /// for its status.
    static func check(_ response: RawHTTPConnection.Response, _ method: String, _ path: String, in specification: Specification) {
        let label = "\(method) \(path) \(response.status)"
        // A 405 is documented under the operation the path does accept.
        let documentedMethod = response.status == 405 ? (Router.routes[path] ?? method) : method
        guard let operation = specification.operation(documentedMethod, path) else {
            Issue.record("\(method) \(path) is not in openapi.yaml")
            return
        }
        let responses = operation["responses"] as? [String: Any] ?? [:]
        guard let documented = specification.resolve(responses[String(response.status)]) else {
            Issue.record("\(label): status not documented")
            return
        }

        for (name, header) in documented["headers"] as? [String: Any] ?? [:] {
            if specification.resolve(header)?["required"] as? Bool == true {
                #expect(!response.values(of: name).isEmpty, "\(label): missing header \(name)")
            }
        }

        let content = documented["content"] as? [String: Any] ?? [:]
        guard let (mediaType, media) = content.first else {
            #expect(response.body.isEmpty, "\(label): body where none is documented")
            return
        }
        #expect(response.values(of: "Content-Type").first == mediaType, "\(label): content type")
        let schema = specification.resolve((media as? [String: Any])?["schema"])
        let object = (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any]
        guard let object, let schema else {
            Issue.record("\(label): body is not a JSON object, or the schema is missing")
            return
        }
        let properties = schema["properties"] as? [String: Any] ?? [:]
        for field in schema["required"] as? [Any] ?? [] {
            let name = "\(field)"
            #expect(object[name] != nil, "\(label): missing field \(name)")
        }
        for (name, value) in object {
            guard let property = specification.resolve(properties[name]) else {
                Issue.record("\(label): field \(name) is not documented")
                continue
            }
            let type = property["type"] as? String
            #expect(matches(value, type), "\(label): field \(name) is not a \(type ?? "?")")
        }
    }

    static func matches(_ value: Any, _ type: String?) -> Bool {
        switch type {
        case "string": value is String
        // Integers print without a point or exponent; booleans print as words.
        case "integer": value is NSNumber && Int("\(value)") != nil
        case "array": value is [Any]
        case "object": value is [String: Any]
        default: false
        }
    }

    @Test("the specification lists exactly the server's routes")
    func routes() throws {
        let specification = try Specification()
        var documented: [String: String] = [:]
        for (path, item) in specification.paths {
            for method in (item as? [String: Any] ?? [:]).keys {
                documented[path] = method.uppercased()
            }
        }
        #expect(documented == Router.routes)
    }

    @Test("each endpoint's responses match the specification")
    func responses() throws {
        let specification = try Specification()
        let server = try TestServer()
        let json = [("Content-Type", "application/json")]
        let connection = try server.raw()
        func send(_ method: String, _ path: String, headers: [(name: String, value: String)] = [], body: String = "") throws
            -> RawHTTPConnection.Response
        {
            let response = try connection.request(method, path, headers: headers, body: Array(body.utf8))
            Self.check(response, method, path, in: specification)
            return response
        }

        let login = try send("POST", Router.loginPath, headers: json, body: #"{"username":"hong","password":"gildong-demo"}"#)
        #expect(login.status == 200)
        let access = try #require(login.json["access_token"] as? String)
        let refresh = try #require(login.json["refresh_token"] as? String)
        _ = try send("POST", Router.loginPath, headers: json, body: #"{"username":"hong","password":"nope"}"#)
        _ = try send("POST", Router.loginPath, headers: json, body: "{")
        _ = try send("POST", Router.loginPath, headers: [("Content-Type", "text/plain")], body: "{}")
        _ = try send("GET", Router.loginPath)

        _ = try send("GET", Router.mePath, headers: [("Authorization", "Bearer \(access)")])
        _ = try send("GET", Router.mePath)
        _ = try send("GET", Router.mePath, headers: [("Authorization", "Bearer x.y.z")])
        _ = try send("GET", Router.mePath, headers: [("Authorization", "Basic eDp5")])

        let rotated = try send("POST", Router.refreshPath, headers: json, body: "{\"refresh_token\":\"\(refresh)\"}")
        #expect(rotated.status == 200)
        let next = try #require(rotated.json["refresh_token"] as? String)
        _ = try send("POST", Router.refreshPath, headers: json, body: #"{"refresh_token":"unknown"}"#)
        _ = try send("GET", Router.refreshPath)

        let logout = try send("POST", Router.logoutPath, headers: json, body: "{\"refresh_token\":\"\(next)\"}")
        #expect(logout.status == 204)
        _ = try send("POST", Router.logoutPath, headers: json, body: "[]")

        let keys = try send("GET", Router.jwksPath)
        #expect(keys.status == 200)
        _ = try send("POST", Router.jwksPath)

        let large = try connection.request(
            "POST", Router.loginPath, headers: json, body: Array(repeating: UInt8(ascii: " "), count: 20_000))
        #expect(large.status == 413)
        Self.check(large, "POST", Router.loginPath, in: specification)
    }

    @Test("cookie delivery matches the specification")
    func cookieDelivery() throws {
        let specification = try Specification()
        var policy = Policy.standard
        policy.delivery = .cookie
        let server = try TestServer(policy: policy)
        let connection = try server.raw()
        let login = try connection.request(
            "POST", Router.loginPath, headers: [("Content-Type", "application/json")],
            body: Array(#"{"username":"hong","password":"gildong-demo"}"#.utf8))
        Self.check(login, "POST", Router.loginPath, in: specification)
        let cookie = try #require(login.values(of: "Set-Cookie").first?.split(separator: ";").first)

        let refresh = try connection.request("POST", Router.refreshPath, headers: [("Cookie", String(cookie))])
        #expect(refresh.status == 200)
        Self.check(refresh, "POST", Router.refreshPath, in: specification)
    }

    @Test("the YAML reader rejects what it does not support")
    func readerLimits() {
        #expect(throws: MiniYAML.ParseError.self) { try MiniYAML.parse("a: |\n  text\n") }
        #expect(throws: MiniYAML.ParseError.self) { try MiniYAML.parse("a: {b: 1}\n") }
        #expect(throws: MiniYAML.ParseError.self) { try MiniYAML.parse("a:\n    b: 1\n  c: 2\n") }
    }
}
