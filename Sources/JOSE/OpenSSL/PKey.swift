internal import COpenSSL

/// An OpenSSL `EVP_PKEY` (RSA, EC or Ed25519), owned and freed here.
///
/// The type is `Sendable` because it never modifies the key after
/// construction, and each signature gets its own `EVP_MD_CTX` and
/// `EVP_PKEY_CTX`. OpenSSL 3.0's openssl-threads(7) man page gives two
/// threads signing through two different `EVP_PKEY_CTX` objects as its
/// example of safe concurrent use.
final class PKey: @unchecked Sendable {
    let pointer: OpaquePointer
    /// Whether the key contains private material and can sign.
    let isPrivate: Bool

    init(owning pointer: OpaquePointer, isPrivate: Bool) {
        self.pointer = pointer
        self.isPrivate = isPrivate
    }

    deinit {
        EVP_PKEY_free(pointer)
    }

    /// Whether OpenSSL's key type is `name` ("RSA", "EC", "ED25519").
    func isA(_ name: String) -> Bool {
        EVP_PKEY_is_a(pointer, name) == 1
    }

    /// The key size in bits: the modulus for RSA, the group order for EC.
    var bits: Int {
        Int(EVP_PKEY_get_bits(pointer))
    }

    /// The EC group name ("prime256v1", "secp384r1", "secp521r1"), or nil
    /// for other keys.
    var groupName: String? {
        var buffer = [CChar](repeating: 0, count: 64)
        var length = 0
        let rc = EVP_PKEY_get_utf8_string_param(pointer, "group", &buffer, buffer.count, &length)
        guard rc == 1 else {
            ERR_clear_error()
            return nil
        }
        return String(decoding: buffer.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Reads the integer parameter `name` (OpenSSL's names: "n", "e", "d",
    /// "rsa-factor1", "qx", "priv", ...).
    func integer(_ name: String) throws(JOSEError) -> BigNumber {
        var number: OpaquePointer?
        guard EVP_PKEY_get_bn_param(pointer, name, &number) == 1, let number else {
            throw .crypto(operation: "EVP_PKEY_get_bn_param(\(name))", message: LibCrypto.lastErrorMessage())
        }
        return BigNumber(owning: number)
    }

    /// Returns the raw public key of an Ed25519 key (RFC 8032 encoding).
    func rawPublicKey() throws(JOSEError) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: 32)
        var length = output.count
        guard EVP_PKEY_get_raw_public_key(pointer, &output, &length) == 1 else {
            throw .crypto(operation: "EVP_PKEY_get_raw_public_key", message: LibCrypto.lastErrorMessage())
        }
        return Array(output.prefix(length))
    }

    /// Returns the raw private key (the 32-byte seed) of an Ed25519 key.
    func rawPrivateKey() throws(JOSEError) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: 32)
        var length = output.count
        guard EVP_PKEY_get_raw_private_key(pointer, &output, &length) == 1 else {
            throw .crypto(operation: "EVP_PKEY_get_raw_private_key", message: LibCrypto.lastErrorMessage())
        }
        return Array(output.prefix(length))
    }

    /// Checks that a public key is valid for its type (for EC, that the
    /// point is on the curve), and for a private key that the private and
    /// public halves match.
    func check() throws(JOSEError) {
        guard let context = EVP_PKEY_CTX_new_from_pkey(nil, pointer, nil) else {
            throw .crypto(operation: "EVP_PKEY_CTX_new_from_pkey", message: LibCrypto.lastErrorMessage())
        }
        defer { EVP_PKEY_CTX_free(context) }

        guard EVP_PKEY_public_check(context) == 1 else {
            throw .invalidKey(reason: "the public key is invalid: \(LibCrypto.lastErrorMessage())")
        }
        guard isPrivate else { return }

        // OpenSSL's RSA pairwise check applies SP 800-56B limits that valid
        // JOSE keys can miss, so an RSA private key is checked by signing a
        // fixed message and verifying the result with the same key.
        if isA("RSA") {
            let message = Array("tokenlab key check".utf8)
            let scheme = SignatureScheme(digestName: "SHA256", usesPSS: false)
            guard try verify(try sign(message, scheme: scheme), for: message, scheme: scheme) else {
                throw .invalidKey(reason: "the RSA private key does not match its public key")
            }
        } else if EVP_PKEY_pairwise_check(context) != 1 {
            throw .invalidKey(reason: "the private key does not match the public key: \(LibCrypto.lastErrorMessage())")
        }
    }
}
