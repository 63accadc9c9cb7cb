import Foundation

/// One log line per request: method, path, status, duration and the ids
/// of the user and tokens involved, never a token or a header value.
public struct RequestLog: Sendable {
    public let sink: any LogSink
    /// Measures each request's duration.
    public let clock: any MonotonicClock

    public init(sink: any LogSink, clock: any MonotonicClock) {
        self.sink = sink
        self.clock = clock
    }

    func record(_ request: HTTPRequest, _ routed: RoutedResponse, nanoseconds: UInt64) {
        let status = routed.response.status
        var metadata: [(key: String, value: String)] = [
            ("http.method", Router.printable(request.method)),
            ("http.path", Router.printable(request.path)),
            ("http.status", String(status)),
            ("duration_ms", String(format: "%.2f", Double(nanoseconds) / 1_000_000)),
        ]
        if let subject = routed.subject { metadata.append(("user.sub", subject)) }
        if let family = routed.familyID { metadata.append(("token.family", family)) }
        if let tokenID = routed.tokenID { metadata.append(("token.jti", tokenID)) }
        sink.log(LogEntry(level: status >= 500 ? .warning : .info, event: "http.request", metadata: metadata))
    }
}
