internal import COpenSSL

/// An OpenSSL `BIGNUM`, owned and freed here.
///
/// JWK carries integers as unsigned big-endian bytes (RFC 7518 section 2,
/// "Base64urlUInt"); this type converts between those bytes and OpenSSL.
final class BigNumber {
    let pointer: OpaquePointer

    /// Takes ownership of `pointer`, which must come from a `BN_*` allocator.
    init(owning pointer: OpaquePointer) {
        self.pointer = pointer
    }

    /// Reads `bytes` as an unsigned big-endian integer.
    convenience init(bigEndian bytes: [UInt8]) throws(JOSEError) {
        guard bytes.count <= Int(Int32.max) else {
            throw .invalidKey(reason: "an integer of \(bytes.count) bytes is too long")
        }
        let created = bytes.withUnsafeBufferPointer { buffer in
            BN_bin2bn(buffer.baseAddress, Int32(buffer.count), nil)
        }
        guard let created else {
            throw .crypto(operation: "BN_bin2bn", message: LibCrypto.lastErrorMessage())
        }
        self.init(owning: created)
    }

    deinit {
        BN_clear_free(pointer)
    }

    var isZero: Bool {
        BN_is_zero(pointer) == 1
    }

    /// The number of significant bytes, without leading zeros.
    var byteCount: Int {
        (Int(BN_num_bits(pointer)) + 7) / 8
    }

    /// Returns the minimal big-endian bytes, as JWK wants for RSA members.
    func bigEndianBytes() throws(JOSEError) -> [UInt8] {
        try bigEndianBytes(width: byteCount)
    }

    /// Returns the big-endian bytes left-padded with zeros to `width`, as
    /// JWK wants for EC coordinates (RFC 7518 section 6.2.1.2).
    func bigEndianBytes(width: Int) throws(JOSEError) -> [UInt8] {
        guard width >= byteCount else {
            throw .invalidKey(reason: "an integer of \(byteCount) bytes does not fit in \(width)")
        }
        var output = [UInt8](repeating: 0, count: width)
        guard width > 0 else { return output }

        let written = BN_bn2binpad(pointer, &output, Int32(width))
        guard written == Int32(width) else {
            throw .crypto(operation: "BN_bn2binpad", message: LibCrypto.lastErrorMessage())
        }
        return output
    }
}
