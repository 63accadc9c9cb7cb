import Foundation
import Testing

@testable import TokenServer

/// The store backends that tests run against.
enum StoreKind: String, CaseIterable, Sendable {
    case sqlite
    case redis
}

/// A fresh, empty store of one kind, deleted when released: a SQLite file
/// in a temporary directory, or a Redis namespace of its own.
final class StoreFixture {
    let store: any RefreshTokenStore
    private let directory: URL?

    init(_ kind: StoreKind) throws {
        switch kind {
        case .sqlite:
            let directory = FileManager.default.temporaryDirectory
                .appendingPathComponent("tokenlab-store-\(ProcessInfo.processInfo.processIdentifier)-\(TestRedis.counter.next())")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            self.directory = directory
            store = try SQLiteRefreshTokenStore(path: directory.appendingPathComponent("tokens.sqlite3").path)
        case .redis:
            directory = nil
            store = try TestRedis.freshStore()
        }
    }

    deinit {
        if let directory {
            try? FileManager.default.removeItem(at: directory)
        }
        try? (store as? RedisRefreshTokenStore)?.deleteNamespace()
    }
}

/// The redis-server the tests use, named by `TOKENLAB_TEST_REDIS`.
enum TestRedis {
    static let counter = Counter()

    /// Returns the endpoint in `TOKENLAB_TEST_REDIS` (`HOST:PORT`), which
    /// `scripts/test` sets after starting its own redis-server.
    static func endpoint() throws -> RedisEndpoint {
        guard let value = ProcessInfo.processInfo.environment["TOKENLAB_TEST_REDIS"], !value.isEmpty else {
            throw TestRedisError(
                "TOKENLAB_TEST_REDIS is not set; run scripts/test, which starts redis-server, "
                    + "or start one on 127.0.0.1 and set TOKENLAB_TEST_REDIS=127.0.0.1:PORT")
        }
        guard case .redis(let endpoint, _) = try StoreURL.parse("redis://" + value) else {
            throw TestRedisError("TOKENLAB_TEST_REDIS=\(value) is not HOST:PORT")
        }
        return endpoint
    }

    /// `redis://HOST:PORT?prefix=NAME` for `tokenlab serve --store`.
    static func url(namespace: String) throws -> String {
        "redis://\(try endpoint())?prefix=\(namespace)"
    }

    /// Returns a namespace that no other test of any run uses at the same time.
    static func freshNamespace() -> String {
        "test-\(ProcessInfo.processInfo.processIdentifier)-\(counter.next())"
    }

    /// Opens a store in a fresh, emptied namespace. The caller deletes it.
    static func freshStore(namespace: String = freshNamespace()) throws -> RedisRefreshTokenStore {
        let store = try RedisRefreshTokenStore(endpoint: try endpoint(), namespace: namespace)
        try store.deleteNamespace()
        return store
    }
}

struct TestRedisError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
