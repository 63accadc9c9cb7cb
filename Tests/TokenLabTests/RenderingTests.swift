import Testing

@testable import TokenLab

@Suite("Rendering helpers")
struct RenderingTests {
    @Test("dates are UTC and independent of the machine")
    func dates() {
        #expect(TimeFormat.date(0) == "1970-01-01 00:00:00 UTC")
        #expect(TimeFormat.date(World.seededStart) == "2025-03-01 09:00:00 UTC")
        #expect(TimeFormat.date(951_782_400) == "2000-02-29 00:00:00 UTC")
        #expect(TimeFormat.date(-1) == "1969-12-31 23:59:59 UTC")
        #expect(TimeFormat.timeOfDay(World.seededStart + 960) == "09:16:00")
    }

    @Test(
        "durations show the two largest units",
        arguments: [
            (Int64(0), "0s"), (45, "45s"), (60, "1m 0s"), (900, "15m 0s"), (3661, "1h 1m"), (604_800, "7d 0h"), (-60, "1m 0s"),
        ])
    func durations(seconds: Int64, text: String) {
        #expect(TimeFormat.duration(seconds) == text)
    }

    @Test(
        "Korean durations use Korean unit names",
        arguments: [
            (Int64(0), "0초"), (45, "45초"), (60, "1분 0초"), (900, "15분 0초"), (3661, "1시간 1분"), (604_800, "7일 0시간"),
        ])
    func koreanDurations(seconds: Int64, text: String) {
        #expect(TimeFormat.duration(seconds, in: .korean) == text)
        #expect(Localizer(language: .korean).duration(-seconds) == text)
    }

    @Test("Hangul takes two columns")
    func hangulWidth() {
        #expect(TextWidth.columns("홍길동") == 6)
        #expect(TextWidth.columns("abc") == 3)
        #expect(TextWidth.columns("\u{1B}[31mred\u{1B}[0m") == 3)
        #expect(TextWidth.pad("홍", to: 4) == "홍  ")
    }

    @Test("chunks split by columns, not characters")
    func chunks() {
        #expect(TextWidth.chunks("홍길동abc", width: 4) == ["홍길", "동ab", "c"])
        #expect(TextWidth.chunks("", width: 4) == [""])
    }

    @Test("only token-like strings are shortened")
    func abbreviate() {
        let token = String(repeating: "A", count: 50)
        #expect(ExchangeRenderer.abbreviate(token) == String(repeating: "A", count: 24) + "…")
        let sentence = "refresh token reuse detected; every token of this login was revoked"
        #expect(ExchangeRenderer.abbreviate(sentence) == sentence)
    }

    @Test("language comes from the flag, then the locale")
    func language() {
        #expect(Language.resolve(flag: "ko", environment: [:]) == .korean)
        #expect(Language.resolve(flag: "fr", environment: [:]) == nil)
        #expect(Language.resolve(flag: nil, environment: ["LANG": "ko_KR.UTF-8"]) == .korean)
        #expect(Language.resolve(flag: nil, environment: ["LANG": "ko_KR.UTF-8", "LC_ALL": "C"]) == .english)
        #expect(Language.resolve(flag: nil, environment: [:]) == .english)
    }
}

@Suite("TextWrap")
struct TextWrapTests {
    @Test("short lines are untouched")
    func short() {
        #expect(TextWrap.fit("one\n  two", width: 80) == "one\n  two")
    }

    @Test("a timestamp is never split across lines", arguments: 30...60)
    func timestamps(width: Int) {
        let line = "Token server: refresh tokens in a SQLite file, virtual clock at 2025-03-01 09:00:00 UTC. Store 03-08 09:00:00 UTC ok"
        let lines = TextWrap.wrap(line, width: width)
        #expect(lines.joined(separator: "\n").contains("2025-03-01 09:00:00 UTC."))
        #expect(lines.joined(separator: "\n").contains("03-08 09:00:00 UTC"))
        #expect(lines.allSatisfy { TextWidth.columns($0) <= width })
    }

    @Test("long lines wrap at spaces under their indentation")
    func wraps() {
        let line = "  " + Array(repeating: "word", count: 30).joined(separator: " ")
        let lines = TextWrap.wrap(line, width: 40)
        #expect(lines.count > 1)
        for wrapped in lines {
            #expect(TextWidth.columns(wrapped) <= 40)
        }
        #expect(lines[1].hasPrefix("    word"))
        #expect(lines.joined(separator: " ").split(separator: " ") == line.split(separator: " "))
    }

    @Test("table notes hang under their column")
    func tableNote() {
        let line = "              name  \"홍길동\"            3글자, UTF-8로 9바이트: ed 99 8d ea b8 b8 eb 8f 99"
        let lines = TextWrap.wrap(line, width: 80)
        #expect(lines.count == 2)
        let noteColumn = TextWidth.columns("              name  \"홍길동\"            ")
        #expect(lines[1] == String(repeating: " ", count: noteColumn) + "b8 eb 8f 99")
        #expect(lines.allSatisfy { TextWidth.columns($0) <= 80 })
    }

    @Test("deep-indented notes hang at their indent")
    func deepIndent() {
        let line = "             base64url 43자 → 32바이트. \"header.payload\"에 대한 HS256 서명입니다:"
        let lines = TextWrap.wrap(line, width: 80)
        #expect(lines == ["             base64url 43자 → 32바이트. \"header.payload\"에 대한 HS256", "             서명입니다:"])
    }

    @Test("a coloured table row hangs like its plain text")
    func colouredTableRow() {
        let plain = "  exp   1740820500          2025-03-01 09:15:00 UTC · 5분 0초 전에 만료됨 (다시 로그인)"
        let coloured = TextWrap.wrap(Style(enabled: true).dim(plain), width: 80).map(ANSI.strip)
        #expect(coloured == TextWrap.wrap(plain, width: 80))
        let noteColumn = TextWidth.columns("  exp   1740820500          ")
        #expect(coloured[1].prefix { $0 == " " }.count == noteColumn)
    }

