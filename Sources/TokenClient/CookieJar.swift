import Foundation

/// A browser's cookie store for one profile: it keeps `Set-Cookie`
/// responses and sends the matching cookies back, by the rules of RFC 6265
/// as browsers apply them.
///
/// - Host-only cookies: a `Domain` attribute is ignored unless it names
///   the request's host itself, so a cookie goes back only to that host.
/// - `Path`: sent on requests whose path path-matches (section 5.1.4); the
///   default is the request path's directory (section 5.1.4).
/// - `Secure`: stored and sent only over https, or to `127.0.0.1`, `::1`
///   and `localhost`, which browsers treat as secure contexts.
/// - `HttpOnly`: sent with requests but hidden from `scriptCookies`, the
///   view a page's scripts get through `document.cookie`.
/// - `Max-Age`: a cookie expires that many seconds after it was stored; 0
///   or less deletes it. `Expires` is not parsed, and a cookie without
///   `Max-Age` lasts as long as the jar (a browser session).
///
/// A reference type, so two clients (two tabs) can share one jar.
public final class CookieJar: @unchecked Sendable {
    /// One stored cookie.
    public struct Cookie: Sendable, Equatable {
        public let name: String
        public let value: String
        public let host: String
        public let path: String
        public let secure: Bool
        public let httpOnly: Bool
        /// `Strict`, `Lax`, `None`, or nil when absent.
        public let sameSite: String?
        /// Seconds since the epoch, or nil for a session cookie.
        public let expiresAt: Int64?
    }

    private let lock = NSLock()
    private var cookies: [Cookie] = []
    private let now: @Sendable () -> Int64

    /// - Parameter now: the current time in seconds since the epoch; the
    ///   REPL passes its virtual clock.
    public init(now: @escaping @Sendable () -> Int64) {
        self.now = now
    }

    /// Stores the cookie in one `Set-Cookie` value received from `url`,
    /// replacing a cookie with the same name, host and path.
    ///
    /// - Returns: false when a browser would ignore it: malformed, or
    ///   `Secure` from an insecure origin.
    @discardableResult
    public func store(setCookie header: String, from url: URL) -> Bool {
        guard let host = url.host?.lowercased() else { return false }
        let parts = header.split(separator: ";", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        guard let pair = parts.first, let equals = pair.firstIndex(of: "="), equals != pair.startIndex else {
            return false
        }
        let name = String(pair[..<equals])
        let value = String(pair[pair.index(after: equals)...])

        var path = Self.defaultPath(of: url.path)
        var secure = false
        var httpOnly = false
        var sameSite: String?
        var maxAge: Int64?
        for attribute in parts.dropFirst() {
            let pieces = attribute.split(separator: "=", maxSplits: 1).map(String.init)
            let key = pieces.first?.lowercased() ?? ""
            let argument = pieces.count > 1 ? pieces[1] : ""
            switch key {
            case "path" where argument.hasPrefix("/"): path = argument
            case "secure": secure = true
            case "httponly": httpOnly = true
            case "samesite": sameSite = argument
            case "max-age": maxAge = Int64(argument)
            case "domain" where !argument.isEmpty && argument.lowercased().trimmingPrefix(".") != host:
                // A Domain wider than the host would share the cookie with
                // other hosts; this jar keeps cookies host-only.
                return false
            default: break
            }
        }
        if secure && !Self.isSecureOrigin(url) { return false }

        let stored = now()
        lock.withLock {
            cookies.removeAll { $0.name == name && $0.host == host && $0.path == path }
            if let maxAge, maxAge <= 0 { return }
            cookies.append(
                Cookie(
                    name: name, value: value, host: host, path: path, secure: secure, httpOnly: httpOnly,
                    sameSite: sameSite, expiresAt: maxAge.map { stored + $0 }))
        }
        return true
    }

    /// The `Cookie` header value for a request to `url`, or nil when no
    /// cookie matches. Longer paths come first, as RFC 6265 section 5.4
    /// recommends.
    public func cookieHeader(for url: URL) -> String? {
        let matching = cookies(for: url)
        guard !matching.isEmpty else { return nil }
        return matching.map { "\($0.name)=\($0.value)" }.joined(separator: "; ")
    }

    /// Every unexpired cookie that would be sent to `url`.
    public func cookies(for url: URL) -> [Cookie] {
        guard let host = url.host?.lowercased() else { return [] }
        let secureOrigin = Self.isSecureOrigin(url)
        let path = url.path.isEmpty ? "/" : url.path
        return unexpired().filter { cookie in
            cookie.host == host && (!cookie.secure || secureOrigin)
                && Self.pathMatches(requestPath: path, cookiePath: cookie.path)
        }.sorted { $0.path.count > $1.path.count }
    }

    /// Returns the `Cookie` header a browser attaches when a page of another
    /// site makes it send `method` to `url`, as a form post or an image does.
    /// `Strict` cookies are never sent cross-site. `Lax` ones, and those
    /// without SameSite (which browsers treat as `Lax`), go only with a
    /// top-level GET. `None` ones always go.
    public func crossSiteCookieHeader(for url: URL, method: String) -> String? {
        let topLevelGET = method.uppercased() == "GET"
        let matching = cookies(for: url).filter { cookie in
            switch cookie.sameSite?.lowercased() {
            case "strict": false
            case "none": true
            default: topLevelGET
            }
        }
        guard !matching.isEmpty else { return nil }
        return matching.map { "\($0.name)=\($0.value)" }.joined(separator: "; ")
    }

    /// What a page's script at `url` reads from `document.cookie`: the
    /// matching cookies without the `HttpOnly` ones.
    public func scriptCookies(for url: URL) -> String {
        cookies(for: url).filter { !$0.httpOnly }.map { "\($0.name)=\($0.value)" }.joined(separator: "; ")
    }

    /// Every unexpired cookie, HttpOnly ones included, as a browser's
    /// developer tools list them.
    public var allCookies: [Cookie] { unexpired() }

    /// Forgets every cookie.
    public func clear() {
        lock.withLock { cookies.removeAll() }
    }

    private func unexpired() -> [Cookie] {
        let current = now()
        return lock.withLock {
            cookies.removeAll { ($0.expiresAt ?? .max) <= current }
            return cookies
        }
    }

    /// https, or a loopback host: the origins where browsers send and
    /// accept `Secure` cookies.
    static func isSecureOrigin(_ url: URL) -> Bool {
        if url.scheme?.lowercased() == "https" { return true }
        let host = url.host?.lowercased() ?? ""
        return ["127.0.0.1", "::1", "[::1]", "localhost"].contains(host) || host.hasSuffix(".localhost")
    }

    /// RFC 6265 section 5.1.4: the path up to its last `/`, or `/`.
    static func defaultPath(of path: String) -> String {
        guard path.hasPrefix("/"), let slash = path.lastIndex(of: "/"), slash != path.startIndex else { return "/" }
        return String(path[..<slash])
    }

    static func pathMatches(requestPath: String, cookiePath: String) -> Bool {
        if requestPath == cookiePath { return true }
        guard requestPath.hasPrefix(cookiePath) else { return false }
        return cookiePath.hasSuffix("/") || requestPath.dropFirst(cookiePath.count).first == "/"
    }
}
