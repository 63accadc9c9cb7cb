// The one file in TokenLab that calls OpenSSL's libcrypto.
//
// Every call's return code is compared with OpenSSL's own success value (1
// for most EVP calls), and failures are thrown with the message from
// OpenSSL's error queue. No C type leaves this file.

internal import COpenSSL
import Foundation

/// Cryptographic primitives from OpenSSL 3, with Swift types at the edge.
public enum LibCrypto {

    /// Returns the SHA-256 digest of `bytes` (32 bytes).
    public static func sha256(_ bytes: some Collection<UInt8>) -> [UInt8] {
        let input = Array(bytes)
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0

        // EVP_Digest with SHA-256 cannot fail on valid pointers and an
        // output buffer of EVP_MAX_MD_SIZE, so a failure is a broken
        // OpenSSL installation, not bad input.
        let rc = input.withUnsafeBytes { inputBuffer in
            EVP_Digest(inputBuffer.baseAddress, inputBuffer.count, &digest, &length, EVP_sha256(), nil)
        }
        precondition(rc == 1, "EVP_Digest(SHA-256) failed: \(lastErrorMessage())")
        return Array(digest.prefix(Int(length)))
    }

    /// Compares two byte strings in time that depends only on their length.
    ///
    /// Lengths are compared first and in the open: a signature's or hash's
    /// length is public, its contents are not.
    public static func constantTimeEquals(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        guard lhs.count == rhs.count else { return false }
        if lhs.isEmpty { return true }

        return lhs.withUnsafeBytes { left in
            rhs.withUnsafeBytes { right in
                CRYPTO_memcmp(left.baseAddress, right.baseAddress, left.count) == 0
            }
        }
    }

    /// Fills `count` bytes from OpenSSL's CSPRNG (`RAND_bytes`).
    public static func randomBytes(count: Int) throws(JOSEError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        guard count > 0 else { return bytes }

        let rc = RAND_bytes(&bytes, Int32(count))
        guard rc == 1 else {
            throw .crypto(operation: "RAND_bytes", message: lastErrorMessage())
        }
        return bytes
    }

    /// Derives `length` bytes with PBKDF2-HMAC-SHA-256 (RFC 8018 section 5.2).
    public static func pbkdf2SHA256(
        password: [UInt8], salt: [UInt8], iterations: Int, length: Int
    ) throws(JOSEError) -> [UInt8] {
        guard iterations > 0, iterations <= Int(Int32.max), length > 0 else {
            throw .invalidKey(reason: "PBKDF2 needs iterations and length above 0, got \(iterations) and \(length)")
        }

        var output = [UInt8](repeating: 0, count: length)
        let rc = password.withUnsafeBufferPointer { passwordBuffer in
            passwordBuffer.withMemoryRebound(to: CChar.self) { passwordChars in
                PKCS5_PBKDF2_HMAC(
                    passwordChars.baseAddress, Int32(passwordChars.count),
                    salt, Int32(salt.count), Int32(iterations),
                    EVP_sha256(), Int32(length), &output)
            }
        }
        guard rc == 1 else {
            throw .crypto(operation: "PKCS5_PBKDF2_HMAC", message: lastErrorMessage())
        }
        return output
    }

    /// Derives `length` bytes with scrypt (RFC 7914).
    ///
    /// - Parameters:
    ///   - logN: log2 of the CPU/memory cost N; memory use is about
    ///     128 · r · 2^logN bytes.
    public static func scrypt(
        password: [UInt8], salt: [UInt8], logN: Int, r: Int, p: Int, length: Int
    ) throws(JOSEError) -> [UInt8] {
        guard (1...24).contains(logN), (1...32).contains(r), (1...16).contains(p), length > 0 else {
            throw .invalidKey(reason: "scrypt parameters out of range: ln=\(logN), r=\(r), p=\(p), length \(length)")
        }

        // OpenSSL rejects a call whose memory need passes maxmem (32 MiB by
        // default), so the limit is set from the parameters: twice the
        // 128·r·N working set covers OpenSSL's own accounting.
        let n = UInt64(1) << UInt64(logN)
        let maxMemory = 2 * 128 * UInt64(r) * n + (1 << 20)
        var output = [UInt8](repeating: 0, count: length)
        let rc = password.withUnsafeBufferPointer { passwordBuffer in
            passwordBuffer.withMemoryRebound(to: CChar.self) { passwordChars in
                EVP_PBE_scrypt(
                    passwordChars.baseAddress, passwordChars.count,
                    salt, salt.count, n, UInt64(r), UInt64(p), maxMemory,
                    &output, length)
            }
        }
        guard rc == 1 else {
            throw .crypto(operation: "EVP_PBE_scrypt", message: lastErrorMessage())
        }
        return output
    }

    /// Returns and clears the oldest message on this thread's OpenSSL error
    /// queue, or a fixed text when the queue is empty.
    static func lastErrorMessage() -> String {
        let code = ERR_get_error()
        guard code != 0 else { return "no OpenSSL error queued" }

        var buffer = [CChar](repeating: 0, count: 256)
        ERR_error_string_n(code, &buffer, buffer.count)
        ERR_clear_error()
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

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
