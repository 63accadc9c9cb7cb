import Foundation

/// Reads the parts of a request the API uses, and rejects each malformed
/// one with an `AuthError` that names what is wrong.
enum RequestParser {
    /// Query parameters that must never carry a token.
    static let tokenParameters: Set<String> = ["access_token", "refresh_token"]

    /// Rejects a token in the query string. RFC 6750 section 5.3 warns
    /// against tokens in URLs, which end up in logs, history and `Referer`
    /// headers. This API accepts them only in headers, cookies and bodies.
    static func rejectTokensInQuery(_ request: HTTPRequest) throws {
        if let argument = request.queryArguments.first(where: { tokenParameters.contains($0.name.lowercased()) }) {
            throw AuthError.invalidRequest(
                "do not send \(Router.printable(argument.name)) in the URL; use the Authorization header or the JSON body")
        }
    }

    /// The body as a JSON object with only the members in `fields`.
    ///
    /// - Parameter cookieDelivery: set when the refresh token travels in a
    ///   cookie, so a `refresh_token` member gets an error naming the cookie.
    static func jsonBody(_ request: HTTPRequest, fields: Set<String>, cookieDelivery: Bool = false) throws -> [String: Any] {
        if request.bodyTooLarge {
            throw AuthError.bodyTooLarge(limit: MicroHTTPDServer.maximumBodySize)
        }
        let contentTypes = request.values(of: "Content-Type")
        guard contentTypes.count <= 1 else {
            throw AuthError.invalidRequest("send one Content-Type header, not \(contentTypes.count)")
        }
        let parameters = (contentTypes.first ?? "").lowercased().split(separator: ";")
            .map { $0.trimmingCharacters(in: .whitespaces) }
        guard parameters.first == "application/json" else {
            let sent = contentTypes.first.map { "Content-Type \(Router.printable($0))" } ?? "no Content-Type"
            throw AuthError.unsupportedMediaType("send the body as JSON with Content-Type: application/json, not \(sent)")
        }
        if let charset = parameters.dropFirst().first(where: { $0.hasPrefix("charset=") }),
            !["charset=utf-8", "charset=\"utf-8\""].contains(charset)
        {
            throw AuthError.unsupportedMediaType("send JSON as UTF-8 (RFC 8259 section 8.1), not \(Router.printable(charset))")
        }
        // JSONSerialization would also accept UTF-16 and UTF-32, which JSON
        // exchanged between systems must not use.
        guard String(validating: request.body, as: UTF8.self) != nil else {
            throw AuthError.invalidRequest("the body is not valid UTF-8")
        }
        guard let object = try? JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any] else {
            throw AuthError.invalidRequest("the body is not a JSON object")
        }

        if let unknown = object.keys.sorted().first(where: { !fields.contains($0) }) {
            if cookieDelivery && unknown == "refresh_token" {
                throw AuthError.invalidRequest(
                    "the server delivers refresh tokens in the \(Policy.cookieName) cookie; send it there, not in the body")
            }
            let expected = fields.isEmpty ? "an empty object" : fields.sorted().map { "\"\($0)\"" }.joined(separator: " and ")
            throw AuthError.invalidRequest("unknown field \"\(Router.printable(unknown))\" in the body; send only \(expected)")
        }
        return object
    }

    static func stringField(_ name: String, in body: [String: Any]) throws -> String {
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
    static func bearerToken(_ request: HTTPRequest) throws -> String {
        let values = request.values(of: "Authorization")
        guard let value = values.first else { throw AuthError.missingAccessToken }
        guard values.count == 1 else {
            throw AuthError.invalidRequest("send one Authorization header, not \(values.count)")
        }
        let parts = value.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            throw AuthError.invalidRequest("the Authorization header must be \"Bearer <token>\"")
        }
        let token = parts[1].trimmingCharacters(in: .whitespaces)
        guard !token.isEmpty else {
            throw AuthError.invalidRequest("the Authorization header must be \"Bearer <token>\"")
        }
        return token
    }

    /// The value of cookie `name` from the `Cookie` header (RFC 6265
    /// section 5.4: `name=value` pairs separated by `; `).
    static func cookie(_ name: String, in request: HTTPRequest) throws -> String {
        let headers = request.values(of: "Cookie")
        var values: [String] = []
        for header in headers {
            for pair in header.split(separator: ";") {
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                guard parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces) == name else { continue }
                values.append(parts[1].trimmingCharacters(in: .whitespaces))
            }
        }
        guard values.count <= 1 else {
            throw AuthError.invalidRequest("send one \(name) cookie, not \(values.count)")
        }
        guard let value = values.first, !value.isEmpty else {
            throw AuthError.invalidRequest("missing the \(name) cookie: log in first")
        }
        return value
    }
}
