import Foundation
import RawHTTP
import Testing
import TokenClient

/// `tokenlab serve --host` on each loopback family.
@Suite("tokenlab serve --host")
struct ServeHostTests {
    @Test("serves on IPv6 loopback, with the address in brackets", arguments: ["::1", "[::1]"])
    func ipv6(host: String) throws {
        let directory = try ServeTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let server = try ServeProcess(arguments: ["--host", host, "--store", "sqlite:\(directory.path)/t.db", "--threads", "1"])

        #expect(server.standardError.contains("listening on http://[::1]:\(server.port) "))
        // A raw connection, because URLSession on Linux (Swift 6.3) rejects
        // URLs with an IPv6 literal such as http://[::1]:8080 with error -1000.
        let response = try RawHTTPConnection(host: "::1", port: server.port).request("GET", "/api/v1/me")
        #expect(response.status == 401)
        #expect(response.values(of: "WWW-Authenticate").first?.hasPrefix("Bearer") == true)

        server.signal(SIGTERM)
        #expect(server.waitForExit(timeout: 15) == 0)
    }

    @Test("a host name or a malformed address is a usage error", arguments: ["localhost", "127.0.0.256", "::g", "[::1"])
    func badHost(host: String) throws {
        let result = try ServeTests.runToExit(["--store", "sqlite:unused.db", "--host", host])
        #expect(result.status == 2)
        #expect(result.error.contains("invalid --host \"\(host)\""))
        #expect(result.error.contains("::1"))
    }
}
