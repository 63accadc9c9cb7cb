/// Bounds on the input a parser accepts, so a hostile token costs little.
public struct JOSELimits: Sendable, Equatable {
    /// The maximum token length accepted, in bytes of its compact form.
    public var maximumTokenLength: Int
    /// The deepest nesting of JSON objects and arrays accepted in a header,
    /// payload or JWK; the top-level object counts as 1.
    public var maximumJSONDepth: Int

    public init(maximumTokenLength: Int = 8 * 1024, maximumJSONDepth: Int = 16) {
        self.maximumTokenLength = maximumTokenLength
        self.maximumJSONDepth = maximumJSONDepth
    }

    /// 8 KiB and 16 levels: far above what real access tokens and JWK Sets
    /// use, and small enough that parsing stays cheap.
    public static let `default` = JOSELimits()
}
