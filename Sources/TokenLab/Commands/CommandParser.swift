/// Turns a line of input into a `Command`.
///
/// Words are split on spaces; double quotes group words (a password with a
/// space). Command names are matched without regard to case.
public enum CommandParser {
    /// Lines longer than this are rejected whole, before any parsing.
    public static let maximumLineLength = 1024

    /// The command names, for help, suggestions and completion.
    public static let commandNames = [
        "help", "login", "me", "refresh", "logout", "tokens", "tamper", "advance", "clock", "timeline", "store",
        "steal", "xss", "csrf", "race", "key", "forge", "crack", "verbose", "normal", "quiet", "attacker", "policy", "autorefresh",
        "lesson", "next", "back", "again", "server", "servers", "via", "jwks", "token", "reset", "quit",
    ]

    /// Commands the attacker can run with `attacker <command>`.
    static let attackerCommands = ["login", "me", "refresh", "logout", "tokens", "token", "tamper"]

    public static func parse(_ line: String) throws(CommandError) -> Command {
        do {
            return try parseWords(line)
        } catch {
            // `advance 16ㅡ` or `steal ㄱㄷ갷도`: an argument typed with the
            // input mode left on Korean. When the line, retyped on a Latin
            // layout, is a command, say so; the command name alone is
            // handled below.
            if case .koreanInputMode = error { throw error }
            let retyped = line.split(separator: " ", omittingEmptySubsequences: false).map { word in
                KoreanKeyboard.latinKeys(for: String(word)) ?? String(word)
            }.joined(separator: " ")
            if retyped != line, (try? parseWords(retyped)) != nil {
                throw .koreanInputMode(line, command: retyped)
            }
            throw error
        }
    }

    private static func parseWords(_ line: String) throws(CommandError) -> Command {
        let length = line.count
        guard length <= maximumLineLength else {
            throw .lineTooLong(length: length, limit: maximumLineLength)
        }
        let words = try split(line)
        guard let first = words.first else { throw .emptyLine }

        let name = first.lowercased()
        let arguments = Array(words.dropFirst())
        if name == "attacker" {
            guard let inner = arguments.first else { throw .attackerNeedsCommand }
            guard attackerCommands.contains(inner.lowercased()) else {
                throw .notForAttacker(inner)
            }
            return try parse(name: inner.lowercased(), arguments: Array(arguments.dropFirst()), actor: .attacker)
        }
        return try parse(name: name, arguments: arguments, actor: .user)
    }

