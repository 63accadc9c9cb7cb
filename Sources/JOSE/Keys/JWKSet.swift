/// A JWK Set (RFC 7517 section 5): `{"keys": [...]}`.
public struct JWKSet: Sendable, Equatable {
    public let keys: [JWK]

    public init(keys: [JWK]) {
        self.keys = keys
    }

    /// Parses a JWK Set, rejecting duplicate member names at any level.
    ///
    /// - Throws: `JOSEError.invalidKey` when `keys` is missing or not an
    ///   array of objects, or a key lacks `kty`.
    public init(json: [UInt8], limits: JOSELimits = .default) throws(JOSEError) {
        let object: [String: JSONValue]
        do {
            object = try JSONValue.decodeObject(json, part: "JWK Set", maximumDepth: limits.maximumJSONDepth)
        } catch {
            throw .invalidKey(reason: error.reasonText)
        }
        guard case .array(let items)? = object["keys"] else {
            throw .invalidKey(reason: "a JWK Set needs a \"keys\" array (RFC 7517 section 5.1)")
        }

        var keys: [JWK] = []
        for (index, item) in items.enumerated() {
            guard case .object(let members) = item else {
                throw .invalidKey(reason: "keys[\(index)] is a JSON \(item.typeName), not an object")
            }
            do {
                keys.append(try JWK(members: members))
            } catch {
                throw .invalidKey(reason: "keys[\(index)]: \(error.reasonText)")
            }
        }
        self.keys = keys
    }

    /// Returns `{"keys":[...]}` with sorted member names.
    public func jsonBytes() throws(JOSEError) -> [UInt8] {
        try JWTSigner.serialize(["keys": .array(keys.map { .object($0.members) })])
    }

    /// Makes a verification key from every JWK meant for signatures.
    ///
    /// RFC 7517 section 5 recommends ignoring keys of an unknown `kty`, and
    /// so are keys whose `use` is "enc". A key of a known type that cannot
    /// be read is an error, not skipped, so a typo does not go unnoticed.
    ///
    /// - Parameter algorithm: the algorithm for keys without `alg`; keys
    ///   whose `alg` differs are left out.
    public func verificationKeys(algorithm: JWSAlgorithm? = nil) throws(JOSEError) -> [any JWSVerificationKey] {
        var result: [any JWSVerificationKey] = []
        for (index, jwk) in keys.enumerated() {
            if jwk.use == "enc" { continue }
            if let algorithm, let declared = jwk.algorithm, declared != algorithm.rawValue { continue }
            do {
                switch jwk.keyType {
                case "oct": result.append(try HMACKey(jwk: jwk, algorithm: algorithm))
                case "RSA", "EC", "OKP": result.append(try AsymmetricKey(jwk: jwk, algorithm: algorithm))
                default: continue
                }
            } catch {
                throw .invalidKey(reason: "keys[\(index)]\(jwk.keyID.map { " (kid \"\($0)\")" } ?? ""): \(error.reasonText)")
            }
        }
        return result
    }
}
