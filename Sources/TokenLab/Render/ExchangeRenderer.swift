import Foundation
import TokenClient

/// Draws one HTTP exchange: the request line, the headers that matter and
/// the body, then the status line, headers and body of the response.
///
/// Long tokens inside headers and bodies are shortened to their first
/// characters; the token renderer shows them whole.
struct ExchangeRenderer {
    let style: Style
    let text: Localizer
    /// The maximum columns of a body line, past which JSON strings wrap.
    let width: Int
    /// Shows every response header instead of `shownResponseHeaders`, for
    /// `verbose` detail.
    var showsAllResponseHeaders = false
    /// The server's name (`A`, `B`) while the lab runs more than one; nil
    /// shows plain "server".
    var serverName: String?

    /// Response headers worth a student's attention. Content-Length and
    /// Connection are left out: they teach nothing here.
    static let shownResponseHeaders: Set<String> = [
        "content-type", "cache-control", "pragma", "www-authenticate", "set-cookie", "allow",
    ]

    func render(_ exchange: HTTPExchange, actor: Actor) -> [String] {
        render(exchange, who: text(.actorName(actor)))
    }

    /// - Parameter who: the client's name as shown, such as "tab 2".
    func render(_ exchange: HTTPExchange, who: String) -> [String] {
        var lines: [String] = []
        let request = exchange.request
        let server = serverName.map { "\(text(.server)) \($0)" } ?? text(.server)
        lines.append(style.bold("\(who) → \(server)  \(request.method) \(request.path)"))
        for header in request.headers {
            lines.append("    \(style.cyan(header.name)): \(Self.abbreviateHeader(header.name, header.value))")
        }
        lines += body(request.body, indent: "    ")

        let response = exchange.response
        let status = Self.statusText(response.status)
        let colored = response.status < 300 ? style.green(status) : style.red(status)
        lines.append(style.bold("\(who) ← \(server)  ") + colored + style.dim("  (\(text(.byteCount(response.body.count))))"))
        for header in response.headers
        where showsAllResponseHeaders || Self.shownResponseHeaders.contains(header.name.lowercased()) {
            lines.append("    \(style.cyan(Self.canonicalName(header.name))): \(Self.abbreviateHeader(header.name, header.value))")
        }
        lines += body(response.body, indent: "    ")
        return lines
    }

    private func body(_ bytes: [UInt8], indent: String) -> [String] {
        guard !bytes.isEmpty else { return [] }
        guard let value = try? JSONSerialization.jsonObject(with: Data(bytes)) else {
            let text = String(decoding: bytes.prefix(200), as: UTF8.self)
            return [indent + text]
        }
        return JSONBodyLayout(width: width).lines(value, indent: indent)
    }

    /// Writes a JSON scalar in one line. With `abbreviating`, a string that
    /// looks like a token is shortened.
    static func describe(_ value: Any, abbreviating: Bool = true) -> String {
        switch value {
        case let text as String:
            // Escaped as JSON writes it, so the body shown stays valid JSON.
            let shown = abbreviating ? abbreviate(text) : text
            let escaped = shown.replacingOccurrences(of: "\\", with: "\\\\")
                .replacingOccurrences(of: "\"", with: "\\\"")
            return "\"\(escaped)\""
        default:
            let data = (try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed])) ?? Data()
            return String(decoding: data, as: UTF8.self)
        }
    }

    /// `eyJhbGciOiJIUzI1NiIsInR5…` for a token: a string over 40
    /// characters of base64url and dots. Other text is returned whole.
    static func abbreviate(_ text: String) -> String {
        guard text.count > 40, text.unicodeScalars.allSatisfy(isTokenCharacter) else { return text }
        return String(text.prefix(24)) + "…"
    }

    private static func isTokenCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "A"..."Z", "a"..."z", "0"..."9", "-", "_", ".": true
        default: false
        }
    }

    private static func abbreviateHeader(_ name: String, _ value: String) -> String {
        let lowered = name.lowercased()
        if lowered == "cookie" || lowered == "set-cookie" {
            // `name=token; Attr; ...`: shorten each token-like value.
            return value.split(separator: ";", omittingEmptySubsequences: false).map { part -> String in
                guard let equals = part.firstIndex(of: "=") else { return String(part) }
                return String(part[...equals]) + abbreviate(String(part[part.index(after: equals)...]))
            }.joined(separator: ";")
        }
        guard lowered == "authorization" else { return value }
        let parts = value.split(separator: " ", maxSplits: 1)
        guard parts.count == 2 else { return value }
        return "\(parts[0]) \(abbreviate(String(parts[1])))"
    }

    /// Header names as RFC 9110 writes them, whatever case the transport
    /// reported (URLSession on Linux may change it).
    private static func canonicalName(_ name: String) -> String {
        switch name.lowercased() {
        case "www-authenticate": "WWW-Authenticate"
        default: name.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst().lowercased() }.joined(separator: "-")
        }
    }

    /// Returns the reason phrase that RFC 9110 section 15 gives `status`, or
    /// an empty string for a status it does not define.
    ///
    /// The table covers every status the token server and libmicrohttpd
    /// send, and the other common ones a proxy in front of them might add.
    static func reasonPhrase(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 201: "Created"
        case 204: "No Content"
        case 301: "Moved Permanently"
        case 302: "Found"
        case 303: "See Other"
        case 304: "Not Modified"
        case 307: "Temporary Redirect"
        case 308: "Permanent Redirect"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 406: "Not Acceptable"
        case 408: "Request Timeout"
        case 409: "Conflict"
        case 410: "Gone"
        case 411: "Length Required"
        case 413: "Content Too Large"
        case 414: "URI Too Long"
        case 415: "Unsupported Media Type"
        case 422: "Unprocessable Content"
        case 429: "Too Many Requests"
        case 431: "Request Header Fields Too Large"
        case 500: "Internal Server Error"
        case 501: "Not Implemented"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        case 504: "Gateway Timeout"
        case 505: "HTTP Version Not Supported"
        default: ""
        }
    }

    /// Returns the code and its reason phrase, or the code alone when the
    /// phrase is unknown, with no trailing space.
    static func statusText(_ status: Int) -> String {
        let reason = reasonPhrase(status)
        return reason.isEmpty ? "\(status)" : "\(status) \(reason)"
    }
}
