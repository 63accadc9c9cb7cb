import JOSE
import TokenServer

/// Draws a token's anatomy: for a JWT, each segment's text and bytes, the
/// decoded header and payload, the signature's bytes and what `exp` means
/// on the virtual clock; for a refresh token, its bytes and the hash the
/// store keeps.
struct TokenRenderer {
    let style: Style
    let text: Localizer
    /// The virtual clock's reading, for "expires in" and "expired ago".
    let now: Int64

    /// Width of the column that contains segment text and JSON.
    static let contentWidth = 64
    static let labelWidth = 11

    func renderAccessToken(_ token: String, title: String, showBytes: Bool) -> [String] {
        let jws: CompactJWS
        do {
            jws = try CompactJWS(parsing: token)
        } catch {
            return [style.bold(title), "  " + token, "  " + style.red(text(.tokenUnreadable(error.description)))]
        }

        var lines = [style.bold(title) + style.dim("  " + text(.jwtSummary(characters: token.count)))]

        lines += field(text(.header), wrapped(jws.segments[0]).map(style.red))
        lines += field("", [style.dim(text(.segmentDecoded(characters: jws.segments[0].count, bytes: jws.headerBytes.count)))])
        lines += field("", wrapped(String(decoding: jws.headerBytes, as: UTF8.self)))
        if showBytes {
            lines += field("", HexDump.lines(jws.headerBytes).map(style.dim))
        }

        lines += field(text(.payload), wrapped(jws.segments[1]).map(style.magenta))
        lines += field("", [style.dim(text(.segmentDecoded(characters: jws.segments[1].count, bytes: jws.payloadBytes.count)))])
        lines += field("", wrapped(String(decoding: jws.payloadBytes, as: UTF8.self)))
        if showBytes {
            lines += field("", HexDump.lines(jws.payloadBytes).map(style.dim))
        }
        lines += field("", claimLines(jws.claims))

        let algorithm = jws.algorithm ?? "?"
        guard !jws.segments[2].isEmpty else {
            // An unsecured JWT ends at its last dot, so a note is shown where the
            // signature text and bytes would be shown.
            return lines + field(text(.signature), [style.dim(text(.signatureEmpty(algorithm: algorithm)))])
        }
        lines += field(text(.signature), wrapped(jws.segments[2]).map(style.cyan))
        lines += field(
            "", [style.dim(text(.signatureDecoded(characters: jws.segments[2].count, bytes: jws.signature.count, algorithm: algorithm)))])
        lines += field("", HexDump.lines(jws.signature))
        return lines
    }

    func renderRefreshToken(_ token: String, title: String, seeded: Bool) -> [String] {
        var lines = [style.bold(title) + style.dim("  " + text(.refreshSummary(characters: token.count)))]
        lines += field(text(.tokenText), [style.yellow(token)])
        if let bytes = try? Base64URL.decode(token) {
            lines += field(text(.bytes), HexDump.lines(bytes))
        }
        if seeded {
            lines += field("", [style.dim(text(.seededRandomnessNote))])
        }
        lines += field(text(.inStore), [AuthService.hash(token)])
        lines += field("", [style.dim(text(.storeKeepsHashOnly))])
        return lines
    }

    /// Annotated claims, one per line: name, JSON value, and what it means.
    private func claimLines(_ claims: JWTClaims) -> [String] {
        let names = claims.members.keys.sorted()
        let nameWidth = (names.map(\.count).max() ?? 0) + 1
        var rows: [(String, String)] = []
        for name in names {
            guard let value = claims[name] else { continue }
            rows.append((TextWidth.pad(name, to: nameWidth) + " " + Self.json(value), note(name: name, value: value, claims: claims)))
        }
        let valueWidth = min((rows.map { TextWidth.columns($0.0) }.max() ?? 0) + 2, 40)
        return rows.map { row in
            row.1.isEmpty ? "  " + row.0 : "  " + TextWidth.pad(row.0, to: valueWidth) + style.dim(row.1)
        }
    }

    private func note(name: String, value: JSONValue, claims: JWTClaims) -> String {
        switch name {
        case "exp":
            guard let expiration = try? claims.numericDate("exp") else { return "" }
            let remaining = expiration - now
            let state =
                remaining > 0
                ? text(.expiresIn(text.duration(remaining)))
                : text(.expiredAgo(text.duration(-remaining)))
            return "\(TimeFormat.date(expiration)) · \(state)"
        case "iat", "nbf":
            guard let seconds = try? claims.numericDate(name) else { return "" }
            return TimeFormat.date(seconds)
        case "sid":
            return text(.claimFamily)
        case "jti":
            return text(.claimTokenID)
        default:
            guard case .string(let string) = value, string.utf8.count != string.unicodeScalars.count else { return "" }
            return text(.multibyte(characters: string.count, bytes: string.utf8.count, hex: HexDump.inline(string.utf8)))
        }
    }

    private static func json(_ value: JSONValue) -> String {
        switch value {
        case .string(let string): "\"\(string)\""
        case .integer(let number): "\(number)"
        case .number(let number): "\(number)"
        case .bool(let flag): flag ? "true" : "false"
        case .null: "null"
        case .array, .object: "…"
        }
    }

    private func wrapped(_ content: String) -> [String] {
        TextWidth.chunks(content, width: Self.contentWidth)
    }

    /// Places a label in the left column and content lines beside it.
    private func field(_ label: String, _ content: [String]) -> [String] {
        content.enumerated().map { index, line in
            let left = index == 0 ? label : ""
            return "  " + TextWidth.pad(left, to: Self.labelWidth) + line
        }
    }
}
