import Testing

@testable import TokenServer

@Suite("LogEntry")
struct LogEntryTests {
    @Test("plain values stay bare and others are quoted")
    func quoting() {
        let entry = LogEntry(
            level: .warning, event: "refresh.rejected",
            metadata: [
                ("reason", "invalid_grant"), ("detail", "refresh token revoked (logout)"),
                ("user.name", "a\"b\\c\nd"), ("empty", ""),
            ])
        #expect(
            entry.line
                == #"warning refresh.rejected reason=invalid_grant detail="refresh token revoked (logout)" user.name="a\"b\\c\nd" empty="""#
        )
    }

    @Test("Hangul stays readable")
    func hangul() {
        let entry = LogEntry(level: .warning, event: "login.failed", metadata: [("user.name", "홍길동")])
        #expect(entry.line == "warning login.failed user.name=홍길동")
        #expect(LogEntry.quoted("홍 길동") == "\"홍 길동\"")
    }

    @Test(
        "forged fields and lines are escaped",
        arguments: [
            ("hong role=admin", #""hong role=admin""#),
            ("a=b", #""a=b""#),
            ("hong\nwarning login.ok user.name=admin", #""hong\nwarning login.ok user.name=admin""#),
            ("hong\rx", #""hong\u{d}x""#),
            ("\u{1B}[2Khong", #""\u{1b}[2Khong""#),
            ("홍\u{202E}nimda", #""홍\u{202e}nimda""#),
            ("hong\u{2028}x", #""hong\u{2028}x""#),
            ("홍\u{3000}길동", #""홍\u{3000}길동""#),
            ("a\u{200B}b", #""a\u{200b}b""#),
        ])
    func forgery(value: String, expected: String) {
        let line = LogEntry(level: .warning, event: "login.failed", metadata: [("user.name", value)]).line
        #expect(line == "warning login.failed user.name=" + expected)
        #expect(!line.contains("\n"))
        #expect(!line.contains("\r"))
    }

    @Test("loggable keeps Hangul, cuts at 32")
    func loginFailedHangul() {
        #expect(AuthService.loggable("홍길동") == "홍길동")
        #expect(AuthService.loggable(String(repeating: "가", count: 40)) == String(repeating: "가", count: 32))
    }
}
