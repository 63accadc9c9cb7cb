import Foundation
import JOSE

/// Maps HTTP requests to `AuthService` calls and every outcome to a
/// response, in this one place.
///
/// Token responses carry `Cache-Control: no-store` and `Pragma: no-cache`
/// (RFC 6749 section 5.1). Errors are JSON `{"error","error_description"}`;
/// 401s add `WWW-Authenticate` (RFC 6750 section 3). An unexpected error
/// becomes a bare 500 and is logged, and its text never reaches the client.
public struct Router: Sendable {
    public static let loginPath = "/api/v1/auth/login"
    public static let refreshPath = "/api/v1/auth/refresh"
    public static let logoutPath = "/api/v1/auth/logout"
    public static let mePath = "/api/v1/me"

    let service: AuthService
    let log: any LogSink

    public init(service: AuthService, log: any LogSink) {
        self.service = service
        self.log = log
    }

    private static let routes: [String: String] = [
        loginPath: "POST", refreshPath: "POST", logoutPath: "POST", mePath: "GET",
    ]

    public func handle(_ request: HTTPRequest) -> HTTPResponse {
        guard let allowed = Self.routes[request.path] else {
            return Self.error(status: 404, code: "not_found", description: "no endpoint at \(Self.printable(request.path))")
        }
        guard request.method == allowed else {
            return Self.error(
                status: 405, code: "invalid_request",
                description: "\(Self.printable(request.method)) is not allowed here; use \(allowed)",
                headers: [("Allow", allowed)])
        }

        do {
            switch request.path {
            case Self.loginPath: return try login(request)
            case Self.refreshPath: return try refresh(request)
            case Self.logoutPath: return try logout(request)
            default: return try me(request)
            }
        } catch let error as AuthError {
            return Self.response(for: error)
        } catch {
            log.log(LogEntry(level: .warning, event: "request.failed", metadata: [
                ("http.path", request.path), ("error", String(describing: type(of: error))),
            ]))
            return Self.error(status: 500, code: "server_error", description: "internal error")
        }
    }

    private func login(_ request: HTTPRequest) throws -> HTTPResponse {
        let body = try Self.jsonBody(request)
        let username = try Self.stringField("username", in: body)
        let password = try Self.stringField("password", in: body)
        return Self.tokenResponse(try service.login(username: username, password: password))
    }

    private func refresh(_ request: HTTPRequest) throws -> HTTPResponse {
        let body = try Self.jsonBody(request)
        let token = try Self.stringField("refresh_token", in: body)
        return Self.tokenResponse(try service.refresh(token: token))
    }

    private func logout(_ request: HTTPRequest) throws -> HTTPResponse {
        let body = try Self.jsonBody(request)
        let token = try Self.stringField("refresh_token", in: body)
        try service.logout(token: token)
        return HTTPResponse(status: 204, headers: [("Cache-Control", "no-store")])
    }

    private func me(_ request: HTTPRequest) throws -> HTTPResponse {
        let token = try Self.bearerToken(request)
        let claims = try service.authenticate(accessToken: token)

        var object: [String: Any] = [:]
        for name in ["sub", "name", "role", "iat", "exp"] {
            switch claims[name] {
            case .string(let text): object[name] = text
            case .integer(let number): object[name] = number
            default: break
            }
        }
        return HTTPResponse.json(status: 200, object, headers: [("Cache-Control", "no-store")])
    }

    // MARK: - Request parsing

    private static func jsonBody(_ request: HTTPRequest) throws -> [String: Any] {
        if request.bodyTooLarge {
            throw AuthError.invalidRequest("the body is over \(MicroHTTPDServer.maximumBodySize) bytes")
        }
        let contentType = request.values(of: "Content-Type").first ?? ""
        guard contentType.lowercased().split(separator: ";").first?.trimmingCharacters(in: .whitespaces) == "application/json" else {
            throw AuthError.invalidRequest("send the body as JSON with Content-Type: application/json")
        }
        guard let object = try? JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any] else {
            throw AuthError.invalidRequest("the body is not a JSON object")
        }
        return object
    }

    private static func stringField(_ name: String, in body: [String: Any]) throws -> String {
        guard let value = body[name] else {
            throw AuthError.invalidRequest("missing \"\(name)\" in the body")
        }
        guard let text = value as? String, !text.isEmpty else {
            throw AuthError.invalidRequest("\"\(name)\" must be a non-empty string")
        }
        return text
    }

    /// Reads `Authorization: Bearer <token>`; the scheme is matched without
    /// regard to case (RFC 9110 section 11.1).
    private static func bearerToken(_ request: HTTPRequest) throws -> String {
        let values = request.values(of: "Authorization")
        guard let value = values.first else { throw AuthError.missingAccessToken }
        guard values.count == 1 else {
            throw AuthError.invalidRequest("send one Authorization header, not \(values.count)")
        }
        let parts = value.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            throw AuthError.invalidRequest("the Authorization header must be \"Bearer <token>\"")
        }
        return parts[1].trimmingCharacters(in: .whitespaces)
    }

    // MARK: - Responses

    private static func tokenResponse(_ grant: TokenGrant) -> HTTPResponse {
        var object: [String: Any] = [
            "access_token": grant.accessToken,
            "token_type": "Bearer",
            "expires_in": grant.expiresIn,
        ]
        if let refreshToken = grant.refreshToken {
            object["refresh_token"] = refreshToken
        }
        return HTTPResponse.json(status: 200, object, headers: [("Cache-Control", "no-store"), ("Pragma", "no-cache")])
    }

    static func response(for error: AuthError) -> HTTPResponse {
        var headers: [(name: String, value: String)] = []
        if error.status == 401 {
            // RFC 6750 section 3: a request without a token gets the
            // challenge alone, without an error code.
            if case .missingAccessToken = error {
                headers.append(("WWW-Authenticate", "Bearer realm=\"tokenlab\""))
            } else {
                let description = error.description.replacingOccurrences(of: "\"", with: "'")
                headers.append(("WWW-Authenticate", "Bearer realm=\"tokenlab\", error=\"\(error.code)\", error_description=\"\(description)\""))
            }
        }
        return Self.error(status: error.status, code: error.code, description: error.description, headers: headers)
    }

    private static func error(
        status: Int, code: String, description: String, headers: [(name: String, value: String)] = []
    ) -> HTTPResponse {
        HTTPResponse.json(
            status: status, ["error": code, "error_description": description],
            headers: [("Cache-Control", "no-store")] + headers)
    }

    /// A request value as it may be echoed: printable ASCII, at most 64
    /// characters.
    private static func printable(_ text: String) -> String {
        String(text.unicodeScalars.prefix(64).map { $0.isASCII && $0.value >= 0x20 && $0.value < 0x7F ? Character($0) : "?" })
    }
}
