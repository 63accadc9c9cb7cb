import Foundation
import TokenServer

/// `tokenlab [options]`: the REPL with its embedded server, and
/// `tokenlab lesson N [options]`, the same REPL with lesson N started.
public enum REPLCommand {
    struct Arguments {
        var seed: UInt64?
        var language: String?
        var noColor = false
        var help = false
        var recordPath: String?
        var lesson: Int?
        var store = World.StoreChoice.temporarySQLite
    }

    static func parse(_ arguments: [String], lessonOperand: Bool) throws(UsageError) -> Arguments {
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
            case "--record":
                parsed.recordPath = try cursor.value(for: "--record")
            case "--store":
                parsed.store = try parseStore(try cursor.value(for: "--store"))
            case "--no-color":
                parsed.noColor = true
            case "--help", "-h":
                parsed.help = true
            default:
                guard lessonOperand, parsed.lesson == nil, !argument.hasPrefix("-") else {
                    throw UsageError(.cliUnknownOption(argument, command: "tokenlab"))
                }
                guard let number = Int(argument), number > 0 else { throw UsageError(.cliInvalidLesson(argument)) }
                parsed.lesson = number
            }
        }
        if lessonOperand && parsed.lesson == nil && !parsed.help {
            throw UsageError(.cliMissingLesson)
        }
        // `replay --check` re-runs a transcript on the default SQLite store,
        // where lines that name the store would differ.
        if parsed.recordPath != nil, case .redis = parsed.store {
            throw UsageError(.cliRecordNeedsDefaultStore)
        }
        return parsed
    }

    /// Reads `--store`: a Redis URL only, because the REPL keeps its SQLite
    /// store in a temporary file of its own. Without `?prefix=`, namespaces
    /// start with `repl`.
    static func parseStore(_ text: String) throws(UsageError) -> World.StoreChoice {
        let url: StoreURL
        do {
            url = try StoreURL.parse(text)
        } catch {
            throw UsageError(.cliStore(.invalidURL(error)))
        }
        switch url {
        case .sqlite:
            throw UsageError(.cliStore(.replNeedsRedis(text)))
        case .redis(let endpoint, let namespace):
            return .redis(endpoint, namespace: namespace ?? "repl")
        }
    }

    /// Runs the REPL and returns the exit status: 0 at `quit` or end of
    /// input, 1 when the lab cannot start or the record file cannot be
    /// written, 2 for a usage error.
    ///
    /// - Parameter lessonOperand: true for `tokenlab lesson N`.
    public static func main(arguments: [String], environment: [String: String], lessonOperand: Bool = false) -> Int32 {
        let fallback = Localizer(language: Language.resolve(flag: nil, environment: environment) ?? .english)
        let parsed: Arguments
        do {
            parsed = try parse(arguments, lessonOperand: lessonOperand)
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
            Console.write(text(lessonOperand ? .cliLessonUsage : .cliUsage) + "\n")
            return 0
        }

        // A recording must replay byte for byte, and a lesson must match
        // its transcript, so both always have a seed.
        var seed = parsed.seed
        if (parsed.recordPath != nil || lessonOperand) && seed == nil {
            seed = Session.lessonSeed
        }

        var recorder: TranscriptFile?
        if let path = parsed.recordPath {
            Console.writeError(
                "tokenlab: " + text(.cliRecording(path: path, replacing: FileManager.default.fileExists(atPath: path))) + "\n")
            do {
                recorder = try TranscriptFile(path: path, header: Transcript.header(seed: seed ?? 0, language: language))
            } catch {
                Console.writeError("tokenlab: " + text(.cliCannotWrite(path: path, reason: error.localizedDescription)) + "\n")
                return 1
            }
        }

        // NO_COLOR (no-color.org): any non-empty value turns colour off, as
        // does TERM=dumb, a terminal that shows escape codes as text.
        let color =
            !parsed.noColor && (environment["NO_COLOR"] ?? "").isEmpty && environment["TERM"] != "dumb"
            && TerminalInfo.standardOutputIsTerminal
        // At least 80 columns: narrower terminals wrap, which reads better
        // than squeezing tables. A recording uses exactly 80, the width
        // `replay --check` replays at, whatever terminal it was made on.
        let width = parsed.recordPath != nil ? 80 : max(80, TerminalInfo.standardOutputColumns ?? 80)
        let options = Session.Options(language: language, color: color, seed: seed, width: width, store: parsed.store)
        let lessons = LessonLibrary.locate(environment: environment, executable: Bundle.main.executablePath ?? CommandLine.arguments[0])
        let session: Session
        do {
            session = try Session(options: options, lessons: lessons, wallClockStart: { SystemClock().now })
        } catch let error as RedisError {
            Console.writeError("tokenlab: " + text(.cliStore(.redisFailed(error))) + "\n")
            return 1
        } catch {
            Console.writeError("tokenlab: " + text(.cliStartFailed(String(describing: error))) + "\n")
            return 1
        }

        // `tokenlab lesson N` for a lesson that does not exist is a usage
        // error, not a REPL that opens only to say so.
        if let number = parsed.lesson, ((try? lessons?.lesson(number, language: language)) ?? nil) == nil {
            Console.writeError("tokenlab: " + text(lessons == nil ? .lessonsNotFound : .lessonNotFound(number)) + "\n")
            return 2
        }
        // The process ends with exit(), which runs no deinit: stop the
        // server and delete the store's files here, or in the signal
        // handler when SIGTERM or SIGHUP ends it.
        defer { session.close() }
        session.terminationCleanup.install()
        let initial = parsed.lesson.map { ["lesson start \($0)"] } ?? []
        let record = recorder.map { file in { (chunk: String) in file.append(chunk) } }
        if TerminalInfo.standardInputIsTerminal {
            let numbers = ((try? lessons?.lessons(language: language)) ?? nil)?.map { "\($0.number)" } ?? []
            let completer = Completer(lessonNumbers: numbers, serverNames: session.serverNames)
            var input = EditLineSource(
                historyPath: EditLineSource.defaultHistoryPath(environment: environment),
                completions: { completer.candidates(for: $0) })
            return REPL.run(session: session, input: &input, initialInputs: initial, write: Console.write, record: record)
        }
        var input = PipedLineSource()
        return REPL.run(session: session, input: &input, initialInputs: initial, write: Console.write, record: record)
    }
}

/// A transcript being written as the session goes, so a crash or Ctrl-C
/// keeps everything up to the last command.
final class TranscriptFile {
    private let handle: FileHandle

    init(path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
        }
        self.handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    }

    convenience init(path: String, header: String) throws {
        try self.init(path: path)
        append(header)
    }

    func append(_ text: String) {
        handle.write(Data(text.utf8))
    }

    deinit {
        try? handle.close()
    }
}
