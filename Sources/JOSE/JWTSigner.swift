import Foundation

/// Signs JWTs in compact form with one key.
public struct JWTSigner: Sendable {
    public let key: any JWSSigningKey
    /// The header's `typ`, such as `at+jwt` for OAuth access tokens (RFC 9068).
    public let type: String

    public init(key: some JWSSigningKey, type: String = "JWT") {
        self.key = key
        self.type = type
    }

    /// Serializes `claims` as the payload and returns `header.payload.signature`.
    ///
    /// The header contains `alg`, `typ`, and `kid` when the key has one.
    /// Members are written with sorted keys and unescaped slashes and
    /// non-ASCII text, so the same claims always give the same bytes.
    public func sign(_ claims: [String: JSONValue]) throws(JOSEError) -> String {
        var header: [String: JSONValue] = ["alg": .string(key.algorithm.rawValue), "typ": .string(type)]
        if let keyID = key.keyID {
            header["kid"] = .string(keyID)
        }
        let headerSegment = Base64URL.encode(try Self.serialize(header))
        let payloadSegment = Base64URL.encode(try Self.serialize(claims))

        let signingInput = headerSegment + "." + payloadSegment
        let signature = try key.sign(Array(signingInput.utf8))
        return signingInput + "." + Base64URL.encode(signature)
    }

    static func serialize(_ object: [String: JSONValue]) throws(JOSEError) -> [UInt8] {
        try JSONValueWriter.write(object)
    }
}
