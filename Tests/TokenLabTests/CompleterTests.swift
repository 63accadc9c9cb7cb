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
            ("via ", ["A"]),
            ("via b ref", ["refresh"]),
            ("via b attacker m", ["me"]),
            ("server ", ["add", "list"]),
            ("key r", ["retire", "rotate", "rs256"]),
        ])
    func candidates(line: String, expected: [String]) {
        #expect(completer.candidates(for: line) == expected)
    }

    @Test("via offers the servers that run now")
    func runningServers() throws {
        let session = try Session(options: .init(seed: 7), wallClockStart: { 0 })
        defer { session.close() }
        let completer = Completer(lessonNumbers: [], serverNames: session.serverNames)
        #expect(completer.candidates(for: "via ") == ["A"])
        _ = session.execute("server add")
        #expect(completer.candidates(for: "via ") == ["A", "B"])
        #expect(completer.candidates(for: "via b") == ["B"])
        _ = session.execute("reset")
        #expect(completer.candidates(for: "via ") == ["A"])
    }
}
