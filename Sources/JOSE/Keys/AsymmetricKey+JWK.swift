extension AsymmetricKey {
    /// Makes a key from a JWK of type RSA, EC (P-256, P-384, P-521) or OKP
    /// (Ed25519).
    ///
    /// The algorithm comes from `algorithm`, else from the JWK's `alg`, else
    /// from an EC or OKP curve, which names one algorithm. An RSA JWK without
    /// `alg` needs `algorithm`, because the RS* and PS* algorithms share keys.
    ///
    /// - Throws: `JOSEError.invalidKey` when a member is missing or of the
    ///   wrong size, `use` is not "sig", or the JWK's `alg` differs from
    ///   `algorithm`. Also when OpenSSL rejects the key, for example a point
    ///   off the curve or a private key that does not match the public one.
    public init(jwk: JWK, algorithm: JWSAlgorithm? = nil) throws(JOSEError) {
        let resolved = try jwk.resolveAlgorithm(algorithm)
        try jwk.checkUse()

        let key: PKey
        switch jwk.keyType {
        case "RSA": key = try Self.rsaKey(jwk)
        case "EC": key = try Self.ecKey(jwk, algorithm: resolved)
        case "OKP": key = try Self.okpKey(jwk)
        case "oct":
            throw .invalidKey(reason: "a JWK of kty \"oct\" is a shared secret; make an HMACKey from it")
        default:
            throw .invalidKey(reason: "JWK kty \"\(jwk.keyType)\" is not supported; use RSA, EC or OKP")
        }
        try key.check()
        try self.init(key: key, algorithm: resolved, keyID: jwk.keyID)
    }

    /// Returns the key as a JWK with `kty`, `alg`, `use: "sig"` and `kid`
    /// when set; private members only when `includingPrivate` is true.
    public func jwk(includingPrivate: Bool) throws(JOSEError) -> JWK {
        var members: [String: JSONValue] = ["alg": .string(algorithm.rawValue), "use": .string("sig")]
        if let keyID {
            members["kid"] = .string(keyID)
        }
        let exportPrivate = includingPrivate && isPrivate

        switch algorithm.family {
        case .hmac:
            preconditionFailure("an AsymmetricKey is never an HMAC key")
        case .rsa:
            members["kty"] = .string("RSA")
            members["n"] = .string(Base64URL.encode(try key.integer("n").bigEndianBytes()))
            members["e"] = .string(Base64URL.encode(try key.integer("e").bigEndianBytes()))
            if exportPrivate {
                members["d"] = .string(Base64URL.encode(try key.integer("d").bigEndianBytes()))
                let factors = [
                    ("p", "rsa-factor1"), ("q", "rsa-factor2"), ("dp", "rsa-exponent1"),
                    ("dq", "rsa-exponent2"), ("qi", "rsa-coefficient1"),
                ]
                // A key imported from n, e and d alone has no CRT factors;
                // then none is written, as RFC 7518 section 6.3.2 allows.
                if let values = try? factors.map({ try key.integer($0.1).bigEndianBytes() }) {
                    for ((name, _), value) in zip(factors, values) {
                        members[name] = .string(Base64URL.encode(value))
                    }
                }
            }
        case .ecdsa(let curve):
            let width = algorithm.ecdsaCoordinateWidth ?? 0
            members["kty"] = .string("EC")
            members["crv"] = .string(curve)
            members["x"] = .string(Base64URL.encode(try key.integer("qx").bigEndianBytes(width: width)))
            members["y"] = .string(Base64URL.encode(try key.integer("qy").bigEndianBytes(width: width)))
            if exportPrivate {
                members["d"] = .string(Base64URL.encode(try key.integer("priv").bigEndianBytes(width: width)))
            }
        case .edDSA:
            members["kty"] = .string("OKP")
            members["crv"] = .string("Ed25519")
            members["x"] = .string(Base64URL.encode(try key.rawPublicKey()))
            if exportPrivate {
                members["d"] = .string(Base64URL.encode(try key.rawPrivateKey()))
            }
        }
        return JWK(unchecked: members)
    }

    /// RFC 7518 section 6.3: `n` and `e`, and for a private key `d` with
    /// either all of `p`, `q`, `dp`, `dq`, `qi` or none of them.
    private static func rsaKey(_ jwk: JWK) throws(JOSEError) -> PKey {
        guard jwk.members["oth"] == nil else {
            throw .invalidKey(reason: "RSA JWKs with more than two primes (\"oth\") are not supported")
        }
        let builder = try ParameterBuilder()
        for (name, parameter) in [("n", "n"), ("e", "e")] {
            let value = try jwk.requiredBytes(name)
            // Base64urlUInt uses the fewest octets (RFC 7518 section 2).
            guard value.count > 0, value.first != 0 || value.count == 1 else {
                throw .invalidKey(reason: "the RSA JWK member \"\(name)\" has leading zero bytes; it must use the fewest octets")
            }
            try builder.addInteger(parameter, bigEndian: value)
        }

        guard let d = try jwk.bytes("d") else {
            return try PKey.fromParameters(type: "RSA", builder: builder, isPrivate: false)
        }
        try builder.addInteger("d", bigEndian: d)
        let factors = [
            ("p", "rsa-factor1"), ("q", "rsa-factor2"), ("dp", "rsa-exponent1"),
            ("dq", "rsa-exponent2"), ("qi", "rsa-coefficient1"),
        ]
        let present = factors.filter { jwk.members[$0.0] != nil }
        guard present.isEmpty || present.count == factors.count else {
            throw .invalidKey(reason: "an RSA private JWK needs all of p, q, dp, dq and qi or none of them")
        }
        for (name, parameter) in present {
            try builder.addInteger(parameter, bigEndian: try jwk.requiredBytes(name))
        }
        return try PKey.fromParameters(type: "RSA", builder: builder, isPrivate: true)
    }

    /// RFC 7518 section 6.2: `crv`, and `x`, `y` and `d` each exactly the
    /// width of a coordinate.
    private static func ecKey(_ jwk: JWK, algorithm: JWSAlgorithm) throws(JOSEError) -> PKey {
        guard case .ecdsa(let curve) = algorithm.family, let width = algorithm.ecdsaCoordinateWidth else {
            throw .invalidKey(reason: "an EC JWK works with ES256, ES384 or ES512, not \(algorithm.rawValue)")
        }
        guard jwk.curve == curve else {
            throw .invalidKey(
                reason: "\(algorithm.rawValue) needs crv \"\(curve)\", the JWK has \(jwk.curve.map { "\"\($0)\"" } ?? "none")")
        }
        let x = try jwk.requiredBytes("x")
        let y = try jwk.requiredBytes("y")
        guard x.count == width, y.count == width else {
            throw .invalidKey(reason: "\(curve) needs x and y of \(width) bytes each, got \(x.count) and \(y.count)")
        }

        let builder = try ParameterBuilder()
        try builder.addString("group", curve)
        try builder.addOctets("pub", [0x04] + x + y)
        guard let d = try jwk.bytes("d") else {
            return try PKey.fromParameters(type: "EC", builder: builder, isPrivate: false)
        }
        guard d.count == width else {
            throw .invalidKey(reason: "\(curve) needs d of \(width) bytes, got \(d.count)")
        }
        try builder.addInteger("priv", bigEndian: d)
        return try PKey.fromParameters(type: "EC", builder: builder, isPrivate: true)
    }

    /// RFC 8037 section 2: `crv` "Ed25519", `x` and optional `d` of 32 bytes.
    private static func okpKey(_ jwk: JWK) throws(JOSEError) -> PKey {
        guard jwk.curve == "Ed25519" else {
            throw .invalidKey(reason: "OKP curve \(jwk.curve.map { "\"\($0)\"" } ?? "none") is not supported; use Ed25519")
        }
        let x = try jwk.requiredBytes("x")
        let d = try jwk.bytes("d")
        guard x.count == 32, d == nil || d?.count == 32 else {
            throw .invalidKey(reason: "Ed25519 needs x and d of 32 bytes each")
        }
        return try PKey.ed25519(publicKey: x, privateKey: d)
    }
}

