import Foundation
import Testing
import TokenClient

@testable import TokenServer

@Suite("Concurrent refreshes of one token")
struct ConcurrentRefreshTests {
    static let clients = 16
    static let rounds = 200
    /// Rounds against Redis, where each refresh costs a few round trips
    /// more than on SQLite.
    static let redisRounds = 50
    /// A bound on each test's run time; a round count this high normally
    /// takes a few seconds on loopback.
    static let timeLimit: Duration = .seconds(60)

    /// Runs up to `rounds` rounds in which all clients present the same refresh
    /// token at once, each client on its own keep-alive connection, and
    /// returns the statuses and refresh tokens of every round.
    static func race(
        server: TestServer, start token: String, rounds: Int = rounds,
        next: ([(status: Int, token: String?)]) -> String?
    ) throws -> (rounds: Int, results: [[(status: Int, token: String?)]]) {
        let connections = try (0..<clients).map { _ in try server.raw() }
        let clock = ContinuousClock()
        let started = clock.now

        var current = token
        var all: [[(status: Int, token: String?)]] = []
        for _ in 0..<rounds where clock.now - started < timeLimit {
            let presented = current
            let results = Concurrently.run(clients) { index in
                let response = try connections[index].request(
                    "POST", "/api/v1/auth/refresh", headers: [("Content-Type", "application/json")],
                    body: Array("{\"refresh_token\":\"\(presented)\"}".utf8))
                return (status: response.status, token: response.json["refresh_token"] as? String)
            }
            let round = try results.map { try $0.get() }
            all.append(round)
            guard let following = next(round) else { break }
            current = following
        }
        return (all.count, all)
    }

    @Test("without a grace window exactly one of 16 wins each round")
    func noGrace() throws {
        var policy = Policy.standard
        policy.reuseResponse = .rejectOnly
        let server = try TestServer(policy: policy, threads: 4)
        let client = server.client()
        _ = try client.login(username: "hong", password: "gildong-demo")
        let first = try #require(client.storage.refreshToken)

        let outcome = try Self.race(server: server, start: first) { round in
            round.first { $0.status == 200 }?.token
        }

        #expect(outcome.rounds == Self.rounds)
        for (index, round) in outcome.results.enumerated() {
            #expect(round.filter { $0.status == 200 }.count == 1, "round \(index)")
            #expect(round.filter { $0.status == 400 }.count == Self.clients - 1, "round \(index)")
        }
        let records = try server.records()
        #expect(records.filter { $0.status == .active }.count == 1)
        #expect(records.count == outcome.rounds + 1)
        #expect(Set(records.map(\.familyID)).count == 1)
    }

    @Test("with Redis exactly one of 16 wins each round")
    func redisNoGrace() throws {
        var policy = Policy.standard
        policy.reuseResponse = .rejectOnly
        let server = try TestServer(policy: policy, threads: 4, storeKind: .redis)
        let client = server.client()
        _ = try client.login(username: "hong", password: "gildong-demo")
        let first = try #require(client.storage.refreshToken)

        let outcome = try Self.race(server: server, start: first, rounds: Self.redisRounds) { round in
            round.first { $0.status == 200 }?.token
        }

        #expect(outcome.rounds == Self.redisRounds)
        for (index, round) in outcome.results.enumerated() {
            #expect(round.filter { $0.status == 200 }.count == 1, "round \(index)")
            #expect(round.filter { $0.status == 400 }.count == Self.clients - 1, "round \(index)")
        }
        let records = try server.records()
        #expect(records.filter { $0.status == .active }.count == 1)
        #expect(records.count == outcome.rounds + 1)
        #expect(Set(records.map(\.familyID)).count == 1)
    }

    @Test("without a grace window and reuse revoking, one wins and the family dies")
    func noGraceRevoking() throws {
        let server = try TestServer(threads: 4)
        let client = server.client()
        _ = try client.login(username: "hong", password: "gildong-demo")
        let first = try #require(client.storage.refreshToken)

        let outcome = try Self.race(server: server, start: first) { _ in nil }

        let round = try #require(outcome.results.first)
        #expect(round.filter { $0.status == 200 }.count == 1)
        #expect(try server.records().allSatisfy { $0.status == .revoked })
    }

    @Test("with a grace window all 16 get the same successor each round")
    func withGrace() throws {
        var policy = Policy.standard
        policy.graceWindow = 10
        let server = try TestServer(policy: policy, threads: 4)
        let client = server.client()
        _ = try client.login(username: "hong", password: "gildong-demo")
        let first = try #require(client.storage.refreshToken)

        let outcome = try Self.race(server: server, start: first) { round in
            round.first?.token
        }

        #expect(outcome.rounds == Self.rounds)
        for (index, round) in outcome.results.enumerated() {
            #expect(round.allSatisfy { $0.status == 200 }, "round \(index)")
            #expect(Set(round.map(\.token)).count == 1, "round \(index)")
            #expect(round.first?.token != nil, "round \(index)")
        }
        let records = try server.records()
        #expect(records.filter { $0.status == .active }.count == 1)
        #expect(records.count == outcome.rounds + 1)
    }
}
