internal import COpenSSL

/// Collects named key parameters for `EVP_PKEY_fromdata` through an
/// `OSSL_PARAM_BLD`.
///
/// The builder keeps pointers to the names, numbers and buffers pushed
/// into it until `withParameters` copies them, so this class owns every
/// one of them for its whole life. A Swift string passed straight to C
/// would live only for the call.
final class ParameterBuilder {
    private let builder: OpaquePointer
    private var numbers: [BigNumber] = []
    private var buffers: [UnsafeMutableRawBufferPointer] = []

    init() throws(JOSEError) {
        guard let builder = OSSL_PARAM_BLD_new() else {
            throw .crypto(operation: "OSSL_PARAM_BLD_new", message: LibCrypto.lastErrorMessage())
        }
        self.builder = builder
    }

    deinit {
        OSSL_PARAM_BLD_free(builder)
        for buffer in buffers {
            buffer.initializeMemory(as: UInt8.self, repeating: 0)
            buffer.deallocate()
        }
    }

    /// Adds an unsigned integer given as big-endian bytes.
    func addInteger(_ name: String, bigEndian bytes: [UInt8]) throws(JOSEError) {
        let number = try BigNumber(bigEndian: bytes)
        numbers.append(number)
        guard OSSL_PARAM_BLD_push_BN(builder, cString(name), number.pointer) == 1 else {
            throw .crypto(operation: "OSSL_PARAM_BLD_push_BN(\(name))", message: LibCrypto.lastErrorMessage())
        }
    }

    /// Adds a UTF-8 string, such as an EC group name.
    func addString(_ name: String, _ value: String) throws(JOSEError) {
        let buffer = copy(Array(value.utf8) + [0])
        let pointer = buffer.baseAddress?.assumingMemoryBound(to: CChar.self)
        guard OSSL_PARAM_BLD_push_utf8_string(builder, cString(name), pointer, buffer.count - 1) == 1 else {
            throw .crypto(operation: "OSSL_PARAM_BLD_push_utf8_string(\(name))", message: LibCrypto.lastErrorMessage())
        }
    }

    /// Adds an octet string, such as an encoded EC point.
    func addOctets(_ name: String, _ value: [UInt8]) throws(JOSEError) {
        let buffer = copy(value)
        guard OSSL_PARAM_BLD_push_octet_string(builder, cString(name), buffer.baseAddress, buffer.count) == 1 else {
            throw .crypto(operation: "OSSL_PARAM_BLD_push_octet_string(\(name))", message: LibCrypto.lastErrorMessage())
        }
    }

    /// Builds the `OSSL_PARAM` array, passes it to `body` and frees it.
    func withParameters<T>(
        _ body: (UnsafeMutablePointer<OSSL_PARAM>) throws(JOSEError) -> T
    ) throws(JOSEError) -> T {
        guard let parameters = OSSL_PARAM_BLD_to_param(builder) else {
            throw .crypto(operation: "OSSL_PARAM_BLD_to_param", message: LibCrypto.lastErrorMessage())
        }
        defer { OSSL_PARAM_free(parameters) }
        return try body(parameters)
    }

    /// Returns a NUL-terminated copy of `name` that lives as long as `self`.
    private func cString(_ name: String) -> UnsafePointer<CChar>? {
        let buffer = copy(Array(name.utf8) + [0])
        return UnsafePointer(buffer.baseAddress?.assumingMemoryBound(to: CChar.self))
    }

    private func copy(_ bytes: [UInt8]) -> UnsafeMutableRawBufferPointer {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(bytes.count, 1), alignment: 1)
        buffer.copyBytes(from: bytes)
        buffers.append(buffer)
        return UnsafeMutableRawBufferPointer(rebasing: buffer[0..<bytes.count])
    }
}
