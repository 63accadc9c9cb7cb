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
