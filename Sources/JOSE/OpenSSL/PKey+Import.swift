internal import COpenSSL

extension PKey {
    /// OpenSSL's selection bits for `EVP_PKEY_fromdata`, spelled out because
    /// the header defines them as macro expressions that Swift does not import.
    private static let selectPublicKey: Int32 = 0x86  // EVP_PKEY_PUBLIC_KEY
    private static let selectKeyPair: Int32 = 0x87  // EVP_PKEY_KEYPAIR

    /// Builds a key of OpenSSL type `type` ("RSA", "EC") from the parameters
    /// in `builder`.
    static func fromParameters(type: String, builder: ParameterBuilder, isPrivate: Bool) throws(JOSEError) -> PKey {
        guard let context = EVP_PKEY_CTX_new_from_name(nil, type, nil) else {
            throw .crypto(operation: "EVP_PKEY_CTX_new_from_name(\(type))", message: LibCrypto.lastErrorMessage())
        }
        defer { EVP_PKEY_CTX_free(context) }

        guard EVP_PKEY_fromdata_init(context) == 1 else {
            throw .crypto(operation: "EVP_PKEY_fromdata_init", message: LibCrypto.lastErrorMessage())
        }
        var created: OpaquePointer?
        let selection = isPrivate ? selectKeyPair : selectPublicKey
        let rc = try builder.withParameters { parameters in
            EVP_PKEY_fromdata(context, &created, selection, parameters)
        }
        guard rc == 1, let created else {
            throw .invalidKey(reason: "OpenSSL rejected the \(type) key: \(LibCrypto.lastErrorMessage())")
        }
        return PKey(owning: created, isPrivate: isPrivate)
    }

    /// Builds an Ed25519 key from its raw public key or private seed
    /// (RFC 8032 section 5.1.5).
    static func ed25519(publicKey: [UInt8]?, privateKey: [UInt8]?) throws(JOSEError) -> PKey {
        if let privateKey {
            let created = privateKey.withUnsafeBufferPointer { buffer in
                EVP_PKEY_new_raw_private_key_ex(nil, "ED25519", nil, buffer.baseAddress, buffer.count)
            }
            guard let created else {
                throw .invalidKey(reason: "OpenSSL rejected the Ed25519 private key: \(LibCrypto.lastErrorMessage())")
            }
            let key = PKey(owning: created, isPrivate: true)
            if let publicKey, try key.rawPublicKey() != publicKey {
                throw .invalidKey(reason: "the Ed25519 private key does not match its public key \"x\"")
            }
            return key
        }

        guard let publicKey else {
            throw .invalidKey(reason: "an Ed25519 key needs a public or a private key")
        }
        let created = publicKey.withUnsafeBufferPointer { buffer in
            EVP_PKEY_new_raw_public_key_ex(nil, "ED25519", nil, buffer.baseAddress, buffer.count)
        }
        guard let created else {
            throw .invalidKey(reason: "OpenSSL rejected the Ed25519 public key: \(LibCrypto.lastErrorMessage())")
        }
        return PKey(owning: created, isPrivate: false)
    }

    /// Reads a PEM private key (PKCS #8 or the traditional RSA and EC forms)
    /// or public key (SubjectPublicKeyInfo). Encrypted PEM is rejected, never
    /// prompted for.
    static func fromPEM(_ pem: [UInt8]) throws(JOSEError) -> PKey {
        guard !pem.isEmpty, pem.count <= Int(Int32.max) else {
            throw .invalidKey(reason: "the PEM text is empty")
        }
        let text = String(decoding: pem, as: UTF8.self)
        let isPrivate = text.contains("PRIVATE KEY-----")
        guard isPrivate || text.contains("-----BEGIN PUBLIC KEY-----") else {
            throw .invalidKey(reason: "no \"-----BEGIN PUBLIC KEY-----\" or \"PRIVATE KEY-----\" line in the PEM text")
        }

        let bio = try MemoryBIO(pem)
        // A callback that returns 0 gives no passphrase, so OpenSSL fails on
        // an encrypted key instead of reading one from the terminal.
        let noPassphrase: @convention(c) (UnsafeMutablePointer<CChar>?, Int32, Int32, UnsafeMutableRawPointer?) -> Int32 = { _, _, _, _ in 0
        }
        let created =
            isPrivate
            ? PEM_read_bio_PrivateKey(bio.pointer, nil, noPassphrase, nil)
            : PEM_read_bio_PUBKEY(bio.pointer, nil, noPassphrase, nil)
        guard let created else {
            throw .invalidKey(reason: "OpenSSL could not read the PEM key: \(LibCrypto.lastErrorMessage())")
        }
        return PKey(owning: created, isPrivate: isPrivate)
    }

    /// Generates a fresh key with OpenSSL's CSPRNG: RSA of `rsaBits`, an EC
    /// key on `group` ("P-256", "P-384", "P-521"), or Ed25519.
    static func generate(type: String, rsaBits: Int? = nil, group: String? = nil) throws(JOSEError) -> PKey {
        guard let context = EVP_PKEY_CTX_new_from_name(nil, type, nil) else {
            throw .crypto(operation: "EVP_PKEY_CTX_new_from_name(\(type))", message: LibCrypto.lastErrorMessage())
        }
        defer { EVP_PKEY_CTX_free(context) }

        guard EVP_PKEY_keygen_init(context) == 1 else {
            throw .crypto(operation: "EVP_PKEY_keygen_init", message: LibCrypto.lastErrorMessage())
        }
        if let rsaBits, EVP_PKEY_CTX_set_rsa_keygen_bits(context, Int32(rsaBits)) != 1 {
            throw .crypto(operation: "EVP_PKEY_CTX_set_rsa_keygen_bits", message: LibCrypto.lastErrorMessage())
        }
        if let group, EVP_PKEY_CTX_set_group_name(context, group) != 1 {
            throw .crypto(operation: "EVP_PKEY_CTX_set_group_name", message: LibCrypto.lastErrorMessage())
        }
        var created: OpaquePointer?
        guard EVP_PKEY_generate(context, &created) == 1, let created else {
            throw .crypto(operation: "EVP_PKEY_generate", message: LibCrypto.lastErrorMessage())
        }
        return PKey(owning: created, isPrivate: true)
    }
}

/// A read-only OpenSSL memory `BIO` over a copy of some bytes.
private final class MemoryBIO {
    let pointer: OpaquePointer
    private let storage: UnsafeMutableRawBufferPointer

    init(_ bytes: [UInt8]) throws(JOSEError) {
        storage = UnsafeMutableRawBufferPointer.allocate(byteCount: bytes.count, alignment: 1)
        storage.copyBytes(from: bytes)
        guard let bio = BIO_new_mem_buf(storage.baseAddress, Int32(bytes.count)) else {
            storage.deallocate()
            throw .crypto(operation: "BIO_new_mem_buf", message: LibCrypto.lastErrorMessage())
        }
        pointer = bio
    }

    deinit {
        BIO_free(pointer)
        storage.initializeMemory(as: UInt8.self, repeating: 0)
        storage.deallocate()
    }
}
