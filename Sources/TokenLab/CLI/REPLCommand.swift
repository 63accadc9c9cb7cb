import Foundation
import TokenServer

/// `tokenlab [options]`: the REPL with its embedded server.
public enum REPLCommand {
    struct Arguments {
        var seed: UInt64?
        var language: String?
        var noColor = false
        var help = false
    }

    static func parse(_ arguments: [String]) throws(UsageError) -> Arguments {
        var parsed = Arguments()
        var cursor = ArgumentCursor(arguments)
        while let argument = cursor.next() {
            switch argument {
            case "--seed":
                let text = try cursor.value(for: "--seed")
                guard let seed = UInt64(text) else { throw UsageError(.cliInvalidSeed(text)) }
                parsed.seed = seed
            case "--lang":
                parsed.language = try cursor.value(for: "--lang")
            case "--no-color":
                parsed.noColor = true
            case "--help", "-h":
                parsed.help = true
            default:
                throw UsageError(.cliUnknownOption(argument))
            }
        }
        return parsed
    }

    /// Runs the REPL and returns the exit status: 0 at `quit` or end of
    /// input, 1 when the server cannot start, 2 for a usage error.
    public static func main(arguments: [String], environment: [String: String]) -> Int32 {
        let fallback = Localizer(language: Language.resolve(flag: nil, environment: environment) ?? .english)
        let parsed: Arguments
        do {
            parsed = try parse(arguments)
        } catch {
            Console.writeError("tokenlab: " + fallback(error.message) + "\n")
            return 2
        }
        guard let language = Language.resolve(flag: parsed.language, environment: environment) else {
            Console.writeError("tokenlab: " + fallback(.cliInvalidLanguage(parsed.language ?? "")) + "\n")
            return 2
        }
        let text = Localizer(language: language)
        if parsed.help {
            Console.write(text(.cliUsage) + "\n")
            return 0
        }

        // NO_COLOR (no-color.org): any non-empty value turns colour off.
        let color = !parsed.noColor && (environment["NO_COLOR"] ?? "").isEmpty && TerminalInfo.standardOutputIsTerminal
        let options = Session.Options(language: language, color: color, seed: parsed.seed)
        let session: Session
        do {
            session = try Session(options: options, wallClockStart: { SystemClock().now })
        } catch {
            Console.writeError("tokenlab: " + text(.cliStartFailed(String(describing: error))) + "\n")
            return 1
        }

        if TerminalInfo.standardInputIsTerminal {
            var input = EditLineSource()
            return REPL.run(session: session, input: &input, write: Console.write)
        }
        var input = PipedLineSource()
        return REPL.run(session: session, input: &input, write: Console.write)
    }
}
