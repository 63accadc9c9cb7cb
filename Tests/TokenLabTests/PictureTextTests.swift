import Foundation
import Testing

@testable import TokenLab

@Suite("Picture texts")
struct PictureTextTests {
    /// An unsecured JWT: `{"alg":"none"}`, `{"sub":"1"}` and no signature.
    static let unsecuredToken = "eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0."

    @Test(
        "empty signature gets a note in its row",
        arguments: [
            (Language.english, "  signature  (empty: alg \"none\" means the token carries no signature)"),
            (Language.korean, "  서명       (비어 있음: alg가 \"none\"이라 서명이 없습니다)"),
        ])
    func emptySignature(language: Language, expected: String) {
        let text = Localizer(language: language)
        let lines = TokenRenderer(style: Style(enabled: false), text: text, now: 0)
            .renderAccessToken(Self.unsecuredToken, title: "token", showBytes: true)
        #expect(lines.last == expected)
        #expect(lines.filter { $0.hasPrefix("  " + text(.signature)) }.count == 1)
        for line in lines {
            #expect(line.last?.isWhitespace != true, "\"\(line)\"")
        }
    }
}

@Suite("JSON bodies in exchanges")
struct JSONBodyLayoutTests {
    static func lines(_ json: String, width: Int = 80) throws -> [String] {
        let value = try JSONSerialization.jsonObject(with: Data(json.utf8))
        return JSONBodyLayout(width: width).lines(value, indent: "    ")
    }

    @Test("nested key set is pretty-printed")
    func keySet() throws {
        let modulus = String(repeating: "vSUkoWrBe-_", count: 31)
        let lines = try Self.lines(#"{"keys":[{"kty":"RSA","n":"\#(modulus)","use":"sig"}]}"#)

        #expect(Array(lines.prefix(4)) == ["    {", "      \"keys\": [", "        {", "          \"kty\": \"RSA\","])
        #expect(Array(lines.suffix(4)) == ["          \"use\": \"sig\"", "        }", "      ]", "    }"])
        #expect(lines[4].hasPrefix("          \"n\": \"vSUkoWrBe"))
        // The modulus fills each line and is shown whole, not shortened.
        let modulusLines = lines.dropFirst(4).dropLast(4)
        #expect(modulusLines.dropLast().allSatisfy { TextWidth.columns($0) == 80 }, "\(modulusLines)")
        // Continued lines start two columns in from the key.
        for line in modulusLines.dropFirst() {
            #expect(line.prefix { $0 == " " }.count == 12, "\(line)")
        }
        let joined = modulusLines.map { $0.trimmingCharacters(in: .whitespaces) }.joined()
        #expect(joined == "\"n\": \"\(modulus)\",")
    }

    @Test("top-level tokens are shortened")
    func topLevelToken() throws {
        let token = String(repeating: "A", count: 50)
        let lines = try Self.lines(#"{"access_token":"\#(token)","expires_in":900}"#)
        #expect(
            lines == ["    {", "      \"access_token\": \"\(String(repeating: "A", count: 24))…\",", "      \"expires_in\": 900", "    }"])
    }

    @Test("Hangul prose wraps by columns", arguments: [40, 80])
    func hangulProse(width: Int) throws {
        let sentence = "리프레시 토큰이 재사용되어 이 로그인의 모든 토큰을 폐기했습니다. 다시 로그인하세요."
        let lines = try Self.lines(#"{"error_description":"\#(sentence)"}"#, width: width)
        for line in lines {
            #expect(TextWidth.columns(line) <= width, "\(line)")
            #expect(line.last?.isWhitespace != true, "\"\(line)\"")
        }
        #expect(lines.count > 3)
        #expect(lines[1].hasPrefix("      \"error_description\": \"리프레시"))
        #expect(lines.dropFirst(2).dropLast().allSatisfy { $0.hasPrefix("        ") })
    }

    @Test("empty containers stay on one line")
    func emptyContainers() throws {
        #expect(try Self.lines(#"{"keys":[],"meta":{}}"#) == ["    {", "      \"keys\": [],", "      \"meta\": {}", "    }"])
    }
}
