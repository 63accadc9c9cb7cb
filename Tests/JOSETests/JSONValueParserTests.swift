import Foundation
import Testing

@testable import JOSE

/// The strict JSON parser behind every header, payload and JWK.
@Suite("JSON parser")
struct JSONValueParserTests {
    static func parse(_ text: String, maximumDepth: Int = 32) throws(JOSEError) -> JSONValue {
        try JSONValueParser.parse(Array(text.utf8), part: "payload", maximumDepth: maximumDepth)
    }

    @Test(
        "accepts RFC 8259 values",
        arguments: [
            (#"{}"#, JSONValue.object([:])),
            (#" [ ] "#, .array([])),
            (#"{"a":[1,-2,0,-0]}"#, .object(["a": .array([.integer(1), .integer(-2), .integer(0), .integer(0)])])),
            (#"[1.5,-1E-2,1e3,2.5e+1]"#, .array([.number(1.5), .number(-0.01), .number(1000), .number(25)])),
            ("9223372036854775807", .integer(Int64.max)),
            ("-9223372036854775808", .integer(Int64.min)),
            ("9223372036854775808", .number(9_223_372_036_854_775_808)),
            (#"[true,false,null]"#, .array([.bool(true), .bool(false), .null])),
            (#""\"\\\/\b\f\n\r\t""#, .string("\"\\/\u{8}\u{c}\n\r\t")),
            (#""\u00e9\u0000\uD83D\uDE00""#, .string("é\u{0}😀")),
            (#""홍길동""#, .string("홍길동")),
            ("\t{\n\"a\" :\r\"b\" }\n", .object(["a": .string("b")])),
        ])
    func accepts(text: String, expected: JSONValue) throws {
        #expect(try Self.parse(text) == expected)
    }

    @Test(
        "rejects what the grammar does not allow, naming the problem",
        arguments: [
            (#"{"a":1,}"#, "expected a member name in quotes"),
            (#"[1,]"#, "unexpected character"),
            (#"{"a" 1}"#, "expected \":\" after a member name"),
            (#"{a:1}"#, "expected a member name in quotes"),
            (#"{'a':1}"#, "expected a member name in quotes"),
            ("01", "a number cannot start with 0"),
            ("-", "a number needs a digit"),
            ("1.", "a fraction needs a digit"),
            (".5", "unexpected character"),
            ("1e", "an exponent needs a digit"),
            ("+1", "unexpected character"),
            ("NaN", "unexpected character"),
            ("Infinity", "unexpected character"),
            ("tru", "unexpected end of JSON"),
            ("nul1", "unexpected character"),
            ("\"a\u{1}b\"", "a control character must be escaped inside a string"),
            (#""\x41""#, "unknown escape in a string"),
            (#""\u12""#, "a \\u escape needs four hex digits"),
            (#""\uD83D""#, "a \\u escape contains a lone surrogate"),
            (#""\uDE00""#, "a \\u escape contains a lone surrogate"),
            (#""\uD83D\u0041""#, "a \\u escape contains a lone surrogate"),
            (#""abc"#, "a string is not closed"),
            (#"{"a":1"#, "unexpected end of JSON inside an object"),
            (#"[1"#, "unexpected end of JSON inside an array"),
            (#"{} {}"#, "text after the JSON value"),
            (#"{"a":1} // note"#, "text after the JSON value"),
            ("", "unexpected end of JSON"),
        ])
    func rejects(text: String, problem: String) {
        #expect {
            try Self.parse(text)
        } throws: { error in
            guard case .malformed(let reason) = error as? JOSEError else { return false }
            return reason.hasPrefix("the payload is not valid JSON: \(problem) at byte ")
        }
    }

    @Test("a repeated member name is rejected at any depth")
    func duplicates() {
        #expect(throws: JOSEError.malformed(reason: "the payload has the member \"a\" more than once")) {
            try Self.parse(#"{"a":1,"b":{"a":2},"a":3}"#)
        }
        #expect(throws: JOSEError.malformed(reason: "the payload has the member \"x\" more than once")) {
            try Self.parse(#"[{"x":1,"x":1}]"#)
        }
        // Names are compared after unescaping: "\u0061" is "a".
        #expect(throws: JOSEError.malformed(reason: "the payload has the member \"a\" more than once")) {
            try Self.parse(#"{"a":1,"\u0061":2}"#)
        }
    }

    @Test("nesting stops at the limit without deep recursion")
    func depth() throws {
        #expect(try Self.parse("[[[]]]", maximumDepth: 3) == .array([.array([.array([])])]))
        #expect(throws: JOSEError.malformed(reason: "the payload nests JSON deeper than the limit of 3 levels")) {
            try Self.parse("[[[[]]]]", maximumDepth: 3)
        }
        let hostile = String(repeating: "[", count: 100_000)
        #expect(throws: JOSEError.malformed(reason: "the payload nests JSON deeper than the limit of 32 levels")) {
            try Self.parse(hostile)
        }
    }

    @Test("numbers out of a Double's range are rejected, not made infinite")
    func hugeNumbers() {
        #expect(throws: JOSEError.malformed(reason: "the payload has the number -1e400, which is out of range")) {
            try Self.parse("-1e400")
        }
    }

    @Test("generated documents parse to the values they were written from")
    func roundTrip() throws {
        var generator = JSONGenerator(seed: 0x70CE_4A5B)
        for _ in 0..<2000 {
            let value = generator.object(depth: 3)
            let text = try JSONEncoder().encode(value)
            let parsed = try JSONValueParser.parse(Array(text), part: "payload", maximumDepth: 32)
            #expect(JSONGenerator.sameNumbers(parsed, value), "\(String(decoding: text, as: UTF8.self))")
        }
    }

    /// JSONDecoder, which read tokens before this parser, is the
    /// reference: anything the parser accepts must decode to the same value
    /// there.
    @Test("whatever the parser accepts, JSONDecoder reads the same")
    func mutations() throws {
        var generator = JSONGenerator(seed: 0x5EED_0001)
        var accepted = 0
        for _ in 0..<3000 {
            var bytes = Array(try JSONEncoder().encode(generator.object(depth: 2)))
            generator.mutate(&bytes)
            guard String(validating: bytes, as: UTF8.self) != nil,
                let parsed = try? JSONValueParser.parse(bytes, part: "payload", maximumDepth: 32)
            else { continue }

            accepted += 1
            let reference = try JSONDecoder().decode(JSONValue.self, from: Data(bytes))
            #expect(JSONGenerator.sameNumbers(parsed, reference), "\(String(decoding: bytes, as: UTF8.self))")
        }
        // Enough mutants survive for the comparison to mean something.
        #expect(accepted > 300)
    }
}
