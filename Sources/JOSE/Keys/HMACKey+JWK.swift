extension HMACKey {
    /// Makes a key from a JWK of type `oct` (RFC 7518 section 6.4).
    ///
    /// The algorithm comes from `algorithm`, else from the JWK's `alg`; one
    /// of them is required because every HS* algorithm takes any secret.
    ///
    /// - Throws: `JOSEError.invalidKey` when `k` is missing, `use` is not
    ///   "sig", the two algorithms differ, or the secret is too short.
    public init(jwk: JWK, algorithm: JWSAlgorithm? = nil) throws(JOSEError) {
        guard jwk.keyType == "oct" else {
            throw .invalidKey(reason: "an HMAC key needs a JWK of kty \"oct\", got \"\(jwk.keyType)\"")
        }
        let resolved = try jwk.resolveAlgorithm(algorithm)
        try jwk.checkUse()
        try self.init(secret: try jwk.requiredBytes("k"), algorithm: resolved, keyID: jwk.keyID)
    }

    /// Returns the key as a JWK, secret `k` included.
    public func jwk() -> JWK {
        var members: [String: JSONValue] = [
            "kty": .string("oct"), "k": .string(Base64URL.encode(secret)),
            "alg": .string(algorithm.rawValue), "use": .string("sig"),
        ]
        if let keyID {
            members["kid"] = .string(keyID)
        }
        return JWK(unchecked: members)
    }
}
