import Foundation

/// A recorded REPL session as plain UTF-8 text.
///
/// The format, readable as is on GitHub:
///
///     #! tokenlab --seed 7 --lang en
///     # TokenLab transcript. Lines that start with "tokenlab> " are input; ...
///     # (these comment lines are in the --lang language)
///     <the banner>
///
///     tokenlab> login hong gildong-demo
///     <the output>
///
/// Leading `#` lines are the header. The first one contains the settings
/// that make the session reproducible. After it the text is exactly what
/// `tokenlab` prints when the inputs are piped in, so a program tells input
/// from output by the prompt alone.
public struct Transcript: Equatable, Sendable {
    public var seed: UInt64
    public var language: Language
    public var inputs: [String]

    public init(seed: UInt64, language: Language, inputs: [String]) {
        self.seed = seed
        self.language = language
        self.inputs = inputs
    }

    /// Returns the header for these settings, newline included. The
    /// comment lines are in the transcript's language, and `parse` skips
    /// them whatever their language.
    public static func header(seed: UInt64, language: Language) -> String {
        let text = Localizer(language: language)
        return """
            #! tokenlab --seed \(seed) --lang \(language.rawValue)
            # \(text(.transcriptFormat(prompt: REPL.prompt)))
            # \(text(.transcriptReplayHint))

            """
    }

    /// Reads the settings and the inputs of a transcript.
    public static func parse(_ text: String, file: String) throws(TranscriptError) -> Transcript {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let first = lines.first, first.hasPrefix("#! tokenlab") else {
            throw TranscriptError(
                file: file, line: 1, reason: "the first line must be the settings line, as in \"#! tokenlab --seed 7 --lang en\"")
        }

        var seed: UInt64?
        var language: Language?
        let words = first.split(separator: " ").map(String.init)
        var index = 2
        while index < words.count {
            let word = words[index]
            let value = index + 1 < words.count ? words[index + 1] : ""
            switch word {
            case "--seed":
                seed = UInt64(value)
                guard seed != nil else {
                    throw TranscriptError(file: file, line: 1, reason: "--seed \"\(value)\" is not a whole number")
                }
            case "--lang":
                language = Language(named: value)
                guard language != nil else {
                    throw TranscriptError(file: file, line: 1, reason: "--lang \"\(value)\" is not en or ko; use one of them")
                }
            default:
                throw TranscriptError(file: file, line: 1, reason: "unknown setting \"\(word)\"; only --seed and --lang belong here")
            }
            index += 2
        }
        guard let seed, let language else {
            throw TranscriptError(file: file, line: 1, reason: "the settings line needs both --seed and --lang")
        }

        let promptLine = REPL.prompt.trimmingCharacters(in: .whitespaces)
        let inputs = lines.compactMap { line -> String? in
            if line.hasPrefix(REPL.prompt) { return String(line.dropFirst(REPL.prompt.count)) }
            return line == promptLine ? "" : nil
        }
        return Transcript(seed: seed, language: language, inputs: inputs)
    }

    /// Runs the inputs in a fresh lab and returns the whole transcript text.
    public func record(lessons: LessonLibrary?) throws -> String {
        let session = try Session(
            options: .init(language: language, color: false, seed: seed), lessons: lessons, wallClockStart: { 0 })
        var input = ArrayLineSource(lines: inputs)
        var output = Self.header(seed: seed, language: language)
        _ = REPL.run(session: session, input: &input, write: { output += $0 })
        return output
    }
}

/// A transcript that cannot be read, with its file and line.
public struct TranscriptError: Error, CustomStringConvertible, Sendable {
    public let file: String
    public let line: Int
    public let reason: String

    public var description: String {
        "\(file):\(line): \(reason)"
    }
}

/// Lines from memory, fed to the REPL as if piped.
public struct ArrayLineSource: LineSource {
    private var lines: [String]
    private var index = 0

    public init(lines: [String]) {
        self.lines = lines
    }

    public var isInteractive: Bool { false }

    public mutating func readLine(prompt: String) -> String? {
        guard index < lines.count else { return nil }
        defer { index += 1 }
        return lines[index]
    }
}
