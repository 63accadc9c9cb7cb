extension JWK {
    /// The members that a thumbprint covers, per key type (RFC 7638
    /// section 3.2; RFC 8037 section 2 for OKP).
    private static let thumbprintMembers: [String: [String]] = [
        "RSA": ["e", "kty", "n"],
        "EC": ["crv", "kty", "x", "y"],
        "OKP": ["crv", "kty", "x"],
        "oct": ["k", "kty"],
    ]

    /// Returns the RFC 7638 thumbprint: SHA-256 over the required members
    /// in lexicographic order, written without whitespace.
    ///
    /// - Throws: `JOSEError.invalidKey` for an unknown `kty` or a missing
    ///   required member.
    public func thumbprint() throws(JOSEError) -> [UInt8] {
        guard let names = Self.thumbprintMembers[keyType] else {
            throw .invalidKey(reason: "no thumbprint is defined for kty \"\(keyType)\"")
        }
        var fields: [String] = []
        for name in names {
            guard let value = members[name]?.stringValue else {
                throw .invalidKey(reason: "the \(keyType) JWK has no \"\(name)\" string, which its thumbprint needs")
            }
            fields.append("\"\(name)\":\(Self.jsonString(value))")
        }
        let canonical = "{" + fields.joined(separator: ",") + "}"
        return LibCrypto.sha256(Array(canonical.utf8))
    }

    /// Returns the thumbprint in base64url, the usual form for a `kid`.
    public func thumbprintBase64URL() throws(JOSEError) -> String {
        Base64URL.encode(try thumbprint())
    }

    /// Writes `value` as a JSON string, escaping as RFC 7638 section 3.3
    /// requires: only what JSON requires, no `\/` and no `\u` for non-ASCII.
    private static func jsonString(_ value: String) -> String {
        var output = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\u{08}": output += "\\b"
            case "\u{0C}": output += "\\f"
            default:
                if scalar.value < 0x20 {
                    output +=
                        "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
                        + String(scalar.value, radix: 16)
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        return output + "\""
    }
}
