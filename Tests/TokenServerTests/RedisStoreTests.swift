import Foundation
import Testing

@testable import TokenServer

/// What only the Redis store has: optimistic transactions between
/// connections, namespaces, and the connection's replies and failures.
@Suite("Redis store and connection")
struct RedisStoreTests {
    /// Counts body runs from inside a non-escaping transaction body.
    final class RunCount {
        var value = 0
    }

    @Test("conflicting writer makes the body run again")
    func conflictReruns() throws {
        let namespace = TestRedis.freshNamespace()
        let first = try TestRedis.freshStore(namespace: namespace)
        defer { _ = try? first.deleteNamespace() }
        // A second connection on the same keys, as a second server process has.
        let second = try RedisRefreshTokenStore(endpoint: try TestRedis.endpoint(), namespace: namespace)
        try first.transaction { try $0.insert(StoreContractTests.record("aa01")) }

        let runs = RunCount()
        let outcome = try first.transaction { transaction -> RefreshTokenRecord.Status? in
            runs.value += 1
            let status = try transaction.record(hash: "aa01")?.status
            if runs.value == 1 {
                // The other "process" rotates the token after this body read it.
                try second.transaction { other in
                    try other.insert(StoreContractTests.record("aa02", parent: "aa01"))
                    try other.markRotated(hash: "aa01", replacedBy: "aa02")
                }
            }
            if status == .active {
                try transaction.insert(StoreContractTests.record("aa03", parent: "aa01"))
                try transaction.markRotated(hash: "aa01", replacedBy: "aa03")
            }
            return status
        }

        #expect(runs.value == 2)
        #expect(outcome == .rotated)
        let records = try first.allRecords()
        #expect(records.map(\.tokenHash) == ["aa01", "aa02"])
        #expect(records.first?.replacedBy == "aa02")
    }

    @Test("endless conflicts end with tooManyConflicts")
    func conflictLimit() throws {
        let namespace = TestRedis.freshNamespace()
        let first = try TestRedis.freshStore(namespace: namespace)
        defer { _ = try? first.deleteNamespace() }
        let second = try RedisRefreshTokenStore(endpoint: try TestRedis.endpoint(), namespace: namespace)

        let runs = RunCount()
        let error = #expect(throws: RedisError.self) {
            try first.transaction { transaction in
                runs.value += 1
                // Watches the denylist, which the other store then changes.
                try transaction.denyFamily("mine", until: 1)
                try second.transaction { try $0.denyFamily("f", until: Int64(runs.value)) }
            }
        }
        guard case .tooManyConflicts(let tries) = error else {
            Issue.record("expected tooManyConflicts, got \(String(describing: error))")
            return
        }
        #expect(tries == RedisRefreshTokenStore.maximumTries)
        #expect(runs.value == RedisRefreshTokenStore.maximumTries)
        #expect(try first.deniedFamilies(now: 0).keys.sorted() == ["f"])
    }

    @Test("namespaces are separate and deletable")
    func namespaces() throws {
        let used = try TestRedis.freshStore()
        let unused = try TestRedis.freshStore()
        defer {
            _ = try? used.deleteNamespace()
            _ = try? unused.deleteNamespace()
        }
        try used.transaction { transaction in
            try transaction.insert(StoreContractTests.record("cc01"))
            try transaction.denyFamily("family-a", until: 10)
        }

        #expect(try unused.allRecords().isEmpty)
        #expect(try unused.deniedFamilies(now: 0).isEmpty)
        // token, family, tokens, sequence and denylist keys.
        #expect(try used.deleteNamespace() == 5)
        #expect(try used.allRecords().isEmpty)
    }

    @Test("connection maps every reply type")
    func replies() throws {
        let connection = try RedisConnection(endpoint: try TestRedis.endpoint())
        let key = "tokenlab:\(TestRedis.freshNamespace()):probe"
        defer { _ = try? connection.command(["DEL", key, key + "-list"]) }

        #expect(try connection.command(["PING"]) == .status("PONG"))
        #expect(try connection.command(["GET", key]) == .null)
        #expect(try connection.command(["SET", key, "a b\r\n\"c\" 한"]) == .status("OK"))
        #expect(try connection.command(["GET", key]) == .string("a b\r\n\"c\" 한"))
        #expect(try connection.command(["SET", key, ""]) == .status("OK"))
        #expect(try connection.command(["STRLEN", key]) == .integer(0))
        #expect(try connection.command(["RPUSH", key + "-list", "x", ""]) == .integer(2))
        #expect(try connection.command(["LRANGE", key + "-list", "0", "-1"]) == .array([.string("x"), .string("")]))
        let pipelined = try connection.pipeline([["INCR", key], ["PING"]])
        #expect(pipelined.last == .status("PONG"))
        guard case .error(let message) = pipelined.first else {
            Issue.record("INCR of a non-number returned \(String(describing: pipelined.first))")
            return
        }
        #expect(message.contains("not an integer"))

        let error = #expect(throws: RedisError.self) {
            try connection.command(["INCR", key])
        }
        guard case .rejected(let command, _) = error else {
            Issue.record("expected rejected, got \(String(describing: error))")
            return
        }
        #expect(command == "INCR")
    }

    @Test("connection reconnects once after a dropped link")
    func reconnect() throws {
        let connection = try RedisConnection(endpoint: try TestRedis.endpoint())
        let killer = try RedisConnection(endpoint: try TestRedis.endpoint())
        guard case .integer(let id) = try connection.command(["CLIENT", "ID"]) else {
            Issue.record("CLIENT ID returned no integer")
            return
        }
        #expect(try killer.command(["CLIENT", "KILL", "ID", String(id)]) == .integer(1))

        let error = #expect(throws: RedisError.self) {
            try connection.command(["PING"])
        }
        guard case .commandFailed(_, let command, _) = error else {
            Issue.record("expected commandFailed, got \(String(describing: error))")
            return
        }
        #expect(command == "PING")
        #expect(try connection.command(["PING"]) == .status("PONG"))
    }

    @Test("unreachable server names the address and the fix")
    func connectRefused() throws {
        let port = try Self.closedPort()
        let error = #expect(throws: RedisError.self) {
            try RedisRefreshTokenStore(endpoint: RedisEndpoint(host: "127.0.0.1", port: port), namespace: "unused")
        }
        let text = error.map(String.init(describing:)) ?? ""
        #expect(text.contains("cannot connect to Redis at 127.0.0.1:\(port): Connection refused"))
        #expect(text.contains("start redis-server or pass another --store"))
    }

    @Test("missing database index fails at connect")
    func badDatabase() throws {
        let endpoint = try TestRedis.endpoint()
        let error = #expect(throws: RedisError.self) {
            try RedisConnection(endpoint: RedisEndpoint(host: endpoint.host, port: endpoint.port, database: 99_999))
        }
        guard case .connectFailed(_, let reason) = error else {
            Issue.record("expected connectFailed, got \(String(describing: error))")
            return
        }
        #expect(reason.contains("SELECT 99999"))
    }

    /// Returns a loopback port that nothing listens on: bound, then closed.
    static func closedPort() throws -> UInt16 {
        let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw TestRedisError("socket() failed") }
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                bind(socket, generic, length) == 0 && getsockname(socket, generic, &length) == 0
            }
        }
        guard bound else { throw TestRedisError("bind() on 127.0.0.1 failed") }
        return UInt16(bigEndian: address.sin_port)
    }
}
