import Foundation
import Testing
import TokenServer

@testable import TokenLab

/// Fixed inputs for every picture, so the golden files depend on the
/// renderers alone: no server, no clock, no randomness.
enum PictureFixtures {
    static let now: Int64 = 1_740_821_400  // 2025-03-01 09:30:00 UTC

    /// Two diagrams: one client whose reused token revokes its family, and
    /// two tabs of one app racing with one refresh token.
    static func sequence(_ language: Language, style: Style, width: Int) -> [String] {
        let text = Localizer(language: language)
        let user = text(.actorName(.user))
        let renderer = SequenceRenderer(style: style, language: language, width: width)
        let single = renderer.render([
            .init(client: user, method: "POST", path: "/api/v1/auth/login", status: 200, storeActivity: .insert),
            .init(client: user, method: "GET", path: "/api/v1/me", status: 401, storeActivity: nil),
            .init(client: user, method: "POST", path: "/api/v1/auth/refresh", status: 400, storeActivity: .revokeFamily),
            .init(client: user, method: "POST", path: "/api/v1/auth/logout", status: 204, storeActivity: .read),
        ])
        let tabs = renderer.render([
            .init(client: text(.tabName(1)), method: "POST", path: "/api/v1/auth/refresh", status: 200, storeActivity: .rotate),
            .init(client: text(.tabName(2)), method: "POST", path: "/api/v1/auth/refresh", status: 400, storeActivity: .revokeFamily),
        ])
        return single + [""] + tabs
    }

    static func hash(_ seed: Int) -> String {
        AuthService.hash("golden-token-\(seed)")
    }

    /// Three families: one revoked after a known reuse, one whose reused
    /// token is unknown, and a long one that wraps at 80 columns and ends
    /// in an active token past its expiry.
    static let records: [RefreshTokenRecord] = {
        func record(_ seed: Int, family: String, parent: Int?, status: RefreshTokenRecord.Status, reason: String? = nil, expires: Int64)
            -> RefreshTokenRecord
        {
            RefreshTokenRecord(
                tokenHash: hash(seed), familyID: family, parentHash: parent.map(hash), subject: "1234567890",
                issuedAt: now - 3600, expiresAt: expires, status: status, revocationReason: reason)
        }
        let later = now + 7 * 86_400
        var rows = [
            record(1, family: "famKnownReuse000", parent: nil, status: .revoked, reason: "reuse_detected", expires: later),
            record(2, family: "famKnownReuse000", parent: 1, status: .revoked, reason: "reuse_detected", expires: later),
            record(3, family: "famKnownReuse000", parent: 2, status: .revoked, reason: "reuse_detected", expires: later),
            record(10, family: "famUnknownReuse0", parent: nil, status: .revoked, reason: "reuse_detected", expires: later),
            record(11, family: "famUnknownReuse0", parent: 10, status: .revoked, reason: "reuse_detected", expires: later),
        ]
        for seed in 20..<29 {
            rows.append(record(seed, family: "famLongChain0000", parent: seed == 20 ? nil : seed - 1, status: .rotated, expires: now - 60))
        }
        rows.append(record(29, family: "famLongChain0000", parent: 28, status: .active, expires: now - 60))
        return rows
    }()

    static func chain(_ language: Language, style: Style, width: Int) -> [String] {
        FamilyChainRenderer(style: style, language: language, width: width, now: now)
            .render(records, reusedHashes: [hash(2)])
    }

    /// A seeded access token of the lab, copied here so the file does not
    /// change when the lab's seed or claims do.
    static let token =
        "eyJhbGciOiJIUzI1NiIsInR5cCI6ImF0K2p3dCJ9"
        + ".eyJhdWQiOiJ0b2tlbmxhYi1hcGkiLCJleHAiOjE3NDA4MjA1MDAsImlhdCI6MTc0MDgxOTYwMCwiaXNzIjoidG9rZW5sYWIiLCJqdGkiOiJF"
        + "QWE5cG00RENNZkpFamtHIiwibmFtZSI6Iu2Zjeq4uOuPmSIsInJvbGUiOiJ1c2VyIiwic2lkIjoiZGZiRkZfUE9DMmg4OUxiNiIsInN1YiI6"
        + "IjEyMzQ1Njc4OTAifQ.YfM5IzWOpD3btpfLeXAIHjtgDIYl1HjBVZsAtXa1qr8"

