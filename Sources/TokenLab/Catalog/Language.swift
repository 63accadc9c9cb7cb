/// A language of the message catalog.
public enum Language: String, Sendable, CaseIterable {
    case english = "en"
    case korean = "ko"

    /// Reads a language name as people type it, in any letter case. It
    /// takes a code such as `en` or `ko`, a locale such as `ko-KR`,
    /// `ko_KR.UTF-8` or `en_US`, the country code `kr`, which Korean users
    /// often type for the language, or the name (`english`, `한국어`).
    ///
    /// - Returns: nil when `name` names no language of the catalog.
    public init?(named name: String) {
        let lowered = name.lowercased()
        let primary = lowered.split(whereSeparator: { "-_.@".contains($0) }).first.map(String.init) ?? ""
        switch primary {
        case "en", "eng", "english": self = .english
        case "ko", "kr", "kor", "korean", "한국어": self = .korean
        default: return nil
        }
    }

    /// Picks the language from `--lang` when given, else from the POSIX
    /// locale variables in their order of precedence (LC_ALL, LC_MESSAGES,
    /// LANG), else English. A locale variable naming another language,
    /// such as `fr_FR.UTF-8`, selects English.
    ///
    /// - Returns: nil when `flag` names a language the catalog lacks.
    public static func resolve(flag: String?, environment: [String: String]) -> Language? {
        if let flag {
            return Language(named: flag)
        }
        for variable in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            guard let value = environment[variable], !value.isEmpty else { continue }
            return Language(named: value) ?? .english
        }
        return .english
    }
}
