import Testing

@testable import TokenLab

/// The detail levels and pictures in a seeded session against the real
/// in-process server.
@Suite("Detail levels and pictures")
struct DetailLevelTests {
    static func session(width: Int = 80, language: Language = .english) throws -> Session {
        try Session(options: .init(language: language, seed: 7, width: width), wallClockStart: { 0 })
    }

    @Test("normal shows diagram above exchanges")
    func normalDetail() throws {
        let output = try Self.session().execute("login hong gildong-demo").output
        let diagram = try #require(output.range(of: "│── POST /api/v1/auth/login"))
        let exchange = try #require(output.range(of: "user → server  POST /api/v1/auth/login"))
        #expect(diagram.lowerBound < exchange.lowerBound)
        #expect(output.contains("── insert new family ──"))
        #expect(output.contains("Content-Type: application/json"))
        #expect(!output.contains("Content-Length:"))
        #expect(output.contains("Access token"))
        #expect(!output.contains("Token bytes by segment"))
        #expect(output.contains("Server log:"))
    }

    @Test("quiet shows diagram, outcome and store")
    func quietDetail() throws {
        let session = try Self.session()
        _ = session.execute("quiet")
        let output = session.execute("login hong gildong-demo").output
        #expect(output.contains("│── POST /api/v1/auth/login"))
        #expect(output.contains("now holds an access token and a refresh token"))
        #expect(output.contains("Store after this command"))
        #expect(!output.contains("Content-Type"))
        #expect(!output.contains("user → server"))
        #expect(!output.contains("Access token"))
        #expect(!output.contains("Server log:"))
        #expect(!output.contains("\n\n\n"))
    }

    @Test("verbose adds headers and token bytes")
    func verboseDetail() throws {
        let session = try Self.session()
        _ = session.execute("verbose")
        let output = session.execute("login hong gildong-demo").output
        #expect(output.contains("│── POST /api/v1/auth/login"))
        #expect(output.contains("Content-Length: 439"))
        #expect(output.contains("Token bytes by segment (319 bytes"))
        #expect(output.contains("hhhhhhhh"))
        #expect(output.contains("0000  7b 22 61 6c 67 22"))  // {"alg" in the header's hex dump
        for row in output.split(separator: "\n") {
            #expect(TextWidth.columns(String(row)) <= 80, "\(row)")
        }
    }

    @Test("tokens shows coloured token bytes")
    func tokensBytes() throws {
        let session = try Self.session()
        _ = session.execute("login hong gildong-demo")
        let output = session.execute("tokens").output
        #expect(output.contains("Token bytes by segment (319 bytes"))
        #expect(output.contains("header     bytes 0–39 (40 bytes)"))
    }

    @Test("refresh draws a rotation")
    func refreshRotation() throws {
        let session = try Self.session()
        _ = session.execute("login hong gildong-demo")
        let output = session.execute("refresh").output
        #expect(output.contains("── rotate ──"))
        #expect(output.contains("Refresh-token families this command changed, oldest token first"))
        #expect(output.contains("rotated      active"))
    }

    @Test("stolen token reuse is marked")
    func reuseMarked() throws {
        let session = try Self.session()
        for line in ["login hong gildong-demo", "steal refresh", "attacker refresh"] {
            _ = session.execute(line)
        }
        let output = session.execute("refresh").output
        #expect(output.contains("── revoke family ──"))
        #expect(output.contains("◀── 400 Bad Request"))
        #expect(output.contains("reused       revoked"))
        #expect(!output.contains("sub 1234567890  revoked: reuse_detected"))

        // `store` remembers which token was reused.
        let store = session.execute("store").output
        #expect(store.contains("reused       revoked"))
    }

    @Test("race marks tab 2's token reused")
    func raceReuse() throws {
        let session = try Self.session()
        _ = session.execute("login hong gildong-demo")
        let output = session.execute("race refresh").output
        #expect(output.contains("│── tab 1: POST /api/v1/auth/refresh"))
        #expect(output.contains("│── tab 2: POST /api/v1/auth/refresh"))
        #expect(output.contains("── rotate ──"))
        #expect(output.contains("── revoke family ──"))
        #expect(output.contains("reused       revoked"))
    }

    @Test("logout draws a revocation")
    func logoutRevoke() throws {
        let session = try Self.session()
        _ = session.execute("login hong gildong-demo")
        let output = session.execute("logout").output
        #expect(output.contains("│── POST /api/v1/auth/logout"))
        #expect(output.contains("── revoke ──"))
        #expect(output.contains("◀── 204 No Content"))
    }

    @Test("reset forgets reused tokens")
    func resetForgets() throws {
        let session = try Self.session()
        for line in ["login hong gildong-demo", "steal refresh", "attacker refresh", "refresh"] {
            _ = session.execute(line)
        }
        #expect(!session.reusedTokenHashes.isEmpty)
        _ = session.execute("reset")
        #expect(session.reusedTokenHashes.isEmpty)
    }

    @Test("wide session uses its width")
    func wideSession() throws {
        let session = try Self.session(width: 120)
        let login = session.execute("login hong gildong-demo").output
        let diagramRow = try #require(login.split(separator: "\n").first { $0.contains("│── POST") })
        #expect(TextWidth.columns(String(diagramRow)) > 100)

        let timeline = session.execute("timeline").output
        let bar = try #require(timeline.split(separator: "\n").first { $0.contains("==") })
        #expect(TextWidth.columns(String(bar)) > 100)
        for row in (login + "\n" + timeline).split(separator: "\n") {
            #expect(TextWidth.columns(String(row)) <= 120, "\(row)")
        }
    }

    @Test("Korean quiet session fits 80 columns")
    func koreanQuiet() throws {
        let session = try Self.session(language: .korean)
        _ = session.execute("quiet")
        var output = ""
        for line in ["login hong gildong-demo", "steal refresh", "attacker refresh", "refresh", "store"] {
            output += session.execute(line).output + "\n"
        }
        #expect(output.contains("── 패밀리 폐기 ──"))
        #expect(output.contains("재사용됨"))
        for row in output.split(separator: "\n") {
            #expect(TextWidth.columns(String(row)) <= 80, "\(row)")
        }
    }
}
