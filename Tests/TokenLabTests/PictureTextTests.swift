import Foundation
import Testing
import TokenServer

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

@Suite("Family chain titles and status legend")
struct FamilyChainTextTests {
    static func chain(_ language: Language, records: [RefreshTokenRecord] = PictureFixtures.records, families: Set<String>? = nil)
        -> [String]
    {
        FamilyChainRenderer(style: Style(enabled: false), language: language, width: 80, now: PictureFixtures.now)
            .render(records, reusedHashes: [PictureFixtures.hash(2)], families: families)
    }

    @Test(
        "title says which families are drawn",
        arguments: [
            (
                Language.english, "All refresh-token families, oldest token first",
                "Refresh-token families this command changed, oldest token first"
            ),
            (Language.korean, "리프레시 토큰 패밀리 전체 (오래된 토큰부터)", "이 명령으로 바뀐 리프레시 토큰 패밀리 (오래된 토큰부터)"),
        ])
    func titles(language: Language, all: String, changed: String) {
        #expect(Self.chain(language).first == all)
        #expect(Self.chain(language, families: ["famKnownReuse000"]).first == changed)
    }

    @Test("Korean legend maps shown labels")
    func koreanLegend() {
        let lines = Self.chain(.korean)
        let legend = lines.filter { $0.hasPrefix("저장소 표의 상태 값:") }
        #expect(legend.count == 1)
        // The fixture shows every label but 활성; the legend wraps at 80.
        let text = lines.drop { !$0.hasPrefix("저장소 표의 상태 값:") }.prefix(2).joined(separator: " ")
        #expect(text.hasPrefix("저장소 표의 상태 값: 만료됨 = active (만료됨), 로테이션됨 = rotated, 폐기됨 = revoked, 재사용됨 = revoked"))
        #expect(!text.contains("활성"))
    }

    @Test("Korean legend lists only drawn labels")
    func koreanLegendOnlyShown() {
        let family = PictureFixtures.records.filter { $0.familyID == "famKnownReuse000" }
        let lines = Self.chain(.korean, records: family)
        #expect(lines.contains("저장소 표의 상태 값: 폐기됨 = revoked, 재사용됨 = revoked: reuse_detected"))
    }

    @Test("Korean legend values match store table")
    func legendMatchesStoreTable() {
        let renderer = FamilyChainRenderer(style: Style(enabled: false), language: .korean, width: 80, now: PictureFixtures.now)
        let table = StoreRenderer(style: Style(enabled: false), text: Localizer(language: .korean), now: PictureFixtures.now)
        for record in PictureFixtures.records {
            let status = renderer.status(of: record, reusedHashes: [PictureFixtures.hash(2)])
            #expect(table.statusText(record).hasPrefix(PictureMessage.storeValue(status)), "\(record.tokenHash.prefix(8))")
        }
    }

    @Test("English labels are store words, with no legend")
    func englishNeedsNoLegend() {
        #expect(PictureMessage.linkStatus(.active).english == RefreshTokenRecord.Status.active.rawValue)
        #expect(PictureMessage.linkStatus(.rotated).english == RefreshTokenRecord.Status.rotated.rawValue)
        #expect(PictureMessage.linkStatus(.revoked).english == RefreshTokenRecord.Status.revoked.rawValue)
        #expect(PictureMessage.linkStatus(.expired).english == Message.storeExpired.english)
        #expect(PictureMessage.statusLegend(ChainLinkStatus.allCases).english.isEmpty)
        #expect(!Self.chain(.english).contains { $0.contains(" = ") })
    }

    @Test("steps and store use their titles", arguments: Language.allCases)
    func sessionTitles(language: Language) throws {
        let session = try Session(options: .init(language: language, color: false, seed: 7, width: 80), wallClockStart: { 0 })
        let changed = PictureMessage.chainTitle(allFamilies: false).text(language)
        let all = PictureMessage.chainTitle(allFamilies: true).text(language)

        let login = session.execute("login hong gildong-demo").output
        #expect(login.contains(changed))
        #expect(!login.contains(all))
        let store = session.execute("store").output
        #expect(store.contains(all))
        #expect(!store.contains(changed))
    }
}

@Suite("List wrapping")
struct ListWrapTests {
    @Test("list breaks only between items")
    func breaksBetweenItems() {
        let text = "상태 값: 만료됨 = active (만료됨), 로테이션됨 = rotated, 폐기됨 = revoked, 재사용됨 = revoked"
        #expect(TextWrap.list(text, width: 80) == ["상태 값: 만료됨 = active (만료됨), 로테이션됨 = rotated, 폐기됨 = revoked,", "재사용됨 = revoked"])
        #expect(TextWrap.list(text, width: 120) == [text])
    }

    @Test("item wider than the width wraps at spaces")
    func longItem() {
        let lines = TextWrap.list("a, " + String(repeating: "word ", count: 10) + "end, b", width: 20)
        for line in lines {
            #expect(TextWidth.columns(line) <= 20, "\(line)")
        }
        #expect(lines.first == "a,")
        #expect(lines.last == "b")
    }
}
