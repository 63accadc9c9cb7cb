import Foundation

/// Reads the YAML subset docs/openapi.yaml keeps to: block mappings and
/// sequences by indentation, flow sequences of scalars, one-line plain or
/// quoted scalars, and whole-line comments. Anchors, multi-line scalars
/// and flow mappings are not supported and raise an error.
enum MiniYAML {
    struct ParseError: Error, CustomStringConvertible {
        let line: Int
        let reason: String
        var description: String { "openapi.yaml line \(line): \(reason)" }
    }

    private struct Line {
        var indent: Int
        var text: String
        let number: Int
    }

    /// Returns the document as nested `[String: Any]`, `[Any]`, `String`,
    /// `Int` and `Bool` values.
    static func parse(_ document: String) throws -> Any {
        var lines: [Line] = []
        for (offset, raw) in document.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let text = raw.drop { $0 == " " }
            if text.isEmpty || text.hasPrefix("#") { continue }
            guard !raw.contains("\t") else { throw ParseError(line: offset + 1, reason: "tab in indentation") }
            lines.append(Line(indent: raw.count - text.count, text: String(text), number: offset + 1))
        }
        var index = 0
        let value = try block(&lines, &index, indent: 0)
        guard index == lines.count else {
            throw ParseError(line: lines[index].number, reason: "unexpected indentation")
        }
        return value
    }

    private static func block(_ lines: inout [Line], _ index: inout Int, indent: Int) throws -> Any {
        guard index < lines.count else { return [String: Any]() }
        return lines[index].text.hasPrefix("- ") || lines[index].text == "-"
            ? try sequence(&lines, &index, indent: indent)
            : try mapping(&lines, &index, indent: indent)
    }

    private static func mapping(_ lines: inout [Line], _ index: inout Int, indent: Int) throws -> [String: Any] {
        var result: [String: Any] = [:]
        while index < lines.count, lines[index].indent == indent, !lines[index].text.hasPrefix("- ") {
            let line = lines[index]
            let (key, rest) = try splitKey(line)
            index += 1
            if rest.isEmpty {
                if index < lines.count, lines[index].indent > indent {
                    result[key] = try block(&lines, &index, indent: lines[index].indent)
                } else {
                    result[key] = NSNullValue()
                }
            } else {
                result[key] = try scalar(rest, line: line.number)
            }
        }
        return result
    }

    private static func sequence(_ lines: inout [Line], _ index: inout Int, indent: Int) throws -> [Any] {
        var result: [Any] = []
        while index < lines.count, lines[index].indent == indent, lines[index].text.hasPrefix("- ") {
            let rest = String(lines[index].text.dropFirst(2))
            if (try? splitKey(Line(indent: 0, text: rest, number: 0))) != nil && !rest.hasPrefix("\"") {
                // "- key: value" starts a mapping whose keys sit two columns in.
                lines[index] = Line(indent: indent + 2, text: rest, number: lines[index].number)
                result.append(try mapping(&lines, &index, indent: indent + 2))
            } else {
                result.append(try scalar(rest, line: lines[index].number))
                index += 1
            }
        }
        return result
    }

    private static func splitKey(_ line: Line) throws -> (String, String) {
        let text = line.text
        if text.hasPrefix("\"") {
            guard let close = text.dropFirst().firstIndex(of: "\""),
                text[text.index(after: close)...].hasPrefix(":")
            else { throw ParseError(line: line.number, reason: "bad quoted key") }
            let key = String(text[text.index(after: text.startIndex)..<close])
            let rest = text[text.index(close, offsetBy: 2)...].trimmingCharacters(in: .init(charactersIn: " "))
            return (key, rest)
        }
        if let separator = text.range(of: ": ") {
            return (String(text[..<separator.lowerBound]), String(text[separator.upperBound...]))
        }
        if text.hasSuffix(":") {
            return (String(text.dropLast()), "")
        }
        throw ParseError(line: line.number, reason: "expected key: value")
    }

    private static func scalar(_ text: String, line: Int) throws -> Any {
        if text.hasPrefix("\"") {
            guard text.count >= 2, text.hasSuffix("\"") else { throw ParseError(line: line, reason: "unclosed quote") }
            return String(text.dropFirst().dropLast()).replacingOccurrences(of: "\\\"", with: "\"")
        }
        if text.hasPrefix("'") {
            guard text.count >= 2, text.hasSuffix("'") else { throw ParseError(line: line, reason: "unclosed quote") }
            return String(text.dropFirst().dropLast()).replacingOccurrences(of: "''", with: "'")
        }
        if text.hasPrefix("[") {
            guard text.hasSuffix("]") else { throw ParseError(line: line, reason: "unclosed flow sequence") }
            let inner = text.dropFirst().dropLast().trimmingCharacters(in: .init(charactersIn: " "))
            if inner.isEmpty { return [Any]() }
            return try inner.split(separator: ",").map { try scalar($0.trimmingCharacters(in: .init(charactersIn: " ")), line: line) }
        }
        if text.hasPrefix("{") || text.hasPrefix("&") || text.hasPrefix("*") || text == "|" || text == ">" || text.hasPrefix(">-") {
            throw ParseError(line: line, reason: "unsupported YAML: \(text.prefix(10))")
        }
        if let number = Int(text) { return number }
        if text == "true" { return true }
        if text == "false" { return false }
        return text
    }
}

/// YAML's null, for a key with no value.
struct NSNullValue {}
