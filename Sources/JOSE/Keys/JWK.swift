import Foundation

/// A JSON Web Key (RFC 7517): the members of one key as JSON, checked and
/// typed on access.
///
/// A `JWK` is only data; `AsymmetricKey(jwk:)` and `HMACKey(jwk:)` turn it
/// into a key that signs or verifies, pinned to one algorithm.
public struct JWK: Sendable, Equatable {
    /// Every member, registered or not, so unknown members survive a round
    /// trip through `jsonBytes()`.
    public let members: [String: JSONValue]

    /// The members that hold private material, per key type (RFC 7518
    /// sections 6.2.2, 6.3.2 and 6.4; RFC 8037 section 2).
    static let privateMembers: [String: Set<String>] = [
        "RSA": ["d", "p", "q", "dp", "dq", "qi", "oth"],
        "EC": ["d"],
        "OKP": ["d"],
        "oct": ["k"],
    ]

    /// Wraps `members` after checking the registered ones' types.
    ///
    /// - Throws: `JOSEError.invalidKey` when `kty` is missing or a
    ///   registered member has the wrong JSON type.
    public init(members: [String: JSONValue]) throws(JOSEError) {
        guard case .string? = members["kty"] else {
            throw .invalidKey(reason: "the JWK has no \"kty\" string (RFC 7517 section 4.1)")
        }
        for name in ["kid", "alg", "use", "crv"] {
            if let value = members[name], value.stringValue == nil {
                throw .invalidKey(reason: "the JWK member \"\(name)\" must be a string, found a \(value.typeName)")
            }
        }
        if let operations = members["key_ops"] {
            guard case .array(let items) = operations, items.allSatisfy({ $0.stringValue != nil }) else {
                throw .invalidKey(reason: "the JWK member \"key_ops\" must be an array of strings")
            }
        }
        self.members = members
    }

    /// Parses one JWK from JSON text, rejecting duplicate member names.
    public init(json: [UInt8], limits: JOSELimits = .default) throws(JOSEError) {
        let object: [String: JSONValue]
        do {
            object = try JSONValue.decodeObject(json, part: "JWK", maximumDepth: limits.maximumJSONDepth)
        } catch {
            throw .invalidKey(reason: error.reasonText)
        }
        try self.init(members: object)
    }

    /// The key type, `kty` (RFC 7517 section 4.1): "RSA", "EC", "OKP", "oct".
    public var keyType: String { members["kty"]?.stringValue ?? "" }
    /// `kid` (RFC 7517 section 4.5).
    public var keyID: String? { members["kid"]?.stringValue }
    /// `alg` (RFC 7517 section 4.4), the algorithm the key is meant for.
    public var algorithm: String? { members["alg"]?.stringValue }
    /// `use` (RFC 7517 section 4.2): "sig" or "enc".
    public var use: String? { members["use"]?.stringValue }
    /// `crv` for EC and OKP keys.
    public var curve: String? { members["crv"]?.stringValue }

    /// Whether any private member is present.
    public var isPrivate: Bool {
        let names = Self.privateMembers[keyType] ?? []
        return names.contains { members[$0] != nil }
    }

    /// The same key without private members, safe to publish in a JWK Set.
    ///
    /// For `oct` keys this removes the secret `k`, which leaves no key.
    public var publicJWK: JWK {
        let names = Self.privateMembers[keyType] ?? []
        return JWK(unchecked: members.filter { !names.contains($0.key) })
    }

    init(unchecked members: [String: JSONValue]) {
        self.members = members
    }

    /// Returns the JSON text with sorted member names.
    public func jsonBytes() throws(JOSEError) -> [UInt8] {
        try JWTSigner.serialize(members)
    }

    /// Decodes the base64url member `name` (RFC 7518 section 2).
    ///
    /// - Returns: nil when absent.
    /// - Throws: `JOSEError.invalidKey` when it is not a base64url string.
    func bytes(_ name: String) throws(JOSEError) -> [UInt8]? {
        guard let value = members[name] else { return nil }
        guard let text = value.stringValue else {
            throw .invalidKey(reason: "the JWK member \"\(name)\" must be a base64url string, found a \(value.typeName)")
        }
        do {
            return try Base64URL.decode(text)
        } catch {
            throw .invalidKey(reason: "the JWK member \"\(name)\": \(error.reasonText)")
        }
    }

    /// Decodes a base64url member that must be present.
    func requiredBytes(_ name: String) throws(JOSEError) -> [UInt8] {
        guard let bytes = try bytes(name) else {
            throw .invalidKey(reason: "the \(keyType) JWK has no \"\(name)\" member")
        }
        return bytes
    }
}

extension JOSEError {
    /// The error's detail without the category prefix, for re-wrapping.
    var reasonText: String {
        switch self {
        case .malformed(let reason), .invalidKey(let reason): reason
        default: description
        }
    }
}
