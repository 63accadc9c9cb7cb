import JOSE

/// The token server: an `AuthService` behind the HTTP API on a
/// libmicrohttpd daemon.
public final class TokenServer: Sendable {
    public let service: AuthService
    public let store: any RefreshTokenStore
    private let http: MicroHTTPDServer

    /// The port the server listens on.
    public var port: UInt16 { http.port }
    public var host: String { http.host }
    /// `http://host:port`, for clients.
    public var baseURL: String { "http://\(http.host):\(http.port)" }

    /// Starts serving.
    ///
    /// - Parameters:
    ///   - port: 0 for an ephemeral port chosen by the kernel.
    public init(
        service: AuthService, store: any RefreshTokenStore, log: any LogSink,
        host: String = "127.0.0.1", port: UInt16 = 0, threads: Int = 2
    ) throws(HTTPServerError) {
        self.service = service
        self.store = store
        let router = Router(service: service, log: log)
        self.http = try MicroHTTPDServer(host: host, port: port, threads: threads) { request in
            router.handle(request)
        }
    }

    /// Stops the daemon; requests in flight finish first.
    public func stop() {
        http.stop()
    }
}
