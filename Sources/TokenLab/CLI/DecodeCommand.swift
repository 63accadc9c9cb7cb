import Foundation
import JOSE
import TokenServer

/// `tokenlab decode TOKEN`: shows a JWT's parts and bytes without verifying
/// anything, and prints a notice that nothing was verified.
public enum DecodeCommand {
    struct Arguments: InspectArguments {
        var token: String?
        var now: Int64?
        var language: String?
        var noColor = false
        var help = false
    }

    static func parse(_ arguments: [String]) throws(InspectUsageError) -> Arguments {
        var parsed = Arguments()
        var cursor = ArgumentCursor(arguments)
        while let argument = cursor.next() {
            switch argument {
            case "--now":
                parsed.now = try InspectInput.seconds(
                    try InspectInput.value(&cursor, for: argument), option: argument, range: InspectInput.nowRange)
            case "--lang":
                parsed.language = try InspectInput.value(&cursor, for: argument)
            case "--no-color":
                parsed.noColor = true
            case "--help", "-h":
                parsed.help = true
            default:
                try InspectInput.takeToken(argument, into: &parsed.token)
            }
        }
        return parsed
    }

    /// Prints the decoded token and returns the exit status: 0 when it
    /// decodes, 1 when it is not a readable JWT, 2 for a usage error.
    public static func main(arguments: [String], environment: [String: String]) -> Int32 {
        let parsed: Arguments
        let language: Language
        switch InspectInput.start(
            command: "decode", arguments: arguments, environment: environment, usage: .decodeUsage, parse: parse)
        {
        case .exit(let status):
            return status
        case .run(let arguments, let chosen):
            parsed = arguments
            language = chosen
        }

        guard let argument = parsed.token else {
            InspectInput.printError(command: "decode", language(.missingToken))
            return 2
        }

        let token = InspectInput.token(argument)
        let jws: CompactJWS
        do {
            jws = try CompactJWS(parsing: token)
        } catch {
            InspectInput.print(language(.undecodable(error)))
            return 1
        }
        let color = !parsed.noColor && (environment["NO_COLOR"] ?? "").isEmpty && TerminalInfo.standardOutputIsTerminal
        let lines = render(jws, now: parsed.now ?? SystemClock().now, language: language, style: Style(enabled: color))
        InspectInput.print(lines.joined(separator: "\n"))
        return 0
    }

    /// Returns the lines that show `jws`: per segment its text, its decoded
    /// bytes as text (for JSON) and in hex, then the time claims.
    static func render(_ jws: CompactJWS, now: Int64, language: Language, style: Style) -> [String] {
        var lines = [style.bold(language(.decodeSummary(characters: jws.compact.count)))]

        lines += field(language(.header), wrapped(jws.segments[0]).map(style.red))
        lines += field("", [style.dim(language(.segmentBytes(characters: jws.segments[0].count, bytes: jws.headerBytes.count)))])
        lines += field("", wrapped(visible(jws.headerBytes)))
        lines += field("", HexDump.lines(jws.headerBytes).map(style.dim))

        lines += field(language(.payload), wrapped(jws.segments[1]).map(style.magenta))
        lines += field("", [style.dim(language(.segmentBytes(characters: jws.segments[1].count, bytes: jws.payloadBytes.count)))])
        lines += field("", wrapped(visible(jws.payloadBytes)))
        lines += field("", HexDump.lines(jws.payloadBytes).map(style.dim))
        lines += field("", timeClaims(jws.claims, now: now, language: language))

        let algorithm = jws.algorithm ?? "?"
        lines += field(language(.signature), wrapped(jws.segments[2]).map(style.cyan))
        lines += field(
            "", [style.dim(language(.signatureBytes(characters: jws.segments[2].count, bytes: jws.signature.count, algorithm: algorithm)))])
        lines += field("", HexDump.lines(jws.signature))

        lines.append(style.yellow(language(.notVerified)))
        return lines
    }

    /// `exp`, `nbf` and `iat` as dates, with the time left or past for `exp`.
    private static func timeClaims(_ claims: JWTClaims, now: Int64, language: Language) -> [String] {
        let text = Localizer(language: language)
        var lines: [String] = []
        for name in ["iat", "nbf", "exp"] {
            guard let seconds = try? claims.numericDate(name) else { continue }
            var line = language(.timeClaim(name: name, seconds: seconds, date: TimeFormat.date(seconds)))
            if name == "exp" {
                let remaining = seconds - now
                line +=
                    " · "
                    + (remaining > 0
                        ? text(.expiresIn(text.duration(remaining)))
                        : text(.expiredAgo(text.duration(-remaining))))
            }
            lines.append(line)
        }
        return lines
    }

    /// Returns the bytes as UTF-8 text with control characters written as
    /// JSON escapes, so a CR or LF inside the JSON cannot break the layout.
    private static func visible(_ bytes: [UInt8]) -> String {
        var output = ""
        for scalar in String(decoding: bytes, as: UTF8.self).unicodeScalars {
            switch scalar {
            case "\r": output += "\\r"
            case "\n": output += "\\n"
            case "\t": output += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                output += String(format: "\\u%04x", scalar.value)
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output
    }

    private static func wrapped(_ content: String) -> [String] {
        TextWidth.chunks(content, width: TokenRenderer.contentWidth)
    }

    /// Places a label in the left column and content lines beside it.
    private static func field(_ label: String, _ content: [String]) -> [String] {
        content.enumerated().map { index, line in
            "  " + TextWidth.pad(index == 0 ? label : "", to: TokenRenderer.labelWidth) + line
        }
    }
}
