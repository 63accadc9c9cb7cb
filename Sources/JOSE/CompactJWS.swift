/// A JWS in compact serialization (RFC 7515 section 7.1), split and
/// decoded but not verified.
///
/// Parsing checks the form only: three base64url segments whose first two
/// decode to JSON objects. Nothing here says the token is authentic; use
/// `JWTVerifier` for that.
public struct CompactJWS: Sendable, Equatable {
    /// The default limit on a token's length in bytes (8 KiB): tokens longer
    /// than this are rejected before any decoding, so an attacker cannot
    /// make the parser work on megabytes.
    public static let maximumLength = JOSELimits.default.maximumTokenLength

    /// The token text exactly as given.
    public let compact: String
    /// The three base64url segments: header, payload, signature.
    public let segments: [String]
    /// The decoded header bytes (UTF-8 JSON).
    public let headerBytes: [UInt8]
    /// The decoded payload bytes (UTF-8 JSON).
    public let payloadBytes: [UInt8]
    /// The decoded signature bytes.
    public let signature: [UInt8]
    /// The header as JSON.
    public let header: [String: JSONValue]
    /// The payload as JSON.
    public let claims: JWTClaims

    /// The bytes the signature covers: `header.payload` in ASCII.
    public var signingInput: [UInt8] {
        Array((segments[0] + "." + segments[1]).utf8)
    }

    /// The header's `alg`, if it is a string.
    public var algorithm: String? {
        header["alg"]?.stringValue
    }

    /// Splits and decodes `token` within `limits`.
    ///
    /// - Throws: `JOSEError.malformed` naming the segment and the problem:
    ///   a length over the limit, a segment count other than 3, base64url
    ///   that is padded or not canonical, JSON that is not UTF-8, not an
    ///   object, repeats a member name or nests too deep.
    public init(parsing token: String, limits: JOSELimits = .default) throws(JOSEError) {
        let (parts, decoded) = try Self.decodeSegments(token, limits: limits)
        self.compact = token
        self.segments = parts
        self.headerBytes = decoded[0]
        self.payloadBytes = decoded[1]
        self.signature = decoded[2]
        self.header = try JSONValue.decodeObject(decoded[0], part: "header", maximumDepth: limits.maximumJSONDepth)
        self.claims = JWTClaims(try JSONValue.decodeObject(decoded[1], part: "payload", maximumDepth: limits.maximumJSONDepth))
    }

    /// Checks the length, splits `token` into its three segments and
    /// decodes each from base64url, without reading any JSON.
    static func decodeSegments(_ token: String, limits: JOSELimits) throws(JOSEError) -> (segments: [String], decoded: [[UInt8]]) {
        guard !token.isEmpty else {
            throw .malformed(reason: "the token is empty")
        }
        guard token.utf8.count <= limits.maximumTokenLength else {
            throw .malformed(reason: "the token is \(token.utf8.count) bytes, over the limit of \(limits.maximumTokenLength)")
        }

        // Split on the byte, not on Characters: the grapheme breaking that
        // String.split does cost a fifth of a verification.
        let parts = token.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
            .map { String(decoding: $0, as: UTF8.self) }
        guard parts.count == 3 else {
            throw .malformed(reason: "a compact JWS has 3 segments separated by \".\", this token has \(parts.count)")
        }

        let names = ["header", "payload", "signature"]
        var decoded: [[UInt8]] = []
        for (part, name) in zip(parts, names) {
            do {
                decoded.append(try Base64URL.decode(part))
            } catch {
                throw .malformed(reason: "\(name) segment: \(error.reasonText)")
            }
        }
        return (parts, decoded)
    }
}
