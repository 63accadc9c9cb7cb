import Foundation

/// `tokenlab replay`: play a transcript for a class, check it against a
/// fresh run, re-record it, or turn it into an asciinema recording.
public enum ReplayCommand {
    enum Mode: Equatable {
        case play
        case check
        case update
        case asciicast(String)
    }

    struct Arguments {
        var mode = Mode.play
        var pace: Double?
        var files: [String] = []
        var help = false
        var language: String?
    }

    static func parse(_ arguments: [String]) throws(UsageError) -> Arguments {
        var parsed = Arguments()
        var cursor = ArgumentCursor(arguments, command: "tokenlab replay")
        while let argument = cursor.next() {
            switch argument {
            case "--check": parsed.mode = .check
            case "--update": parsed.mode = .update
            case "--asciicast": parsed.mode = .asciicast(try cursor.value(for: "--asciicast"))
            case "--pace":
                let text = try cursor.value(for: "--pace")
                guard let pace = Double(text), pace.isFinite, pace >= 0, pace <= 600 else {
                    throw UsageError(.cliInvalidPace(text))
                }
                parsed.pace = pace
            case "--lang": parsed.language = try cursor.value(for: "--lang")
            case "--help", "-h": parsed.help = true
            default:
                guard !argument.hasPrefix("-") || argument == "-" else {
                    throw UsageError(.cliUnknownOption(argument, command: "tokenlab replay"))
                }
                parsed.files.append(argument)
            }
        }
        if parsed.help { return parsed }
        if parsed.files.isEmpty { throw UsageError(.cliMissingTranscript) }
        if case .asciicast = parsed.mode, parsed.files.count != 1 { throw UsageError(.cliOneTranscript) }
        if parsed.mode == .play && parsed.files.count != 1 { throw UsageError(.cliOneTranscript) }
        return parsed
    }

    /// Returns 0 on success, 1 when a check finds a difference or a file
    /// cannot be read or written, 2 for a usage error.
    public static func main(arguments: [String], environment: [String: String]) -> Int32 {
        let fallback = Localizer(language: Language.resolve(flag: nil, environment: environment) ?? .english)
        let parsed: Arguments
        do {
            parsed = try parse(arguments)
        } catch {
            Console.writeError("tokenlab replay: " + fallback(error.message) + "\n")
            return 2
        }
        guard let resolved = Language.resolve(flag: parsed.language, environment: environment) else {
            Console.writeError("tokenlab replay: " + fallback(.cliInvalidLanguage(parsed.language ?? "")) + "\n")
            return 2
        }
        let language = parsed.language == nil ? sharedLanguage(of: parsed.files) ?? resolved : resolved
        let text = Localizer(language: language)
        if parsed.help {
            Console.write(text(.cliReplayUsage) + "\n")
            return 0
        }

        let lessons = LessonLibrary.locate(environment: environment, executable: Bundle.main.executablePath ?? CommandLine.arguments[0])
        switch parsed.mode {
        case .check, .update:
            var failed = 0
            for file in parsed.files where checkOrUpdate(file, update: parsed.mode == .update, lessons: lessons, text: text) != 0 {
                failed += 1
            }
            // The English summary has the "N passed, N failed" form that CI
            // reads as a test count.
            Console.write(text(.replaySummary(passed: parsed.files.count - failed, failed: failed)) + "\n")
            return failed == 0 ? 0 : 1
        case .play:
            return play(parsed.files[0], pace: parsed.pace, text: text, environment: environment)
        case .asciicast(let output):
            return asciicast(parsed.files[0], output: output, pace: parsed.pace ?? 1.5, text: text)
        }
    }

    /// Returns the language that every transcript's settings line names,
    /// or nil when they differ or one cannot be read or parsed (its own
    /// error is reported later, in the locale's language).
    static func sharedLanguage(of files: [String]) -> Language? {
        var languages = Set<Language>()
        for file in files {
            guard let data = FileManager.default.contents(atPath: file),
                let contents = String(data: data, encoding: .utf8),
                let transcript = try? Transcript.parse(contents, file: file)
            else { return nil }
            languages.insert(transcript.language)
        }
        return languages.count == 1 ? languages.first : nil
    }

    static func read(_ file: String, text: Localizer) -> String? {
        guard let data = FileManager.default.contents(atPath: file) else {
            Console.writeError("tokenlab replay: " + text(.cliCannotRead(path: file)) + "\n")
            return nil
        }
        guard let contents = String(data: data, encoding: .utf8) else {
            Console.writeError("tokenlab replay: " + text(.cliNotUTF8(path: file)) + "\n")
            return nil
        }
        return contents
    }

    private static func checkOrUpdate(_ file: String, update: Bool, lessons: LessonLibrary?, text: Localizer) -> Int32 {
        guard let recorded = read(file, text: text) else { return 1 }

        let fresh: String
        do {
            fresh = try Transcript.parse(recorded, file: file).record(lessons: lessons)
        } catch {
            Console.writeError("tokenlab replay: " + String(describing: error) + "\n")
            return 1
        }

        if update {
            guard fresh != recorded else {
                Console.write(text(.replayUnchanged(path: file)) + "\n")
                return 0
            }
            do {
                try Data(fresh.utf8).write(to: URL(fileURLWithPath: file), options: .atomic)
            } catch {
                Console.writeError("tokenlab replay: " + text(.cliCannotWrite(path: file, reason: error.localizedDescription)) + "\n")
                return 1
            }
            Console.write(text(.replayUpdated(path: file)) + "\n")
            return 0
        }

        guard let hunk = LineDiff.firstHunk(expected: recorded, actual: fresh, expectedName: file, actualName: file + " (replayed)") else {
            Console.write(text(.replayMatches(path: file)) + "\n")
            return 0
        }
        Console.write(text(.replayDiffers(path: file)) + "\n" + hunk + "\n")
        return 1
    }
}
