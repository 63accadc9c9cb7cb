import Foundation

/// Refresh-token records in one SQLite file, in WAL mode.
///
/// One connection serves every request, behind a lock: SQLite answers
/// contention between writer connections with growing sleeps, and one
/// writer fed in turn keeps latency flat. Transactions use
/// `BEGIN IMMEDIATE`, which takes the write lock before the first read, so
/// a token's status cannot change between reading and updating it.
public final class SQLiteRefreshTokenStore: RefreshTokenStore, @unchecked Sendable {
    public let path: String
    public var kind: String { "sqlite" }

    private let connection: SQLiteConnection
    private let lock = NSLock()

    private static let schema = """
        CREATE TABLE IF NOT EXISTS refresh_tokens (
            token_hash TEXT PRIMARY KEY NOT NULL,
            family_id TEXT NOT NULL,
            parent_hash TEXT,
            subject TEXT NOT NULL,
            issued_at INTEGER NOT NULL,
            expires_at INTEGER NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('active', 'rotated', 'revoked')),
            replaced_by TEXT,
            revocation_reason TEXT,
            last_used_at INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX IF NOT EXISTS refresh_tokens_family ON refresh_tokens (family_id);
        CREATE TABLE IF NOT EXISTS access_denylist (
            family_id TEXT PRIMARY KEY NOT NULL,
            expires_at INTEGER NOT NULL
        );
        """

    /// Opens or creates the store at `path` and applies the schema.
    public init(path: String) throws(SQLiteError) {
        self.path = path
        self.connection = try SQLiteConnection(path: path)
        try connection.query("PRAGMA journal_mode = WAL")
        try connection.execute("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;")
        try connection.execute(Self.schema)
        try addLastUsedColumnIfMissing()
    }

    /// Upgrades a store file written before the idle limit existed: such
    /// rows count as last used when issued.
    private func addLastUsedColumnIfMissing() throws(SQLiteError) {
        let columns = try connection.query("PRAGMA table_info(refresh_tokens)")
        let names = columns.compactMap { row -> String? in
            if row.count > 1, case .text(let name) = row[1] { return name }
            return nil
        }
        guard !names.contains("last_used_at") else { return }
        try connection.execute(
            """
            BEGIN IMMEDIATE;
            ALTER TABLE refresh_tokens ADD COLUMN last_used_at INTEGER NOT NULL DEFAULT 0;
            UPDATE refresh_tokens SET last_used_at = issued_at;
            COMMIT;
            """)
    }

    public func transaction<T>(_ body: (any RefreshTokenTransaction) throws -> T) throws -> T {
        try lock.withLock {
            try connection.execute("BEGIN IMMEDIATE")
            let result: T
            do {
                result = try body(SQLiteTransaction(connection: connection))
            } catch {
                // The body's error is the one worth reporting; a failed
                // rollback leaves SQLite to roll back on the next BEGIN.
                try? connection.execute("ROLLBACK")
                throw error
            }
            do {
                try connection.execute("COMMIT")
            } catch {
                try? connection.execute("ROLLBACK")
                throw error
            }
            return result
        }
    }

    public func allRecords() throws -> [RefreshTokenRecord] {
        try lock.withLock {
            try connection.query("SELECT \(SQLiteTransaction.columns) FROM refresh_tokens ORDER BY rowid")
                .map(SQLiteTransaction.record(from:))
        }
    }

    public func deniedFamilies(now: Int64) throws -> [String: Int64] {
        try lock.withLock {
            try connection.query("DELETE FROM access_denylist WHERE expires_at <= ?", [.integer(now)])
            var denied: [String: Int64] = [:]
            for row in try connection.query("SELECT family_id, expires_at FROM access_denylist") {
                if case .text(let family) = row[0], case .integer(let expiresAt) = row[1] {
                    denied[family] = expiresAt
                }
            }
            return denied
        }
    }

    public func deniedUntil(familyID: String) throws -> Int64? {
        try lock.withLock {
            let rows = try connection.query(
                "SELECT expires_at FROM access_denylist WHERE family_id = ?", [.text(familyID)])
            guard let row = rows.first, case .integer(let expiresAt) = row[0] else { return nil }
            return expiresAt
        }
    }

    /// Moves the write-ahead log into the database file, so the file alone
    /// contains every committed change. For a clean shutdown.
    public func checkpoint() throws {
        _ = try lock.withLock {
            try connection.query("PRAGMA wal_checkpoint(TRUNCATE)")
        }
    }

