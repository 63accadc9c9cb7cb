/// One HTTP request and its response, as the client sent and received them.
public struct HTTPExchange: Sendable {
    public struct Request: Sendable {
        public let method: String
        /// The path and query, without scheme, host or port, so a
        /// transcript does not depend on the ephemeral port.
        public let path: String
        /// The headers the client set, in the order it set them.
        public let headers: [(name: String, value: String)]
        public let body: [UInt8]
    }

    public struct Response: Sendable {
        public let status: Int
        /// Every header the server sent, names as received.
        public let headers: [(name: String, value: String)]
        public let body: [UInt8]

        /// The first value of header `name`, matched without regard to case.
        public func value(of name: String) -> String? {
            headers.first { $0.name.lowercased() == name.lowercased() }?.value
        }
    }

    public let request: Request
    public let response: Response
}
