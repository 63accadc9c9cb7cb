import Foundation

/// A response the server sends.
public struct HTTPResponse: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public init(status: Int, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A JSON response; `object` is serialized with sorted keys so the
    /// same value always gives the same bytes.
    static func json(status: Int, _ object: [String: Any], headers: [(name: String, value: String)] = []) -> HTTPResponse {
        let data =
            (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        return HTTPResponse(
            status: status,
            headers: [("Content-Type", "application/json")] + headers,
            body: Array(data))
    }
}
