/// Verifies compact JWSs whose payload is any bytes, not a JWT claims set
/// (RFC 7515 section 5.2), with the same header checks as `JWTVerifier`.
public struct JWSPayloadVerifier: Sendable {
    public let keys: [any JWSVerificationKey]
    public let limits: JOSELimits

    public init(keys: [any JWSVerificationKey], limits: JOSELimits = .default) {
        self.keys = keys
        self.limits = limits
    }

    /// Verifies `token` and returns its payload bytes.
    ///
    /// - Throws: the first failed check, as `JWTVerifier.verify` does, but
    ///   with no claim checks because the payload need not be JSON.
    public func verify(_ token: String) throws(JOSEError) -> [UInt8] {
        let (segments, decoded) = try CompactJWS.decodeSegments(token, limits: limits)
        let header = try JSONValue.decodeObject(decoded[0], part: "header", maximumDepth: limits.maximumJSONDepth)
        let signingInput = Array((segments[0] + "." + segments[1]).utf8)
        try JWSSignatureCheck.verify(header: header, signature: decoded[2], signingInput: signingInput, keys: keys)
        return decoded[1]
    }
}
