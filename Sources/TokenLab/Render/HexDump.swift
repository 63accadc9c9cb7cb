/// Bytes as hex, for signatures, refresh tokens and UTF-8 sequences.
enum HexDump {
    /// `ED 99 8D` for the given bytes, space-separated.
    static func inline(_ bytes: some Sequence<UInt8>) -> String {
        bytes.map(hex).joined(separator: " ")
    }

    /// Lines of `perLine` bytes, each led by its offset in hex.
    static func lines(_ bytes: [UInt8], perLine: Int = 16) -> [String] {
        stride(from: 0, to: bytes.count, by: perLine).map { offset in
            let chunk = bytes[offset..<min(offset + perLine, bytes.count)]
            return "\(hex(UInt8(offset >> 8 & 0xFF)))\(hex(UInt8(offset & 0xFF)))  \(inline(chunk))"
        }
    }

    static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789abcdef")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
    }
}