    @Test("a coloured line wraps like its plain text")
    func colouredWrap() {
        let plain = "    " + Array(repeating: "word", count: 30).joined(separator: " ")
        let style = Style(enabled: true)
        let coloured = TextWrap.wrap(style.yellow(plain), width: 40).map(ANSI.strip)
        #expect(coloured == TextWrap.wrap(plain, width: 40))
    }

    @Test("a word longer than the width is cut")
    func longWord() {
        let lines = TextWrap.wrap(String(repeating: "x", count: 100), width: 30)
        #expect(lines.allSatisfy { TextWidth.columns($0) <= 30 })
        #expect(lines.joined().filter { $0 == "x" }.count == 100)
    }

    @Test("Hangul wraps by columns")
    func hangul() {
        let lines = TextWrap.wrap(Array(repeating: "홍길동", count: 20).joined(separator: " "), width: 30)
        #expect(lines.allSatisfy { TextWidth.columns($0) <= 30 })
    }

    @Test("every line of a seeded session fits 80 columns")
    func sessionFits() throws {
        let session = try Session(options: .init(seed: 7), wallClockStart: { 0 })
        for line in [
            "login hong gildong-demo", "tokens", "advance 16m", "me", "refresh", "steal refresh", "attacker refresh", "refresh", "store",
            "help", "policy",
        ] {
            for row in session.execute(line).output.split(separator: "\n") {
                #expect(TextWidth.columns(String(row)) <= 80, "\(line): \(row)")
            }
        }
    }
}

@Suite("Exchange bodies")
struct ExchangeBodyTests {
    @Test("strings with quotes stay valid JSON")
    func escapesQuotes() {
        #expect(ExchangeRenderer.describe("rejected alg \"none\"") == #""rejected alg \"none\"""#)
        #expect(ExchangeRenderer.describe(#"a\b"#) == #""a\\b""#)
    }
}

@Suite("HTTP status text")
struct StatusTextTests {
    @Test(
        "every status the server sends has a reason phrase",
        arguments: [200, 204, 400, 401, 403, 404, 405, 409, 413, 414, 415, 429, 431, 500, 501, 503, 505])
    func reasonPhrases(status: Int) {
        #expect(!ExchangeRenderer.reasonPhrase(status).isEmpty)
    }

    @Test("status text joins the code and its phrase")
    func statusText() {
        #expect(ExchangeRenderer.statusText(415) == "415 Unsupported Media Type")
        #expect(ExchangeRenderer.statusText(429) == "429 Too Many Requests")
        #expect(ExchangeRenderer.statusText(599) == "599")
    }

    @Test("csrf refresh shows 415 phrase", arguments: Language.allCases)
    func csrfRefresh(language: Language) throws {
        let session = try Session(options: .init(language: language, color: false, seed: 7, width: 200), wallClockStart: { 0 })
        _ = session.execute("login hong gildong-demo")
        let output = session.execute("csrf refresh").output
        #expect(output.contains("415 Unsupported Media Type"))
        for line in output.split(separator: "\n") where line.contains("415") {
            #expect(!line.hasSuffix(" "), "\(line)")
        }
    }
}

@Suite("Help list")
struct HelpListTests {
    @Test("Korean help fits 80 columns compactly")
    func koreanHelp() {
        let lines = HelpText.lines(text: Localizer(language: .korean), style: Style(enabled: false), width: 80)
        #expect(lines.allSatisfy { TextWidth.columns($0) <= 80 })
        #expect(lines.allSatisfy { !$0.hasSuffix(" ") })
        // A title, a footer, and at most two lines per command: no
        // description wraps onto a third line.
        #expect(lines.count <= HelpText.usages.count * 2 + 2)
        #expect(lines.contains("  forge none | hs256 SECRET | confusion"))
        #expect(lines.contains("  me                        액세스 토큰으로 GET /api/v1/me를 호출합니다"))
    }

    @Test("help keeps every command in order", arguments: Language.allCases)
    func order(language: Language) {
        let lines = HelpText.lines(text: Localizer(language: language), style: Style(enabled: false), width: 80)
        let commands = lines.filter { $0.hasPrefix("  ") && !$0.hasPrefix("   ") }.map { $0.dropFirst(2).split(separator: " ")[0] }
        #expect(commands.map(String.init) == HelpText.usages.map(\.command))
    }
}

@Suite("Lesson prose")
struct LessonProseTests {
    @Test("paragraph lines are joined, and blocks of their own are kept")
    func joining() {
        let markdown = """
            A paragraph written
            over three lines
            in the source.

            - an item
              that continues
            - another item
            1. a numbered item

            ```tokenlab
            login hong gildong-demo
            me
            ```
            **What to notice:** bold
            stays joined.
            """
        #expect(
            MarkdownText.joiningParagraphLines(markdown)
                == """
                A paragraph written over three lines in the source.

                - an item that continues
                - another item
                1. a numbered item

                ```tokenlab
                login hong gildong-demo
                me
                ```
                **What to notice:** bold stays joined.
                """)
    }

    @Test("a lesson paragraph wraps flush left at the session's width")
    func flushLeft() throws {
        let session = try Session(options: .init(seed: 7, width: 80), wallClockStart: { 0 })
        defer { session.close() }
        let lines = session.prose(String(repeating: "word ", count: 40) + "\nend")
        #expect(lines.count > 1)
        #expect(lines.allSatisfy { !$0.hasPrefix(" ") })
        #expect(lines.allSatisfy { TextWidth.columns($0) <= 80 })
    }
}
