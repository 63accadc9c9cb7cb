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
}
