import Foundation
import TokenServer

/// Tab-completion candidates for a REPL line: command names first, then
/// the words each command takes.
public struct Completer: Sendable {
    /// Lesson numbers available, as text.
    public let lessonNumbers: [String]
    /// The names of the servers running now, for `via`.
    public let serverNames: ServerNames

    public init(lessonNumbers: [String], serverNames: ServerNames = ServerNames()) {
        self.lessonNumbers = lessonNumbers
        self.serverNames = serverNames
    }

    /// Returns the words that complete the last word of `line` (the line
    /// up to the cursor), sorted.
    public func candidates(for line: String) -> [String] {
        let endsWithSpace = line.last == " " || line.last == "\t"
        var words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map { String($0).lowercased() }
        let partial = endsWithSpace ? "" : (words.popLast() ?? "")

        // `via B <command>` completes the command as if typed alone.
        if words.first == "via" {
            guard words.count >= 2 else {
                return serverNames.current.filter { $0.lowercased().hasPrefix(partial) }.sorted()
            }
            words.removeFirst(2)
        }
        if words.first == "attacker" {
            words.removeFirst()
            if words.isEmpty {
                return filter(CommandParser.attackerCommands, partial)
            }
        }
        return filter(options(after: words), partial)
    }

    private func options(after words: [String]) -> [String] {
        switch words {
        case []: CommandParser.commandNames
        case ["help"]: CommandParser.commandNames.filter { $0 != "help" }
        case ["steal"]: ["access", "refresh", "both"]
        case ["token"]: ["access", "refresh", "both"]
        case ["login"]: DemoUsers.credentials.map(\.username)
        case let words where words.count == 2 && words[0] == "login":
            // Demo passwords are printed in the banner; completing them
            // only saves typing.
            DemoUsers.credentials.filter { $0.username == words[1] }.map(\.password)
        case ["policy"]: ["show", "set"]
        case ["autorefresh"]: ["on", "off"]
        case ["race"]: ["refresh"]
        case ["csrf"]: CSRFTarget.allCases.map(\.rawValue)
        case ["key"]: KeyChoice.allCases.map(\.rawValue)
        case ["forge"]: ["confusion", "hs256", "none"]
        case ["policy", "set"]: Session.policyKeys
        case ["policy", "set", "rotation"], ["policy", "set", "denylist"]: ["on", "off"]
        case ["policy", "set", "reuse"]: Policy.ReuseResponse.allCases.map(\.rawValue)
        case ["policy", "set", "delivery"]: ["body", "cookie"]
        case ["policy", "set", "cookie-samesite"]: ["strict", "lax", "none"]
        case ["lesson"]: ["list", "start", "quit"]
        case ["lesson", "start"]: lessonNumbers
        case ["server"]: ["add", "list"]
        case ["advance"]: ["30s", "1m", "14m", "16m", "1h", "1d", "8d"]
        default: []
        }
    }

    private func filter(_ options: [String], _ partial: String) -> [String] {
        options.filter { $0.hasPrefix(partial) }.sorted()
    }
}

/// The names of the lab's running servers, kept current by the session and
/// read by tab completion, which libedit runs on the REPL's thread.
public final class ServerNames: @unchecked Sendable {
    private let lock = NSLock()
    private var names = ["A"]

    public init() {}

    public var current: [String] {
        get { lock.withLock { names } }
        set { lock.withLock { names = newValue } }
    }
}
