import Foundation

/// Lays out a parsed JSON body as indented lines. Every non-empty object
/// and array opens on the line of its key, puts each member or element on
/// its own line two columns further in, and closes on a line of its own.
/// Object keys are sorted, so the same body always reads the same.
///
/// A string too wide for its line wraps to lines indented two columns
/// further than its key: prose at spaces, and text without spaces (a key's
/// modulus, a token) cut where the line is full. Widths count Hangul as
/// two columns.
struct JSONBodyLayout {
    let width: Int
    /// The minimum room, in columns, for a long string beside its key;
    /// with less, the string starts on the next line.
    static let minimumRoom = 16

    /// - Parameter value: the result of `JSONSerialization.jsonObject(with:)`.
    func lines(_ value: Any, indent: String) -> [String] {
        lines(value, key: nil, indent: indent, comma: "", depth: 0)
    }

    private func lines(_ value: Any, key: String?, indent: String, comma: String, depth: Int) -> [String] {
        let prefix = indent + (key.map { Self.quoted($0) + ": " } ?? "")
        let inner = indent + "  "

        if let object = value as? [String: Any], !object.isEmpty {
            let keys = object.keys.sorted()
            var result = [prefix + "{"]
            for (index, member) in keys.enumerated() {
                let separator = index + 1 < keys.count ? "," : ""
                result += lines(object[member] as Any, key: member, indent: inner, comma: separator, depth: depth + 1)
            }
            return result + [indent + "}" + comma]
        }
        if let array = value as? [Any], !array.isEmpty {
            var result = [prefix + "["]
            for (index, element) in array.enumerated() {
                let separator = index + 1 < array.count ? "," : ""
                result += lines(element, key: nil, indent: inner, comma: separator, depth: depth + 1)
            }
            return result + [indent + "]" + comma]
        }

        // The server puts tokens only in members of the top-level object, so
        // only those are shortened. Nested strings, such as a published key's
        // modulus, are what the lesson is about and are shown whole.
        let scalar = ExchangeRenderer.describe(value, abbreviating: depth == 1) + comma
        return wrapped(prefix: prefix, scalar: scalar, continuation: inner)
    }

    private func wrapped(prefix: String, scalar: String, continuation: String) -> [String] {
        guard TextWidth.columns(prefix + scalar) > width else { return [prefix + scalar] }
        if scalar.contains(" ") {
            return TextWrap.wrap(prefix + scalar, width: width, continuation: continuation)
        }

        var room = width - TextWidth.columns(prefix)
        var result: [String] = []
        var rest = Substring(scalar)
        var lead = prefix
        if room < Self.minimumRoom && prefix.hasSuffix(": ") {
            result.append(String(prefix.dropLast()))
            lead = continuation
            room = width - TextWidth.columns(continuation)
        }
        while !rest.isEmpty {
            let piece = TextWidth.chunks(String(rest), width: max(1, room))[0]
            result.append(lead + piece)
            rest = rest.dropFirst(piece.count)
            lead = continuation
            room = width - TextWidth.columns(continuation)
        }
        return result
    }

    private static func quoted(_ key: String) -> String {
        ExchangeRenderer.describe(key, abbreviating: false)
    }
}
