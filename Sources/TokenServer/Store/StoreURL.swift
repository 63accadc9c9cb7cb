import Foundation

/// The refresh-token store named on a command line: `sqlite:PATH`, or
/// `redis://HOST:PORT[/DB][?prefix=NAME]`.
///
/// HOST is an IPv4 address, an IPv6 address in brackets or a host name,
/// and 127.0.0.1 when left empty (`redis://:6390`). The port is required,
/// so a URL never reaches a Redis server it does not name. NAME is the
/// namespace of the store's keys, `default` when absent.
public enum StoreURL: Sendable, Equatable {
    case sqlite(path: String)
    case redis(RedisEndpoint, namespace: String?)

    /// The namespace of a Redis URL without `?prefix=`.
    public static let defaultNamespace = "default"

    /// Parses `text`, naming the bad part in the error.
    public static func parse(_ text: String) throws(StoreURLError) -> StoreURL {
        if text.hasPrefix("sqlite:") {
            let path = String(text.dropFirst("sqlite:".count))
            guard !path.isEmpty else { throw .missingPath(text) }
            return .sqlite(path: path)
        }
        guard text.hasPrefix("redis://") else { throw .unknownScheme(text) }

        var rest = Substring(text.dropFirst("redis://".count))
        var namespace: String?
        if let question = rest.firstIndex(of: "?") {
            namespace = try parseQuery(rest[rest.index(after: question)...], url: text)
            rest = rest[..<question]
        }
        var database = 0
        if let slash = rest.firstIndex(of: "/") {
            let digits = rest[rest.index(after: slash)...]
            guard !digits.isEmpty, digits.allSatisfy(\.isASCIIDigit), digits.count <= 9, let number = Int(digits) else {
                throw .invalidDatabase(url: text, database: String(digits))
            }
            database = number
            rest = rest[..<slash]
        }

        let (host, portText) = try splitHostAndPort(rest, url: text)
        guard !portText.isEmpty else { throw .missingPort(text) }
        guard portText.allSatisfy(\.isASCIIDigit), portText.count <= 5, let port = UInt16(portText), port > 0 else {
            throw .invalidPort(url: text, port: String(portText))
        }
        return .redis(RedisEndpoint(host: host, port: port, database: database), namespace: namespace)
    }

    /// Opens the store: a SQLite file (created if missing), or a
    /// connection to Redis.
    public func open() throws -> any RefreshTokenStore {
        switch self {
        case .sqlite(let path):
            try SQLiteRefreshTokenStore(path: path)
        case .redis(let endpoint, let namespace):
            try RedisRefreshTokenStore(endpoint: endpoint, namespace: namespace ?? Self.defaultNamespace)
        }
    }

    /// Splits `HOST:PORT` or `[IPV6]:PORT`, checking the host.
    private static func splitHostAndPort(_ authority: Substring, url: String) throws(StoreURLError) -> (String, Substring) {
        let host: Substring
        let afterHost: Substring
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { throw .invalidHost(url: url, host: String(authority)) }
            host = authority[authority.index(after: authority.startIndex)..<close]
            afterHost = authority[authority.index(after: close)...]
            guard isIPv6(String(host)) else { throw .invalidHost(url: url, host: String(host)) }
        } else {
            let colon = authority.lastIndex(of: ":") ?? authority.endIndex
            host = authority[..<colon]
            afterHost = authority[colon...]
            guard host.isEmpty || isIPv4(String(host)) || isHostName(host) else {
                throw .invalidHost(url: url, host: String(host))
            }
        }
        guard afterHost.hasPrefix(":") else { throw .missingPort(url) }
        return (host.isEmpty ? "127.0.0.1" : String(host), afterHost.dropFirst())
    }

    /// Reads `prefix=NAME`, the one query parameter there is.
    private static func parseQuery(_ query: Substring, url: String) throws(StoreURLError) -> String {
        guard query.hasPrefix("prefix=") else {
            throw .unknownParameter(url: url, parameter: String(query.prefix { $0 != "=" && $0 != "&" }))
        }
        let name = String(query.dropFirst("prefix=".count))
        guard RedisKeySpace.isValid(namespace: name) else { throw .invalidPrefix(url: url, prefix: name) }
        return name
    }

    private static func isIPv4(_ text: String) -> Bool {
        var address = in_addr()
        return inet_pton(AF_INET, text, &address) == 1
    }

    private static func isIPv6(_ text: String) -> Bool {
        var address = in6_addr()
        return inet_pton(AF_INET6, text, &address) == 1
    }

    /// Returns whether `text` is a DNS name: dot-separated labels of 1 to
    /// 63 letters, digits or hyphens, 253 characters in all.
    private static func isHostName(_ text: Substring) -> Bool {
        guard text.utf8.count <= 253 else { return false }
        return text.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { label in
            (1...63).contains(label.count) && label.first != "-" && label.last != "-"
                && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        }
    }
}

/// A store URL that could not be parsed; each case names the bad part.
public enum StoreURLError: Error, Sendable, Equatable, CustomStringConvertible {
    case unknownScheme(String)
    case missingPath(String)
    case missingPort(String)
    case invalidPort(url: String, port: String)
    case invalidHost(url: String, host: String)
    case invalidDatabase(url: String, database: String)
    case invalidPrefix(url: String, prefix: String)
    case unknownParameter(url: String, parameter: String)

    public var description: String {
        switch self {
        case .unknownScheme(let url):
            "invalid store \"\(url)\": give sqlite:PATH or redis://HOST:PORT"
        case .missingPath(let url):
            "invalid store \"\(url)\": the path is missing; give sqlite:PATH, for example sqlite:tokens.sqlite3"
        case .missingPort(let url):
            "invalid store \"\(url)\": the port is missing; give redis://HOST:PORT, for example redis://127.0.0.1:6379"
        case .invalidPort(let url, let port):
            "invalid store \"\(url)\": the port \"\(port)\" is not a number from 1 to 65535"
        case .invalidHost(let url, let host):
            "invalid store \"\(url)\": the host \"\(host)\" is not an IPv4 address, an IPv6 address in brackets or a host name"
        case .invalidDatabase(let url, let database):
            "invalid store \"\(url)\": the database \"\(database)\" is not a whole number such as 0"
        case .invalidPrefix(let url, let prefix):
            "invalid store \"\(url)\": the prefix \"\(prefix)\" must be 1 to 64 letters, digits, '.', '_' or '-'"
        case .unknownParameter(let url, let parameter):
            "invalid store \"\(url)\": unknown parameter \"\(parameter)\"; the only one is prefix=NAME"
        }
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool {
        isASCII && isNumber
    }
}