extension JWK {
    /// Picks the one algorithm for this key, by the rule that
    /// `AsymmetricKey(jwk:)` documents.
    func resolveAlgorithm(_ requested: JWSAlgorithm?) throws(JOSEError) -> JWSAlgorithm {
        var declared: JWSAlgorithm?
        if let name = algorithm {
            guard let known = JWSAlgorithm(rawValue: name) else {
                throw .invalidKey(reason: "the JWK's alg \"\(name)\" is not supported")
            }
            declared = known
        }
        if let requested, let declared, requested != declared {
            throw .invalidKey(reason: "the JWK is for \(declared.rawValue), not \(requested.rawValue)")
        }
        if let chosen = requested ?? declared {
            return chosen
        }

        switch (keyType, curve) {
        case ("EC", "P-256"): return .es256
        case ("EC", "P-384"): return .es384
        case ("EC", "P-521"): return .es512
        case ("OKP", "Ed25519"): return .edDSA
        case ("EC", let curve?), ("OKP", let curve?):
            throw .invalidKey(reason: "\(keyType) curve \"\(curve)\" is not supported; use P-256, P-384, P-521 or Ed25519")
        default:
            throw .invalidKey(reason: "the \(keyType) JWK has no \"alg\"; name the algorithm it is for")
        }
    }

    /// Rejects keys meant for encryption (RFC 7517 sections 4.2 and 4.3).
    func checkUse() throws(JOSEError) {
        if let use, use != "sig" {
            throw .invalidKey(reason: "the JWK's use is \"\(use)\", not \"sig\"")
        }
        if case .array(let operations)? = members["key_ops"],
            !operations.contains(.string("verify")), !operations.contains(.string("sign"))
        {
            throw .invalidKey(reason: "the JWK's key_ops allow neither \"sign\" nor \"verify\"")
        }
    }
}
