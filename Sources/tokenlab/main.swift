import Foundation
import TokenLab

// `tokenlab` with no subcommand opens the REPL. Each subcommand lives in
// its own type in TokenLab/CLI, so it can be tested without a process.
let arguments = Array(CommandLine.arguments.dropFirst())
let environment = ProcessInfo.processInfo.environment

let status: Int32 = switch arguments.first {
case "serve":
    ServeCommand.main(arguments: Array(arguments.dropFirst()), environment: environment)
default:
    REPLCommand.main(arguments: arguments, environment: environment)
}
exit(status)
