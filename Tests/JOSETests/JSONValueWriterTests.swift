import Foundation
import Testing

@testable import JOSE

/// The JSON writer that serializes every header and payload TokenLab signs.
@Suite("JSON writer")
struct JSONValueWriterTests {
    static func written(_ object: [String: JSONValue]) throws -> String {
        String(decoding: try JSONValueWriter.write(object), as: UTF8.self)
    }

    @Test("writes compact JSON with sorted names and minimal escapes")
    func layout() throws {
        let object: [String: JSONValue] = [
            "sub": .string("1234567890"), "name": .string("홍길동"), "exp": .integer(1_740_820_500),
            "B": .array([.bool(true), .null, .number(0.1)]), "a10": .object([:]), "a2": .string("a/b\"c\\d\u{1}\u{8}\n\u{7f}"),
        ]
        #expect(
            try Self.written(object)
                == #"{"B":[true,null,0.1],"a10":{},"a2":"a/b\"c\\d\u0001\b\n"# + "\u{7f}"
                + #"","exp":1740820500,"name":"홍길동","sub":"1234567890"}"#)
    }

    @Test("NaN and infinities are refused, as JSON has no text for them")
    func nonFinite() {
        #expect(throws: JOSEError.self) { try JSONValueWriter.write(["x": .number(.nan)]) }
        #expect(throws: JOSEError.self) { try JSONValueWriter.write(["x": .number(-.infinity)]) }
    }

    @Test("same bytes as JSONEncoder")
    func sameAsJSONEncoder() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var generator = JSONGenerator(seed: 0xC1A1_4B5E)
        for _ in 0..<2000 {
            guard case .object(let object) = generator.object(depth: 3) else { continue }
            let expected = try encoder.encode(object)
            let actual = try JSONValueWriter.write(object)
            #expect(actual == Array(expected), "\(String(decoding: expected, as: UTF8.self))")
        }
    }

    @Test("what it writes, the parser reads back")
    func roundTrip() throws {
        var generator = JSONGenerator(seed: 0x0DDB_A11)
        for _ in 0..<2000 {
            guard case .object(let object) = generator.object(depth: 3) else { continue }
            let bytes = try JSONValueWriter.write(object)
            let parsed = try JSONValueParser.parse(bytes, part: "payload", maximumDepth: 32)
            #expect(JSONGenerator.sameNumbers(parsed, .object(object)))
        }
    }
}
