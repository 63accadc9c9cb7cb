import Foundation
import TokenLab
import TokenServer

/// Command-line options of the REPL.
struct Arguments {
    var seed: UInt64?
    var language: String?
    var noColor = false
    var help = false
}

/// Why the command line is unusable, as a catalog message.
struct UsageError: Error {
    let message: Message
}

func parseArguments(_ arguments: [String]) throws(UsageError) -> Arguments {
    var parsed = Arguments()
    var index = 0
    func value(for option: String) throws(UsageError) -> String {
        index += 1
        guard index < arguments.count else { throw UsageError(message: .cliMissingValue(option: option)) }
        return arguments[index]
    }

    while index < arguments.count {
        let argument = arguments[index]
        let (option, inline) = splitOption(argument)
        switch option {
        case "--seed":
            let text: String
            if let inline { text = inline } else { text = try value(for: "--seed") }
            guard let seed = UInt64(text) else { throw UsageError(message: .cliInvalidSeed(text)) }
            parsed.seed = seed
        case "--lang":
            if let inline { parsed.language = inline } else { parsed.language = try value(for: "--lang") }
        case "--no-color":
            parsed.noColor = true
        case "--help", "-h":
            parsed.help = true
        default:
            throw UsageError(message: .cliUnknownOption(argument))
        }
        index += 1
    }
    return parsed
}

/// Splits `--seed=7` into `--seed` and `7`.
func splitOption(_ argument: String) -> (String, String?) {
    guard argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") else { return (argument, nil) }
    return (String(argument[..<equals]), String(argument[argument.index(after: equals)...]))
}

func writeStandardOutput(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
}

func writeStandardError(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
}

func main() -> Int32 {
    let environment = ProcessInfo.processInfo.environment
    let fallback = Localizer(language: Language.resolve(flag: nil, environment: environment) ?? .english)

    let arguments: Arguments
    do {
        arguments = try parseArguments(Array(CommandLine.arguments.dropFirst()))
    } catch {
        writeStandardError("tokenlab: " + fallback(error.message) + "\n")
        return 2
    }
    guard let language = Language.resolve(flag: arguments.language, environment: environment) else {
        writeStandardError("tokenlab: " + fallback(.cliInvalidLanguage(arguments.language ?? "")) + "\n")
        return 2
    }
    let text = Localizer(language: language)
    if arguments.help {
        writeStandardOutput(text(.cliUsage) + "\n")
        return 0
    }

    // NO_COLOR (no-color.org): any non-empty value turns colour off.
    let color = !arguments.noColor && (environment["NO_COLOR"] ?? "").isEmpty && TerminalInfo.standardOutputIsTerminal
    let options = Session.Options(language: language, color: color, seed: arguments.seed)
    let session: Session
    do {
        session = try Session(options: options, wallClockStart: { SystemClock().now })
    } catch {
        writeStandardError("tokenlab: " + text(.cliStartFailed(String(describing: error))) + "\n")
        return 1
    }

    if TerminalInfo.standardInputIsTerminal {
        var input = EditLineSource()
        return REPL.run(session: session, input: &input, write: writeStandardOutput)
    }
    var input = PipedLineSource()
    return REPL.run(session: session, input: &input, write: writeStandardOutput)
}

exit(main())
