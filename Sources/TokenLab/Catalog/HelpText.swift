/// The `help` screen: each command's usage and one line on what it does.
enum HelpText {
    static let usages: [(command: String, usage: String)] = [
        ("login", "login USER PASSWORD"),
        ("me", "me"),
        ("refresh", "refresh"),
        ("logout", "logout"),
        ("tokens", "tokens"),
        ("tamper", "tamper"),
        ("advance", "advance DURATION"),
        ("clock", "clock"),
        ("store", "store"),
        ("steal", "steal access|refresh|both"),
        ("attacker", "attacker COMMAND"),
        ("policy", "policy [show | set KEY VALUE]"),
        ("lesson", "lesson [list | start N | quit]"),
        ("next", "next"),
        ("back", "back"),
        ("again", "again"),
        ("reset", "reset"),
        ("help", "help"),
        ("quit", "quit"),
    ]

    static func lines(text: Localizer, style: Style) -> [String] {
        let width = (usages.map(\.usage.count).max() ?? 0) + 2
        var lines = [style.bold(text(.helpTitle))]
        for entry in usages {
            lines.append("  " + style.cyan(TextWidth.pad(entry.usage, to: width)) + text(.helpEntry(command: entry.command)))
        }
        lines.append(text(.helpFooter))
        return lines
    }
}
