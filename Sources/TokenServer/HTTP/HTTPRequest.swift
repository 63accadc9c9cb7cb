/// A request as the server received it.
public struct HTTPRequest: Sendable {
    public let method: String
    /// The path without the query string.
    public let path: String
    /// Every header in arrival order; names as sent. Repeated headers
    /// appear once per occurrence.
    public let headers: [(name: String, value: String)]
    /// Query-string arguments in arrival order.
    public let queryArguments: [(name: String, value: String)]
    public let body: [UInt8]
    /// Set when the body was cut off at the size limit.
    public let bodyTooLarge: Bool

    public init(
        method: String, path: String, headers: [(name: String, value: String)],
        queryArguments: [(name: String, value: String)] = [], body: [UInt8], bodyTooLarge: Bool = false
    ) {
        self.method = method
        self.path = path
        self.headers = headers
        self.queryArguments = queryArguments
        self.body = body
        self.bodyTooLarge = bodyTooLarge
    }

    /// Every value of the header `name`, matched without regard to case.
    public func values(of name: String) -> [String] {
        headers.filter { $0.name.lowercased() == name.lowercased() }.map(\.value)
    }
}
