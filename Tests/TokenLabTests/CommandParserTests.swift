import Testing

@testable import TokenLab

@Suite("CommandParser")
struct CommandParserTests {
    @Test("parses the story's commands")
    func storyCommands() throws {
        #expect(try CommandParser.parse("login hong gildong-demo") == .login(.user, username: "hong", password: "gildong-demo"))
        // Hangul arguments of a command that parses are taken as typed.
        #expect(try CommandParser.parse("login 홍길동 비밀번호") == .login(.user, username: "홍길동", password: "비밀번호"))
        #expect(try CommandParser.parse("me") == .me(.user))
        #expect(try CommandParser.parse("advance 16m") == .advance(seconds: 960))
        #expect(try CommandParser.parse("refresh") == .refresh(.user))
        #expect(try CommandParser.parse("steal refresh") == .steal([.refresh]))
        #expect(try CommandParser.parse("attacker refresh") == .refresh(.attacker))
        #expect(try CommandParser.parse("store") == .store)
        #expect(try CommandParser.parse("  ME  ") == .me(.user))
    }

    @Test("quotes group a password with spaces")
    func quotes() throws {
        #expect(try CommandParser.parse("login hong \"two words\"") == .login(.user, username: "hong", password: "two words"))
        #expect(throws: CommandError.unbalancedQuote) { try CommandParser.parse("login hong \"open") }
        #expect(try CommandParser.parse("login hong 'two words'") == .login(.user, username: "hong", password: "two words"))
        #expect(try CommandParser.parse("login hong \"it's\"") == .login(.user, username: "hong", password: "it's"))
    }

    @Test(
        "incomplete and mistyped commands are errors with the value",
        arguments: [
            ("advance banana", CommandError.invalidDuration("banana")),
            ("advance", .missingArguments(command: "advance")),
            ("login", .missingArguments(command: "login")),
            ("login hong", .missingArguments(command: "login")),
            ("attacker", .attackerNeedsCommand),
            ("attacker steal refresh", .notForAttacker("steal")),
            ("", .emptyLine),
            ("   ", .emptyLine),
            ("steal keys", .invalidTokenKind("keys")),
            ("me now", .unexpectedArguments(command: "me", extra: "now")),
            ("refersh", .unknownCommand("refersh", suggestion: "refresh")),
            ("xyzzy", .unknownCommand("xyzzy", suggestion: nil)),
            ("ㅣㅐ햔 hong", .koreanInputMode("ㅣㅐ햔", command: "login")),
            ("ㄱㄷㄹㄱㄷ노", .koreanInputMode("ㄱㄷㄹㄱㄷ노", command: "refresh")),
            ("ㄴㅅㅐㄱㄷ", .koreanInputMode("ㄴㅅㅐㄱㄷ", command: "store")),
            ("advance 16ㅡ", .koreanInputMode("advance 16ㅡ", command: "advance 16m")),
            ("steal ㄱㄷㄹㄱㄷ노", .koreanInputMode("steal ㄱㄷㄹㄱㄷ노", command: "steal refresh")),
            ("홍길동", .unknownCommand("홍길동", suggestion: nil)),
        ])
    func errors(line: String, expected: CommandError) {
        #expect(throws: expected) { try CommandParser.parse(line) }
    }

    @Test("a 10,000-character line is rejected whole")
    func longLine() {
        let line = String(repeating: "a", count: 10_000)
        #expect(throws: CommandError.lineTooLong(length: 10_000, limit: 1024)) { try CommandParser.parse(line) }
    }

    @Test(
        "durations in every unit",
        arguments: [
            ("90s", Int64(90)), ("16m", 960), ("2h", 7200), ("8d", 691_200), ("1h30m", 5400), ("90", 90),
            ("1w", 604_800), ("0", 0), ("1M", 60),
        ])
    func durations(text: String, seconds: Int64) throws {
        #expect(try DurationParser.seconds(text) == seconds)
    }

    @Test("bad durations are rejected", arguments: ["banana", "-5m", "m", "5x", "1.5h", "", "99999999999999999999d"])
    func badDurations(text: String) {
        #expect(throws: CommandError.self) { try DurationParser.seconds(text) }
    }

    @Test("durations past 100 years are rejected")
    func hugeDuration() {
        #expect(throws: CommandError.durationTooLong("40000d")) { try DurationParser.seconds("40000d") }
        #expect(throws: CommandError.durationTooLong("99999999999999999999d")) { try DurationParser.seconds("99999999999999999999d") }
    }

    @Test("negative durations are named as such")
    func negativeDuration() {
        #expect(throws: CommandError.negativeDuration("-5m")) { try DurationParser.seconds("-5m") }
    }
}
