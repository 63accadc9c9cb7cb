/// Draws a compact token's bytes, wrapped, each line led by the offset of
/// its first byte, with the header, payload and signature in their own
/// colours. Without colour a ruler under each line marks every byte's
/// segment instead:
///
///        0  eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dBjftJeZ4CVP
///           hhhhhhhhhhhhhhhhhhhh.pppppppppppppppppppppppppppp.ssssssssssss
///
/// A legend then gives the first and last offset of each segment.
struct TokenBytesRenderer {
    let style: Style
    let language: Language
    let width: Int

    /// One segment's place in the token: offsets of its first and last
    /// byte, both inclusive. An empty segment has `last == first - 1`.
    struct Segment: Equatable {
        let first: Int
        let last: Int
        var count: Int { last - first + 1 }
    }

    /// Splits `token` at its dots into segments.
    static func segments(of token: String) -> [Segment] {
        var segments: [Segment] = []
        var first = 0
        for (offset, byte) in token.utf8.enumerated() where byte == UInt8(ascii: ".") {
            segments.append(Segment(first: first, last: offset - 1))
            first = offset + 1
        }
        segments.append(Segment(first: first, last: token.utf8.count - 1))
        return segments
    }

    /// Bytes per line: what fits beside the offset column, in multiples of 8.
    func bytesPerLine(offsetColumns: Int) -> Int {
        max(8, (width - 2 - offsetColumns - 2) / 8 * 8)
    }

    func render(_ token: String) -> [String] {
        let bytes = Array(token.utf8)
        let segments = Self.segments(of: token)
        // Each byte's segment index, or nil for a separating dot.
        var owner: [Int?] = Array(repeating: nil, count: bytes.count)
        for (index, segment) in segments.enumerated() where segment.count > 0 {
            for offset in segment.first...segment.last { owner[offset] = index }
        }

        let offsetColumns = max(4, String(bytes.count).count)
        let perLine = bytesPerLine(offsetColumns: offsetColumns)
        var lines = [style.bold(PictureMessage.bytesTitle(bytes: bytes.count).text(language))]

        for start in stride(from: 0, to: bytes.count, by: perLine) {
            let range = start..<min(start + perLine, bytes.count)
            let offset = String(start)
            let lead = "  " + String(repeating: " ", count: offsetColumns - offset.count) + offset + "  "
            lines.append(style.dim(lead) + colored(bytes[range], owners: owner[range]))
            if !style.enabled {
                let ruler = owner[range].map { Self.rulerMark($0) }
                lines.append(String(repeating: " ", count: lead.count) + String(ruler))
            }
        }

        let names = segments.indices.map { PictureMessage.segmentName(index: $0).text(language) }
        let nameColumns = names.map(TextWidth.columns).max() ?? 0
        for (index, segment) in segments.enumerated() {
            let name = paint(segment: index)(TextWidth.pad(names[index], to: nameColumns))
            let range = PictureMessage.segmentRange(first: segment.first, last: segment.last, bytes: segment.count).text(language)
            lines.append("  " + name + "  " + range)
        }
        if !style.enabled {
            lines.append("  " + PictureMessage.rulerLegend.text(language))
        }
        return lines
    }

    /// Colours one line of token text, changing colour only where the
    /// segment changes, so a coloured line carries few escape codes.
    private func colored(_ bytes: ArraySlice<UInt8>, owners: ArraySlice<Int?>) -> String {
        var result = ""
        var run = ""
        var runOwner: Int?
        func flush() {
            guard !run.isEmpty else { return }
            result += runOwner.map { paint(segment: $0)(run) } ?? style.dim(run)
            run = ""
        }
        for (byte, owner) in zip(bytes, owners) {
            if owner != runOwner {
                flush()
                runOwner = owner
            }
            // Compact tokens are ASCII; any other byte is shown as `?`.
            run.append(byte < 0x80 ? Character(Unicode.Scalar(byte)) : "?")
        }
        flush()
        return result
    }

    private func paint(segment: Int) -> (String) -> String {
        switch segment {
        case 0: style.red
        case 1: style.magenta
        case 2: style.cyan
        default: style.yellow
        }
    }

    private static func rulerMark(_ owner: Int?) -> Character {
        switch owner {
        case nil: "."
        case 0: "h"
        case 1: "p"
        case 2: "s"
        default: "x"
        }
    }
}