    static func tokenBytes(_ language: Language, style: Style, width: Int) -> [String] {
        TokenBytesRenderer(style: style, language: language, width: width).render(token)
    }

    static func timeline(_ language: Language, style: Style, width: Int) -> [String] {
        let text = Localizer(language: language)
        let bars = [
            TimelineRenderer.Bar(label: text(.actorName(.user)), issuedAt: now - 1800, expiresAt: now - 900),
            TimelineRenderer.Bar(label: text(.actorName(.attacker)), issuedAt: now - 600, expiresAt: now + 300),
        ]
        return TimelineRenderer(style: style, text: text, width: width).render(bars, now: now)
    }

    typealias Picture = (Language, Style, Int) -> [String]
    static var pictures: [(name: String, draw: Picture)] {
        [
            ("sequence", sequence), ("family-chain", chain), ("token-bytes", tokenBytes), ("timeline", timeline),
        ]
    }
}

@Suite("Picture golden files")
struct PictureGoldenTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    static let updating = ProcessInfo.processInfo.environment["TOKENLAB_UPDATE_GOLDEN"] == "1"

    struct Case: CustomTestStringConvertible, Sendable {
        let picture: String
        let language: Language
        let width: Int
        let color: Bool

        var fileName: String { "\(picture)-\(language.rawValue)-\(width)-\(color ? "color" : "plain").txt" }
        var testDescription: String { fileName }
    }

    static let cases: [Case] = PictureFixtures.pictures.flatMap { picture in
        Language.allCases.flatMap { language in
            [80, 120].flatMap { width in
                [false, true].map { Case(picture: picture.name, language: language, width: width, color: $0) }
            }
        }
    }

    static func render(_ item: Case) -> String {
        let draw = PictureFixtures.pictures.first { $0.name == item.picture }!.draw
        return draw(item.language, Style(enabled: item.color), item.width).joined(separator: "\n") + "\n"
    }

    @Test("picture matches its golden file", arguments: cases)
    func matchesGolden(item: Case) throws {
        let rendered = Self.render(item)
        let file = Self.folder.appendingPathComponent(item.fileName)
        if Self.updating {
            try FileManager.default.createDirectory(at: Self.folder, withIntermediateDirectories: true)
            try Data(rendered.utf8).write(to: file)
            return
        }

        let golden = try #require(
            FileManager.default.contents(atPath: file.path),
            "missing \(item.fileName); run `TOKENLAB_UPDATE_GOLDEN=1 swift test --filter PictureGoldenTests` and review the files")
        // Bytes, not Strings: Swift's String equality would accept a
        // different Unicode normalization of the same text.
        let matches = Array(rendered.utf8) == Array(golden)
        let diff = LineDiff.firstHunk(
            expected: String(decoding: golden, as: UTF8.self), actual: rendered, expectedName: item.fileName, actualName: "rendered")
        #expect(matches, "\(item.fileName) differs from a fresh rendering:\n\(diff ?? "(same text, different bytes)")")
    }

    @Test("picture fits its width", arguments: cases)
    func fitsWidth(item: Case) {
        for line in Self.render(item).split(separator: "\n") {
            #expect(TextWidth.columns(String(line)) <= item.width, "\(item.fileName): \(line)")
        }
    }

    @Test("plain picture has no escape codes", arguments: cases.filter { !$0.color })
    func plainHasNoEscapes(item: Case) {
        #expect(!Self.render(item).contains("\u{1B}"))
    }

    @Test("coloured picture reads as the plain one", arguments: cases.filter { $0.color && $0.picture != "token-bytes" })
    func colourOnlyAddsEscapes(item: Case) {
        let plain = Case(picture: item.picture, language: item.language, width: item.width, color: false)
        #expect(ANSI.strip(Self.render(item)) == Self.render(plain))
    }
}

@Suite("Korean labels line up")
struct PictureAlignmentTests {
    /// Pairs each character of `line` with the column where it starts.
    static func columns(_ line: String) -> [(Character, Int)] {
        var column = 0
        return line.map { character in
            defer { column += TextWidth.columns(String(character)) }
            return (character, column)
        }
    }

