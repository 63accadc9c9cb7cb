import Foundation
import TokenClient

/// One keep-alive HTTP/1.1 connection over a TCP socket that sends bytes
/// exactly as given, for tests and benchmarks: URLSession merges repeated
/// headers, re-encodes bodies and caps connections per host.
///
/// Responses must carry `Content-Length`, as every response of
/// TokenServer and libmicrohttpd does; chunked bodies are not read. One
/// thread at a time may use a connection.
public final class RawHTTPConnection: @unchecked Sendable {
    /// A parsed response.
    public struct Response: Sendable {
        public let status: Int
        public let headers: [(name: String, value: String)]
        public let body: [UInt8]

        /// Every value of header `name`, matched without regard to case.
        public func values(of name: String) -> [String] {
            headers.filter { $0.name.lowercased() == name.lowercased() }.map(\.value)
        }
    }

    private let socket: Int32
    private var buffer: [UInt8] = []
    /// The address as the `Host` header writes it.
    private let hostHeader: String

    /// Connects to `host` (an IPv4 or IPv6 address, without brackets) and
    /// `port`.
    ///
    /// - Parameter timeout: seconds each send or receive may block.
    public init(host: String = "127.0.0.1", port: UInt16, timeout: Double = 10) throws(TransportError) {
        var ipv4 = sockaddr_in()
        var ipv6 = sockaddr_in6()
        let family: Int32
        if inet_pton(AF_INET, host, &ipv4.sin_addr) == 1 {
            family = AF_INET
            ipv4.sin_family = sa_family_t(AF_INET)
            ipv4.sin_port = port.bigEndian
        } else if inet_pton(AF_INET6, host, &ipv6.sin6_addr) == 1 {
            family = AF_INET6
            ipv6.sin6_family = sa_family_t(AF_INET6)
            ipv6.sin6_port = port.bigEndian
        } else {
            throw TransportError(method: "CONNECT", path: "\(host):\(port)", reason: "not an IP address")
        }
        self.hostHeader = family == AF_INET6 ? "[\(host)]" : host

        let descriptor = Foundation.socket(family, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw Self.failure("socket", host, port) }

        var interval = timeval(tv_sec: Int(timeout), tv_usec: Int((timeout - timeout.rounded(.down)) * 1_000_000))
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &interval, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &interval, socklen_t(MemoryLayout<timeval>.size))
        var one: Int32 = 1
        setsockopt(descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))

        // connect() reads exactly the given length from the pointer, which
        // is the size of the sockaddr variant that was filled in.
        let connected =
            family == AF_INET
            ? withUnsafePointer(to: &ipv4) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
            : withUnsafePointer(to: &ipv6) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in6>.size))
                }
            }
        guard connected == 0 else {
            let error = Self.failure("connect", host, port)
            close(descriptor)
            throw error
        }
        self.socket = descriptor
    }

    deinit {
        close(socket)
    }

    /// Sends `bytes` as they are and reads one response.
    public func exchange(_ bytes: [UInt8]) throws(TransportError) -> Response {
        try write(bytes)
        return try readResponse()
    }

    /// Builds a request with `Host`, `Content-Length` (for a body) and the
    /// given headers in order, sends it and reads the response.
    public func request(
        _ method: String, _ path: String, headers: [(name: String, value: String)] = [], body: [UInt8] = []
    ) throws(TransportError) -> Response {
        var head = "\(method) \(path) HTTP/1.1\r\nHost: \(hostHeader)\r\n"
        for header in headers {
            head += "\(header.name): \(header.value)\r\n"
        }
        if !body.isEmpty || method == "POST" {
            head += "Content-Length: \(body.count)\r\n"
        }
        head += "\r\n"
        return try exchange(Array(head.utf8) + body)
    }

    /// Writes every byte, or throws.
    public func write(_ bytes: [UInt8]) throws(TransportError) {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard sent > 0 else { throw Self.failure("send", "127.0.0.1", 0) }
            offset += sent
        }
    }

    /// Reads one response: status line, headers, and a `Content-Length` body.
    public func readResponse() throws(TransportError) -> Response {
        let separator: [UInt8] = [13, 10, 13, 10]
        var headEnd: Int?
        while headEnd == nil {
            headEnd = Self.find(separator, in: buffer)
            if headEnd == nil { try fill() }
        }
        let headBytes = Array(buffer[..<headEnd!])
        buffer.removeFirst(headEnd! + 4)

        let lines = String(decoding: headBytes, as: UTF8.self).components(separatedBy: "\r\n")
        let statusParts = lines[0].split(separator: " ", maxSplits: 2)
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else {
            throw TransportError(method: "READ", path: "", reason: "bad status line \(lines[0].prefix(40))")
        }
        var headers: [(name: String, value: String)] = []
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers.append((String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
        }

        let length = headers.first { $0.name.lowercased() == "content-length" }.flatMap { Int($0.value) } ?? 0
        while buffer.count < length {
            try fill()
        }
        let body = Array(buffer[..<length])
        buffer.removeFirst(length)
        return Response(status: status, headers: headers, body: body)
    }

    private func fill() throws(TransportError) {
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        let count = chunk.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
        guard count > 0 else {
            throw TransportError(method: "READ", path: "", reason: count == 0 ? "connection closed" : String(cString: strerror(errno)))
        }
        buffer += chunk[..<count]
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for index in 0...(haystack.count - needle.count) where haystack[index] == needle[0] {
            if Array(haystack[index..<index + needle.count]) == needle { return index }
        }
        return nil
    }

    private static func failure(_ call: String, _ host: String, _ port: UInt16) -> TransportError {
        TransportError(method: call.uppercased(), path: "\(host):\(port)", reason: String(cString: strerror(errno)))
    }
}
