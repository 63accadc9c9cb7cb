import Foundation
import JOSE

/// A usage error of `tokenlab decode` or `tokenlab verify`, as a catalog
/// message. Both commands exit with status 2 for these.
struct InspectUsageError: Error {
    let message: InspectMessage

    init(_ message: InspectMessage) {
        self.message = message
    }
}

/// Input handling shared by `tokenlab decode` and `tokenlab verify`.
enum InspectInput {
    /// At most this much is read from standard input: far more than the
    /// 8 KiB token limit, so an over-size token still gets its own error.
    static let standardInputLimit = 64 * 1024

    /// Returns the token text: `argument` itself, or standard input for "-",
    /// without surrounding whitespace.
    static func token(_ argument: String) -> String {
        guard argument == "-" else {
            return argument.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let data = FileHandle.standardInput.readData(ofLength: standardInputLimit)
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Returns the bytes of the file at `path`.
    static func readFile(_ path: String) throws(InspectUsageError) -> [UInt8] {
        do {
            return Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            let reason = (error as NSError).localizedFailureReason ?? error.localizedDescription
            throw InspectUsageError(.unreadableFile(path: path, reason: reason))
        }
    }

    /// Reads a whole number of seconds given to `option`.
    static func seconds(_ text: String, option: String) throws(InspectUsageError) -> Int64 {
        guard let value = Int64(text) else {
            throw InspectUsageError(.invalidNumber(option: option, value: text))
        }
        return value
    }

    /// Returns the value of `option` from `cursor`, as an inspect usage error
    /// when it is missing.
    static func value(_ cursor: inout ArgumentCursor, for option: String) throws(InspectUsageError) -> String {
        do {
            return try cursor.value(for: option)
        } catch {
            throw InspectUsageError(.missingValue(option: option))
        }
    }

    /// Writes a JSON object with sorted keys and two-space indentation.
    static func prettyJSON(_ object: [String: JOSE.JSONValue]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(object) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}

/// The options `decode` and `verify` share, so one start-up serves both.
protocol InspectArguments {
    var language: String? { get }
    var help: Bool { get }
}

/// The outcome of a command line's start-up: run with these arguments and
/// language, or end at once with this exit status.
enum InspectStart<Parsed> {
    case run(Parsed, Language)
    case exit(Int32)
}

extension InspectInput {
    /// Parses `arguments`, settles the language and handles `--help`.
    /// Usage errors are written to standard error under `command`'s name.
    ///
    /// - Returns: `.exit(2)` after a usage error, `.exit(0)` after the
    ///   help text, else the parsed arguments and their language.
    static func start<Parsed: InspectArguments>(
        command: String, arguments: [String], environment: [String: String], usage: InspectMessage,
        parse: ([String]) throws(InspectUsageError) -> Parsed
    ) -> InspectStart<Parsed> {
        let fallback = Language.resolve(flag: nil, environment: environment) ?? .english
        let parsed: Parsed
        do {
            parsed = try parse(arguments)
        } catch {
            Console.writeError("tokenlab \(command): " + fallback(error.message) + "\n")
            return .exit(2)
        }
        guard let language = Language.resolve(flag: parsed.language, environment: environment) else {
            Console.writeError("tokenlab \(command): " + fallback(.invalidLanguage(parsed.language ?? "")) + "\n")
            return .exit(2)
        }
        if parsed.help {
            Console.write(language(usage) + "\n")
            return .exit(0)
        }
        return .run(parsed, language)
    }
}
