/// The keys of one namespace of the Redis store, and how a record is laid
/// out in its hash.
///
/// Every key starts with `tokenlab:<namespace>:`, so two runs (or two
/// tests) with different namespaces never see each other's data:
///
/// | key | type | contents |
/// |---|---|---|
/// | `token:<hash>` | hash | one record, fields named as SQLite's columns |
/// | `family:<id>` | sorted set | the family's token hashes, scored by sequence number |
/// | `tokens` | sorted set | every token hash, scored by sequence number |
/// | `sequence` | string | the last sequence number handed out |
/// | `denylist` | hash | denied family id to expiry, in seconds since the epoch |
struct RedisKeySpace: Sendable {
    /// `tokenlab:<namespace>:`.
    let prefix: String

    init(namespace: String) {
        precondition(Self.isValid(namespace: namespace), "invalid Redis namespace \(namespace)")
        self.prefix = "tokenlab:\(namespace):"
    }

    /// Returns whether `namespace` is 1 to 64 letters, digits, `.`, `_` or
    /// `-`. These characters mean nothing in a `SCAN MATCH` pattern, so
    /// `pattern` matches this namespace's keys only.
    static func isValid(namespace: String) -> Bool {
        (1...64).contains(namespace.utf8.count)
            && namespace.utf8.allSatisfy { byte in
                (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                    || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                    || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                    || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
            }
    }

    func token(_ tokenHash: String) -> String { prefix + "token:" + tokenHash }
    func family(_ familyID: String) -> String { prefix + "family:" + familyID }
    var tokens: String { prefix + "tokens" }
    var sequence: String { prefix + "sequence" }
    var denylist: String { prefix + "denylist" }
    /// A `SCAN MATCH` pattern for every key of the namespace.
    var pattern: String { prefix + "*" }

    /// Returns the field-value pairs of `record` for `HSET`, flattened.
    /// Optional fields that are nil are left out.
    static func fields(of record: RefreshTokenRecord) -> [String] {
        var fields = [
            "family_id", record.familyID,
            "subject", record.subject,
            "issued_at", String(record.issuedAt),
            "expires_at", String(record.expiresAt),
            "status", record.status.rawValue,
            "last_used_at", String(record.lastUsedAt),
        ]
        if let parent = record.parentHash {
            fields += ["parent_hash", parent]
        }
        if let successor = record.replacedBy {
            fields += ["replaced_by", successor]
        }
        if let reason = record.revocationReason {
            fields += ["revocation_reason", reason]
        }
        return fields
    }

    /// Decodes an `HGETALL` reply of the record stored for `tokenHash`.
    ///
    /// - Returns: nil when the key does not exist (an empty reply).
    func record(hash tokenHash: String, from reply: RedisReply) throws(RedisError) -> RefreshTokenRecord? {
        let key = token(tokenHash)
        guard case .array(let items) = reply else {
            throw .unexpectedReply(command: "HGETALL", reply: "\(reply)")
        }
        guard !items.isEmpty else { return nil }
        guard items.count % 2 == 0 else {
            throw .invalidRecord(key: key, reason: "an odd number of field and value replies")
        }

        var values: [String: String] = [:]
        for index in stride(from: 0, to: items.count, by: 2) {
            guard case .string(let field) = items[index], case .string(let value) = items[index + 1] else {
                throw .invalidRecord(key: key, reason: "a field or value that is not a string")
            }
            values[field] = value
        }
        func text(_ field: String) throws(RedisError) -> String {
            guard let value = values[field] else {
                throw .invalidRecord(key: key, reason: "missing field \(field)")
            }
            return value
        }
        func integer(_ field: String) throws(RedisError) -> Int64 {
            let value = try text(field)
            guard let number = Int64(value) else {
                throw .invalidRecord(key: key, reason: "field \(field) is \"\(value)\", not an integer")
            }
            return number
        }

        let statusText = try text("status")
        guard let status = RefreshTokenRecord.Status(rawValue: statusText) else {
            throw .invalidRecord(key: key, reason: "unknown status \"\(statusText)\"")
        }
        return RefreshTokenRecord(
            tokenHash: tokenHash, familyID: try text("family_id"), parentHash: values["parent_hash"],
            subject: try text("subject"), issuedAt: try integer("issued_at"), expiresAt: try integer("expires_at"),
            status: status, replacedBy: values["replaced_by"], revocationReason: values["revocation_reason"],
            lastUsedAt: try integer("last_used_at"))
    }
}
