/// One optimistic try of a `RedisRefreshTokenStore` transaction.
///
/// Every read first `WATCH`es the keys it reads. Writes are kept here, and
/// the body's later reads return them. `commit()` sends them between
/// `MULTI` and `EXEC`. Redis runs that block only if no watched key changed
/// since it was watched. Otherwise `EXEC` returns nil, and the store runs
/// the body again on a fresh transaction.
final class RedisTransaction: RefreshTokenTransaction {
    private let connection: RedisConnection
    private let keys: RedisKeySpace

    private var watched: Set<String> = []
    /// Records read or written so far, by token hash; nil for a hash that
    /// was looked up and is not stored.
    private var known: [String: RefreshTokenRecord?] = [:]
    /// Hashes of the records to write at commit, in the order first changed.
    private var changed: [String] = []
    /// Records inserted by this transaction, in order.
    private var inserted: [(tokenHash: String, familyID: String)] = []
    /// The store's last sequence number when this transaction read it.
    private var sequenceBase: Int64?
    /// Denylist expiries to write at commit, by family id.
    private var denials: [String: Int64] = [:]
    /// Expired denylist entries to delete at commit.
    private var expiredDenials: [String] = []

    init(connection: RedisConnection, keys: RedisKeySpace) {
        self.connection = connection
        self.keys = keys
    }

    // MARK: - RefreshTokenTransaction

    func record(hash tokenHash: String) throws -> RefreshTokenRecord? {
        try records(hashes: [tokenHash])[0]
    }

    func insert(_ record: RefreshTokenRecord) throws {
        guard try self.record(hash: record.tokenHash) == nil else {
            throw RedisError.duplicateToken
        }
        if sequenceBase == nil {
            try watch([keys.sequence])
            sequenceBase = try Self.integer(connection.command(["GET", keys.sequence]), command: "GET") ?? 0
        }

        known[record.tokenHash] = record
        changed.append(record.tokenHash)
        inserted.append((record.tokenHash, record.familyID))
    }

    func markRotated(hash tokenHash: String, replacedBy successorHash: String) throws {
        guard var record = try self.record(hash: tokenHash), record.status == .active else {
            throw RedisError.tokenNotActive
        }
        record.status = .rotated
        record.replacedBy = successorHash
        update(record)
    }

    func revokeFamily(_ familyID: String, reason: String) throws -> [RefreshTokenRecord] {
        let familyKey = keys.family(familyID)
        try watch([familyKey])
        let stored = try Self.strings(connection.command(["ZRANGE", familyKey, "0", "-1"]), command: "ZRANGE")
        // Tokens inserted by this transaction come after every stored one,
        // as their sequence numbers will.
        let hashes = stored + inserted.filter { $0.familyID == familyID }.map(\.tokenHash)

        var before: [RefreshTokenRecord] = []
        for record in try records(hashes: hashes).compactMap({ $0 }) where record.status != .revoked {
            before.append(record)
            var revoked = record
            revoked.status = .revoked
            revoked.revocationReason = reason
            update(revoked)
        }
        return before
    }

    func markUsed(hash tokenHash: String, at time: Int64) throws {
        guard var record = try self.record(hash: tokenHash), record.status == .active else { return }
        record.lastUsedAt = time
        update(record)
    }

    func denyFamily(_ familyID: String, until expiresAt: Int64) throws {
        let current: Int64?
        if let pending = denials[familyID] {
            current = pending
        } else {
            try watch([keys.denylist])
            current = try Self.integer(connection.command(["HGET", keys.denylist, familyID]), command: "HGET")
        }
        denials[familyID] = max(current ?? expiresAt, expiresAt)
    }

    // MARK: - Reads for the store

    /// Returns every record in insertion order.
    func allRecords() throws -> [RefreshTokenRecord] {
        try watch([keys.tokens])
        let hashes = try Self.strings(connection.command(["ZRANGE", keys.tokens, "0", "-1"]), command: "ZRANGE")
        return try records(hashes: hashes).compactMap { $0 }
    }

    /// Returns the denylist, and deletes at commit the entries that expired
    /// at or before `now`.
    func deniedFamilies(now: Int64) throws -> [String: Int64] {
        try watch([keys.denylist])
        let items = try Self.strings(connection.command(["HGETALL", keys.denylist]), command: "HGETALL")
        var denied: [String: Int64] = [:]
        for index in stride(from: 0, to: items.count - 1, by: 2) {
            guard let expiresAt = Int64(items[index + 1]) else {
                throw RedisError.invalidRecord(key: keys.denylist, reason: "the expiry of one family is not an integer")
            }
            if expiresAt <= now {
                expiredDenials.append(items[index])
            } else {
                denied[items[index]] = expiresAt
            }
        }
        return denied
    }

