/// A strict RFC 8259 parser that builds `JSONValue` in one pass over the
/// bytes of a JOSE header, JWT payload or JWK.
///
/// Beyond the grammar it rejects what RFC 7515 section 5.2 and RFC 7519
/// section 4 ask a JOSE parser to reject: a member name that repeats in one
/// object, since two parsers could read different values from such a
/// token. It also enforces a nesting limit, so hostile input cannot exhaust
/// the stack, and rejects numbers that do not fit a Double, lone UTF-16
/// surrogates in `\u` escapes, and raw control characters in strings.
///
/// The input must already be valid UTF-8 (`decodeObject` checks that), so
/// string bytes between escapes are copied as they are.
struct JSONValueParser {
    private let bytes: [UInt8]
    private let part: String
    private let maximumDepth: Int
    private var index = 0
    private var depth = 0

    /// Parses `bytes` as one JSON value with optional surrounding
    /// whitespace.
    ///
    /// - Parameter part: what the bytes are ("header", "payload", "JWK"),
    ///   for the error message.
    /// - Throws: `JOSEError.malformed` naming `part`, the problem and the
    ///   byte offset where it was found.
    static func parse(_ bytes: [UInt8], part: String, maximumDepth: Int) throws(JOSEError) -> JSONValue {
        var parser = JSONValueParser(bytes: bytes, part: part, maximumDepth: maximumDepth)
        parser.skipWhitespace()
        let value = try parser.parseValue()
        parser.skipWhitespace()
        guard parser.index == bytes.count else {
            throw parser.failure("text after the JSON value")
        }
        return value
    }

    private init(bytes: [UInt8], part: String, maximumDepth: Int) {
        self.bytes = bytes
        self.part = part
        self.maximumDepth = maximumDepth
    }

    // MARK: - Values