    private static func parse(name: String, arguments: [String], actor: Actor) throws(CommandError) -> Command {
        switch name {
        case "help", "?":
            try expectNoMore(arguments, after: 1, command: "help")
            return .help(arguments.first?.lowercased())
        case "timeline":
            try expectNoMore(arguments, after: 0, command: name)
            return .timeline
        case "login":
            guard arguments.count >= 2 else { throw .missingArguments(command: "login") }
            try expectNoMore(arguments, after: 2, command: "login")
            return .login(actor, username: arguments[0], password: arguments[1])
        case "me":
            try expectNoMore(arguments, after: 0, command: name)
            return .me(actor)
        case "refresh":
            try expectNoMore(arguments, after: 0, command: name)
            return .refresh(actor)
        case "logout":
            try expectNoMore(arguments, after: 0, command: name)
            return .logout(actor)
        case "tamper":
            try expectNoMore(arguments, after: 0, command: name)
            return .tamper(actor)
        case "tokens":
            try expectNoMore(arguments, after: 0, command: name)
            return .tokens(actor == .attacker ? .attacker : nil)
        case "advance":
            guard let text = arguments.first else { throw .missingArguments(command: "advance") }
            try expectNoMore(arguments, after: 1, command: name)
            return .advance(seconds: try DurationParser.seconds(text))
        case "clock", "time":
            try expectNoMore(arguments, after: 0, command: name)
            return .clock
        case "store":
            try expectNoMore(arguments, after: 0, command: name)
            return .store
        case "steal":
            guard let text = arguments.first else { throw .missingArguments(command: "steal") }
            try expectNoMore(arguments, after: 1, command: name)
            switch text.lowercased() {
            case "access": return .steal([.access])
            case "refresh": return .steal([.refresh])
            case "both", "all": return .steal([.access, .refresh])
            default: throw .invalidTokenKind(text)
            }
        case "token":
            guard let text = arguments.first else { throw .missingArguments(command: "token") }
            try expectNoMore(arguments, after: 1, command: name)
            switch text.lowercased() {
            case "access": return .token(actor, [.access])
            case "refresh": return .token(actor, [.refresh])
            case "both", "all": return .token(actor, [.access, .refresh])
            default: throw .invalidTokenKind(text)
            }
        case "reset":
            try expectNoMore(arguments, after: 0, command: name)
            return .reset
        case "policy":
            return try parsePolicy(arguments)
        case "race":
            guard let what = arguments.first else { throw .missingArguments(command: "race") }
            try expectNoMore(arguments, after: 1, command: name)
            guard what.lowercased() == "refresh" else {
                throw .unknownSubcommand(command: "race", found: what, expected: ["refresh"])
            }
            return .raceRefresh
        case "key":
            try expectNoMore(arguments, after: 1, command: name)
            guard let value = arguments.first else { return .key(nil) }
            guard let choice = KeyChoice(rawValue: value.lowercased()) else {
                throw .unknownSubcommand(command: "key", found: value, expected: KeyChoice.allCases.map(\.rawValue))
            }
            return .key(choice)
        case "forge":
            guard let kind = arguments.first?.lowercased() else { throw .missingArguments(command: "forge") }
            switch kind {
            case "none":
                try expectNoMore(arguments, after: 1, command: "forge none")
                return .forge(.none)
            case "confusion":
                try expectNoMore(arguments, after: 1, command: "forge confusion")
                return .forge(.confusion)
            case "hs256":
                guard arguments.count >= 2 else { throw .missingArguments(command: "forge hs256") }
                try expectNoMore(arguments, after: 2, command: "forge hs256")
                return .forge(.hs256(arguments[1]))
            default:
                throw .unknownSubcommand(command: "forge", found: arguments[0], expected: ["none", "hs256 SECRET", "confusion"])
            }
        case "verbose", "normal", "quiet":
            try expectNoMore(arguments, after: 0, command: name)
            return .detail(Detail(rawValue: name) ?? .normal)
        case "xss":
            try expectNoMore(arguments, after: 0, command: name)
            return .xss
        case "csrf":
            guard let value = arguments.first else { throw .missingArguments(command: "csrf") }
            try expectNoMore(arguments, after: 1, command: name)
            guard let target = CSRFTarget(rawValue: value.lowercased()) else {
                throw .unknownSubcommand(command: "csrf", found: value, expected: CSRFTarget.allCases.map(\.rawValue))
            }
            return .csrf(target)
        case "crack":
            try expectNoMore(arguments, after: 0, command: name)
            return .crack
        case "autorefresh":
            try expectNoMore(arguments, after: 1, command: name)
            guard let value = arguments.first else { return .autoRefresh(nil) }
            switch value.lowercased() {
            case "on": return .autoRefresh(true)
            case "off": return .autoRefresh(false)
            default: throw .unknownSubcommand(command: "autorefresh", found: value, expected: ["on", "off"])
            }
        case "lesson", "lessons":
            return try parseLesson(arguments)
        case "server":
            let command: Command
            switch arguments.first?.lowercased() {
            case nil, "list": command = .serverList
            case "add": command = .serverAdd
            case let other?: throw .unknownSubcommand(command: "server", found: other, expected: ["add", "list"])
            }
            try expectNoMore(arguments, after: 1, command: name)
            return command
        case "servers":
            try expectNoMore(arguments, after: 0, command: name)
            return .serverList
        case "via":
            guard arguments.count >= 2 else { throw .missingArguments(command: "via") }
            let inner = arguments.dropFirst().map { $0.contains(" ") ? "\"\($0)\"" : $0 }.joined(separator: " ")
            let command = try parseWords(inner)
            guard command.sendsRequests else {
                throw .viaNeedsRequest(arguments.dropFirst().first(where: { $0.lowercased() != "attacker" }) ?? arguments[1])
            }
            return .via(server: arguments[0], command)
        case "jwks":
            try expectNoMore(arguments, after: 0, command: name)
            return .jwks
        case "next", "n":
            try expectNoMore(arguments, after: 0, command: "next")
            return .next
        case "back":
            try expectNoMore(arguments, after: 0, command: name)
            return .back
        case "again":
            try expectNoMore(arguments, after: 0, command: name)
            return .again
        case "quit", "exit", "q":
            return .quit
        default:
            if let keys = KoreanKeyboard.latinKeys(for: name)?.lowercased(),
                let command = commandNames.first(where: { $0 == keys }) ?? suggestion(for: keys)
            {
                throw .koreanInputMode(name, command: command)
            }
            throw .unknownCommand(name, suggestion: suggestion(for: name))
        }
    }

