/// Fits text to a terminal width by wrapping long lines at spaces.
enum TextWrap {
    /// Wraps every line of `text` wider than `width` columns. A wrapped
    /// line continues under its own indentation plus two spaces; a word
    /// wider than the room left is cut, so no line passes `width`.
    static func fit(_ text: String, width: Int) -> String {
        guard width >= 20 else { return text }
        return text.split(separator: "\n", omittingEmptySubsequences: false)
            .flatMap { wrap(String($0), width: width) }
            .joined(separator: "\n")
    }

    /// Splits prose into lines of at most `width` columns, at spaces,
    /// with no indentation added.
    static func paragraph(_ text: String, width: Int) -> [String] {
        wrap(text, width: width, continuation: "")
    }

    /// Wraps one line. Colour codes before the indentation are kept on
    /// the first piece and do not count as indentation, so a styled line
    /// wraps exactly as its plain text does.
    static func wrap(_ line: String, width: Int) -> [String] {
        let (lead, rest) = splitLeadingEscapes(line)
        let indentCount = rest.prefix { $0 == " " }.count
        var lines = wrap(rest, width: width, continuation: String(repeating: " ", count: min(indentCount + 2, width / 2)))
        lines[0] = lead + lines[0]
        return lines
    }

    /// Splits off the SGR sequences (`ESC [ ... m`) at the start of a line.
    private static func splitLeadingEscapes(_ line: String) -> (String, String) {
        var rest = Substring(line)
        var lead = ""
        while rest.hasPrefix("\u{1B}["), let end = rest.firstIndex(of: "m") {
            lead += rest[...end]
            rest = rest[rest.index(after: end)...]
        }
        return (lead, String(rest))
    }

    private static func wrap(_ line: String, width: Int, continuation: String) -> [String] {
        guard TextWidth.columns(line) > width else { return [line] }

        let indentCount = line.prefix { $0 == " " }.count
        var lines: [String] = []
        var current = String(line.prefix(indentCount))
        var currentWidth = indentCount
        var atLineStart = true

        for word in line.dropFirst(indentCount).split(separator: " ", omittingEmptySubsequences: false) {
            var piece = String(word)
            var pieceWidth = TextWidth.columns(piece)
            let separatorWidth = atLineStart ? 0 : 1

            if currentWidth + separatorWidth + pieceWidth > width && !atLineStart {
                lines.append(current)
                current = continuation
                currentWidth = continuation.count
                atLineStart = true
            }
            // A word longer than a whole line is cut into line-sized pieces.
            while currentWidth + pieceWidth > width {
                let room = max(1, width - currentWidth)
                let head = TextWidth.chunks(piece, width: room)[0]
                lines.append(current + head)
                piece = String(piece.dropFirst(head.count))
                pieceWidth = TextWidth.columns(piece)
                current = continuation
                currentWidth = continuation.count
            }
            if !atLineStart {
                current += " "
                currentWidth += 1
            }
            current += piece
            currentWidth += pieceWidth
            atLineStart = false
        }
        lines.append(current)
        return lines
    }
}
