// The one file in TokenLab that calls libmicrohttpd.
//
// MHD calls the access handler several times per request: once when the
// headers are in (the per-request context is still null), once per chunk of
// body, and a last time with no body left, when the response is queued.
// The per-request context is a retained `RequestContext` whose pointer MHD
// stores; the completion callback releases it.

internal import CMicroHTTPD
import Foundation

/// A failure to start the HTTP server.
public struct HTTPServerError: Error, CustomStringConvertible, Sendable {
    public let host: String
    public let port: UInt16
    public let reason: String

    public var description: String {
        "cannot listen on \(URLAuthority.hostPort(host, port)): \(reason); pick another --port or stop the program using it"
    }
}

/// A libmicrohttpd daemon that hands each complete request to a handler.
///
/// The handler runs on one of MHD's worker threads and must be thread-safe.
public final class MicroHTTPDServer: @unchecked Sendable {
    public typealias Handler = @Sendable (HTTPRequest) -> HTTPResponse

    /// Bodies larger than this are not buffered; the request is answered
    /// with 413.
    public static let maximumBodySize = 16 * 1024

    private var daemon: OpaquePointer?
    private let box: HandlerBox
    private let stopLock = NSLock()
    /// The port actually bound, which differs from the requested one when
    /// 0 asked for an ephemeral port.
    public let port: UInt16
    public let host: String

    /// Starts listening on `host` (an IPv4 or IPv6 address, without
    /// brackets) and `port`.
    public init(host: String, port: UInt16, threads: Int, handler: @escaping Handler) throws(HTTPServerError) {
        let box = HandlerBox(handler: handler)
        let context = Unmanaged.passUnretained(box).toOpaque()
        let callbacks = makeCallbacks()

        // MHD keeps `context` for the daemon's lifetime; `self.box` keeps
        // the HandlerBox alive at least that long, because deinit stops
        // the daemon before the box is released.
        guard
            let daemon = tl_mhd_start(
                host, port, UInt32(max(1, threads)), 30, 64 * 1024,
                callbacks.access, context, callbacks.completed, context)
        else {
            throw HTTPServerError(host: host, port: port, reason: String(cString: strerror(errno)))
        }
        self.daemon = daemon
        self.box = box
        self.host = host
        self.port = tl_mhd_bound_port(daemon)
    }

    deinit {
        stop()
    }

    /// Stops the daemon. Safe to call more than once.
    ///
    /// - Parameter drainTimeout: seconds to wait, after closing the
    ///   listening socket, for requests in flight to finish and their
    ///   responses to be sent; 0 stops at once, cutting them off. Idle
    ///   keep-alive connections are closed either way.
    public func stop(drainTimeout: Double = 0) {
        stopLock.lock()
        defer { stopLock.unlock() }
        guard let daemon else { return }

        var listener: Int32 = -1
        if drainTimeout > 0 {
            listener = MHD_quiesce_daemon(daemon)
            // Polls every 5 ms; counting polls bounds the wait without
            // reading a clock.
            var polls = Int(drainTimeout * 200)
            while box.requestsInFlight > 0, polls > 0 {
                usleep(5_000)
                polls -= 1
            }
        }
        MHD_stop_daemon(daemon)
        // MHD_quiesce_daemon hands the listening socket to the caller.
        if listener >= 0 {
            close(listener)
        }
        self.daemon = nil
    }

    /// Requests received whose response is not sent yet.
    public var requestsInFlight: Int { box.requestsInFlight }
}

/// The handler closure, behind a class so MHD can hold a pointer to it,
/// and the count of requests in flight for a graceful stop.
private final class HandlerBox: @unchecked Sendable {
    let handler: MicroHTTPDServer.Handler
    private let lock = NSLock()
    private var inFlight = 0

    init(handler: @escaping MicroHTTPDServer.Handler) { self.handler = handler }

    var requestsInFlight: Int { lock.withLock { inFlight } }

    func requestStarted() { lock.withLock { inFlight += 1 } }
    func requestEnded() { lock.withLock { inFlight -= 1 } }
}

/// The state of one request while MHD delivers its body.
private final class RequestContext {
    var body: [UInt8] = []
    var bodyTooLarge = false
}

