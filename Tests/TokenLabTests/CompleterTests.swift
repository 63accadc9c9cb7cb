import Testing

@testable import TokenLab

@Suite("Completer")
struct CompleterTests {
    let completer = Completer(lessonNumbers: ["1", "2", "3"])

    @Test(
        "completes command names, subcommands and values",
        arguments: [
            ("ref", ["refresh"]),
            ("l", ["lesson", "login", "logout"]),
            ("attacker r", ["refresh"]),
            ("attacker ", CommandParser.attackerCommands.sorted()),
            ("steal ", ["access", "both", "refresh"]),
            (
                "policy set ",
                [
                    "access-ttl", "cookie-path", "cookie-samesite", "delivery", "denylist", "grace", "refresh-idle-ttl", "refresh-ttl",
                    "reuse", "rotation",
                ]
            ),
            ("policy set d", ["delivery", "denylist"]),
            ("autorefresh ", ["off", "on"]),
            ("policy set rotation o", ["off", "on"]),
            ("policy set reuse ", ["reject", "revoke-family"]),
            ("lesson start ", ["1", "2", "3"]),
            ("help ti", ["timeline"]),
            ("login h", ["hong"]),
            ("login hong ", ["gildong-demo"]),
            ("login nobody ", []),
            ("help he", []),
            ("me ", []),
            ("xyz", []),
            ("via ", ["a", "b", "c"]),
            ("via b ref", ["refresh"]),
            ("via b attacker m", ["me"]),
            ("server ", ["add", "list"]),
            ("key r", ["retire", "rotate", "rs256"]),
        ])
    func candidates(line: String, expected: [String]) {
        #expect(completer.candidates(for: line) == expected)
    }
}
