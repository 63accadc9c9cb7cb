internal import COpenSSL

/// An OpenSSL `ECDSA_SIG`, owned and freed here, to convert between the JWS
/// form of an ECDSA signature and OpenSSL's DER form.
///
/// JWS writes r and s as two big-endian integers of the curve's coordinate
/// width, concatenated (RFC 7518 section 3.4); OpenSSL reads and writes the
/// DER `SEQUENCE { r INTEGER, s INTEGER }` of RFC 3279.
final class ECDSASignature {
    private let pointer: OpaquePointer

    /// Reads a JWS signature `r ‖ s` of `2 * width` bytes.
    ///
    /// - Returns: nil when the length is wrong or r or s is zero, which no
    ///   valid signature has (SEC 1 section 4.1.4 requires 1 ≤ r, s < n).
    init?(jws bytes: [UInt8], width: Int) throws(JOSEError) {
        guard bytes.count == 2 * width else { return nil }
        let r = try BigNumber(bigEndian: Array(bytes[..<width]))
        let s = try BigNumber(bigEndian: Array(bytes[width...]))
        guard !r.isZero, !s.isZero else { return nil }

        guard let signature = ECDSA_SIG_new() else {
            throw .crypto(operation: "ECDSA_SIG_new", message: LibCrypto.lastErrorMessage())
        }
        self.pointer = signature
        // ECDSA_SIG_set0 takes ownership of r and s, so they are passed as
        // fresh copies and the BigNumber wrappers keep their own.
        guard let rCopy = BN_dup(r.pointer), let sCopy = BN_dup(s.pointer) else {
            throw .crypto(operation: "BN_dup", message: LibCrypto.lastErrorMessage())
        }
        guard ECDSA_SIG_set0(signature, rCopy, sCopy) == 1 else {
            BN_free(rCopy)
            BN_free(sCopy)
            throw .crypto(operation: "ECDSA_SIG_set0", message: LibCrypto.lastErrorMessage())
        }
    }

    /// Reads OpenSSL's DER signature.
    init(der bytes: [UInt8]) throws(JOSEError) {
        let parsed = bytes.withUnsafeBufferPointer { buffer -> OpaquePointer? in
            var cursor = buffer.baseAddress
            return d2i_ECDSA_SIG(nil, &cursor, buffer.count)
        }
        guard let parsed else {
            throw .crypto(operation: "d2i_ECDSA_SIG", message: LibCrypto.lastErrorMessage())
        }
        self.pointer = parsed
    }

    deinit {
        ECDSA_SIG_free(pointer)
    }

    /// Returns `r ‖ s`, each left-padded to `width` bytes.
    func jwsBytes(width: Int) throws(JOSEError) -> [UInt8] {
        guard let r = ECDSA_SIG_get0_r(pointer), let s = ECDSA_SIG_get0_s(pointer) else {
            throw .crypto(operation: "ECDSA_SIG_get0", message: "the signature has no r or s")
        }
        var output = [UInt8](repeating: 0, count: 2 * width)
        let written = output.withUnsafeMutableBufferPointer { buffer in
            (
                BN_bn2binpad(r, buffer.baseAddress, Int32(width)),
                BN_bn2binpad(s, buffer.baseAddress! + width, Int32(width))
            )
        }
        guard written.0 == Int32(width), written.1 == Int32(width) else {
            throw .crypto(operation: "BN_bn2binpad", message: LibCrypto.lastErrorMessage())
        }
        return output
    }

    /// Returns the DER encoding that OpenSSL verifies.
    func derBytes() throws(JOSEError) -> [UInt8] {
        let length = i2d_ECDSA_SIG(pointer, nil)
        guard length > 0 else {
            throw .crypto(operation: "i2d_ECDSA_SIG", message: LibCrypto.lastErrorMessage())
        }
        var output = [UInt8](repeating: 0, count: Int(length))
        let written = output.withUnsafeMutableBufferPointer { buffer -> Int32 in
            var cursor = buffer.baseAddress
            return i2d_ECDSA_SIG(pointer, &cursor)
        }
        guard written == length else {
            throw .crypto(operation: "i2d_ECDSA_SIG", message: LibCrypto.lastErrorMessage())
        }
        return output
    }
}
