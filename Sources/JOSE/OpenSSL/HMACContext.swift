internal import COpenSSL
import Foundation

/// A keyed HMAC computation, set up once per key and reused per message.
///
/// OpenSSL 3's one-shot `HMAC()` fetches the digest on every call, several
/// times slower than re-initialising one keyed `EVP_MAC_CTX`. The context is
/// not thread-safe, so a lock serialises its use.
final class HMACContext: @unchecked Sendable {
    private let mac: OpaquePointer
    private let context: OpaquePointer
    private let lock = NSLock()

    /// Output length in bytes.
    let outputLength: Int

    /// - Parameter digestName: an OpenSSL digest name ("SHA256", "SHA384",
    ///   "SHA512").
    init(key: [UInt8], digestName: String) throws(JOSEError) {
        // A null key pointer would mean "keep the previous key" to
        // EVP_MAC_init, so an empty key is rejected before it gets there.
        guard !key.isEmpty else {
            throw .invalidKey(reason: "the HMAC key is empty")
        }
        guard let mac = EVP_MAC_fetch(nil, "HMAC", nil) else {
            throw .crypto(operation: "EVP_MAC_fetch(HMAC)", message: LibCrypto.lastErrorMessage())
        }
        guard let context = EVP_MAC_CTX_new(mac) else {
            EVP_MAC_free(mac)
            throw .crypto(operation: "EVP_MAC_CTX_new", message: LibCrypto.lastErrorMessage())
        }
        self.mac = mac
        self.context = context

        // OSSL_PARAM keeps pointers, not copies: the digest name and key
        // buffers must stay alive until EVP_MAC_init returns, which the
        // nested closures guarantee.
        var digest = Array(digestName.utf8CString)
        let rc = digest.withUnsafeMutableBufferPointer { digestBuffer in
            key.withUnsafeBytes { keyBuffer in
                var params = [
                    OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digestBuffer.baseAddress, 0),
                    OSSL_PARAM_construct_end(),
                ]
                let keyPointer = keyBuffer.baseAddress?.assumingMemoryBound(to: UInt8.self)
                return EVP_MAC_init(context, keyPointer, keyBuffer.count, &params)
            }
        }
        guard rc == 1 else {
            throw .crypto(operation: "EVP_MAC_init", message: LibCrypto.lastErrorMessage())
        }
        self.outputLength = Int(EVP_MAC_CTX_get_mac_size(context))
    }

    deinit {
        EVP_MAC_CTX_free(context)
        EVP_MAC_free(mac)
    }

    /// Returns the MAC of `message` under this context's key.
    func authenticate(_ message: [UInt8]) throws(JOSEError) -> [UInt8] {
        lock.lock()
        defer { lock.unlock() }

        // Re-initialising with a null key keeps the key set in init.
        guard EVP_MAC_init(context, nil, 0, nil) == 1 else {
            throw .crypto(operation: "EVP_MAC_init", message: LibCrypto.lastErrorMessage())
        }
        let updated = message.withUnsafeBytes { buffer in
            EVP_MAC_update(context, buffer.baseAddress?.assumingMemoryBound(to: UInt8.self), buffer.count)
        }
        guard updated == 1 else {
            throw .crypto(operation: "EVP_MAC_update", message: LibCrypto.lastErrorMessage())
        }

        var output = [UInt8](repeating: 0, count: outputLength)
        var written = 0
        guard EVP_MAC_final(context, &output, &written, output.count) == 1 else {
            throw .crypto(operation: "EVP_MAC_final", message: LibCrypto.lastErrorMessage())
        }
        return Array(output.prefix(written))
    }
}
