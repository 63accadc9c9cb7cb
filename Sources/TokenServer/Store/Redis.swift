// The one file in TokenLab that calls hiredis's C API.
//
// A connection is a blocking hiredis context owned by `RedisConnection` and
// freed in deinit. Commands go out as argument vectors
// (`redisCommandArgv`), never through hiredis's format strings, so no
// value is ever parsed as part of a command. Every reply is converted to a
// `RedisReply` and freed before the call returns.

internal import CHiredis
import Foundation

/// The address of a Redis server and the number of the database to use.
public struct RedisEndpoint: Sendable, Equatable, CustomStringConvertible {
    /// An IPv4 or IPv6 address, or a host name.
    public let host: String
    public let port: UInt16
    /// The database index sent with `SELECT` after connecting (0 by default).
    public let database: Int

    public init(host: String, port: UInt16, database: Int = 0) {
        self.host = host
        self.port = port
        self.database = database
    }

    /// `host:port`, with an IPv6 address in brackets.
    public var description: String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }
}

/// A reply from Redis, as RESP2 types it.
enum RedisReply: Sendable, Equatable {
    case null
    case integer(Int64)
    case string(String)
    case array([RedisReply])
    case status(String)
    case error(String)
}

/// A failure to reach Redis or to use its data, with what to do about it.
public enum RedisError: Error, CustomStringConvertible, Sendable {
    /// The TCP connection or the `SELECT` of the database failed.
    case connectFailed(endpoint: String, reason: String)
    /// A command could not be sent, or its reply could not be read.
    case commandFailed(endpoint: String, command: String, reason: String)
    /// Redis returned an error reply to a command.
    case rejected(command: String, message: String)
    /// Redis returned a reply of a type the command never returns.
    case unexpectedReply(command: String, reply: String)
    /// A stored record is missing a field or has a malformed one.
    case invalidRecord(key: String, reason: String)
    /// Other writers changed the watched keys on every try.
    case tooManyConflicts(tries: Int)
    /// `markRotated` found the token missing or no longer active.
    case tokenNotActive
    /// `insert` found a record with the same token hash.
    case duplicateToken

    public var description: String {
        switch self {
        case .connectFailed(let endpoint, let reason):
            "cannot connect to Redis at \(endpoint): \(reason); start redis-server or pass another --store"
        case .commandFailed(let endpoint, let command, let reason):
            "Redis command \(command) to \(endpoint) failed: \(reason); check that redis-server is running, then retry"
        case .rejected(let command, let message):
            "Redis rejected \(command): \(message)"
        case .unexpectedReply(let command, let reply):
            "Redis returned an unexpected reply to \(command): \(reply)"
        case .invalidRecord(let key, let reason):
            "the Redis key \(key) is not a valid refresh-token record (\(reason)); delete it or use another ?prefix"
        case .tooManyConflicts(let tries):
            "the Redis transaction conflicted with other writers \(tries) times in a row; retry the request"
        case .tokenNotActive:
            "the token was not active when rotated"
        case .duplicateToken:
            "a refresh token with the same hash is already stored"
        }
    }
}

/// One blocking connection to Redis. Not thread-safe: its owner serialises
/// use.
///
/// Reconnect policy: after an I/O or protocol error the context is freed,
/// and the next command connects again, once. The failed command is never
/// sent again, because Redis may have applied it (an `EXEC` in particular).
/// The error goes to the caller, which decides whether to retry.
final class RedisConnection {
    let endpoint: RedisEndpoint
    /// Seconds allowed for connecting, and for each read or write after.
    let timeout: Double
    private var context: UnsafeMutablePointer<redisContext>?

    /// Connects to `endpoint` and selects its database.
    init(endpoint: RedisEndpoint, timeout: Double = 5) throws(RedisError) {
        precondition(timeout > 0, "the Redis timeout must be positive")
        self.endpoint = endpoint
        self.timeout = timeout
        try connect()
    }

    deinit {
        disconnect()
    }

    /// Sends one command and returns its reply.
    ///
    /// - Throws: `RedisError.rejected` for an error reply, and
    ///   `RedisError.commandFailed` when the connection fails.
    @discardableResult
    func command(_ arguments: [String]) throws(RedisError) -> RedisReply {
        precondition(!arguments.isEmpty, "a Redis command needs a name")
        let context = try connectedContext(for: arguments)

        let raw = Self.withArgv(arguments) { count, argv, lengths in
            redisCommandArgv(context, count, argv, lengths)
        }
        guard let raw else {
            throw failure(of: arguments, in: context)
        }
        let reply = Self.take(raw)
        if case .error(let message) = reply {
            throw .rejected(command: Self.name(of: arguments), message: message)
        }
        return reply
    }

    /// Sends every command in `commands` before reading any reply, and
    /// returns the replies in order. Error replies are returned as values,
    /// so a caller sees which command failed.
    func pipeline(_ commands: [[String]]) throws(RedisError) -> [RedisReply] {
        precondition(!commands.isEmpty && commands.allSatisfy { !$0.isEmpty }, "a Redis command needs a name")
        let context = try connectedContext(for: commands[0])

        for arguments in commands {
            let status = Self.withArgv(arguments) { count, argv, lengths in
                redisAppendCommandArgv(context, count, argv, lengths)
            }
            guard status == REDIS_OK else {
                throw failure(of: arguments, in: context)
            }
        }

        var replies: [RedisReply] = []
        replies.reserveCapacity(commands.count)
        for arguments in commands {
            var raw: UnsafeMutableRawPointer?
            guard redisGetReply(context, &raw) == REDIS_OK, let raw else {
                throw failure(of: arguments, in: context)
            }
            replies.append(Self.take(raw))
        }
        return replies
    }