    private static func parsePolicy(_ arguments: [String]) throws(CommandError) -> Command {
        guard let subcommand = arguments.first?.lowercased(), subcommand != "show" else {
            try expectNoMore(arguments, after: arguments.isEmpty ? 0 : 1, command: "policy show")
            return .policyShow
        }
        guard subcommand == "set" else {
            throw .unknownSubcommand(command: "policy", found: arguments[0], expected: ["show", "set"])
        }
        guard arguments.count >= 3 else { throw .missingArguments(command: "policy set") }
        try expectNoMore(arguments, after: 3, command: "policy set")
        return .policySet(key: arguments[1].lowercased(), value: arguments[2])
    }

    private static func parseLesson(_ arguments: [String]) throws(CommandError) -> Command {
        guard let subcommand = arguments.first?.lowercased() else { return .lessonList }
        switch subcommand {
        case "list":
            try expectNoMore(arguments, after: 1, command: "lesson list")
            return .lessonList
        case "start":
            guard arguments.count >= 2 else { throw .missingArguments(command: "lesson start") }
            try expectNoMore(arguments, after: 2, command: "lesson start")
            guard let number = Int(arguments[1]), number > 0 else { throw .invalidLessonNumber(arguments[1]) }
            return .lessonStart(number)
        case "quit", "stop":
            try expectNoMore(arguments, after: 1, command: "lesson quit")
            return .lessonQuit
        default:
            if let number = Int(subcommand), number > 0, arguments.count == 1 {
                return .lessonStart(number)
            }
            throw .unknownSubcommand(command: "lesson", found: arguments[0], expected: ["list", "start N", "quit"])
        }
    }

    private static func expectNoMore(_ arguments: [String], after count: Int, command: String) throws(CommandError) {
        guard arguments.count > count else { return }
        throw .unexpectedArguments(command: command, extra: arguments[count...].joined(separator: " "))
    }

    /// Splits on runs of spaces and tabs, keeping quoted text together.
    /// Double or single quotes work as in a shell: the other kind is an
    /// ordinary character inside them.
    static func split(_ line: String) throws(CommandError) -> [String] {
        var words: [String] = []
        var current = ""
        var quote: Character?
        var hasWord = false
        for character in line {
            if let open = quote, character == open {
                quote = nil
            } else if quote == nil, character == "\"" || character == "'" {
                quote = character
                hasWord = true
            } else if (character == " " || character == "\t") && quote == nil {
                if hasWord { words.append(current) }
                current = ""
                hasWord = false
            } else {
                current.append(character)
                hasWord = true
            }
        }
        guard quote == nil else { throw .unbalancedQuote }
        if hasWord { words.append(current) }
        return words
    }

    /// The command name closest to `word`, when it is within two edits.
    static func suggestion(for word: String) -> String? {
        let candidates = commandNames.map { ($0, editDistance(word, $0)) }
        guard let best = candidates.min(by: { $0.1 < $1.1 }), best.1 <= 2, best.1 < word.count else { return nil }
        return best.0
    }

    /// Levenshtein distance, with an early exit for long words: anything
    /// longer than 32 characters is not a typo of a command name.
    static func editDistance(_ lhs: String, _ rhs: String) -> Int {
        let a = Array(lhs.prefix(32)), b = Array(rhs)
        if lhs.count > 32 { return Int.max }
        var previous = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...max(b.count, 1) where !b.isEmpty {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            previous = current
        }
        return a.isEmpty ? b.count : previous[b.count]
    }
}
