internal import COpenSSL

/// The settings of `EVP_DigestSign` and `EVP_DigestVerify` for one JWS
/// algorithm family.
struct SignatureScheme: Sendable {
    /// OpenSSL's digest name ("SHA256"), or nil for Ed25519, which hashes
    /// internally (RFC 8032 section 5.1.6).
    let digestName: String?
    /// Whether to use RSASSA-PSS with MGF1 over the same digest and a salt as
    /// long as the digest (RFC 7518 section 3.5). Otherwise the key type's
    /// default applies, which is PKCS #1 v1.5 for RSA.
    let usesPSS: Bool
}

/// One EVP message-digest context, owned and freed here.
private final class DigestContext {
    let pointer: OpaquePointer

    init() throws(JOSEError) {
        guard let pointer = EVP_MD_CTX_new() else {
            throw .crypto(operation: "EVP_MD_CTX_new", message: LibCrypto.lastErrorMessage())
        }
        self.pointer = pointer
    }

    deinit {
        EVP_MD_CTX_free(pointer)
    }
}

extension PKey {
    /// Signs `message` and returns the signature in OpenSSL's encoding (DER
    /// for ECDSA, raw for RSA and Ed25519).
    func sign(_ message: [UInt8], scheme: SignatureScheme) throws(JOSEError) -> [UInt8] {
        guard isPrivate else {
            throw .invalidKey(reason: "a public key cannot sign; load the private key")
        }
        let context = try DigestContext()
        var keyContext: OpaquePointer?
        guard EVP_DigestSignInit_ex(context.pointer, &keyContext, scheme.digestName, nil, nil, pointer, nil) == 1 else {
            throw .crypto(operation: "EVP_DigestSignInit_ex", message: LibCrypto.lastErrorMessage())
        }
        try configure(keyContext, scheme: scheme)

        var length = 0
        let sized = message.withUnsafeBufferPointer { buffer in
            EVP_DigestSign(context.pointer, nil, &length, buffer.baseAddress, buffer.count)
        }
        guard sized == 1 else {
            throw .crypto(operation: "EVP_DigestSign", message: LibCrypto.lastErrorMessage())
        }
        var signature = [UInt8](repeating: 0, count: length)
        let signed = message.withUnsafeBufferPointer { buffer in
            EVP_DigestSign(context.pointer, &signature, &length, buffer.baseAddress, buffer.count)
        }
        guard signed == 1 else {
            throw .crypto(operation: "EVP_DigestSign", message: LibCrypto.lastErrorMessage())
        }
        return Array(signature.prefix(length))
    }

    /// Checks `signature` (in OpenSSL's encoding) over `message`.
    ///
    /// - Returns: false when OpenSSL finds the signature invalid (0) or
    ///   cannot parse it (a negative result, which input alone can cause).
    /// - Throws: `JOSEError.crypto` when the context cannot be set up.
    func verify(_ signature: [UInt8], for message: [UInt8], scheme: SignatureScheme) throws(JOSEError) -> Bool {
        let context = try DigestContext()
        var keyContext: OpaquePointer?
        guard EVP_DigestVerifyInit_ex(context.pointer, &keyContext, scheme.digestName, nil, nil, pointer, nil) == 1 else {
            throw .crypto(operation: "EVP_DigestVerifyInit_ex", message: LibCrypto.lastErrorMessage())
        }
        try configure(keyContext, scheme: scheme)

        let rc = signature.withUnsafeBufferPointer { signatureBuffer in
            message.withUnsafeBufferPointer { messageBuffer in
                EVP_DigestVerify(
                    context.pointer, signatureBuffer.baseAddress, signatureBuffer.count,
                    messageBuffer.baseAddress, messageBuffer.count)
            }
        }
        if rc != 1 {
            // A rejected signature leaves a reason on the error queue; drop
            // it so that it does not show up in a later, unrelated error.
            ERR_clear_error()
        }
        return rc == 1
    }

    private func configure(_ keyContext: OpaquePointer?, scheme: SignatureScheme) throws(JOSEError) {
        guard scheme.usesPSS else { return }
        guard let keyContext else {
            throw .crypto(operation: "EVP_DigestSignInit_ex", message: "no EVP_PKEY_CTX returned")
        }
        guard EVP_PKEY_CTX_set_rsa_padding(keyContext, RSA_PKCS1_PSS_PADDING) == 1 else {
            throw .crypto(operation: "EVP_PKEY_CTX_set_rsa_padding", message: LibCrypto.lastErrorMessage())
        }
        guard EVP_PKEY_CTX_set_rsa_pss_saltlen(keyContext, RSA_PSS_SALTLEN_DIGEST) == 1 else {
            throw .crypto(operation: "EVP_PKEY_CTX_set_rsa_pss_saltlen", message: LibCrypto.lastErrorMessage())
        }
    }
}
