/// Fits text to a terminal width by wrapping long lines at spaces.
enum TextWrap {
    /// Wraps every line of `text` wider than `width` columns. A wrapped
    /// line hangs under the text it continues (see `hangingIndent`); a word
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

    /// Splits a comma-separated list into lines of at most `width`
    /// columns, breaking only after a ", ", so each item stays whole
    /// (`활성 = active`). An item wider than `width` is wrapped at its spaces.
    static func list(_ text: String, width: Int) -> [String] {
        let items = text.components(separatedBy: ", ")
        var lines: [String] = []
        var current = ""
        for (index, item) in items.enumerated() {
            let piece = index + 1 < items.count ? item + "," : item
            let joined = current.isEmpty ? piece : current + " " + piece
            if current.isEmpty || TextWidth.columns(joined) <= width {
                current = joined
            } else {
                lines += paragraph(current, width: width)
                current = piece
            }
        }
        return lines + paragraph(current, width: width)
    }

    /// Wraps one line. Colour codes before the indentation are kept on
    /// the first piece and do not count as indentation, so a styled line
    /// wraps exactly as its plain text does.
    static func wrap(_ line: String, width: Int) -> [String] {
        let (lead, rest) = splitLeadingEscapes(line)
        let hang = hangingIndent(of: ANSI.strip(rest), width: width)
        var lines = wrap(rest, width: width, continuation: String(repeating: " ", count: hang))
        lines[0] = lead + lines[0]
        return lines
    }

    /// The smallest room, in columns, a hanging column must leave for text.
    static let minimumHangingRoom = 20

    /// Returns the column where the continuation of `line` starts.
    ///
    /// - A table row (a label, two or more spaces, then a note) continues
    ///   under the start of its last column that begins on the first line,
    ///   such as the note after `name  "홍길동"`.
    /// - A line indented eight columns or more is a note under a table's
    ///   label column and continues under its own first character.
    /// - Other lines, such as prose and log lines, continue two columns
    ///   further in than their indentation, so the continuation is easy to see.
    ///
    /// A column that leaves less than `minimumHangingRoom` columns of room
    /// is skipped. Widths count Hangul as two columns.
    static func hangingIndent(of line: String, width: Int) -> Int {
        let indentCount = line.prefix { $0 == " " }.count
        let limit = width - min(minimumHangingRoom, width / 2)

        var lastColumn: Int?
        var column = indentCount
        var spaces = 0
        for character in line.dropFirst(indentCount) {
            if character == " " {
                spaces += 1
            } else {
                if spaces >= 2, column < limit { lastColumn = column }
                spaces = 0
            }
            column += TextWidth.columns(String(character))
        }
        if let lastColumn { return lastColumn }
        if indentCount >= 8 { return min(indentCount, limit) }
        return min(indentCount + 2, width / 2)
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

    /// Wraps one line at spaces, starting each continued line with
    /// `continuation`.
    static func wrap(_ line: String, width: Int, continuation: String) -> [String] {
        guard TextWidth.columns(line) > width else { return [line] }

        let indentCount = line.prefix { $0 == " " }.count
        var lines: [String] = []
        var current = String(line.prefix(indentCount))
        var currentWidth = indentCount
        var atLineStart = true

        let words = line.dropFirst(indentCount).split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        for word in keepingTimestampsWhole(words) {
            var piece = word
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

    /// Joins `2025-03-01`, `09:00:00` and `UTC` back into one word, so a
    /// timestamp is never split across two lines.
    static func keepingTimestampsWhole(_ words: [String]) -> [String] {
        var joined: [String] = []
        for word in words {
            if let last = joined.last,
                (endsWithDate(last) && startsWithTime(word)) || (endsWithTime(last) && word.hasPrefix("UTC"))
            {
                joined[joined.count - 1] = last + " " + word
            } else {
                joined.append(word)
            }
        }
        return joined
    }

    /// `YYYY-MM-DD` or `MM-DD` at the end of `word`, after any text.
    private static func endsWithDate(_ word: String) -> Bool {
        let tail = Array(word.utf8.suffix(5))
        return tail.count == 5 && isDigit(tail[0]) && isDigit(tail[1]) && tail[2] == UInt8(ascii: "-") && isDigit(tail[3])
            && isDigit(tail[4])
    }

    /// `HH:MM:SS` at the start of `word`, before any punctuation.
    private static func startsWithTime(_ word: String) -> Bool {
        let head = Array(word.utf8.prefix(8))
        return head.count == 8 && head[2] == UInt8(ascii: ":") && head[5] == UInt8(ascii: ":")
            && [0, 1, 3, 4, 6, 7].allSatisfy { isDigit(head[$0]) }
    }

    /// `HH:MM:SS` at the end of `word` (a word that may already hold a date).
    private static func endsWithTime(_ word: String) -> Bool {
        let tail = Array(word.utf8.suffix(8))
        return tail.count == 8 && tail[2] == UInt8(ascii: ":") && tail[5] == UInt8(ascii: ":")
            && [0, 1, 3, 4, 6, 7].allSatisfy { isDigit(tail[$0]) }
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }
}
