/// Base64url without padding, as JWS requires (RFC 7515 section 2 and
/// appendix C).
///
/// Decoding is strict: padding, characters outside the URL-safe alphabet,
/// a length of 1 modulo 4, and non-zero unused trailing bits are all
/// rejected, so every byte string has exactly one accepted encoding.
public enum Base64URL {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    private static let decodeTable: [Int8] = {
        var table = [Int8](repeating: -1, count: 256)
        for (index, character) in alphabet.enumerated() {
            table[Int(character)] = Int8(index)
        }
        return table
    }()

    /// Encodes `bytes` without padding.
    public static func encode(_ bytes: some Collection<UInt8>) -> String {
        let input = Array(bytes)
        var output = [UInt8]()
        output.reserveCapacity((input.count * 4 + 2) / 3)

        var index = 0
        while index + 3 <= input.count {
            let chunk = UInt32(input[index]) << 16 | UInt32(input[index + 1]) << 8 | UInt32(input[index + 2])
            output.append(alphabet[Int(chunk >> 18 & 63)])
            output.append(alphabet[Int(chunk >> 12 & 63)])
            output.append(alphabet[Int(chunk >> 6 & 63)])
            output.append(alphabet[Int(chunk & 63)])
            index += 3
        }

        let remaining = input.count - index
        if remaining == 1 {
            let chunk = UInt32(input[index]) << 16
            output.append(alphabet[Int(chunk >> 18 & 63)])
            output.append(alphabet[Int(chunk >> 12 & 63)])
        } else if remaining == 2 {
            let chunk = UInt32(input[index]) << 16 | UInt32(input[index + 1]) << 8
            output.append(alphabet[Int(chunk >> 18 & 63)])
            output.append(alphabet[Int(chunk >> 12 & 63)])
            output.append(alphabet[Int(chunk >> 6 & 63)])
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Decodes unpadded base64url text.
    ///
    /// - Throws: `JOSEError.malformed` naming the first offending character
    ///   and its offset, or the length problem.
    public static func decode(_ text: some StringProtocol) throws(JOSEError) -> [UInt8] {
        let input = Array(text.utf8)
        if input.count % 4 == 1 {
            throw .malformed(reason: "base64url length \(input.count) is impossible (1 more than a multiple of 4)")
        }

        var values = [UInt8]()
        values.reserveCapacity(input.count)
        for (offset, character) in input.enumerated() {
            let value = decodeTable[Int(character)]
            guard value >= 0 else {
                let shown = character == UInt8(ascii: "=") ? "padding \"=\"" : "character \(describe(character))"
                throw .malformed(reason: "\(shown) at offset \(offset) is not allowed in unpadded base64url")
            }
            values.append(UInt8(value))
        }

        var output = [UInt8]()
        output.reserveCapacity(values.count * 3 / 4)
        var index = 0
        while index + 4 <= values.count {
            let chunk =
                UInt32(values[index]) << 18 | UInt32(values[index + 1]) << 12
                | UInt32(values[index + 2]) << 6 | UInt32(values[index + 3])
            output.append(UInt8(chunk >> 16 & 0xFF))
            output.append(UInt8(chunk >> 8 & 0xFF))
            output.append(UInt8(chunk & 0xFF))
            index += 4
        }

        // A final group of 2 or 3 characters carries 1 or 2 bytes; the bits
        // left over must be zero, or two texts would decode to one value.
        let remaining = values.count - index
        if remaining == 2 {
            guard values[index + 1] & 0x0F == 0 else {
                throw .malformed(reason: "base64url ends with non-zero unused bits (not the canonical encoding)")
            }
            output.append(values[index] << 2 | values[index + 1] >> 4)
        } else if remaining == 3 {
            guard values[index + 2] & 0x03 == 0 else {
                throw .malformed(reason: "base64url ends with non-zero unused bits (not the canonical encoding)")
            }
            output.append(values[index] << 2 | values[index + 1] >> 4)
            output.append(values[index + 1] << 4 | values[index + 2] >> 2)
        }
        return output
    }

    private static func describe(_ byte: UInt8) -> String {
        if byte >= 0x21 && byte < 0x7F {
            return "\"\(Character(Unicode.Scalar(byte)))\""
        }
        return "byte 0x" + String(byte, radix: 16, uppercase: true)
    }
}