    // MARK: - Commit

    /// Sends the writes between `MULTI` and `EXEC`.
    ///
    /// - Returns: false when another client changed a watched key, so
    ///   nothing was written and the body must run again.
    func commit() throws -> Bool {
        var commands: [[String]] = [["MULTI"]]
        for tokenHash in changed {
            guard case .some(.some(let record)) = known[tokenHash] else { continue }
            // DEL first, so a field that became nil does not survive.
            commands.append(["DEL", keys.token(tokenHash)])
            commands.append(["HSET", keys.token(tokenHash)] + RedisKeySpace.fields(of: record))
        }
        if let base = sequenceBase, !inserted.isEmpty {
            for (offset, entry) in inserted.enumerated() {
                let score = String(base + Int64(offset) + 1)
                commands.append(["ZADD", keys.tokens, score, entry.tokenHash])
                commands.append(["ZADD", keys.family(entry.familyID), score, entry.tokenHash])
            }
            commands.append(["SET", keys.sequence, String(base + Int64(inserted.count))])
        }
        for (familyID, expiresAt) in denials.sorted(by: { $0.key < $1.key }) {
            commands.append(["HSET", keys.denylist, familyID, String(expiresAt)])
        }
        if !expiredDenials.isEmpty {
            commands.append(["HDEL", keys.denylist] + expiredDenials)
        }
        commands.append(["EXEC"])

        let replies = try connection.pipeline(commands)
        // A command Redis could not queue makes EXEC fail with EXECABORT,
        // so the queued command's own error is reported instead.
        for (command, reply) in zip(commands, replies) {
            if case .error(let message) = reply {
                throw RedisError.rejected(command: command[0], message: message)
            }
        }
        switch replies.last {
        case .null:
            return false
        case .array(let results):
            // Redis does not roll back: a command that failed inside EXEC
            // leaves the others applied. Only a key of the wrong type, that
            // is a key this store did not write, can cause it.
            for result in results {
                if case .error(let message) = result {
                    throw RedisError.rejected(command: "EXEC", message: message)
                }
            }
            return true
        default:
            throw RedisError.unexpectedReply(command: "EXEC", reply: "\(replies.last ?? .null)")
        }
    }

    /// Returns whether another client changed a watched key, and ends the
    /// watch. For a body that threw: its error may come from a view that
    /// was already out of date, and then the body runs again.
    func isStale() throws -> Bool {
        let replies = try connection.pipeline([["MULTI"], ["EXEC"]])
        return replies.last == .null
    }

    // MARK: - Helpers

    private func watch(_ candidates: [String]) throws {
        let fresh = candidates.filter { !watched.contains($0) }
        guard !fresh.isEmpty else { return }
        try connection.command(["WATCH"] + fresh)
        watched.formUnion(fresh)
    }

    /// Returns the records of `hashes`, in order, reading the unknown ones
    /// in one round trip after watching their keys.
    private func records(hashes: [String]) throws -> [RefreshTokenRecord?] {
        var missing: [String] = []
        for tokenHash in hashes where known[tokenHash] == nil && !missing.contains(tokenHash) {
            missing.append(tokenHash)
        }
        if !missing.isEmpty {
            try watch(missing.map(keys.token))
            let replies = try connection.pipeline(missing.map { ["HGETALL", keys.token($0)] })
            for (tokenHash, reply) in zip(missing, replies) {
                if case .error(let message) = reply {
                    throw RedisError.rejected(command: "HGETALL", message: message)
                }
                known[tokenHash] = .some(try keys.record(hash: tokenHash, from: reply))
            }
        }
        return hashes.map { known[$0] ?? nil }
    }

    private func update(_ record: RefreshTokenRecord) {
        known[record.tokenHash] = record
        if !changed.contains(record.tokenHash) {
            changed.append(record.tokenHash)
        }
    }

    private static func integer(_ reply: RedisReply, command: String) throws -> Int64? {
        switch reply {
        case .null:
            return nil
        case .string(let text):
            guard let number = Int64(text) else {
                throw RedisError.unexpectedReply(command: command, reply: "\"\(text)\", not an integer")
            }
            return number
        default:
            throw RedisError.unexpectedReply(command: command, reply: "\(reply)")
        }
    }

    private static func strings(_ reply: RedisReply, command: String) throws -> [String] {
        guard case .array(let items) = reply else {
            throw RedisError.unexpectedReply(command: command, reply: "\(reply)")
        }
        return try items.map { item in
            guard case .string(let text) = item else {
                throw RedisError.unexpectedReply(command: command, reply: "\(item)")
            }
            return text
        }
    }
}
