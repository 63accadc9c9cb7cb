/// The claims of a JWT payload (RFC 7519 section 4), with typed access to
/// the registered ones.
public struct JWTClaims: Sendable, Equatable {
    /// Every member of the payload, registered or not.
    public let members: [String: JSONValue]

    /// The range accepted for a NumericDate: from the epoch to the end of
    /// the year 9999 (253402300799). A token time outside it is an error or
    /// an attack, and keeping to it means `exp + leeway` cannot overflow.
    public static let numericDateRange: ClosedRange<Int64> = 0...253_402_300_799

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
    public var issuer: String? { string("iss") }

    /// The `aud` claim as a list: one string, or an array of strings
    /// (RFC 7519 section 4.1.3).
    ///
    /// - Returns: nil when the claim is absent.
    /// - Throws: `JOSEError.invalidClaim` for any other JSON type.
    public func audiences() throws(JOSEError) -> [String]? {
        guard let value = members["aud"] else { return nil }
        switch value {
        case .string(let audience):
            return [audience]
        case .array(let items):
            let strings = items.compactMap(\.stringValue)
            guard strings.count == items.count else {
                throw .invalidClaim(name: "aud", reason: "every entry of the array must be a string")
            }
            return strings
        default:
            throw .invalidClaim(name: "aud", reason: "must be a string or an array of strings, found a \(value.typeName)")
        }
    }

    /// Reads a NumericDate claim (RFC 7519 section 2): seconds since the
    /// epoch as a JSON number. A fraction is truncated toward the past.
    ///
    /// - Returns: nil when the claim is absent.
    /// - Throws: `JOSEError.invalidClaim` when it is present but not a
    ///   finite number within `numericDateRange`.
    public func numericDate(_ name: String) throws(JOSEError) -> Int64? {
        try numericDate(name, roundingUp: false)
    }

    /// Reads a NumericDate, rounding a fraction up or down, so that a
    /// validator can round each claim toward the stricter side.
    func numericDate(_ name: String, roundingUp: Bool) throws(JOSEError) -> Int64? {
        guard let value = members[name] else { return nil }

        let seconds: Int64
        switch value {
        case .integer(let whole):
            seconds = whole
        case .number(let real):
            let range = Self.numericDateRange
            guard real.isFinite, real >= Double(range.lowerBound), real <= Double(range.upperBound) else {
                throw .invalidClaim(name: name, reason: "\(real) is not a NumericDate between \(range.lowerBound) and \(range.upperBound)")
            }
            seconds = Int64(real.rounded(roundingUp ? .up : .down))
        default:
            throw .invalidClaim(name: name, reason: "a NumericDate must be a JSON number, found a \(value.typeName)")
        }
        guard Self.numericDateRange.contains(seconds) else {
            let range = Self.numericDateRange
            throw .invalidClaim(name: name, reason: "\(seconds) is not a NumericDate between \(range.lowerBound) and \(range.upperBound)")
        }
        return seconds
    }
}
