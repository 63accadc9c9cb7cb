import Foundation

/// Refresh-token records in Redis, under the keys of one namespace (see
/// `RedisKeySpace`), shared safely by several server processes.
///
/// A transaction is optimistic: its body's reads `WATCH` their keys, its
/// writes are kept until the body returns, and then go out between `MULTI`
/// and `EXEC`. If any other client changed a watched key in between,
/// Redis discards the block and the body runs again, up to `maximumTries`
/// times. A committed body therefore saw exactly the data it changed, as
/// under SQLite's `BEGIN IMMEDIATE`. Two refreshes of one token both read
/// its record, so at most one of them commits a rotation, and the other
/// runs again and finds the token rotated.
///
/// One connection serves the store, behind a lock, because `WATCH` belongs
/// to a connection: two threads sharing it would watch for each other.
/// Within one process the lock serialises transactions, as the SQLite
/// store's lock does, so only writes from other processes trip a `WATCH`.
public final class RedisRefreshTokenStore: RefreshTokenStore, @unchecked Sendable {
    /// How many times a transaction body runs before the store gives up
    /// with `RedisError.tooManyConflicts`. Every conflict means another
    /// client committed, so reaching this takes a stream of other writes.
    public static let maximumTries = 50

    public let endpoint: RedisEndpoint
    public let namespace: String
    public var kind: String { "redis" }

    private let connection: RedisConnection
    private let keys: RedisKeySpace
    private let lock = NSLock()

    /// Connects to `endpoint` and uses the keys under
    /// `tokenlab:<namespace>:`.
    ///
    /// - Parameters:
    ///   - namespace: 1 to 64 letters, digits, `.`, `_` or `-`; check
    ///     user input with `isValid(namespace:)` first.
    ///   - timeout: seconds allowed for connecting and for each reply.
    public init(endpoint: RedisEndpoint, namespace: String, timeout: Double = 5) throws(RedisError) {
        self.endpoint = endpoint
        self.namespace = namespace
        self.keys = RedisKeySpace(namespace: namespace)
        self.connection = try RedisConnection(endpoint: endpoint, timeout: timeout)
    }

    /// Returns whether `namespace` can name a store's keys.
    public static func isValid(namespace: String) -> Bool {
        RedisKeySpace.isValid(namespace: namespace)
    }

    public func transaction<T>(_ body: (any RefreshTokenTransaction) throws -> T) throws -> T {
        try run { transaction in try body(transaction) }
    }

    public func allRecords() throws -> [RefreshTokenRecord] {
        try run { transaction in try transaction.allRecords() }
    }

    public func deniedFamilies(now: Int64) throws -> [String: Int64] {
        try run { transaction in try transaction.deniedFamilies(now: now) }
    }

    public func deniedUntil(familyID: String) throws -> Int64? {
        try lock.withLock {
            let reply = try connection.command(["HGET", keys.denylist, familyID])
            switch reply {
            case .null:
                return nil
            case .string(let text):
                guard let expiresAt = Int64(text) else {
                    throw RedisError.unexpectedReply(command: "HGET", reply: "\(reply)")
                }
                return expiresAt
            default:
                throw RedisError.unexpectedReply(command: "HGET", reply: "\(reply)")
            }
        }
    }

    /// Deletes every key of this store's namespace, for a REPL that leaves
    /// or a test that ends.
    ///
    /// - Returns: the number of keys deleted.
    @discardableResult
    public func deleteNamespace() throws -> Int {
        try lock.withLock {
            var deleted = 0
            var cursor = "0"
            repeat {
                let reply = try connection.command(["SCAN", cursor, "MATCH", keys.pattern, "COUNT", "500"])
                guard case .array(let parts) = reply, parts.count == 2, case .string(let next) = parts[0],
                    case .array(let found) = parts[1]
                else {
                    throw RedisError.unexpectedReply(command: "SCAN", reply: "\(reply)")
                }
                let names = found.compactMap { item -> String? in
                    if case .string(let name) = item { return name }
                    return nil
                }
                if !names.isEmpty, case .integer(let count) = try connection.command(["DEL"] + names) {
                    deleted += Int(count)
                }
                cursor = next
            } while cursor != "0"
            return deleted
        }
    }

    /// Runs `body` on fresh transactions until one commits, and returns its
    /// result. A body that throws is run again if another client changed
    /// what it read; otherwise its own error is rethrown.
    private func run<T>(_ body: (RedisTransaction) throws -> T) throws -> T {
        try lock.withLock {
            for _ in 0..<Self.maximumTries {
                let transaction = RedisTransaction(connection: connection, keys: keys)
                let result: T
                do {
                    result = try body(transaction)
                } catch {
                    // A failed check leaves the error as it is: the body's
                    // error is the one worth reporting.
                    if (try? transaction.isStale()) == true {
                        continue
                    }
                    throw error
                }
                if try transaction.commit() {
                    return result
                }
            }
            throw RedisError.tooManyConflicts(tries: Self.maximumTries)
        }
    }
}
