/// Parses durations such as `90s`, `16m`, `2h`, `8d`, `1h30m` or a bare
/// number of seconds.
public enum DurationParser {
    /// The longest duration accepted: 100 years, far past any token's
    /// lifetime and far from overflowing a 64-bit second count.
    public static let maximumSeconds: Int64 = 100 * 365 * 86_400

    public static func seconds(_ text: String) throws(CommandError) -> Int64 {
        let units: [Character: Int64] = ["s": 1, "m": 60, "h": 3600, "d": 86_400, "w": 604_800]
        let lowered = text.lowercased()
        guard !lowered.hasPrefix("-") else { throw .negativeDuration(text) }
        guard !lowered.isEmpty, lowered.count <= 32 else { throw .invalidDuration(text) }

        var total: Int64 = 0
        var digits = ""
        var sawUnit = false
        for character in lowered {
            if character.isASCII, character.isNumber {
                digits.append(character)
            } else if let unit = units[character] {
                guard !digits.isEmpty else { throw .invalidDuration(text) }
                // Digits that overflow 64 bits are a huge number, not a typo.
                guard let number = Int64(digits) else { throw .durationTooLong(text) }
                let (product, overflow) = number.multipliedReportingOverflow(by: unit)
                guard !overflow, product <= maximumSeconds else { throw .durationTooLong(text) }
                total += product
                digits = ""
                sawUnit = true
            } else if character == "." || character == "," {
                throw .fractionalDuration(text)
            } else {
                throw .invalidDuration(text)
            }
        }
        if !digits.isEmpty {
            // A trailing bare number is seconds ("90", "1m30").
            guard let number = Int64(digits) else { throw .durationTooLong(text) }
            total += number
        } else if !sawUnit {
            throw .invalidDuration(text)
        }
        guard total <= maximumSeconds else { throw .durationTooLong(text) }
        return total
    }
}
