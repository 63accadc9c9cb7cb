/// The operations a store offers inside one transaction.
///
/// Everything done through one `RefreshTokenTransaction` commits together
/// or not at all, and no other writer runs in between, so two refreshes of
/// one token cannot both see it active.
public protocol RefreshTokenTransaction {
    /// Returns the record whose token hashes to `tokenHash`, if any.
    func record(hash tokenHash: String) throws -> RefreshTokenRecord?
    func insert(_ record: RefreshTokenRecord) throws
    /// Marks an active token rotated and links it to its successor.
    func markRotated(hash tokenHash: String, replacedBy successorHash: String) throws
    /// Revokes every token of `familyID` that is not revoked yet.
    ///
    /// - Returns: the records as they were before revocation, for display.
    func revokeFamily(_ familyID: String, reason: String) throws -> [RefreshTokenRecord]
    /// Records that an active token was used at `time` without rotation.
    func markUsed(hash tokenHash: String, at time: Int64) throws
    /// Adds `familyID` to the access-token denylist until `expiresAt`,
    /// when every access token of the family has expired anyway.
    func denyFamily(_ familyID: String, until expiresAt: Int64) throws
}

/// Server-side storage of refresh-token records.
public protocol RefreshTokenStore: Sendable {
    /// Runs `body` in one write transaction: commits when it returns,
    /// rolls back when it throws, and rethrows the body's own error.
    func transaction<T>(_ body: (any RefreshTokenTransaction) throws -> T) throws -> T
    /// Returns every record, oldest first.
    func allRecords() throws -> [RefreshTokenRecord]
    /// Returns the denied family ids with their expiry, dropping the ones
    /// that expired before `now`.
    func deniedFamilies(now: Int64) throws -> [String: Int64]
    /// Returns when the denylist entry of `familyID` expires, or nil when
    /// the family is not on it. Expired entries may still be returned, so
    /// callers compare with their clock. One point read, for every access
    /// token check, so that a family denied through one server is refused
    /// by every server sharing the store.
    func deniedUntil(familyID: String) throws -> Int64?
    /// A short name for logs and the REPL, such as `sqlite`.
    var kind: String { get }
}
