/// Draws each access token's lifetime as a bar on one time axis, with the
/// virtual clock's `now` marked, so expiry can be seen rather than read.
///
///     09:00:00                                        09:16:00
///     user      |===================================|····^
///     attacker  |===================================|····^
///
/// `=` is the token's life from `iat` to `exp`, `·` the time since it
/// expired, and `^` is now.
struct TimelineRenderer {
    let style: Style
    let text: Localizer
    /// Columns to fit. Past 80, the extra columns go to the bars.
    var width = 80

    struct Bar {
        let label: String
        let issuedAt: Int64
        let expiresAt: Int64
        /// The token's family is on the denylist, so the server refuses
        /// it before `exp`; drawn with `x` instead of `=`.
        var revoked = false
    }

    /// Columns of the bar area at 80 columns.
    static let barWidth = 44

    /// Columns of the bar area at this renderer's width.
    var barColumns: Int { Self.barWidth + max(0, width - 80) }

    func render(_ bars: [Bar], now: Int64) -> [String] {
        guard !bars.isEmpty else { return [text(.timelineEmpty)] }

        let start = min(bars.map(\.issuedAt).min() ?? now, now)
        let end = max(bars.map(\.expiresAt).max() ?? now, now)
        let span = max(end - start, 1)
        func column(_ time: Int64) -> Int {
            Int((Double(time - start) / Double(span) * Double(barColumns - 1)).rounded())
        }

        let labelWidth = max(bars.map { TextWidth.columns($0.label) }.max() ?? 0, 4) + 2
        let indent = String(repeating: " ", count: labelWidth + 2)
        let left = TimeFormat.timeOfDay(start)
        let right = TimeFormat.timeOfDay(end)
        let gap = max(1, barColumns - left.count - right.count)
        var lines = [style.bold(text(.timelineTitle)), style.dim(indent + left + String(repeating: " ", count: gap) + right)]

        let nowColumn = column(now)
        for bar in bars {
            var cells = Array(repeating: " ", count: barColumns)
            let from = column(bar.issuedAt), to = column(bar.expiresAt)
            for index in from...max(from, to) { cells[index] = bar.revoked ? "x" : "=" }
            cells[from] = "|"
            cells[max(from, to)] = "|"
            if nowColumn > to {
                for index in (to + 1)...nowColumn { cells[index] = "·" }
            }
            cells[nowColumn] = "^"

            let remaining = bar.expiresAt - now
            let state =
                remaining <= 0
                ? text(.expiredAgo(text.duration(-remaining)))
                : bar.revoked ? text(.timelineRevoked) : text(.expiresIn(text.duration(remaining)))
            let drawn = cells.joined()
            let colored = remaining > 0 && !bar.revoked ? style.green(drawn) : style.red(drawn)
            lines.append("  " + TextWidth.pad(bar.label, to: labelWidth) + colored + "  " + state)
        }
        lines.append(style.dim(text(.timelineLegend(now: TimeFormat.timeOfDay(now)))))
        if bars.contains(where: \.revoked) {
            lines.append(style.dim(text(.timelineRevokedLegend)))
        }
        return lines
    }
}
