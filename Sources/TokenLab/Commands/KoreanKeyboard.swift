/// Reads text typed with a Korean keyboard in Hangul mode as the Latin
/// keys that were pressed, on the standard two-set (dubeolsik) layout, so
/// `ㅣㅐ햔` is recognised as `login` typed with the wrong input mode.
enum KoreanKeyboard {
    /// Initial consonants of a composed syllable, in Unicode order.
    private static let initials = ["r", "R", "s", "e", "E", "f", "a", "q", "Q", "t", "T", "d", "w", "W", "c", "z", "x", "v", "g"]
    /// Vowels, in Unicode order.
    private static let vowels = [
        "k", "o", "i", "O", "j", "p", "u", "P", "h", "hk", "ho", "hl", "y", "n", "nj", "np", "nl", "b", "m", "ml", "l",
    ]
    /// Final consonants, in Unicode order; index 0 is "no final".
    private static let finals = [
        "", "r", "R", "rt", "s", "sw", "sg", "e", "f", "fr", "fa", "fq", "ft", "fx", "fv", "fg", "a", "q", "qt", "t", "T",
        "d", "w", "c", "z", "x", "v", "g",
    ]
    /// Compatibility jamo U+3131 (ㄱ) to U+3163 (ㅣ), as typed alone.
    private static let compatibility = [
        "r", "R", "rt", "s", "sw", "sg", "e", "E", "f", "fr", "fa", "fq", "ft", "fx", "fv", "fg", "a", "q", "Q", "qt",
        "t", "T", "d", "w", "W", "c", "z", "x", "v", "g", "k", "o", "i", "O", "j", "p", "u", "P", "h", "hk", "ho", "hl",
        "y", "n", "nj", "np", "nl", "b", "m", "ml", "l",
    ]

    /// The keys pressed to type `text`, or nil when it contains no Hangul.
    static func latinKeys(for text: String) -> String? {
        var output = ""
        var sawHangul = false
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0xAC00...0xD7A3:
                let index = Int(scalar.value - 0xAC00)
                output += initials[index / (21 * 28)] + vowels[index % (21 * 28) / 28] + finals[index % 28]
                sawHangul = true
            case 0x3131...0x3163:
                output += compatibility[Int(scalar.value - 0x3131)]
                sawHangul = true
            default:
                output.unicodeScalars.append(scalar)
            }
        }
        return sawHangul ? output : nil
    }
}
