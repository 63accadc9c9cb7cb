/// A validation pass over JSON text that rejects what `JSONDecoder` lets
/// through: duplicate member names and deep nesting.
///
/// RFC 7515 section 5.2 and RFC 7519 section 4 require a JOSE header or
/// JWT claims set with duplicate names to be rejected, or else two parsers
/// may read different values from one token. `JSONDecoder` keeps the last
/// duplicate silently. The scanner runs before the decoder, iteratively,
/// so deep input cannot exhaust the stack. It checks only what it needs;
/// the decoder still checks the rest of the syntax.
struct StrictJSONScanner {
    private enum Frame {
        case object(names: Set<String>, expectingName: Bool)
        case array
    }

    private let bytes: [UInt8]
    private let part: String
    private let maximumDepth: Int
    private var index = 0
    private var stack: [Frame] = []

    /// Scans `bytes`, the JSON text of `part` ("header", "payload", "JWK").
    ///
    /// - Throws: `JOSEError.malformed` naming the duplicate member, the
    ///   depth, or the syntax problem the scanner met.
    static func check(_ bytes: [UInt8], part: String, maximumDepth: Int) throws(JOSEError) {
        var scanner = StrictJSONScanner(bytes: bytes, part: part, maximumDepth: maximumDepth)
        try scanner.run()
    }

    private init(bytes: [UInt8], part: String, maximumDepth: Int) {
        self.bytes = bytes
        self.part = part
        self.maximumDepth = maximumDepth
    }

    private mutating func run() throws(JOSEError) {
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                guard stack.count < maximumDepth else {
                    throw .malformed(reason: "the \(part) nests JSON deeper than the limit of \(maximumDepth) levels")
                }
                stack.append(byte == UInt8(ascii: "{") ? .object(names: [], expectingName: true) : .array)
                index += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                guard stack.popLast() != nil else { throw invalid() }
                index += 1
            case UInt8(ascii: ","):
                if case .object(let names, _) = stack.last {
                    stack[stack.count - 1] = .object(names: names, expectingName: true)
                }
                index += 1
            case UInt8(ascii: "\""):
                let text = try readString()
                if case .object(var names, true) = stack.last {
                    guard names.insert(text).inserted else {
                        throw .malformed(reason: "the \(part) has the member \"\(text)\" more than once")
                    }
                    stack[stack.count - 1] = .object(names: names, expectingName: false)
                }
            default:
                index += 1
            }
        }
        guard stack.isEmpty else { throw invalid() }
    }

    /// Reads a string starting at its opening quote and returns its value
    /// with escapes resolved, so `"a"` and `"\u0061"` count as one name.
    private mutating func readString() throws(JOSEError) -> String {
        index += 1
        var scalars = String.UnicodeScalarView()
        var run: [UInt8] = []

        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                scalars.append(contentsOf: String(decoding: run, as: UTF8.self).unicodeScalars)
                return String(scalars)
            }
            guard byte == UInt8(ascii: "\\") else {
                guard byte >= 0x20 else { throw invalid() }
                run.append(byte)
                index += 1
                continue
            }

            scalars.append(contentsOf: String(decoding: run, as: UTF8.self).unicodeScalars)
            run.removeAll(keepingCapacity: true)
            scalars.append(try readEscape())
        }
        throw invalid()
    }

    /// Reads one escape after a backslash (RFC 8259 section 7).
    private mutating func readEscape() throws(JOSEError) -> Unicode.Scalar {
        guard index + 1 < bytes.count else { throw invalid() }
        let code = bytes[index + 1]
        index += 2
        switch code {
        case UInt8(ascii: "\""): return "\""
        case UInt8(ascii: "\\"): return "\\"
        case UInt8(ascii: "/"): return "/"
        case UInt8(ascii: "b"): return "\u{08}"
        case UInt8(ascii: "f"): return "\u{0C}"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "u"): break
        default: throw invalid()
        }

        let high = try readHex4()
        guard (0xD800...0xDBFF).contains(high) else {
            guard !(0xDC00...0xDFFF).contains(high), let scalar = Unicode.Scalar(high) else { throw invalid() }
            return scalar
        }
        // A high surrogate must be followed by an escaped low surrogate.
        guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
            throw invalid()
        }
        index += 2
        let low = try readHex4()
        guard (0xDC00...0xDFFF).contains(low),
            let scalar = Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
        else { throw invalid() }
        return scalar
    }

    private mutating func readHex4() throws(JOSEError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw invalid() }
        var value: UInt32 = 0
        for byte in bytes[index..<index + 4] {
            guard let digit = Character(Unicode.Scalar(byte)).hexDigitValue else { throw invalid() }
            value = value << 4 | UInt32(digit)
        }
        index += 4
        return value
    }

    private func invalid() -> JOSEError {
        .malformed(reason: "the \(part) is not valid JSON")
    }
}