    /// Runs SQLite's own consistency check and returns its verdict (`ok`
    /// when the file is sound).
    public func integrityCheck() throws -> String {
        try lock.withLock {
            let rows = try connection.query("PRAGMA integrity_check")
            return rows.compactMap { row in
                if case .text(let text) = row.first { return text }
                return nil
            }.joined(separator: "; ")
        }
    }
}

/// The SQL behind one transaction of `SQLiteRefreshTokenStore`.
struct SQLiteTransaction: RefreshTokenTransaction {
    let connection: SQLiteConnection

    static let columns =
        "token_hash, family_id, parent_hash, subject, issued_at, expires_at, status, replaced_by, revocation_reason, last_used_at"

    func record(hash tokenHash: String) throws -> RefreshTokenRecord? {
        let rows = try connection.query(
            "SELECT \(Self.columns) FROM refresh_tokens WHERE token_hash = ?", [.text(tokenHash)])
        return try rows.first.map(Self.record(from:))
    }

    func insert(_ record: RefreshTokenRecord) throws {
        try connection.query(
            "INSERT INTO refresh_tokens (\(Self.columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                .text(record.tokenHash), .text(record.familyID), Self.optional(record.parentHash),
                .text(record.subject), .integer(record.issuedAt), .integer(record.expiresAt),
                .text(record.status.rawValue), Self.optional(record.replacedBy),
                Self.optional(record.revocationReason), .integer(record.lastUsedAt),
            ])
    }

    func markRotated(hash tokenHash: String, replacedBy successorHash: String) throws {
        try connection.query(
            "UPDATE refresh_tokens SET status = 'rotated', replaced_by = ? WHERE token_hash = ? AND status = 'active'",
            [.text(successorHash), .text(tokenHash)])
        guard connection.changes == 1 else {
            throw SQLiteError(operation: "rotate", message: "the token was not active when rotated", code: 0)
        }
    }

    func revokeFamily(_ familyID: String, reason: String) throws -> [RefreshTokenRecord] {
        let before = try connection.query(
            "SELECT \(Self.columns) FROM refresh_tokens WHERE family_id = ? AND status != 'revoked' ORDER BY rowid",
            [.text(familyID)]
        ).map(Self.record(from:))
        try connection.query(
            "UPDATE refresh_tokens SET status = 'revoked', revocation_reason = ? WHERE family_id = ? AND status != 'revoked'",
            [.text(reason), .text(familyID)])
        return before
    }

    func markUsed(hash tokenHash: String, at time: Int64) throws {
        try connection.query(
            "UPDATE refresh_tokens SET last_used_at = ? WHERE token_hash = ? AND status = 'active'",
            [.integer(time), .text(tokenHash)])
    }

    func denyFamily(_ familyID: String, until expiresAt: Int64) throws {
        try connection.query(
            """
            INSERT INTO access_denylist (family_id, expires_at) VALUES (?, ?)
            ON CONFLICT (family_id) DO UPDATE SET expires_at = max(expires_at, excluded.expires_at)
            """,
            [.text(familyID), .integer(expiresAt)])
    }

    static func optional(_ text: String?) -> SQLiteValue {
        text.map(SQLiteValue.text) ?? .null
    }

    static func record(from row: [SQLiteValue]) throws -> RefreshTokenRecord {
        func text(_ index: Int) throws -> String {
            guard case .text(let value) = row[index] else {
                throw SQLiteError(operation: "read row", message: "column \(index) is not text", code: 0)
            }
            return value
        }
        func optionalText(_ index: Int) -> String? {
            if case .text(let value) = row[index] { return value }
            return nil
        }
        func integer(_ index: Int) throws -> Int64 {
            guard case .integer(let value) = row[index] else {
                throw SQLiteError(operation: "read row", message: "column \(index) is not an integer", code: 0)
            }
            return value
        }

        guard row.count == 10 else {
            throw SQLiteError(operation: "read row", message: "expected 10 columns, got \(row.count)", code: 0)
        }
        let statusText = try text(6)
        guard let status = RefreshTokenRecord.Status(rawValue: statusText) else {
            throw SQLiteError(operation: "read row", message: "unknown status \(statusText)", code: 0)
        }
        return RefreshTokenRecord(
            tokenHash: try text(0), familyID: try text(1), parentHash: optionalText(2), subject: try text(3),
            issuedAt: try integer(4), expiresAt: try integer(5), status: status,
            replacedBy: optionalText(7), revocationReason: optionalText(8), lastUsedAt: try integer(9))
    }
}
