import Foundation
import TokenLab

// `tokenlab` with no subcommand opens the REPL. Each subcommand lives in
// its own type in TokenLab/CLI, so it can be tested without a process.
let arguments = Array(CommandLine.arguments.dropFirst())
let environment = ProcessInfo.processInfo.environment
let rest = Array(arguments.dropFirst())

let status: Int32 =
    switch arguments.first {
    case "lesson":
        REPLCommand.main(arguments: rest, environment: environment, lessonOperand: true)
    case "replay":
        ReplayCommand.main(arguments: rest, environment: environment)
    case "decode":
        DecodeCommand.main(arguments: rest, environment: environment)
    case "verify":
        VerifyCommand.main(arguments: rest, environment: environment)
    case "serve":
        ServeCommand.main(arguments: rest, environment: environment)
    default:
        REPLCommand.main(arguments: arguments, environment: environment)
    }
exit(status)
