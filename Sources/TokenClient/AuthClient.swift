import Foundation

/// A client of the token API: logs in, calls the API with its access
/// token, refreshes and logs out, keeping tokens in its `TokenStorage`
/// and, when it has one, cookies in its `CookieJar`.
///
/// Each call returns the HTTP exchanges it made, whatever the status, so
/// the caller can show them; storage changes only on success.
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
    /// The browser's cookie jar, or nil for a native app that has none.
    public let cookieJar: CookieJar?
    /// Whether `call` handles a 401 by refreshing once and retrying; the
    /// REPL's `autorefresh` command turns it on and off.
    public var autoRefresh: Bool {
        get { autoRefreshFlag.value }
        set { autoRefreshFlag.value = newValue }
    }
    private let autoRefreshFlag: LockedFlag
    private let transport: HTTPTransport
    private let refreshGate = RefreshGate()

    public init(
        name: String, transport: HTTPTransport, storage: TokenStorage = TokenStorage(),
        cookieJar: CookieJar? = nil, autoRefresh: Bool = false, forgetsTokensOnInvalidGrant: Bool = true
    ) {
        self.name = name
        self.transport = transport
        self.storage = storage
        self.cookieJar = cookieJar
        self.autoRefreshFlag = LockedFlag(autoRefresh)
        self.forgetsTokensOnInvalidGrant = forgetsTokensOnInvalidGrant
    }

    /// `POST /api/v1/auth/login`; on 200 stores the tokens (and the
    /// refresh-token cookie, in cookie delivery).
    public func login(username: String, password: String) throws(TransportError) -> HTTPExchange {
        let exchange = try postJSON(Self.loginPath, ["username": username, "password": password])
        storeTokens(from: exchange, startsSession: true)
        return exchange
    }

    /// `POST /api/v1/auth/refresh` with the stored refresh token, or with
    /// an empty body when the token lives in a cookie; on 200 stores the new
    /// tokens. On `invalid_grant` the session is over, so the client
    /// forgets both tokens unless `forgetsTokensOnInvalidGrant` is off.
    ///
    /// - Returns: nil when there is no refresh token to send.
    public func refresh() throws(TransportError) -> HTTPExchange? {
        let fields: [String: String]
        if let token = storage.refreshToken {
            fields = ["refresh_token": token]
        } else if hasCookie(for: Self.refreshPath) {
            fields = [:]
        } else {
            return nil
        }
        let exchange = try postJSON(Self.refreshPath, fields)
        storeTokens(from: exchange)
        if forgetsTokensOnInvalidGrant && Self.errorCode(of: exchange) == "invalid_grant" {
            storage.clear()
        }
        return exchange
    }

    /// `POST /api/v1/auth/logout`; on 204 clears both tokens.
    ///
    /// - Returns: nil when there is no refresh token to send.
    public func logout() throws(TransportError) -> HTTPExchange? {
        let fields: [String: String]
        if let token = storage.refreshToken {
            fields = ["refresh_token": token]
        } else if hasCookie(for: Self.logoutPath) {
            fields = [:]
        } else {
            return nil
        }
        let exchange = try postJSON(Self.logoutPath, fields)
        if exchange.response.status == 204 {
            storage.clear()
        }
        return exchange
    }

    /// `GET /api/v1/me` with `Authorization: Bearer <access token>`, or
    /// with no Authorization header when there is no access token.
    public func me() throws(TransportError) -> HTTPExchange {
        try send(method: "GET", path: Self.mePath, accessToken: storage.accessToken)
    }

    /// Calls the API at `path` with the access token. With `autoRefresh`
    /// on, a 401 leads to one refresh and one retry with the new token.
    ///
    /// Concurrent calls that all get a 401 share one refresh: the first
    /// sends it, the others wait for its result, and each retries once.
    ///
    /// - Returns: every exchange the call made or waited on, in order: the
    ///   first attempt, then the refresh and the retry when there were.
    public func call(method: String = "GET", path: String) throws(TransportError) -> APICall {
        let sentToken = storage.accessToken
        let first = try send(method: method, path: path, accessToken: sentToken)
        guard autoRefresh, first.response.status == 401 else {
            return APICall(exchanges: [first], sentRefresh: false)
        }

        let shared = try refreshGate.refresh(replacing: sentToken) { () throws(TransportError) in try self.refresh() }
        guard let refresh = shared.exchange else {
            return APICall(exchanges: [first], sentRefresh: false)
        }
        guard refresh.response.status == 200 else {
            return APICall(exchanges: [first, refresh], sentRefresh: shared.sentByThisCall)
        }
        let retry = try send(method: method, path: path, accessToken: storage.accessToken)
        return APICall(exchanges: [first, refresh, retry], sentRefresh: shared.sentByThisCall)
    }

    // MARK: - Sending

    private func send(method: String, path: String, accessToken: String?) throws(TransportError) -> HTTPExchange {
        var headers: [(name: String, value: String)] = [("Accept", "application/json")]
        if let accessToken {
            headers.append(("Authorization", "Bearer \(accessToken)"))
        }
        return try sendWithCookies(method: method, path: path, headers: headers)
    }

    private func postJSON(_ path: String, _ fields: [String: String]) throws(TransportError) -> HTTPExchange {
        // Sorted keys: the same request gives the same bytes in a transcript.
        let body = (try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return try sendWithCookies(
            method: "POST", path: path,
            headers: [("Content-Type", "application/json"), ("Accept", "application/json")],
            body: Array(body))
    }

    /// Sends through the transport, adding the jar's cookies for `path` and
    /// storing the response's `Set-Cookie`, as a browser does.
    private func sendWithCookies(
        method: String, path: String, headers: [(name: String, value: String)], body: [UInt8] = []
    ) throws(TransportError) -> HTTPExchange {
        var headers = headers
        let url = transport.baseURL.appendingPathComponent(path)
        if let cookieJar, let cookie = cookieJar.cookieHeader(for: url) {
            headers.append(("Cookie", cookie))
        }
        let exchange = try transport.send(method: method, path: path, headers: headers, body: body)
        if let cookieJar {
            // NOTE: HTTPURLResponse may fold repeated Set-Cookie headers into
            // one comma-joined value, which is not split here. TokenServer
            // sends at most one per response.
            for header in exchange.response.headers where header.name.lowercased() == "set-cookie" {
                cookieJar.store(setCookie: header.value, from: url)
            }
        }
        return exchange
    }

    /// Sends what a page of another site can make this browser send: an
    /// HTML form posting nothing to `path`. No Authorization header (a
    /// page cannot read the app's tokens), a form Content-Type, and only
    /// the cookies SameSite lets cross sites. A `Set-Cookie` in the response
    /// is stored, as the browser would.
    public func crossSiteFormPost(path: String) throws(TransportError) -> HTTPExchange {
        var headers: [(name: String, value: String)] = [("Content-Type", "application/x-www-form-urlencoded")]
        let url = transport.baseURL.appendingPathComponent(path)
        if let cookieJar, let cookie = cookieJar.crossSiteCookieHeader(for: url, method: "POST") {
            headers.append(("Cookie", cookie))
        }
        let exchange = try transport.send(method: "POST", path: path, headers: headers)
        if let cookieJar {
            for header in exchange.response.headers where header.name.lowercased() == "set-cookie" {
                cookieJar.store(setCookie: header.value, from: url)
            }
        }
        return exchange
    }

    /// Whether the cookie jar contains a cookie the refresh endpoint would
    /// receive, as in cookie delivery.
    public var holdsRefreshCookie: Bool {
        hasCookie(for: Self.refreshPath)
    }

    private func hasCookie(for path: String) -> Bool {
        guard let cookieJar else { return false }
        return cookieJar.cookieHeader(for: transport.baseURL.appendingPathComponent(path)) != nil
    }

    /// The OAuth `error` of a JSON error response, if any.
    static func errorCode(of exchange: HTTPExchange) -> String? {
        guard exchange.response.status >= 400,
            let object = try? JSONSerialization.jsonObject(with: Data(exchange.response.body)) as? [String: Any]
        else { return nil }
        return object["error"] as? String
    }

    /// Keeps the tokens of a 200 token response. With `startsSession` (a
    /// login), it also clears the tokens the response does not carry.
    private func storeTokens(from exchange: HTTPExchange, startsSession: Bool = false) {
        guard exchange.response.status == 200,
            let object = try? JSONSerialization.jsonObject(with: Data(exchange.response.body)) as? [String: Any]
        else { return }

        let access = object["access_token"] as? String
        let refresh = object["refresh_token"] as? String
        if startsSession {
            // A login replaces the whole session: under cookie delivery the
            // body has no refresh token, and one kept from an earlier
            // body-delivery login would be sent where none belongs.
            storage.accessToken = access
            storage.refreshToken = refresh
        } else {
            // A refresh without rotation sends no new refresh token, and
            // the one held stays valid.
            if let access { storage.accessToken = access }
            if let refresh { storage.refreshToken = refresh }
        }
    }
}

/// The exchanges of one `AuthClient.call`.
public struct APICall: Sendable {
    /// The first attempt, then the refresh and the retry if there were.
    public let exchanges: [HTTPExchange]
    /// True when this call sent the refresh; false when it waited on one
    /// another call sent, or made none.
    public let sentRefresh: Bool

    /// The last exchange: the retry when there was one.
    public var final: HTTPExchange { exchanges[exchanges.count - 1] }
}

/// A Boolean that several threads may read and write.
final class LockedFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Bool

    init(_ value: Bool) {
        stored = value
    }

    var value: Bool {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}
