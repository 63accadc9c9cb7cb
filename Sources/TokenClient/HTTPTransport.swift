import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Why a request got no HTTP response at all.
public struct TransportError: Error, CustomStringConvertible, Sendable {
    public let method: String
    public let path: String
    public let reason: String

    public init(method: String, path: String, reason: String) {
        self.method = method
        self.path = path
        self.reason = reason
    }

    public var description: String {
        "\(method) \(path) got no response: \(reason); is the server running?"
    }
}

/// Sends requests to one server with URLSession and waits for each answer.
///
/// The REPL runs one command at a time, so calls block the calling thread
/// until the response arrives or `timeout` passes. Cookies and caching are
/// off: what the client keeps is decided by `TokenStorage`, not by
/// URLSession.
public final class HTTPTransport: Sendable {
    public let baseURL: URL
    /// Seconds to wait for a response.
    public let timeout: TimeInterval
    private let session: URLSession

    public init(baseURL: URL, timeout: TimeInterval = 10) {
        self.baseURL = baseURL
        self.timeout = timeout

        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpCookieStorage = nil
        configuration.httpShouldSetCookies = false
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.timeoutIntervalForRequest = timeout
        self.session = URLSession(configuration: configuration)
    }

    deinit {
        session.invalidateAndCancel()
    }

    /// Sends one request and returns the exchange.
    public func send(
        method: String, path: String, headers: [(name: String, value: String)] = [], body: [UInt8] = []
    ) throws(TransportError) -> HTTPExchange {
        guard let url = URL(string: path, relativeTo: baseURL) else {
            throw TransportError(method: method, path: path, reason: "the path is not a valid URL")
        }
        var request = URLRequest(url: url)
        request.httpMethod = method
        for header in headers {
            request.addValue(header.value, forHTTPHeaderField: header.name)
        }
        if !body.isEmpty {
            request.httpBody = Data(body)
        }

        let result = ResultBox()
        let task = session.dataTask(with: request) { data, response, error in
            result.set(data: data, response: response, error: error)
        }
        task.resume()
        guard result.wait(seconds: timeout + 1) else {
            task.cancel()
            throw TransportError(method: method, path: path, reason: "timed out after \(Int(timeout)) s")
        }

        let (data, response, error) = result.value
        guard let http = response as? HTTPURLResponse else {
            throw TransportError(method: method, path: path, reason: error.map { "\($0.localizedDescription)" } ?? "no HTTP response")
        }
        let responseHeaders = http.allHeaderFields.compactMap { key, value -> (name: String, value: String)? in
            guard let name = key as? String, let text = value as? String else { return nil }
            return (name, text)
        }.sorted { $0.name.lowercased() < $1.name.lowercased() }

        return HTTPExchange(
            request: .init(method: method, path: path, headers: headers, body: body),
            response: .init(status: http.statusCode, headers: responseHeaders, body: data.map(Array.init) ?? []))
    }
}

/// Hands a completion handler's values to the waiting thread.
private final class ResultBox: @unchecked Sendable {
    private let semaphore = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var stored: (Data?, URLResponse?, (any Error)?) = (nil, nil, nil)

    func set(data: Data?, response: URLResponse?, error: (any Error)?) {
        lock.withLock { stored = (data, response, error) }
        semaphore.signal()
    }

    func wait(seconds: TimeInterval) -> Bool {
        semaphore.wait(timeout: .now() + seconds) == .success
    }

    var value: (Data?, URLResponse?, (any Error)?) {
        lock.withLock { stored }
    }
}