    /// Returns the open context, connecting first if an earlier failure closed it.
    private func connectedContext(for arguments: [String]) throws(RedisError) -> UnsafeMutablePointer<redisContext> {
        if context == nil {
            try connect()
        }
        guard let context else {
            throw .commandFailed(endpoint: endpoint.description, command: Self.name(of: arguments), reason: "not connected")
        }
        return context
    }

    private func connect() throws(RedisError) {
        let seconds = timeout.rounded(.down)
        let interval = timeval(tv_sec: Int(seconds), tv_usec: Int((timeout - seconds) * 1_000_000))
        guard let created = redisConnectWithTimeout(endpoint.host, Int32(endpoint.port), interval) else {
            throw .connectFailed(endpoint: endpoint.description, reason: "out of memory")
        }
        guard created.pointee.err == 0 else {
            let reason = Self.errorText(of: created)
            redisFree(created)
            throw .connectFailed(endpoint: endpoint.description, reason: reason)
        }
        // Without a read timeout, a server that stops replying would block
        // a request thread for ever.
        guard redisSetTimeout(created, interval) == REDIS_OK else {
            let reason = Self.errorText(of: created)
            redisFree(created)
            throw .connectFailed(endpoint: endpoint.description, reason: reason)
        }
        context = created

        guard endpoint.database != 0 else { return }
        do {
            try command(["SELECT", String(endpoint.database)])
        } catch {
            disconnect()
            throw .connectFailed(endpoint: endpoint.description, reason: "SELECT \(endpoint.database): \(error)")
        }
    }

    private func disconnect() {
        if let context {
            redisFree(context)
        }
        context = nil
    }

    /// Builds the error for a failed send or read from hiredis's message,
    /// and frees the context, which is unusable after such a failure.
    private func failure(of arguments: [String], in context: UnsafeMutablePointer<redisContext>) -> RedisError {
        let reason = context.pointee.err == 0 ? "no reply" : Self.errorText(of: context)
        disconnect()
        return .commandFailed(endpoint: endpoint.description, command: Self.name(of: arguments), reason: reason)
    }

    /// Returns the command's name for messages. The arguments may be token
    /// hashes, so they stay out of messages.
    private static func name(of arguments: [String]) -> String {
        arguments.first?.uppercased() ?? "(empty)"
    }

    private static func errorText(of context: UnsafeMutablePointer<redisContext>) -> String {
        // errstr is a fixed char array that hiredis NUL-terminates, and the
        // scan stops at the array's end in any case.
        withUnsafeBytes(of: &context.pointee.errstr) { bytes in
            String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
        }
    }

    /// Calls `body` with a command as hiredis takes it: a count, an array
    /// of argument pointers and an array of their lengths in bytes.
    private static func withArgv<Result>(
        _ arguments: [String],
        _ body: (Int32, UnsafeMutablePointer<UnsafePointer<CChar>?>, [Int]) -> Result
    ) -> Result {
        // All arguments in one buffer with a trailing 0, so the buffer is
        // never empty and its base address never nil, even when every
        // argument is the empty string.
        var bytes: [CChar] = []
        var offsets: [Int] = []
        var lengths: [Int] = []
        for argument in arguments {
            offsets.append(bytes.count)
            lengths.append(argument.utf8.count)
            bytes.append(contentsOf: argument.utf8.map { CChar(bitPattern: $0) })
        }
        bytes.append(0)

        return bytes.withUnsafeBufferPointer { buffer in
            // The pointers are valid inside this closure only. hiredis
            // copies every argument into its output buffer before
            // redisCommandArgv or redisAppendCommandArgv returns, so none
            // outlives it.
            let base = buffer.baseAddress!
            var pointers: [UnsafePointer<CChar>?] = offsets.map { base + $0 }
            return pointers.withUnsafeMutableBufferPointer { argv in
                body(Int32(arguments.count), argv.baseAddress!, lengths)
            }
        }
    }

    /// Converts a reply and frees it.
    private static func take(_ raw: UnsafeMutableRawPointer) -> RedisReply {
        // The default reply functions of a blocking context build
        // redisReply objects, so the pointer is one. Everything is copied
        // out before freeReplyObject frees the reply and its elements.
        let reply = convert(raw.assumingMemoryBound(to: redisReply.self))
        freeReplyObject(raw)
        return reply
    }

    /// Copies a reply tree into Swift values.
    private static func convert(_ reply: UnsafeMutablePointer<redisReply>) -> RedisReply {
        let node = reply.pointee
        switch node.type {
        case REDIS_REPLY_NIL:
            return .null
        case REDIS_REPLY_INTEGER:
            return .integer(Int64(node.integer))
        case REDIS_REPLY_STRING, REDIS_REPLY_STATUS, REDIS_REPLY_ERROR:
            // str points to len bytes owned by the reply, alive until
            // freeReplyObject.
            let text = node.str.map { String(decoding: UnsafeRawBufferPointer(start: $0, count: Int(node.len)), as: UTF8.self) } ?? ""
            switch node.type {
            case REDIS_REPLY_STRING: return .string(text)
            case REDIS_REPLY_STATUS: return .status(text)
            default: return .error(text)
            }
        case REDIS_REPLY_ARRAY:
            // element points to `elements` child pointers, owned by the reply.
            var children: [RedisReply] = []
            children.reserveCapacity(Int(node.elements))
            for index in 0..<Int(node.elements) {
                if let child = node.element[index] {
                    children.append(convert(child))
                } else {
                    children.append(.null)
                }
            }
            return .array(children)
        default:
            // RESP3 types (hiredis 1.x) never arrive on a RESP2 connection.
            return .error("reply of unknown type \(node.type)")
        }
    }
}
