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
    public var baseURL: String { "http://\(URLAuthority.hostPort(http.host, http.port))" }

    /// Starts serving.
    ///
    /// - Parameters:
    ///   - port: 0 for an ephemeral port chosen by the kernel.
    ///   - threads: MHD worker threads. The store serialises writes, so
    ///     more threads help requests that only read or wait on hashing.
    ///   - requestLog: where one line per request goes; nil for none.
    public init(
        service: AuthService, store: any RefreshTokenStore, log: any LogSink,
        host: String = "127.0.0.1", port: UInt16 = 0, threads: Int = 2, requestLog: RequestLog? = nil
    ) throws(HTTPServerError) {
        self.service = service
        self.store = store
        let router = Router(service: service, log: log)
        self.http = try MicroHTTPDServer(host: host, port: port, threads: threads) { request in
            guard let requestLog else { return router.handle(request) }
            let started = requestLog.clock.nanoseconds
            let routed = router.route(request)
            requestLog.record(request, routed, nanoseconds: requestLog.clock.nanoseconds &- started)
            return routed.response
        }
    }

    /// Stops the daemon.
    ///
    /// - Parameter drainTimeout: seconds to let requests in flight finish
    ///   before the daemon stops; 0 stops at once.
    public func stop(drainTimeout: Double = 0) {
        http.stop(drainTimeout: drainTimeout)
    }

    /// Requests received whose response is not sent yet.
    public var requestsInFlight: Int { http.requestsInFlight }
}
