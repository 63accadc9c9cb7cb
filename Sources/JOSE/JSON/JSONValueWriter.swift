import Foundation

/// Writes `JSONValue` as compact JSON with members sorted by their UTF-8
/// bytes, so the same claims always give the same bytes.
///
/// The output matches `JSONEncoder` with `.sortedKeys` and
/// `.withoutEscapingSlashes`, which TokenLab used before: `"` and `\` are
/// escaped, control characters use `\b \f \n \r \t` or a lowercase
/// `\u00XX`, and everything else, slashes and non-ASCII text included, is
/// written as it is. Tests compare the two on generated values.
enum JSONValueWriter {
    /// Serializes `object`.
    ///
    /// - Throws: `JOSEError.invalidClaim` for a number that JSON cannot
    ///   carry (NaN or an infinity).
    static func write(_ object: [String: JSONValue]) throws(JOSEError) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(256)
        try write(.object(object), to: &output)
        return output
    }

    private static func write(_ value: JSONValue, to output: inout [UInt8]) throws(JOSEError) {
        switch value {
        case .null:
            output.append(contentsOf: "null".utf8)
        case .bool(let flag):
            output.append(contentsOf: (flag ? "true" : "false").utf8)
        case .integer(let integer):
            output.append(contentsOf: String(integer).utf8)
        case .number(let number):
            try writeNumber(number, to: &output)
        case .string(let text):
            writeString(text, to: &output)
        case .array(let elements):
            output.append(UInt8(ascii: "["))
            for (position, element) in elements.enumerated() {
                if position > 0 { output.append(UInt8(ascii: ",")) }
                try write(element, to: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let members):
            output.append(UInt8(ascii: "{"))
            // Byte order of the UTF-8 names, which is Unicode scalar order.
            let names = members.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            for (position, name) in names.enumerated() {
                if position > 0 { output.append(UInt8(ascii: ",")) }
                writeString(name, to: &output)
                output.append(UInt8(ascii: ":"))
                // `names` comes from `members.keys`, so the lookup succeeds.
                try write(members[name] ?? .null, to: &output)
            }
            output.append(UInt8(ascii: "}"))
        }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    private static func writeString(_ text: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x08: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
            case 0x0C: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
            case 0x0A: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0D: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x09: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0x00..<0x20:
                output.append(contentsOf: Array("\\u00".utf8))
                output.append(hexDigits[Int(byte >> 4)])
                output.append(hexDigits[Int(byte & 0x0F)])
            default:
                output.append(byte)
            }
        }
        output.append(UInt8(ascii: "\""))
    }

    /// Writes a Double as `JSONEncoder` does (`0.1`, `1e-07`, `1e+20`,
    /// `100` for 100.0), by letting it format the one number: Doubles are
    /// rare in tokens, and its shortest round-trip formatting is not worth
    /// copying.
    private static func writeNumber(_ number: Double, to output: inout [UInt8]) throws(JOSEError) {
        guard number.isFinite else {
            throw .invalidClaim(name: "(payload)", reason: "\(number) cannot be written as JSON")
        }
        let encoder = JSONEncoder()
        do {
            let bytes = try encoder.encode([number])
            // `[` and `]` around the one number.
            output.append(contentsOf: bytes.dropFirst().dropLast())
        } catch {
            throw .invalidClaim(name: "(payload)", reason: "\(number) cannot be written as JSON: \(error)")
        }
    }
}
