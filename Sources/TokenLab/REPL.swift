import Foundation

/// The read-run-print loop over a `Session`.
public enum REPL {
    public static let prompt = "tokenlab> "

    /// Runs until `quit` or end of input.
    ///
    /// - Parameter write: receives each piece of output, newline included.
    /// - Returns: the process exit status: 0.
    public static func run(session: Session, input: inout some LineSource, write: (String) -> Void) -> Int32 {
        write(session.banner + "\n")
        while true {
            guard let line = input.readLine(prompt: prompt) else {
                if input.isInteractive { write("\n") }
                return 0
            }
            if !input.isInteractive {
                write("\n" + prompt + line + "\n")
            }

            let outcome = session.execute(line)
            if !outcome.output.isEmpty {
                // At a terminal, a blank line parts the output from the
                // next prompt; a pipe gets one before each echoed prompt.
                write(outcome.output + (input.isInteractive ? "\n\n" : "\n"))
            }
            if outcome.quit {
                return 0
            }
        }
    }
}
