import Foundation
import RawHTTP
import Testing
import TokenClient

@testable import TokenServer

/// `tokenlab serve --store redis://...` as separate processes sharing one
/// Redis namespace, as two instances of one service behind a load
/// balancer would.
@Suite("tokenlab serve on a shared Redis", .serialized)
struct ServeRedisTests {
    @Test("reuse on one server revokes the family on both")
    func reuseAcrossProcesses() throws {
        let namespace = TestRedis.freshNamespace()
        let store = try TestRedis.freshStore(namespace: namespace)
        defer { _ = try? store.deleteNamespace() }
        let directory = try ServeTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let secret = directory.appendingPathComponent("secret")
        try Data((0..<32).map { UInt8($0) }).write(to: secret)
        let arguments = ["--store", try TestRedis.url(namespace: namespace), "--threads", "2", "--secret-file", secret.path]

        let first = try ServeProcess(arguments: arguments)
        let second = try ServeProcess(arguments: arguments)
        let toFirst = try first.connection()
        let toSecond = try second.connection()

        let login = try #require(try ServeTests.login(toFirst))
        let rotated = try ServeTests.refresh(toSecond, login)
        #expect(rotated.status == 200)
        let successor = try #require(rotated.json["refresh_token"] as? String)

        // The first server has never seen the rotation, yet finds it in Redis.
        let reuse = try ServeTests.refresh(toFirst, login)
        #expect(reuse.status == 400)
        #expect((reuse.json["error_description"] as? String)?.contains("reuse") == true)
        #expect(try ServeTests.refresh(toSecond, successor).status == 400)
        #expect(try ServeTests.refresh(toFirst, successor).status == 400)

        let records = try store.allRecords()
        #expect(records.map(\.tokenHash) == [AuthService.hash(login), AuthService.hash(successor)])
        #expect(records.allSatisfy { $0.status == .revoked })
        #expect(records.allSatisfy { $0.revocationReason == "reuse_detected" })

        first.signal(SIGTERM)
        second.signal(SIGTERM)
        #expect(first.waitForExit(timeout: 15) == 0)
        #expect(second.waitForExit(timeout: 15) == 0)
        #expect(first.standardError.contains("refresh.reuse_detected"))
        #expect(first.standardError.contains("store: Redis at 127.0.0.1:"))
        #expect(first.standardError.contains("keys under tokenlab:\(namespace):"))
        #expect(second.standardError.contains("refresh.succeeded"))
    }

    @Test("denylist reaches the other server")
    func denylistAcrossProcesses() throws {
        let namespace = TestRedis.freshNamespace()
        let store = try TestRedis.freshStore(namespace: namespace)
        defer { _ = try? store.deleteNamespace() }
        let directory = try ServeTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let secret = directory.appendingPathComponent("secret")
        try Data((0..<32).map { UInt8($0) }).write(to: secret)
        let arguments = [
            "--store", try TestRedis.url(namespace: namespace), "--threads", "2", "--secret-file", secret.path, "--set", "denylist=on",
        ]
        let first = try ServeProcess(arguments: arguments)
        let second = try ServeProcess(arguments: arguments)
        let toFirst = try first.connection()
        let toSecond = try second.connection()

        let login = try toFirst.request(
            "POST", "/api/v1/auth/login", headers: [("Content-Type", "application/json")],
            body: Array(#"{"username":"hong","password":"gildong-demo"}"#.utf8))
        let access = try #require(login.json["access_token"] as? String)
        let refresh = try #require(login.json["refresh_token"] as? String)
        func me(_ connection: RawHTTPConnection) throws -> Int {
            try connection.request("GET", "/api/v1/me", headers: [("Authorization", "Bearer \(access)")]).status
        }
        // Both servers accept the token first, so the second has checked
        // this family before and must still see the later denial.
        #expect(try me(toFirst) == 200)
        #expect(try me(toSecond) == 200)

        let logout = try toSecond.request(
            "POST", "/api/v1/auth/logout", headers: [("Content-Type", "application/json")],
            body: Array("{\"refresh_token\":\"\(refresh)\"}".utf8))
        #expect(logout.status == 204)
        #expect(try me(toSecond) == 401)
        #expect(try me(toFirst) == 401)

        first.signal(SIGTERM)
        second.signal(SIGTERM)
        #expect(first.waitForExit(timeout: 15) == 0)
        #expect(second.waitForExit(timeout: 15) == 0)
    }

    @Test("unreachable Redis exits 1 with the fix")
    func unreachable() throws {
        let port = try RedisStoreTests.closedPort()
        let english = try ServeTests.runToExit(["--store", "redis://127.0.0.1:\(port)"])
        #expect(english.status == 1)
        #expect(english.error.contains("cannot connect to Redis at 127.0.0.1:\(port): Connection refused"))
        #expect(english.error.contains("start redis-server or pass another --store"))

        let korean = try ServeTests.runToExit(["--store", "redis://127.0.0.1:\(port)", "--lang", "ko"])
        #expect(korean.status == 1)
        #expect(korean.error.contains("127.0.0.1:\(port)의 Redis에 연결할 수 없습니다"))
    }

    @Test("bad store URL is a usage error")
    func badURL() throws {
        let result = try ServeTests.runToExit(["--store", "redis://127.0.0.1:6390?prefix=a:b"])
        #expect(result.status == 2)
        #expect(result.error.contains("the prefix \"a:b\" must be 1 to 64 letters"))
    }
}
