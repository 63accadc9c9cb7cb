/// The claims of a JWT payload (RFC 7519 section 4), with typed access to
/// the registered ones.
public struct JWTClaims: Sendable, Equatable {
    /// Every member of the payload, registered or not.
    public let members: [String: JSONValue]

    public init(_ members: [String: JSONValue]) {
        self.members = members
    }

    public subscript(name: String) -> JSONValue? {
        members[name]
    }

    /// The value of a string claim, or nil when absent or not a string.
    public func string(_ name: String) -> String? {
        members[name]?.stringValue
    }

    public var subject: String? { string("sub") }
    public var tokenID: String? { string("jti") }

    /// Reads a NumericDate claim (RFC 7519 section 2): seconds since the
    /// epoch as a JSON number. A fraction is truncated toward the past.
    ///
    /// - Returns: nil when the claim is absent.
    /// - Throws: `JOSEError.invalidClaim` when it is present but not a
    ///   finite number in the range of a 64-bit second count.
    public func numericDate(_ name: String) throws(JOSEError) -> Int64? {
        guard let value = members[name] else { return nil }

        switch value {
        case .integer(let seconds):
            return seconds
        case .number(let seconds):
            guard seconds.isFinite, seconds >= -9.2e18, seconds <= 9.2e18 else {
                throw .invalidClaim(name: name, reason: "\(seconds) is not a finite NumericDate in range")
            }
            return Int64(seconds.rounded(.down))
        default:
            throw .invalidClaim(name: name, reason: "a NumericDate must be a JSON number, found a \(value.typeName)")
        }
    }
}
