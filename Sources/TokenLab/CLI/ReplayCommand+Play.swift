import Foundation

/// A transcript cut into steps: the text before the first prompt, then
/// each input with the output it produced.
struct TranscriptSteps {
    struct Step {
        let input: String
        let output: [String]
    }

    let preamble: [String]
    let steps: [Step]

    init(_ text: String) {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        while let first = lines.first, first.hasPrefix("#") { lines.removeFirst() }

        var preamble: [String] = []
        var steps: [Step] = []
        var input: String?
        var output: [String] = []
        let promptLine = REPL.prompt.trimmingCharacters(in: .whitespaces)
        for line in lines {
            if line.hasPrefix(REPL.prompt) || line == promptLine {
                if let input {
                    steps.append(Step(input: input, output: Self.trimmed(output)))
                } else {
                    preamble = Self.trimmed(output)
                }
                input = String(line.dropFirst(min(line.count, REPL.prompt.count)))
                output = []
            } else {
                output.append(line)
            }
        }
        if let input {
            steps.append(Step(input: input, output: Self.trimmed(output)))
        } else {
            preamble = Self.trimmed(output)
        }
        self.preamble = preamble
        self.steps = steps
    }

    private static func trimmed(_ lines: [String]) -> [String] {
        var lines = lines
        while let last = lines.last, last.isEmpty { lines.removeLast() }
        return lines
    }
}

extension ReplayCommand {
    /// Prints a transcript step by step: on Enter at a terminal, every
    /// `pace` seconds when set, or all at once into a pipe.
    static func play(_ file: String, pace: Double?, text: Localizer, environment: [String: String]) -> Int32 {
        guard let contents = read(file, text: text) else { return 1 }
        let transcript = TranscriptSteps(contents)
        let color = (environment["NO_COLOR"] ?? "").isEmpty && environment["TERM"] != "dumb" && TerminalInfo.standardOutputIsTerminal
        let style = Style(enabled: color)
        let waitForEnter = pace == nil && TerminalInfo.standardInputIsTerminal

        Console.write(transcript.preamble.joined(separator: "\n") + "\n")
        if waitForEnter {
            Console.write(style.dim(text(.replayEnterHint)) + "\n")
        }
        for step in transcript.steps {
            if waitForEnter {
                guard readLine() != nil else { return 0 }
            } else if let pace, pace > 0 {
                Thread.sleep(forTimeInterval: pace)
            }
            Console.write("\n" + style.bold(style.cyan(REPL.prompt + step.input)) + "\n")
            if !step.output.isEmpty {
                Console.write(step.output.map { highlight($0, style: style) }.joined(separator: "\n") + "\n")
            }
        }
        return 0
    }

    /// Colours a recorded line by what it shows: statuses, store changes,
    /// warnings. Recorded text carries no colour of its own.
    static func highlight(_ line: String, style: Style) -> String {
        guard style.enabled else { return line }
        if line.contains(" ← "), let status = line.split(separator: " ").first(where: { $0.count == 3 && Int($0) != nil }) {
            return status.hasPrefix("2") ? style.green(line) : style.red(line)
        }
        if line.hasPrefix("  + ") { return style.green(line) }
        if line.hasPrefix("  ~ ") { return style.yellow(line) }
        if line.hasPrefix("  warning ") { return style.yellow(line) }
        if line.hasPrefix("── ") { return style.bold(line) }
        return line
    }

    /// Writes an asciinema v2 file: a JSON header line, then one
    /// `[seconds, "o", text]` event per prompt and per output, `pace`
    /// seconds apart, so a web player shows the session as if typed.
    static func asciicast(_ file: String, output: String, pace: Double, text: Localizer) -> Int32 {
        guard let contents = read(file, text: text) else { return 1 }
        let transcript = TranscriptSteps(contents)

        let allLines = transcript.preamble + transcript.steps.flatMap { [REPL.prompt + $0.input] + $0.output }
        let width = min(max(80, allLines.map(TextWidth.columns).max() ?? 80), 200)
        var lines: [String] = []
        let header: [String: Any] = ["version": 2, "width": width, "height": 40, "title": URL(fileURLWithPath: file).lastPathComponent]
        lines.append(jsonLine(header))

        func event(_ time: Double, _ body: String) {
            let crlf = body.replacingOccurrences(of: "\n", with: "\r\n")
            lines.append(jsonLine([(time * 1000).rounded() / 1000, "o", crlf]))
        }

        var time = 0.0
        event(time, transcript.preamble.joined(separator: "\n") + "\n")
        for step in transcript.steps {
            time += pace
            event(time, "\n" + REPL.prompt + step.input + "\n")
            if !step.output.isEmpty {
                event(time + min(0.5, pace / 2), step.output.joined(separator: "\n") + "\n")
            }
        }

        do {
            try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
        } catch {
            Console.writeError("tokenlab replay: " + text(.cliCannotWrite(path: output, reason: error.localizedDescription)) + "\n")
            return 1
        }
        Console.write(text(.replayAsciicastWritten(path: output, steps: transcript.steps.count)) + "\n")
        return 0
    }

    private static func jsonLine(_ value: Any) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}
