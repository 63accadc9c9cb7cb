// OpenSSL libcrypto primitives with no object to own: digests, random
// bytes, key derivation, constant-time comparison and the error queue.
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
