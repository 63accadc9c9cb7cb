import TokenServer

/// Draws the refresh-token store as a table, marking what one command
/// changed: `+` for a new row, `~` for a changed one.
struct StoreRenderer {
    let style: Style
    let text: Localizer
    /// The virtual clock's reading: an `active` row past its expiry is
    /// marked expired, since the store only changes status on use.
    let now: Int64

    /// Renders the table after a command, with changes against `before`
    /// marked, or one line when nothing changed.
    func renderChanges(before: [RefreshTokenRecord], after: [RefreshTokenRecord]) -> [String] {
        let previous = Dictionary(before.map { ($0.tokenHash, $0) }, uniquingKeysWith: { first, _ in first })
        var marks: [String: String] = [:]
        var changed = 0
        for record in after {
            if let old = previous[record.tokenHash] {
                // Only what the table shows counts as a change; a new
                // last-used time alone is not drawn.
                if old.status != record.status || old.revocationReason != record.revocationReason {
                    marks[record.tokenHash] = "~"
                    changed += 1
                }
            } else {
                marks[record.tokenHash] = "+"
                changed += 1
            }
        }
        guard changed > 0 else {
            return [style.dim(text(.storeUnchanged(rows: after.count)))]
        }
        return [style.bold(text(.storeAfter(changed: changed)))] + table(after, marks: marks, before: previous)
    }

    /// Renders the whole table, unmarked.
    func renderAll(_ records: [RefreshTokenRecord]) -> [String] {
        guard !records.isEmpty else { return [text(.storeEmpty)] }
        return [style.bold(text(.storeTitle(rows: records.count)))] + table(records, marks: [:], before: [:])
    }

    /// One block per family, since a family shares its user and its
    /// absolute expiry: a heading line, then one row per token, oldest
    /// first, with the parent's hash linking each row to the one before.
    private func table(_ records: [RefreshTokenRecord], marks: [String: String], before: [String: RefreshTokenRecord]) -> [String] {
        let headers = ["", text(.columnHash), text(.columnParent), text(.columnIssued), text(.columnStatus)]
        var families: [String] = []
        var rowsByFamily: [String: [[String]]] = [:]
        var firstByFamily: [String: RefreshTokenRecord] = [:]
        for record in records {
            if rowsByFamily[record.familyID] == nil {
                families.append(record.familyID)
                firstByFamily[record.familyID] = record
            }
            let mark = marks[record.tokenHash] ?? ""
            var status = statusText(record)
            if mark == "~", let old = before[record.tokenHash], old.status != record.status {
                status = "\(statusText(old)) → \(status)"
            }
            rowsByFamily[record.familyID, default: []].append([
                mark,
                String(record.tokenHash.prefix(8)),
                record.parentHash.map { String($0.prefix(8)) } ?? "-",
                Self.shortDate(record.issuedAt),
                status,
            ])
        }

        var widths = headers.map(TextWidth.columns)
        for row in rowsByFamily.values.joined() {
            for (index, cell) in row.enumerated() {
                widths[index] = max(widths[index], TextWidth.columns(cell))
            }
        }
        func line(_ cells: [String]) -> String {
            let padded = cells.enumerated().map { index, cell in
                index + 1 == cells.count ? cell : TextWidth.pad(cell, to: widths[index])
            }
            return "  " + padded.joined(separator: "  ")
        }

        var lines: [String] = []
        for family in families {
            guard let first = firstByFamily[family], let rows = rowsByFamily[family] else { continue }
            lines.append(
                style.bold(text(.storeFamily(id: String(family.prefix(8)), user: first.subject, expires: Self.shortDate(first.expiresAt)))))
            lines.append(style.dim(line(headers)))
            for row in rows {
                let rendered = line(row)
                switch row[0] {
                case "+": lines.append(style.green(rendered))
                case "~": lines.append(style.yellow(rendered))
                default: lines.append(rendered)
                }
            }
        }
        return lines
    }

    /// `active`, `active (expired)`, `rotated`, or `revoked: reuse_detected`.
    func statusText(_ record: RefreshTokenRecord) -> String {
        if let reason = record.revocationReason {
            return "\(record.status.rawValue): \(reason)"
        }
        if record.status == .active && now >= record.expiresAt {
            return "\(record.status.rawValue) (\(text(.storeExpired)))"
        }
        return record.status.rawValue
    }

    /// `03-08 09:00:00`: month, day and time in UTC. The year is the
    /// banner's, and tokens live days, not years.
    static func shortDate(_ seconds: Int64) -> String {
        let full = TimeFormat.date(seconds)
        let start = full.index(full.startIndex, offsetBy: 5)
        let end = full.index(full.endIndex, offsetBy: -4)
        return String(full[start..<end])
    }
}
