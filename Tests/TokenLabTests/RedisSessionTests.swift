import Foundation
import Testing

@testable import TokenLab
@testable import TokenServer

/// The REPL on a Redis store: the same output as on SQLite, and no keys
/// left behind.
@Suite("REPL session on Redis")
struct RedisSessionTests {
    /// Returns the endpoint in `TOKENLAB_TEST_REDIS`, which `scripts/test` sets
    /// after starting its own redis-server.
    static func endpoint() throws -> RedisEndpoint {
        let value = ProcessInfo.processInfo.environment["TOKENLAB_TEST_REDIS"] ?? ""
        guard !value.isEmpty, case .redis(let endpoint, _) = try StoreURL.parse("redis://" + value) else {
            throw TestRedisUnset()
        }
        return endpoint
    }

    struct TestRedisUnset: Error, CustomStringConvertible {
        var description: String {
            "TOKENLAB_TEST_REDIS is not set to HOST:PORT; run scripts/test, which starts redis-server"
        }
    }

    static let commands = SessionStoryTests.story + [
        "logout", "store", "reset", "policy set denylist on", "login alice wonderland-demo", "logout", "store",
    ]

    @Test("story output matches the SQLite session")
    func sameOutput() throws {
        let endpoint = try Self.endpoint()
        let base = "replsame\(ProcessInfo.processInfo.processIdentifier)"
        let sqlite = try Session(options: .init(seed: 7, width: 200), wallClockStart: { 0 })
        let redis = try Session(options: .init(seed: 7, width: 200, store: .redis(endpoint, namespace: base)), wallClockStart: { 0 })
        defer {
            sqlite.close()
            redis.close()
        }

        for command in Self.commands {
            let expected = sqlite.execute(command)
            let actual = redis.execute(command)
            #expect(actual.output == expected.output, "\(command)")
            #expect(actual.failed == expected.failed, "\(command)")
        }
        #expect(redis.world.store.kind == "redis")
        #expect(redis.banner.contains("refresh tokens in Redis"))
    }

    @Test("close deletes the session's keys")
    func cleanup() throws {
        let endpoint = try Self.endpoint()
        let base = "replclean\(ProcessInfo.processInfo.processIdentifier)"
        let session = try Session(options: .init(seed: 7, store: .redis(endpoint, namespace: base)), wallClockStart: { 0 })
        #expect(!session.execute("login hong gildong-demo").failed)
        #expect(session.execute("reset").output.contains("2025-03-01"))
        #expect(!session.execute("login hong gildong-demo").failed)
        session.close()

        let connection = try RedisConnection(endpoint: endpoint)
        let keys = try connection.command(["KEYS", "tokenlab:\(base)-*"])
        #expect(keys == .array([]))
    }
}