    private mutating func parseValue() throws(JOSEError) -> JSONValue {
        guard index < bytes.count else { throw failure("unexpected end of JSON") }

        switch bytes[index] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): return try parseLiteral("true", .bool(true))
        case UInt8(ascii: "f"): return try parseLiteral("false", .bool(false))
        case UInt8(ascii: "n"): return try parseLiteral("null", .null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        default: throw failure("unexpected character")
        }
    }

    private mutating func parseObject() throws(JOSEError) -> JSONValue {
        try enterContainer()
        index += 1
        var members: [String: JSONValue] = [:]
        skipWhitespace()
        if peek(UInt8(ascii: "}")) {
            index += 1
            depth -= 1
            return .object(members)
        }

        while true {
            skipWhitespace()
            guard peek(UInt8(ascii: "\"")) else { throw failure("expected a member name in quotes") }
            let name = try parseString()
            skipWhitespace()
            guard peek(UInt8(ascii: ":")) else { throw failure("expected \":\" after a member name") }
            index += 1
            skipWhitespace()
            let value = try parseValue()
            guard members.updateValue(value, forKey: name) == nil else {
                throw .malformed(reason: "the \(part) has the member \"\(name)\" more than once")
            }

            skipWhitespace()
            guard index < bytes.count else { throw failure("unexpected end of JSON inside an object") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            guard bytes[index] == UInt8(ascii: "}") else { throw failure("expected \",\" or \"}\" in an object") }
            index += 1
            depth -= 1
            return .object(members)
        }
    }

    private mutating func parseArray() throws(JOSEError) -> JSONValue {
        try enterContainer()
        index += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if peek(UInt8(ascii: "]")) {
            index += 1
            depth -= 1
            return .array(elements)
        }

        while true {
            skipWhitespace()
            elements.append(try parseValue())
            skipWhitespace()
            guard index < bytes.count else { throw failure("unexpected end of JSON inside an array") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            guard bytes[index] == UInt8(ascii: "]") else { throw failure("expected \",\" or \"]\" in an array") }
            index += 1
            depth -= 1
            return .array(elements)
        }
    }

    private mutating func enterContainer() throws(JOSEError) {
        guard depth < maximumDepth else {
            throw .malformed(reason: "the \(part) nests JSON deeper than the limit of \(maximumDepth) levels")
        }
        depth += 1
    }

    private mutating func parseLiteral(_ word: StaticString, _ value: JSONValue) throws(JOSEError) -> JSONValue {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else { throw failure("unexpected end of JSON") }
        let matches = word.withUTF8Buffer { expected in
            expected.indices.allSatisfy { bytes[index + $0] == expected[$0] }
        }
        guard matches else { throw failure("unexpected character") }
        index += count
        return value
    }

    // MARK: - Numbers

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`: an integer
    /// that fits 64 bits stays an integer; anything else is a finite Double.
    private mutating func parseNumber() throws(JOSEError) -> JSONValue {
        let start = index
        if peek(UInt8(ascii: "-")) { index += 1 }

        guard index < bytes.count, isDigit(bytes[index]) else { throw failure("a number needs a digit") }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
            if index < bytes.count, isDigit(bytes[index]) { throw failure("a number cannot start with 0") }
        } else {
            skipDigits()
        }

        var isInteger = true
        if peek(UInt8(ascii: ".")) {
            isInteger = false
            index += 1
            guard index < bytes.count, isDigit(bytes[index]) else { throw failure("a fraction needs a digit") }
            skipDigits()
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            isInteger = false
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard index < bytes.count, isDigit(bytes[index]) else { throw failure("an exponent needs a digit") }
            skipDigits()
        }

        // The grammar above admits only ASCII digits, signs, "." and "e",
        // so the slice is valid UTF-8 and a text both initializers read.
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        if isInteger, let integer = Int64(text) {
            return .integer(integer)
        }
        guard let number = Double(text), number.isFinite else {
            throw .malformed(reason: "the \(part) has the number \(text), which is out of range")
        }
        return .number(number)
    }

    private mutating func skipDigits() {
        while index < bytes.count, isDigit(bytes[index]) { index += 1 }
    }

    private func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    // MARK: - Strings

    /// Reads a string from its opening quote to its closing one and
    /// returns its text with every escape decoded.
    private mutating func parseString() throws(JOSEError) -> String {
        index += 1
        var output: [UInt8] = []
        var runStart = index

        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                output.append(contentsOf: bytes[runStart..<index])
                index += 1
                return String(decoding: output, as: UTF8.self)
            }
            if byte < 0x20 {
                throw failure("a control character must be escaped inside a string")
            }
            if byte == UInt8(ascii: "\\") {
                output.append(contentsOf: bytes[runStart..<index])
                try parseEscape(into: &output)
                runStart = index
                continue
            }
            index += 1
        }
        throw failure("a string is not closed")
    }

    /// Decodes the escape at `index` (a backslash) and appends its UTF-8.
    private mutating func parseEscape(into output: inout [UInt8]) throws(JOSEError) {
        index += 1
        guard index < bytes.count else { throw failure("a string is not closed") }
        let escaped = bytes[index]
        index += 1

        switch escaped {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): output.append(escaped)
        case UInt8(ascii: "b"): output.append(0x08)
        case UInt8(ascii: "f"): output.append(0x0C)
        case UInt8(ascii: "n"): output.append(0x0A)
        case UInt8(ascii: "r"): output.append(0x0D)
        case UInt8(ascii: "t"): output.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = UInt32(try readHex4())
            if (0xD800...0xDBFF).contains(scalar) {
                // A high surrogate must be followed by an escaped low one.
                guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                    throw failure("a \\u escape contains a lone surrogate")
                }
                index += 2
                let low = UInt32(try readHex4())
                guard (0xDC00...0xDFFF).contains(low) else { throw failure("a \\u escape contains a lone surrogate") }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00...0xDFFF).contains(scalar) {
                throw failure("a \\u escape contains a lone surrogate")
            }
            guard let unicode = Unicode.Scalar(scalar) else { throw failure("a \\u escape is not a character") }
            output.append(contentsOf: Array(String(Character(unicode)).utf8))
        default:
            throw failure("unknown escape in a string")
        }
    }

    private mutating func readHex4() throws(JOSEError) -> UInt16 {
        guard index + 4 <= bytes.count else { throw failure("a \\u escape needs four hex digits") }
        var value: UInt16 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw failure("a \\u escape needs four hex digits")
            }
            value = value << 4 | UInt16(digit)
            index += 1
        }
        return value
    }

    // MARK: - Helpers

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    private func peek(_ byte: UInt8) -> Bool {
        index < bytes.count && bytes[index] == byte
    }

    private func failure(_ problem: String) -> JOSEError {
        .malformed(reason: "the \(part) is not valid JSON: \(problem) at byte \(index)")
    }
}
