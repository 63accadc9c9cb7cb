/// Terminal column counting, so tables with Hangul line up.
enum TextWidth {
    /// The number of terminal columns `text` takes: 2 for East Asian wide
    /// characters (Hangul, CJK ideographs, full-width forms), 0 for
    /// combining marks and ANSI escape sequences, 1 for the rest.
    static func columns(_ text: String) -> Int {
        var width = 0
        var inEscape = false
        for scalar in text.unicodeScalars {
            if inEscape {
                if scalar == "m" { inEscape = false }
                continue
            }
            if scalar == "\u{1B}" {
                inEscape = true
                continue
            }
            width += columns(of: scalar)
        }
        return width
    }

    static func columns(of scalar: Unicode.Scalar) -> Int {
        switch scalar.value {
        case 0x0300...0x036F, 0x200B...0x200F, 0xFE00...0xFE0F:
            return 0
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
            0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
            0xFFE0...0xFFE6, 0x20000...0x3FFFD:
            return 2
        default:
            return 1
        }
    }

    /// Pads `text` with spaces on the right to `width` columns.
    static func pad(_ text: String, to width: Int) -> String {
        let missing = width - columns(text)
        return missing > 0 ? text + String(repeating: " ", count: missing) : text
    }

    /// Splits `text` into pieces of at most `width` columns each.
    static func chunks(_ text: String, width: Int) -> [String] {
        var pieces: [String] = []
        var current = ""
        var currentWidth = 0
        for character in text {
            let characterWidth = columns(String(character))
            if currentWidth + characterWidth > width, !current.isEmpty {
                pieces.append(current)
                current = ""
                currentWidth = 0
            }
            current.append(character)
            currentWidth += characterWidth
        }
        if !current.isEmpty || pieces.isEmpty {
            pieces.append(current)
        }
        return pieces
    }
}
