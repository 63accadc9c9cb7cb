import Foundation
import Testing

@Suite("tokenlab serve --set")
struct ServePolicyFlagTests {
    @Test("--set changes the policy after the file, in order")
    func applied() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "tokenlab-serve-set-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let policyFile = directory.appendingPathComponent("policy.json")
        try Data(#"{"grace": "5s", "access-ttl": "5m"}"#.utf8).write(to: policyFile)

        let server = try ServeProcess(arguments: [
            "--store", "sqlite:\(directory.path)/t.db", "--threads", "1", "--policy", policyFile.path,
            "--set", "grace=10s", "--set", "denylist=on",
        ])
        defer { server.signal(SIGTERM) }
        // The policy line follows the "listening on" line the start waited for.
        #expect(server.waitForStandardError(containing: "denylist="))
        let log = server.standardError
        #expect(log.contains("access-ttl=5m"))
        #expect(log.contains("grace=10s"))
        #expect(log.contains("denylist=on"))
    }

    @Test("a malformed or invalid --set is a usage error")
    func rejected() throws {
        for setting in ["grace", "=10s", "grace=99s", "bogus=1"] {
            #expect(throws: ServeProcessError.self) {
                _ = try ServeProcess(arguments: ["--store", "sqlite:/tmp/tokenlab-unused.db", "--set", setting], timeout: 5)
            }
        }
    }
}
