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

    /// The values `--now` takes: the NumericDate range of the JOSE library
    /// (1970 to the end of 9999), so any time a token can carry can be
    /// checked against. A time before 1970 is rejected like a claim would be.
    static let nowRange = JWTClaims.numericDateRange

    /// The values `--leeway` takes. Leeway absorbs clock skew between
    /// servers; more than a day is no longer skew, and a negative leeway
    /// would make valid tokens fail.
    static let leewayRange: ClosedRange<Int64> = 0...86_400

    /// Reads a whole number of seconds within `range` given to `option`.
    static func seconds(_ text: String, option: String, range: ClosedRange<Int64>) throws(InspectUsageError) -> Int64 {
        guard let value = Int64(text), range.contains(value) else {
            throw InspectUsageError(.invalidSeconds(option: option, value: text, range: range))
        }
        return value
    }

    /// Returns the value of the last `--lang VALUE` or `--lang=VALUE` in
    /// `arguments`, read before the rest is parsed so that an error anywhere
    /// on the line comes out in that language.
    static func languageFlag(in arguments: [String]) -> String? {
        var found: String?
        for (index, argument) in arguments.enumerated() {
            if argument.hasPrefix("--lang=") {
                found = String(argument.dropFirst("--lang=".count))
            } else if argument == "--lang", index + 1 < arguments.count {
                found = arguments[index + 1]
            }
        }
        return found
    }

    /// The width `decode` and `verify` wrap their lines to: the terminal's,
    /// but at least 80 columns, and 80 when standard output is not a terminal.
    static var outputWidth: Int {
        max(80, TerminalInfo.standardOutputColumns ?? 80)
    }

    /// Writes `text` to standard output, each line wrapped to `outputWidth`.
    static func print(_ text: String) {
        Console.write(TextWrap.fit(text, width: outputWidth) + "\n")
    }

    /// Writes a usage error of `command` to standard error, wrapped to
    /// `outputWidth`.
    static func printError(command: String, _ text: String) {
        Console.writeError(TextWrap.fit("tokenlab \(command): " + text, width: outputWidth) + "\n")
    }

    /// Takes `argument` as the token operand: `-` or any word that is not an
    /// option. An unknown option or a second operand is a usage error.
    static func takeToken(_ argument: String, into token: inout String?) throws(InspectUsageError) {
        guard argument == "-" || !argument.hasPrefix("-") else {
            throw InspectUsageError(.unknownOption(argument))
        }
        guard token == nil else { throw InspectUsageError(.extraArgument(argument)) }
        token = argument
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
    /// Usage errors are written to standard error under `command`'s name,
    /// in the language of any `--lang` on the line, else of the locale.
    ///
    /// - Returns: `.exit(2)` after a usage error, `.exit(0)` after the
    ///   help text, else the parsed arguments and their language.
    static func start<Parsed: InspectArguments>(
        command: String, arguments: [String], environment: [String: String], usage: InspectMessage,
        parse: ([String]) throws(InspectUsageError) -> Parsed
    ) -> InspectStart<Parsed> {
        let fallback = Language.resolve(flag: nil, environment: environment) ?? .english
        let early = languageFlag(in: arguments).flatMap(Language.init(named:)) ?? fallback
        let parsed: Parsed
        do {
            parsed = try parse(arguments)
        } catch {
            printError(command: command, early(error.message))
            return .exit(2)
        }
        guard let language = Language.resolve(flag: parsed.language, environment: environment) else {
            printError(command: command, fallback(.invalidLanguage(parsed.language ?? "")))
            return .exit(2)
        }
        if parsed.help {
            Console.write(language(usage) + "\n")
            return .exit(0)
        }
        return .run(parsed, language)
    }
}
