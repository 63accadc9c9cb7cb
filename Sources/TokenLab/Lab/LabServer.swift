import Foundation
import TokenClient
import TokenServer

/// One token server of the lab, with its own `AuthService`, HTTP daemon,
/// port and store connection. Only the store's data is shared with the
/// lab's other servers; memory, such as the denylist entries a service
/// has seen, is not.
public final class LabServer {
    /// `A`, `B`, `C`: how the REPL names the server.
    public let name: String
    public let server: TokenServer
    /// This server's connection to the shared store.
    public let store: any RefreshTokenStore
    /// The HTTP connection to this server, for the clients routed to it.
    public let transport: HTTPTransport

    init(name: String, server: TokenServer, store: any RefreshTokenStore) throws {
        self.name = name
        self.server = server
        self.store = store
        guard let baseURL = URL(string: server.baseURL) else {
            throw WorldError.serverAddress(server.baseURL)
        }
        self.transport = HTTPTransport(baseURL: baseURL)
    }

    public var service: AuthService { server.service }
}

/// Adds `server=NAME` to every entry once the lab runs more than one
/// server, so each log line names the server that wrote it. With one
/// server, entries pass through unchanged.
final class ServerNameLogSink: LogSink, @unchecked Sendable {
    private let name: String
    private let inner: any LogSink
    private let lock = NSLock()
    private var labelled = false

    init(name: String, inner: any LogSink) {
        self.name = name
        self.inner = inner
    }

    /// Starts adding the server's name, when a second server starts.
    func startLabelling() {
        lock.withLock { labelled = true }
    }

    func log(_ entry: LogEntry) {
        guard lock.withLock({ labelled }) else {
            inner.log(entry)
            return
        }
        inner.log(LogEntry(level: entry.level, event: entry.event, metadata: [("server", name)] + entry.metadata))
    }
}