    /// Returns the columns where words (runs of non-space characters) start.
    static func wordStarts(_ line: String) -> [Int] {
        var starts: [Int] = []
        var previous: Character = " "
        for (character, column) in columns(line) {
            if character != " " && previous == " " { starts.append(column) }
            previous = character
        }
        return starts
    }

    @Test("sequence lanes stay at their columns", arguments: [80, 120])
    func sequenceLanes(width: Int) {
        let style = Style(enabled: false)
        let language = Language.korean
        let renderer = SequenceRenderer(style: style, language: language, width: width)
        let lanes = renderer.laneColumns(client: PictureMessage.clientLane.text(language), store: PictureMessage.storeLane.text(language))
        let lines = PictureFixtures.sequence(language, style: style, width: width)
        // The second diagram (two tabs) has the "client" heading these lanes are for.
        let tabs = Array(lines.split(separator: "", omittingEmptySubsequences: false).last ?? [])
        #expect(tabs.count == 7)

        for line in tabs.dropFirst() {
            let bars = Self.columns(line).filter { $0.0 == "│" }.map(\.1)
            #expect(bars.allSatisfy(lanes.contains), "\(line)")
            #expect(TextWidth.columns(line) == lanes[2] + 1, "\(line)")
        }
        // Each heading is centred on its lane, to within a column.
        let headings = tabs[0].split(separator: " ").map(String.init)
        let headingStarts = Self.wordStarts(tabs[0])
        #expect(headingStarts.count == 3)
        for ((start, heading), lane) in zip(zip(headingStarts, headings), lanes) {
            let centre = start + TextWidth.columns(heading) / 2
            #expect(abs(centre - lane) <= 1, "\(heading) centred at \(centre), lane at \(lane)")
        }
    }

    @Test("chain statuses start under their hashes", arguments: [80, 120])
    func chainStatuses(width: Int) {
        let lines = PictureFixtures.chain(.korean, style: Style(enabled: false), width: width)
        var pairs = 0
        // Hash rows are indented; family headings are not.
        for (index, line) in lines.enumerated() where index + 1 < lines.count && line.hasPrefix("  ") {
            let characters = Array(line)
            let hashStarts = Self.columns(line).enumerated().compactMap { offset, entry -> Int? in
                let word = characters[offset...].prefix { $0 != " " }
                let startsWord = offset == 0 || characters[offset - 1] == " "
                return startsWord && word.count == 8 && word.allSatisfy(\.isHexDigit) ? entry.1 : nil
            }
            guard !hashStarts.isEmpty else { continue }
            #expect(Self.wordStarts(lines[index + 1]) == hashStarts, "\(line)\n\(lines[index + 1])")
            pairs += 1
        }
        #expect(pairs >= 4)
    }

    @Test("token byte ranges start at one column", arguments: [80, 120])
    func tokenByteRanges(width: Int) {
        let lines = PictureFixtures.tokenBytes(.korean, style: Style(enabled: false), width: width)
        let legend = lines.filter { $0.contains("바이트 ") && !$0.contains("오프셋") }
        #expect(legend.count == 3)
        let starts = legend.map { line in Self.columns(line).first { $0.0 == "바" }?.1 }
        #expect(Set(starts).count == 1, "\(legend)")

        // Each ruler line is as wide as the token line above it.
        let body = lines.dropFirst().prefix { !$0.contains("바이트") }
        #expect(body.count % 2 == 0)
        for pair in stride(from: body.startIndex, to: body.endIndex, by: 2) {
            #expect(TextWidth.columns(body[pair]) == TextWidth.columns(body[pair + 1]))
        }
    }

    @Test("timeline marks now at one column", arguments: [80, 120])
    func timelineNow(width: Int) {
        let lines = PictureFixtures.timeline(.korean, style: Style(enabled: false), width: width)
        let bars = lines.filter { $0.contains("==") }
        #expect(bars.count == 2)
        let nowColumns = bars.map { line in Self.columns(line).first { $0.0 == "^" }?.1 }
        #expect(nowColumns[0] != nil)
        #expect(Set(nowColumns).count == 1, "\(bars)")
    }
}