/// Collects header or query pairs in MHD_get_connection_values.
private final class PairCollector {
    var pairs: [(name: String, value: String)] = []
}

/// Builds the C callbacks outside any actor: MHD calls them on its own
/// threads, and a closure formed in a main-actor context would trap there.
private nonisolated func makeCallbacks() -> (
    access: MHD_AccessHandlerCallback, completed: MHD_RequestCompletedCallback
) {
    let access: MHD_AccessHandlerCallback = { cls, connection, url, method, _, uploadData, uploadDataSize, requestContext in
        guard let cls, let connection, let requestContext, let uploadDataSize else { return .NO }

        // First call for this request: headers only. Create the context
        // and ask MHD for the body.
        guard let existing = requestContext.pointee else {
            requestContext.pointee = Unmanaged.passRetained(RequestContext()).toOpaque()
            Unmanaged<HandlerBox>.fromOpaque(cls).takeUnretainedValue().requestStarted()
            return .YES
        }
        let state = Unmanaged<RequestContext>.fromOpaque(existing).takeUnretainedValue()

        // A chunk of body: keep it while under the limit, and always tell
        // MHD it was consumed so the upload finishes.
        if uploadDataSize.pointee > 0 {
            let size = uploadDataSize.pointee
            if let uploadData, !state.bodyTooLarge, state.body.count + size <= MicroHTTPDServer.maximumBodySize {
                uploadData.withMemoryRebound(to: UInt8.self, capacity: size) { bytes in
                    state.body.append(contentsOf: UnsafeBufferPointer(start: bytes, count: size))
                }
            } else {
                state.bodyTooLarge = true
                state.body = []
            }
            uploadDataSize.pointee = 0
            return .YES
        }

        // The whole request is in: build it, run the handler, queue the response.
        let request = HTTPRequest(
            method: method.map { String(cString: $0) } ?? "",
            path: url.map { String(cString: $0) } ?? "/",
            headers: collectPairs(connection, .HEADER_KIND),
            queryArguments: collectPairs(connection, .GET_ARGUMENT_KIND),
            body: state.body,
            bodyTooLarge: state.bodyTooLarge)
        let box = Unmanaged<HandlerBox>.fromOpaque(cls).takeUnretainedValue()
        let response = box.handler(request)
        return queue(response, on: connection)
    }

    // Called once per request whose context was set, when its response
    // was sent or its connection closed.
    let completed: MHD_RequestCompletedCallback = { cls, _, requestContext, _ in
        guard let requestContext, let existing = requestContext.pointee else { return }
        Unmanaged<RequestContext>.fromOpaque(existing).release()
        requestContext.pointee = nil
        if let cls {
            Unmanaged<HandlerBox>.fromOpaque(cls).takeUnretainedValue().requestEnded()
        }
    }

    return (access, completed)
}

private nonisolated func collectPairs(_ connection: OpaquePointer, _ kind: MHD_ValueKind) -> [(name: String, value: String)] {
    let collector = PairCollector()
    let iterator: MHD_KeyValueIterator = { cls, _, key, value in
        guard let cls, let key else { return .YES }
        let collector = Unmanaged<PairCollector>.fromOpaque(cls).takeUnretainedValue()
        collector.pairs.append((String(cString: key), value.map { String(cString: $0) } ?? ""))
        return .YES
    }
    // The collector outlives the call, which iterates synchronously.
    withExtendedLifetime(collector) {
        _ = MHD_get_connection_values(connection, kind, iterator, Unmanaged.passUnretained(collector).toOpaque())
    }
    return collector.pairs
}

private nonisolated func queue(_ response: HTTPResponse, on connection: OpaquePointer) -> MHD_Result {
    // MUST_COPY: MHD copies the body before this function returns, so the
    // Swift array's buffer need not outlive the call.
    let created = response.body.withUnsafeBytes { buffer in
        MHD_create_response_from_buffer(
            buffer.count, UnsafeMutableRawPointer(mutating: buffer.baseAddress), .RESPMEM_MUST_COPY)
    }
    guard let created else { return .NO }
    defer { MHD_destroy_response(created) }

    for header in response.headers {
        guard MHD_add_response_header(created, header.name, header.value) == .YES else { return .NO }
    }
    return MHD_queue_response(connection, UInt32(response.status), created)
}
