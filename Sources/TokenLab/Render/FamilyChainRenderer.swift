import TokenServer

/// Draws each refresh-token family as a chain of short token hashes, oldest
/// first, with each token's status written under its hash:
///
///     family 5f1c2a9b · sub 1234567890
///       9f86d081 ──▶ 60303ae2 ──▶ fd61a03a
///       rotated      reused       revoked
///
/// A chain longer than the width continues on the next lines.
struct FamilyChainRenderer {
    let style: Style
    let language: Language
    let width: Int
    /// The virtual clock's reading: an active token past its expiry is
    /// drawn as expired, since the store changes status only on use.
    let now: Int64

    static let hashColumns = 8
    private static let arrow = " ──▶ "

    /// - Parameters:
    ///   - records: rows of the store in insertion order, so each family's
    ///     tokens come oldest first. NOTE: the chain follows that order, not
    ///     `parentHash`; the server gives each token one successor (a grace
    ///     replay returns the same one), but a branched family would still
    ///     be drawn as one line.
    ///   - reusedHashes: hashes of tokens known to have triggered reuse
    ///     detection. A family revoked for reuse with none of its tokens in
    ///     this set gets "revoked: reuse_detected" on its heading instead.
    ///   - families: the family ids a step changed, drawn alone under a
    ///     title naming them as changed; nil for all, as `store` draws them.
    func render(_ records: [RefreshTokenRecord], reusedHashes: Set<String>, families: Set<String>? = nil) -> [String] {
        var order: [String] = []
        var membersByFamily: [String: [RefreshTokenRecord]] = [:]
        for record in records where families?.contains(record.familyID) ?? true {
            if membersByFamily[record.familyID] == nil { order.append(record.familyID) }
            membersByFamily[record.familyID, default: []].append(record)
        }
        guard !order.isEmpty else { return [] }

        var lines = [style.bold(PictureMessage.chainTitle(allFamilies: families == nil).text(language))]
        var drawnStatuses: [ChainLinkStatus] = []
        for family in order {
            let members = membersByFamily[family] ?? []
            let statuses = members.map { status(of: $0, reusedHashes: reusedHashes) }
            drawnStatuses += statuses
            lines += chain(family: family, members: members, statuses: statuses)
        }

        let legend = PictureMessage.statusLegend(ChainLinkStatus.allCases.filter(drawnStatuses.contains)).text(language)
        if !legend.isEmpty {
            lines += TextWrap.list(legend, width: width).map(style.dim)
        }
        if drawnStatuses.contains(.reused) {
            lines += TextWrap.paragraph(PictureMessage.chainLegend.text(language), width: width).map(style.dim)
        }
        return lines
    }

    func status(of record: RefreshTokenRecord, reusedHashes: Set<String>) -> ChainLinkStatus {
        switch record.status {
        case .active: now >= record.expiresAt ? .expired : .active
        case .rotated: .rotated
        case .revoked: reusedHashes.contains(record.tokenHash) ? .reused : .revoked
        }
    }

    private func chain(family: String, members: [RefreshTokenRecord], statuses: [ChainLinkStatus]) -> [String] {
        var heading = PictureMessage.familyHeading(id: String(family.prefix(8)), subject: members.first?.subject ?? "").text(language)
        heading = style.bold(heading)
        let revokedForReuse = members.contains { $0.revocationReason == "reuse_detected" }
        if revokedForReuse && !statuses.contains(.reused) {
            heading += "  " + style.red(PictureMessage.familyRevokedByReuse.text(language))
        }

        // Every cell of a family is as wide as its widest status label, so
        // labels line up under their hashes in both languages.
        let labels = statuses.map { PictureMessage.linkStatus($0).text(language) }
        let cellColumns = max(Self.hashColumns, labels.map(TextWidth.columns).max() ?? 0)
        let arrowColumns = TextWidth.columns(Self.arrow)
        let room = max(width - 2 - arrowColumns, cellColumns)
        let perRow = max(1, (room + arrowColumns) / (cellColumns + arrowColumns))

        var lines = [heading]
        for start in stride(from: 0, to: members.count, by: perRow) {
            let end = min(start + perRow, members.count)
            // A continued row starts with the arrow from the row above.
            var hashRow = start == 0 ? "  " : "  " + style.dim(String(Self.arrow.dropFirst()))
            var statusRow = start == 0 ? "  " : "  " + String(repeating: " ", count: arrowColumns - 1)
            for index in start..<end {
                let paint = color(for: statuses[index])
                let hash = String(members[index].tokenHash.prefix(Self.hashColumns))
                let last = index + 1 == end
                hashRow += paint(last ? hash : TextWidth.pad(hash, to: cellColumns))
                statusRow += paint(last ? labels[index] : TextWidth.pad(labels[index], to: cellColumns))
                if !last {
                    hashRow += style.dim(Self.arrow)
                    statusRow += String(repeating: " ", count: arrowColumns)
                }
            }
            lines += [hashRow, statusRow]
        }
        return lines
    }

    private func color(for status: ChainLinkStatus) -> (String) -> String {
        switch status {
        case .active: style.green
        case .expired, .rotated: style.dim
        case .revoked: style.red
        case .reused: { style.bold(style.red($0)) }
        }
    }
}
