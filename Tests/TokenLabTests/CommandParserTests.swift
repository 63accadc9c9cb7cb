import Testing

@testable import TokenLab

@Suite("CommandParser")
struct CommandParserTests {
    @Test("parses token and its kinds")
    func tokenCommand() throws {
        #expect(try CommandParser.parse("token access") == .token(.user, [.access]))
        #expect(try CommandParser.parse("attacker token refresh") == .token(.attacker, [.refresh]))
        #expect(try CommandParser.parse("token both") == .token(.user, [.access, .refresh]))
        #expect(throws: CommandError.missingArguments(command: "token")) { try CommandParser.parse("token") }
        #expect(throws: CommandError.invalidTokenKind("banana")) { try CommandParser.parse("token banana") }
    }

    @Test("parses the commands of more than one server")
    func serverCommands() throws {
        #expect(try CommandParser.parse("server add") == .serverAdd)
        #expect(try CommandParser.parse("server") == .serverList)
        #expect(try CommandParser.parse("servers") == .serverList)
        #expect(try CommandParser.parse("via B refresh") == .via(server: "B", .refresh(.user)))
        #expect(try CommandParser.parse("via b attacker me") == .via(server: "b", .me(.attacker)))
        #expect(
            try CommandParser.parse("via A login hong \"pass word\"")
                == .via(server: "A", .login(.user, username: "hong", password: "pass word")))
        #expect(try CommandParser.parse("key rotate") == .key(.rotate))
        #expect(try CommandParser.parse("jwks") == .jwks)

        #expect(throws: CommandError.missingArguments(command: "via")) { try CommandParser.parse("via") }
        #expect(throws: CommandError.missingArguments(command: "via")) { try CommandParser.parse("via B") }
        #expect(throws: CommandError.viaNeedsRequest("via")) { try CommandParser.parse("via B via A me") }
        #expect(throws: CommandError.viaNeedsRequest("quit")) { try CommandParser.parse("via B quit") }
        #expect(throws: CommandError.viaNeedsRequest("tokens")) { try CommandParser.parse("via B attacker tokens") }
        #expect(throws: CommandError.viaNeedsRequest("policy")) { try CommandParser.parse("via B policy set grace 5s") }
        #expect(try CommandParser.parse("via B forge confusion") == .via(server: "B", .forge(.confusion)))
        #expect(throws: CommandError.unknownSubcommand(command: "server", found: "frob", expected: ["add", "list"])) {
            try CommandParser.parse("server frob")
        }
        #expect(throws: CommandError.unknownSubcommand(command: "server", found: "remove", expected: ["add", "list"])) {
            try CommandParser.parse("server remove B")
        }
        #expect(try CommandParser.parse("via B me").changesLab == false)
        #expect(try CommandParser.parse("via B refresh").changesLab)
    }

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
            ("advance 1.5h", .fractionalDuration("1.5h")),
            ("advance 0,5m", .fractionalDuration("0,5m")),
            ("race", .missingArguments(command: "race")),
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

    @Test(
        "missing arguments name an example",
        arguments: ["login", "advance", "steal", "race", "csrf", "forge", "forge hs256", "policy set", "lesson start", "key"])
    func missingArgumentExamples(command: String) {
        let error = CommandError.missingArguments(command: command)
        for language in Language.allCases {
            let message = Localizer(language: language)(.commandError(error))
            #expect(message.contains("`"), "\(language): \(message)")
        }
    }

    @Test("wording of duration and race errors")
    func errorWording() {
        let korean = Localizer(language: .korean)
        let english = Localizer(language: .english)
        #expect(
            korean(.commandError(.fractionalDuration("1.5h")))
                == "시간 형식이 올바르지 않습니다: \"1.5h\". 소수는 쓸 수 없습니다. 1h30m처럼 쓰세요.")
        #expect(english(.commandError(.fractionalDuration("1.5h"))).contains("decimals are not accepted"))
        #expect(english(.commandError(.fractionalDuration("1.5h"))).contains("1h30m"))
        #expect(korean(.commandError(.missingArguments(command: "race"))) == "race에는 대상이 필요합니다. 예: `race refresh`.")
        #expect(english(.commandError(.missingArguments(command: "race"))).contains("`race refresh`"))
        #expect(korean(.refreshTokenRevoked) == "리프레시 토큰이 폐기되었습니다.")
    }

    @Test("Korean step counts use native numbers")
    func koreanStepCounts() {
        let korean = Localizer(language: .korean)
        #expect(korean(.lessonRebuilt(steps: 1)).contains("앞의 한 단계를"))
        #expect(korean(.lessonRebuilt(steps: 2)).contains("앞의 두 단계를"))
        #expect(korean(.lessonRebuilt(steps: 10)).contains("앞의 열 단계를"))
        #expect(korean(.lessonRebuilt(steps: 12)).contains("앞의 12개 단계를"))
    }
}
