import Foundation

/// A client of the token API: logs in, calls the API with its access
/// token, refreshes and logs out, keeping tokens in its `TokenStorage`.
///
/// Each call returns the HTTP exchange it made, whatever the status, so
/// the caller can show it; storage changes only on success.
public final class AuthClient: Sendable {
    public static let loginPath = "/api/v1/auth/login"
    public static let refreshPath = "/api/v1/auth/refresh"
    public static let logoutPath = "/api/v1/auth/logout"
    public static let mePath = "/api/v1/me"

    public let name: String
    public let storage: TokenStorage
    /// Whether an `invalid_grant` from the refresh endpoint makes the
    /// client drop its tokens, as an honest app does when it sends its user
    /// back to the login screen. A thief keeps whatever still works.
    public let forgetsTokensOnInvalidGrant: Bool
    private let transport: HTTPTransport

    public init(name: String, transport: HTTPTransport, storage: TokenStorage = TokenStorage(), forgetsTokensOnInvalidGrant: Bool = true) {
        self.name = name
        self.transport = transport
        self.storage = storage
        self.forgetsTokensOnInvalidGrant = forgetsTokensOnInvalidGrant
    }

    /// `POST /api/v1/auth/login`; on 200 stores both tokens.
    public func login(username: String, password: String) throws(TransportError) -> HTTPExchange {
        let exchange = try postJSON(Self.loginPath, ["username": username, "password": password])
        storeTokens(from: exchange)
        return exchange
    }

    /// `POST /api/v1/auth/refresh` with the stored refresh token; on 200
    /// stores the new access token and, if sent, the new refresh token.
    /// On `invalid_grant` the session is over, so the client forgets both
    /// tokens unless `forgetsTokensOnInvalidGrant` is off.
    ///
    /// - Returns: nil when there is no refresh token to send.
    public func refresh() throws(TransportError) -> HTTPExchange? {
        guard let token = storage.refreshToken else { return nil }
        let exchange = try postJSON(Self.refreshPath, ["refresh_token": token])
        storeTokens(from: exchange)
        if forgetsTokensOnInvalidGrant && Self.errorCode(of: exchange) == "invalid_grant" {
            storage.clear()
        }
        return exchange
    }

    /// `POST /api/v1/auth/logout`; on 204 forgets both tokens.
    ///
    /// - Returns: nil when there is no refresh token to send.
    public func logout() throws(TransportError) -> HTTPExchange? {
        guard let token = storage.refreshToken else { return nil }
        let exchange = try postJSON(Self.logoutPath, ["refresh_token": token])
        if exchange.response.status == 204 {
            storage.clear()
        }
        return exchange
    }

    /// `GET /api/v1/me` with `Authorization: Bearer <access token>`, or
    /// with no Authorization header when there is no access token.
    public func me() throws(TransportError) -> HTTPExchange {
        var headers: [(name: String, value: String)] = [("Accept", "application/json")]
        if let token = storage.accessToken {
            headers.append(("Authorization", "Bearer \(token)"))
        }
        return try transport.send(method: "GET", path: Self.mePath, headers: headers)
    }

    private func postJSON(_ path: String, _ fields: [String: String]) throws(TransportError) -> HTTPExchange {
        // Sorted keys: the same request gives the same bytes in a transcript.
        let body = (try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return try transport.send(
            method: "POST", path: path,
            headers: [("Content-Type", "application/json"), ("Accept", "application/json")],
            body: Array(body))
    }

    /// The OAuth `error` of a JSON error response, if any.
    static func errorCode(of exchange: HTTPExchange) -> String? {
        guard exchange.response.status >= 400,
            let object = try? JSONSerialization.jsonObject(with: Data(exchange.response.body)) as? [String: Any]
        else { return nil }
        return object["error"] as? String
    }

    private func storeTokens(from exchange: HTTPExchange) {
        guard exchange.response.status == 200,
            let object = try? JSONSerialization.jsonObject(with: Data(exchange.response.body)) as? [String: Any]
        else { return }

        if let access = object["access_token"] as? String {
            storage.accessToken = access
        }
        if let refresh = object["refresh_token"] as? String {
            storage.refreshToken = refresh
        }
    }
}
