/// The `help` screen: each command's usage and one line on what it does.
enum HelpText {
    static let usages: [(command: String, usage: String)] = [
        ("login", "login USER PASSWORD"),
        ("me", "me"),
        ("refresh", "refresh"),
        ("logout", "logout"),
        ("tokens", "tokens"),
        ("token", "token access | refresh | both"),
        ("tamper", "tamper"),
        ("advance", "advance DURATION"),
        ("clock", "clock"),
        ("timeline", "timeline"),
        ("store", "store"),
        ("steal", "steal access|refresh|both"),
        ("xss", "xss"),
        ("csrf", "csrf refresh | logout"),
        ("race", "race refresh"),
        ("key", "key [hs256 | weak | rs256 | eddsa | rotate | retire]"),
        ("forge", "forge none | hs256 SECRET | confusion"),
        ("crack", "crack"),
        ("attacker", "attacker COMMAND"),
        ("policy", "policy [set KEY VALUE]"),
        ("autorefresh", "autorefresh [on | off]"),
        ("server", "server [add | list]"),
        ("via", "via SERVER COMMAND"),
        ("jwks", "jwks"),
        ("lesson", "lesson [start N | quit]"),
        ("next", "next"),
        ("back", "back"),
        ("again", "again"),
        ("verbose", "verbose | normal | quiet"),
        ("reset", "reset"),
        ("help", "help"),
        ("quit", "quit"),
    ]

    static let examples: [String: [String]] = [
        "login": ["login hong gildong-demo", "attacker login admin admin-demo"],
        "me": ["me", "attacker me"],
        "refresh": ["refresh"],
        "logout": ["logout"],
        "tokens": ["tokens", "attacker tokens"],
        "token": ["token access", "attacker token refresh"],
        "tamper": ["tamper", "me"],
        "advance": ["advance 16m", "advance 8d"],
        "clock": ["clock"],
        "timeline": ["timeline"],
        "store": ["store"],
        "steal": ["steal refresh", "attacker refresh"],
        "attacker": ["attacker me"],
        "key": ["key", "key rs256", "key rotate", "key retire"],
        "server": ["server add", "servers"],
        "via": ["server add", "via B refresh", "via A me"],
        "jwks": ["key rs256", "login hong gildong-demo", "jwks"],
        "forge": ["forge none", "forge hs256 secret123", "attacker me"],
        "crack": ["steal access", "crack"],
        "race": ["policy set grace 10s", "race refresh"],
        "xss": ["xss", "attacker tokens"],
        "csrf": ["policy set delivery cookie", "login hong gildong-demo", "csrf logout"],
        "policy": ["policy", "policy set rotation off", "policy set access-ttl 5m"],
        "autorefresh": ["autorefresh on", "me"],
        "lesson": ["lesson list", "lesson start 1", "next"],
        "next": ["next"],
        "back": ["back"],
        "again": ["again"],
        "reset": ["reset"],
        "verbose": ["quiet", "refresh", "verbose"],
        "help": ["help advance"],
        "quit": ["quit"],
    ]

    /// Other names of commands, which `help` explains under the main name.
    static let aliases = [
        "servers": "server", "time": "clock", "n": "next", "exit": "quit", "q": "quit", "?": "help", "lessons": "lesson",
        "normal": "verbose", "quiet": "verbose",
    ]

    /// `help COMMAND`: usage, each argument with its unit, an example.
    static func lines(for topic: String, text: Localizer, style: Style) -> [String]? {
        let command = aliases[topic] ?? topic
        guard let entry = usages.first(where: { $0.command == command }) else { return nil }
        var lines = [style.bold(entry.command) + " — " + text(.helpEntry(command: entry.command)), ""]
        lines += [text(.helpUsage), "  " + style.cyan(entry.usage)]
        let arguments = text(.helpArgument(command: entry.command))
        if !arguments.isEmpty {
            lines += ["", text(.helpArguments)] + arguments.split(separator: "\n").map { "  " + $0 }
        }
        if let examples = examples[entry.command] {
            lines += ["", text(.helpExample)] + examples.map { "  " + REPL.prompt + $0 }
        }
        return lines
    }

    /// The maximum length of a usage that sets the width of the usage
    /// column. Longer usages take a line of their own.
    static let maximumColumnUsage = 24

    /// The command list, in the order of `usages`, with every line fitting
    /// `width`. A description that fits beside its usage on one line stays
    /// there; any other goes on the lines below, indented four columns.
    static func lines(text: Localizer, style: Style, width: Int) -> [String] {
        let usageWidth = usages.map(\.usage.count).filter { $0 <= maximumColumnUsage }.max() ?? maximumColumnUsage
        let column = usageWidth + 4
        let indent = "    "
        var lines = [style.bold(text(.helpTitle))]

        for entry in usages {
            let description = text(.helpEntry(command: entry.command))
            let fitsBeside = entry.usage.count <= usageWidth && TextWidth.columns(description) <= width - column
            if fitsBeside {
                lines.append("  " + style.cyan(TextWidth.pad(entry.usage, to: column - 2)) + description)
                continue
            }

            lines.append("  " + style.cyan(entry.usage))
            let room = max(20, width - indent.count)
            lines += TextWrap.paragraph(description, width: room).map { indent + $0 }
        }
        lines.append(text(.helpFooter))
        return lines
    }
}
