// The one file in TokenLab that calls SQLite's C API.
//
// A connection is owned by `SQLiteConnection` and closed in deinit; each
// prepared statement is owned by `SQLiteStatement` and finalized in deinit.
// Every result code is compared with SQLite's own success values, and
// failures carry sqlite3_errmsg() and the SQL, never the bound values.

internal import CSQLite
import Foundation

/// A failed SQLite call: what was attempted, SQLite's message and code.
public struct SQLiteError: Error, CustomStringConvertible, Sendable {
    public let operation: String
    public let message: String
    public let code: Int32

    public var description: String {
        "SQLite \(operation) failed (code \(code)): \(message)"
    }
}

/// A value bound to or read from a statement column.
enum SQLiteValue: Sendable, Equatable {
    case integer(Int64)
    case text(String)
    case null
}

/// One open database connection. Not thread-safe: its owner serialises use.
final class SQLiteConnection {
    private let handle: OpaquePointer

    /// Opens (creating if needed) the database file at `path`.
    init(path: String) throws(SQLiteError) {
        var handle: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        let rc = sqlite3_open_v2(path, &handle, flags, nil)
        guard rc == SQLITE_OK, let handle else {
            let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close(handle)
            throw SQLiteError(operation: "open \(path)", message: message, code: rc)
        }
        self.handle = handle

        // Another process (a second `tokenlab serve`) may hold the write
        // lock briefly; wait up to 5 s for it rather than fail at once.
        sqlite3_busy_timeout(handle, 5_000)
    }

    deinit {
        sqlite3_close_v2(handle)
    }

    /// Runs one or more statements that return no rows.
    func execute(_ sql: String) throws(SQLiteError) {
        var errorMessage: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &errorMessage)
        guard rc == SQLITE_OK else {
            let message = errorMessage.map { String(cString: $0) } ?? currentMessage
            sqlite3_free(errorMessage)
            throw SQLiteError(operation: "exec \(sql)", message: message, code: rc)
        }
    }

    /// Prepares `sql`, binds `values` to its parameters in order, and steps
    /// it to completion, returning every row.
    @discardableResult
    func query(_ sql: String, _ values: [SQLiteValue] = []) throws(SQLiteError) -> [[SQLiteValue]] {
        let statement = try SQLiteStatement(connection: self, handle: handle, sql: sql)
        try statement.bind(values)
        return try statement.rows()
    }

    /// The number of rows the last INSERT, UPDATE or DELETE changed.
    var changes: Int {
        Int(sqlite3_changes(handle))
    }

    var currentMessage: String {
        String(cString: sqlite3_errmsg(handle))
    }
}

/// A prepared statement, finalized when released.
final class SQLiteStatement {
    private let statement: OpaquePointer
    private let sql: String
    // Keeps the connection open for as long as the statement lives.
    private let connection: SQLiteConnection

    init(connection: SQLiteConnection, handle: OpaquePointer, sql: String) throws(SQLiteError) {
        var statement: OpaquePointer?
        let rc = sqlite3_prepare_v2(handle, sql, -1, &statement, nil)
        guard rc == SQLITE_OK, let statement else {
            throw SQLiteError(operation: "prepare \(sql)", message: String(cString: sqlite3_errmsg(handle)), code: rc)
        }
        self.statement = statement
        self.sql = sql
        self.connection = connection
    }

    deinit {
        sqlite3_finalize(statement)
    }

    func bind(_ values: [SQLiteValue]) throws(SQLiteError) {
        // SQLITE_TRANSIENT (-1 cast to a destructor) makes SQLite copy the
        // text before bind returns, so Swift's temporary buffer may go away.
        let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let rc: Int32
            switch value {
            case .integer(let number):
                rc = sqlite3_bind_int64(statement, index, number)
            case .text(let text):
                rc = sqlite3_bind_text(statement, index, text, -1, transient)
            case .null:
                rc = sqlite3_bind_null(statement, index)
            }
            guard rc == SQLITE_OK else {
                throw SQLiteError(operation: "bind parameter \(index) of \(sql)", message: connection.currentMessage, code: rc)
            }
        }
    }

    func rows() throws(SQLiteError) -> [[SQLiteValue]] {
        var rows: [[SQLiteValue]] = []
        while true {
            let rc = sqlite3_step(statement)
            if rc == SQLITE_DONE {
                return rows
            }
            guard rc == SQLITE_ROW else {
                throw SQLiteError(operation: "step \(sql)", message: connection.currentMessage, code: rc)
            }

            let count = sqlite3_column_count(statement)
            var row: [SQLiteValue] = []
            row.reserveCapacity(Int(count))
            for column in 0..<count {
                switch sqlite3_column_type(statement, column) {
                case SQLITE_INTEGER:
                    row.append(.integer(sqlite3_column_int64(statement, column)))
                case SQLITE_NULL:
                    row.append(.null)
                default:
                    // Text is the only other type the schema stores.
                    if let text = sqlite3_column_text(statement, column) {
                        row.append(.text(String(cString: text)))
                    } else {
                        row.append(.null)
                    }
                }
            }
            rows.append(row)
        }
    }
}
