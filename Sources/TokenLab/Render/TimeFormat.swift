/// Dates and durations as the REPL shows them. Pure arithmetic on seconds,
/// so the output never depends on the machine's time zone or locale.
enum TimeFormat {
    /// `2025-03-01 09:15:00 UTC` for seconds since the epoch.
    static func date(_ seconds: Int64) -> String {
        let (days, secondOfDay) = floorDivide(seconds, 86_400)
        let (year, month, day) = civilDate(daysSinceEpoch: days)
        let hour = secondOfDay / 3600
        let minute = secondOfDay % 3600 / 60
        let second = secondOfDay % 60
        return "\(year)-\(two(month))-\(two(day)) \(two(hour)):\(two(minute)):\(two(second)) UTC"
    }

    /// `09:15:00` for seconds since the epoch, in UTC.
    static func timeOfDay(_ seconds: Int64) -> String {
        let secondOfDay = floorDivide(seconds, 86_400).remainder
        return "\(two(secondOfDay / 3600)):\(two(secondOfDay % 3600 / 60)):\(two(secondOfDay % 60))"
    }

    /// `15m 0s`, `1h 1m`, `7d 0h`, `45s` (in Korean `15분 0초`, `1시간 1분`):
    /// the two largest units, starting from the largest one that is not
    /// zero. Negative values get no sign; callers say "ago" or "in".
    static func duration(_ seconds: Int64, in language: Language = .english) -> String {
        let value = seconds.magnitude
        let names =
            switch language {
            case .english: ["d", "h", "m", "s"]
            case .korean: ["일", "시간", "분", "초"]
            }
        let units: [(UInt64, String)] = zip([86_400, 3600, 60, 1], names).map { ($0, $1) }
        guard let first = units.firstIndex(where: { value >= $0.0 }) else { return "0\(names[3])" }

        let (size, name) = units[first]
        let leading = "\(value / size)\(name)"
        guard first + 1 < units.count else { return leading }
        let (nextSize, nextName) = units[first + 1]
        return "\(leading) \(value % size / nextSize)\(nextName)"
    }

    private static func two(_ number: Int64) -> String {
        number < 10 ? "0\(number)" : "\(number)"
    }

    private static func floorDivide(_ value: Int64, _ divisor: Int64) -> (quotient: Int64, remainder: Int64) {
        let quotient = value >= 0 ? value / divisor : -((-value + divisor - 1) / divisor)
        return (quotient, value - quotient * divisor)
    }

    /// Converts days since 1970-01-01 to a proleptic Gregorian date, using
    /// the era-based algorithm from Howard Hinnant's "chrono-compatible
    /// low-level date algorithms".
    private static func civilDate(daysSinceEpoch: Int64) -> (Int64, Int64, Int64) {
        let shifted = daysSinceEpoch + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }
}
