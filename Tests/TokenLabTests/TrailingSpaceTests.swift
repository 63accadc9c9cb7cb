import Testing

@testable import TokenLab

@Suite("Rendered lines end without spaces")
struct TrailingSpaceTests {
    /// Commands that draw every picture and many messages: tokens and
    /// their anatomy, expiry, rotation, theft and reuse, the store and its
    /// chains, forgery with each kind of key, cookies, races, lessons,
    /// help and the three detail levels.
    static let story = [
        "help", "help login", "lesson list", "login hong gildong-demo", "verbose", "me", "normal", "tokens", "timeline",
        "advance 16m", "me", "refresh", "steal refresh", "attacker refresh", "refresh", "attacker me", "store", "quiet",
        "login hong gildong-demo", "normal", "forge none", "attacker me", "forge hs256 secret123", "key weak", "crack",
        "key rs256", "login hong gildong-demo", "steal access", "forge confusion", "attacker me", "key eddsa",
        "policy show", "policy set grace 10s", "race refresh", "policy set delivery cookie", "login hong gildong-demo",
        "xss", "csrf refresh", "refresh", "logout", "policy set denylist on", "login hong gildong-demo", "steal both",
        "logout", "attacker me", "store", "clock", "advance 8d", "store", "tamper", "reset", "store", "bogus",
    ]

    @Test("story output has no trailing whitespace", arguments: Language.allCases)
    func story(language: Language) throws {
        let session = try Session(options: .init(language: language, color: false, seed: 7, width: 80), wallClockStart: { 0 })
        for command in Self.story {
            let output = session.execute(command).output
            for (number, line) in output.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                #expect(line.last?.isWhitespace != true, "`\(command)` line \(number + 1): \"\(line)\"")
            }
        }
    }
}
