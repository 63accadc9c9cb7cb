import Foundation

/// The read-run-print loop over a `Session`.
public enum REPL {
    public static let prompt = "tokenlab> "

    /// Runs until `quit` or end of input.
    ///
    /// - Parameter write: receives each piece of output, newline included.
    /// - Returns: the process exit status: 0.
    /// - Parameters:
    ///   - initialInputs: lines run before any read from `input`, echoed
    ///     as if typed (`tokenlab lesson N` starts with `lesson start N`).
    ///   - record: receives the session in transcript form: the banner,
    ///     then each input after the prompt and its output, colour removed.
    public static func run(
        session: Session, input: inout some LineSource, initialInputs: [String] = [],
        write: (String) -> Void, record: ((String) -> Void)? = nil
    ) -> Int32 {
        write(session.banner + "\n")
        record?(ANSI.strip(session.banner) + "\n")

        var pending = initialInputs[...]
        while true {
            let line: String
            let echo: Bool
            if let next = pending.popFirst() {
                line = next
                echo = true
            } else if let read = input.readLine(prompt: prompt) {
                line = read
                echo = !input.isInteractive
            } else {
                if input.isInteractive { write("\n") }
                return 0
            }

            if echo {
                write("\n" + prompt + line + "\n")
            }
            record?("\n" + prompt + line + "\n")

            let outcome = session.execute(line)
            if !outcome.output.isEmpty {
                // At a terminal, a blank line parts the output from the
                // next prompt; a pipe gets one before each echoed prompt.
                write(outcome.output + (input.isInteractive ? "\n\n" : "\n"))
                record?(ANSI.strip(outcome.output) + "\n")
            }
            if outcome.quit {
                return 0
            }
        }
    }
}

/// ANSI escape sequences in styled output.
enum ANSI {
    /// Removes SGR sequences (`ESC [ ... m`), the only kind `Style` emits.
    static func strip(_ text: String) -> String {
        guard text.contains("\u{1B}") else { return text }
        var output = ""
        var inEscape = false
        for scalar in text.unicodeScalars {
            if inEscape {
                if scalar == "m" { inEscape = false }
            } else if scalar == "\u{1B}" {
                inEscape = true
            } else {
                output.unicodeScalars.append(scalar)
            }
        }
        return output
    }
}
