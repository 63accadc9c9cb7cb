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
    public static let jwksPath = "/.well-known/jwks.json"

    /// Every path the server serves, with its one method.
    public static let routes: [String: String] = [
        loginPath: "POST", refreshPath: "POST", logoutPath: "POST", mePath: "GET", jwksPath: "GET",
    ]

    let service: AuthService
    let log: any LogSink

    public init(service: AuthService, log: any LogSink) {
        self.service = service
        self.log = log
    }

    public func handle(_ request: HTTPRequest) -> HTTPResponse {
        route(request).response
    }

    /// Handles `request` and returns the response with the ids the request
    /// log records.
    func route(_ request: HTTPRequest) -> RoutedResponse {
        guard let allowed = Self.routes[request.path] else {
            return RoutedResponse(
                Self.error(
                    status: 404, code: "not_found", description: "no endpoint at \(Self.printable(request.path))"))
        }
        guard request.method == allowed else {
            return RoutedResponse(
                Self.error(
                    status: 405, code: "invalid_request",
                    description: "\(Self.printable(request.method)) is not allowed here; use \(allowed)",
                    headers: [("Allow", allowed)]))
        }

        do {
            try RequestParser.rejectTokensInQuery(request)
            switch request.path {
            case Self.loginPath: return try login(request)
            case Self.refreshPath: return try refresh(request)
            case Self.logoutPath: return try logout(request)
            case Self.jwksPath: return jwks()
            default: return try me(request)
            }
        } catch let error as AuthError {
            var response = Self.response(for: error)
            // A dead refresh token in a cookie is cleared, so the browser
            // stops sending it.
            if error.code == "invalid_grant", request.path == Self.refreshPath, service.policy.delivery == .cookie {
                response.headers.append(("Set-Cookie", clearingCookie()))
            }
            return RoutedResponse(response)
        } catch {
            log.log(
                LogEntry(
                    level: .warning, event: "request.failed",
                    metadata: [
                        ("http.path", Self.printable(request.path)), ("error", String(describing: type(of: error))),
                    ]))
            return RoutedResponse(Self.error(status: 500, code: "server_error", description: "internal error"))
        }
    }

    private func login(_ request: HTTPRequest) throws -> RoutedResponse {
        let body = try RequestParser.jsonBody(request, fields: ["username", "password"])
        let username = try RequestParser.stringField("username", in: body)
        let password = try RequestParser.stringField("password", in: body)
        let grant = try service.login(username: username, password: password)
        return RoutedResponse(tokenResponse(grant, request: request), grant: grant)
    }

    private func refresh(_ request: HTTPRequest) throws -> RoutedResponse {
        let grant = try service.refresh(token: try refreshToken(in: request))
        return RoutedResponse(tokenResponse(grant, request: request), grant: grant)
    }

    private func logout(_ request: HTTPRequest) throws -> RoutedResponse {
        try service.logout(token: try refreshToken(in: request))
        var headers: [(name: String, value: String)] = [("Cache-Control", "no-store")]
        if service.policy.delivery == .cookie {
            headers.append(("Set-Cookie", clearingCookie()))
        }
        return RoutedResponse(HTTPResponse(status: 204, headers: headers))
    }

    private func me(_ request: HTTPRequest) throws -> RoutedResponse {
        let token = try RequestParser.bearerToken(request)
        let claims = try service.authenticate(accessToken: token)

        var object: [String: Any] = [:]
        for name in ["sub", "name", "role", "iat", "exp"] {
            switch claims[name] {
            case .string(let text): object[name] = text
            case .integer(let number): object[name] = number
            default: break
            }
        }
        var routed = RoutedResponse(HTTPResponse.json(status: 200, object, headers: [("Cache-Control", "no-store")]))
        routed.subject = claims.subject
        routed.familyID = claims.string("sid")
        routed.tokenID = claims.tokenID
        return routed
    }

    private func jwks() -> RoutedResponse {
        let keys = service.publicKeys.map { key in key.mapValues(\.foundationValue) }
        return RoutedResponse(
            HTTPResponse.json(
                status: 200, ["keys": keys], headers: [("Cache-Control", "public, max-age=300")]))
    }

    /// The refresh token of a refresh or logout request: from the JSON body
    /// in body delivery, from the cookie in cookie delivery, where the body
    /// may be empty or `{}`.
    private func refreshToken(in request: HTTPRequest) throws -> String {
        switch service.policy.delivery {
        case .body:
            let body = try RequestParser.jsonBody(request, fields: ["refresh_token"])
            return try RequestParser.stringField("refresh_token", in: body)
        case .cookie:
            if !request.body.isEmpty || request.bodyTooLarge {
                _ = try RequestParser.jsonBody(request, fields: [], cookieDelivery: true)
            }
            return try RequestParser.cookie(Policy.cookieName, in: request)
        }
    }

    // MARK: - Responses

    /// Returns the 200 response to a login or refresh. Under body delivery,
    /// a refresh cookie that `request` still carries (from before the policy
    /// changed) is cleared, so the browser keeps one refresh token, not two.
    private func tokenResponse(_ grant: TokenGrant, request: HTTPRequest) -> HTTPResponse {
        let policy = service.policy
        var object: [String: Any] = [
            "access_token": grant.accessToken,
            "token_type": "Bearer",
            "expires_in": grant.expiresIn,
        ]
        var headers: [(name: String, value: String)] = [("Cache-Control", "no-store"), ("Pragma", "no-cache")]
        if let refreshToken = grant.refreshToken {
            switch policy.delivery {
            case .body:
                object["refresh_token"] = refreshToken
                if (try? RequestParser.cookie(Policy.cookieName, in: request)) != nil {
                    headers.append(("Set-Cookie", clearingCookie()))
                }
            case .cookie:
                let maxAge = max(0, grant.refreshTokenExpiresAt - service.clock.now)
                headers.append(("Set-Cookie", cookie(value: refreshToken, maxAge: maxAge, policy: policy)))
            }
        }
        return HTTPResponse.json(status: 200, object, headers: headers)
    }

    /// A `Set-Cookie` value for the refresh token: `HttpOnly` so scripts
    /// cannot read it, `Secure` so it never travels over plain HTTP except
    /// to loopback, which browsers treat as a secure context.
    private func cookie(value: String, maxAge: Int64, policy: Policy) -> String {
        "\(Policy.cookieName)=\(value); Max-Age=\(maxAge); Path=\(policy.cookiePath); HttpOnly; Secure; SameSite=\(policy.cookieSameSite.rawValue)"
    }

    private func clearingCookie() -> String {
        cookie(value: "", maxAge: 0, policy: service.policy)
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
                headers.append(
                    ("WWW-Authenticate", "Bearer realm=\"tokenlab\", error=\"\(error.code)\", error_description=\"\(description)\""))
            }
        }
        if case .loginBusy(let retryAfter) = error {
            headers.append(("Retry-After", "\(retryAfter)"))
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

    /// A request value as it may be echoed or logged: printable ASCII, at
    /// most 64 characters.
    static func printable(_ text: String) -> String {
        String(text.unicodeScalars.prefix(64).map { $0.isASCII && $0.value >= 0x20 && $0.value < 0x7F ? Character($0) : "?" })
    }
}

/// A response and the ids of the user and tokens it concerned, for the
/// request log. The ids are never tokens.
struct RoutedResponse {
    var response: HTTPResponse
    var subject: String?
    var familyID: String?
    var tokenID: String?

    init(_ response: HTTPResponse, grant: TokenGrant? = nil) {
        self.response = response
        self.subject = grant?.subject
        self.familyID = grant?.familyID
        self.tokenID = grant?.accessTokenID
    }
}

extension JSONValue {
    /// The value as `JSONSerialization` takes it.
    var foundationValue: Any {
        switch self {
        case .null: NSNull()
        case .bool(let value): value
        case .integer(let value): value
        case .number(let value): value
        case .string(let value): value
        case .array(let values): values.map(\.foundationValue)
        case .object(let members): members.mapValues(\.foundationValue)
        }
    }
}
