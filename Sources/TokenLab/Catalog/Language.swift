/// A language of the message catalog.
public enum Language: String, Sendable, CaseIterable {
    case english = "en"
    case korean = "ko"

    /// Picks the language from `--lang` when given, else from the POSIX
    /// locale variables in their order of precedence (LC_ALL, LC_MESSAGES,
    /// LANG), else English.
    ///
    /// - Returns: nil when `flag` names a language the catalog lacks.
    public static func resolve(flag: String?, environment: [String: String]) -> Language? {
        if let flag {
            return Language(rawValue: flag.lowercased())
        }
        for variable in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            guard let value = environment[variable], !value.isEmpty else { continue }
            return value.lowercased().hasPrefix("ko") ? .korean : .english
        }
        return .english
    }
}
