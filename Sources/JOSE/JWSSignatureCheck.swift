/// The header and signature checks shared by JWT and plain JWS
/// verification: `alg` against each key's one algorithm, `kid`, `crit`.
enum JWSSignatureCheck {
    /// Checks the header, then the signature with each key that fits it.
    ///
    /// - Throws: the header problem, or `JOSEError.badSignature` when no
    ///   fitting key verifies the signature.
    static func verify(
        header: [String: JSONValue], signature: [UInt8], signingInput: [UInt8], keys: [any JWSVerificationKey]
    ) throws(JOSEError) {
        let candidates = try selectKeys(for: header, from: keys)
        for key in candidates where try key.isValidSignature(signature, for: signingInput) {
            return
        }
        throw .badSignature
    }

    /// Checks the header and returns the keys that may have signed it.
    static func selectKeys(for header: [String: JSONValue], from keys: [any JWSVerificationKey]) throws(JOSEError)
        -> [any JWSVerificationKey]
    {
        guard let algorithm = header["alg"]?.stringValue else {
            throw .malformed(reason: "the header has no \"alg\" string")
        }
        if algorithm.lowercased() == "none" {
            throw .unsecuredToken
        }
        try Self.checkCritical(header)
        for name in ["kid", "typ"] {
            if let value = header[name], value.stringValue == nil {
                throw .malformed(reason: "the header's \"\(name)\" must be a string, found a \(value.typeName)")
            }
        }

        let keyID = header["kid"]?.stringValue
        let sameID = keys.filter { $0.keyID == nil || keyID == nil || $0.keyID == keyID }
        let candidates = sameID.filter { $0.algorithm.rawValue == algorithm }
        guard candidates.isEmpty else { return candidates }

        // Name the pinned algorithm when that is why no key fits, so the
        // error shows an attempted algorithm switch as one.
        let pinned = Set(sameID.map(\.algorithm.rawValue)).sorted()
        guard pinned.isEmpty else {
            throw .algorithmNotAllowed(found: algorithm, expected: pinned.joined(separator: ", "))
        }
        throw .keyNotFound(keyID: keyID, algorithm: algorithm)
    }

    /// RFC 7515 section 4.1.11: `crit` is a non-empty array of names, each
    /// present in the header; none may be understood here, so any is fatal.
    static func checkCritical(_ header: [String: JSONValue]) throws(JOSEError) {
        guard let value = header["crit"] else { return }
        guard case .array(let items) = value, !items.isEmpty,
            items.allSatisfy({ $0.stringValue != nil })
        else {
            throw .malformed(reason: "the header's \"crit\" must be a non-empty array of strings")
        }
        throw .unsupportedCritical(names: items.compactMap(\.stringValue))
    }
}
