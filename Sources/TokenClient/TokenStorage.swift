import Foundation

/// Where a client keeps its tokens: in memory, as a native app would.
///
/// A reference type, so two clients (two browser tabs) can share one.
public final class TokenStorage: @unchecked Sendable {
    private let lock = NSLock()
    private var access: String?
    private var refresh: String?

    public init() {}

    public var accessToken: String? {
        get { lock.withLock { access } }
        set { lock.withLock { access = newValue } }
    }

    public var refreshToken: String? {
        get { lock.withLock { refresh } }
        set { lock.withLock { refresh = newValue } }
    }

    /// Forgets both tokens.
    public func clear() {
        lock.withLock {
            access = nil
            refresh = nil
        }
    }
}
