import JOSE

extension AuthService {
    /// Exchanges a refresh token for a new access token and, with rotation
    /// on, a new refresh token.
    ///
    /// With a grace window, the token rotated last may come back within
    /// the window, and it gets the same successor again. Any older token is
    /// reuse, inside the window or not.
    public func refresh(token: String) throws -> TokenGrant {
        let policy = self.policy
        let now = clock.now
        let presentedHash = Self.hash(token)
        // A successor derived from the parent can be handed out again in
        // the grace window; a random one cannot, and is used without one.
        let successor: String? =
            if !policy.rotation { nil } else if policy.graceWindow > 0 { try derivedSuccessor(of: presentedHash) } else {
                newRefreshToken()
            }

        let outcome: RefreshOutcome = try store.transaction { transaction in
            guard let record = try transaction.record(hash: presentedHash) else {
                return .rejected(.unknownRefreshToken)
            }
            switch record.status {
            case .revoked:
                return .rejected(.refreshTokenRevoked(reason: record.revocationReason ?? "revoked"))
            case .rotated:
                if let replay = try graceReplay(of: record, in: transaction, policy: policy, now: now) {
                    return replay
                }
                guard policy.reuseResponse == .revokeFamily else {
                    return .reused(record, revoked: [])
                }
                let revoked = try transaction.revokeFamily(record.familyID, reason: "reuse_detected")
                if policy.denylist {
                    try transaction.denyFamily(record.familyID, until: now + policy.accessTokenLifetime)
                }
                return .reused(record, revoked: revoked)
            case .active:
                break
            }

            guard now < record.expiresAt else {
                return .rejected(.refreshTokenExpired(expiredAt: record.expiresAt, now: now))
            }
            if let idleLimit = policy.refreshTokenIdleLifetime, now - record.lastUsedAt > idleLimit {
                // An idle session is over: its other tokens go too, so the
                // store shows why the next refresh fails.
                _ = try transaction.revokeFamily(record.familyID, reason: "idle_timeout")
                return .rejected(.refreshTokenIdle(idleFor: now - record.lastUsedAt, limit: idleLimit))
            }

            if let successor {
                let successorHash = Self.hash(successor)
                try transaction.insert(
                    RefreshTokenRecord(
                        tokenHash: successorHash, familyID: record.familyID, parentHash: record.tokenHash,
                        subject: record.subject, issuedAt: now, expiresAt: record.expiresAt, status: .active))
                try transaction.markRotated(hash: record.tokenHash, replacedBy: successorHash)
            } else {
                try transaction.markUsed(hash: record.tokenHash, at: now)
            }
            return .accepted(record, successor: successor, replay: false)
        }

        return try finish(outcome, policy: policy, now: now)
    }

    /// Returns the outcome for a rotated token presented again inside the
    /// grace window, or nil when it is reuse.
    ///
    /// It qualifies only while its successor is still the family's active
    /// token (so only the immediately previous token), less than
    /// `graceWindow` seconds after the rotation, and when the successor was
    /// derived rather than random (rotated while the window was on).
    private func graceReplay(
        of record: RefreshTokenRecord, in transaction: any RefreshTokenTransaction, policy: Policy, now: Int64
    ) throws -> RefreshOutcome? {
        guard policy.graceWindow > 0, let successorHash = record.replacedBy,
            let successor = try transaction.record(hash: successorHash),
            successor.status == .active, now < successor.issuedAt + policy.graceWindow,
            now < successor.expiresAt
        else { return nil }

        let token = try derivedSuccessor(of: record.tokenHash)
        guard Self.hash(token) == successorHash else { return nil }
        return .accepted(record, successor: token, replay: true)
    }

    /// Logs the outcome and turns it into a grant or an error, after the
    /// transaction committed: throwing inside it would roll back a
    /// revocation.
    private func finish(_ outcome: RefreshOutcome, policy: Policy, now: Int64) throws -> TokenGrant {
        switch outcome {
        case .rejected(let error):
            log.log(
                LogEntry(level: .warning, event: "refresh.rejected", metadata: [("reason", error.code), ("detail", error.description)]))
            throw error

        case .reused(let record, let revoked):
            let familyRevoked = policy.reuseResponse == .revokeFamily
            if familyRevoked && policy.denylist {
                deny(record.familyID, until: now + policy.accessTokenLifetime)
            }
            log.log(
                LogEntry(
                    level: .warning, event: "refresh.reuse_detected",
                    metadata: [
                        ("user.sub", record.subject), ("token.family", record.familyID),
                        ("token.hash", String(record.tokenHash.prefix(12))),
                        ("tokens.revoked", "\(revoked.count)"),
                    ]))
            throw AuthError.refreshTokenReused(familyRevoked: familyRevoked)

        case .accepted(let record, let successor, let replay):
            guard let user = usersBySubject[record.subject] else {
                throw AuthError.unknownRefreshToken
            }
            let access = try issueAccessToken(for: user, familyID: record.familyID, now: now, policy: policy)
            log.log(
                LogEntry(
                    level: .info, event: replay ? "refresh.grace_replay" : "refresh.succeeded",
                    metadata: [
                        ("user.sub", record.subject), ("token.family", record.familyID), ("token.jti", access.id),
                        // A grace replay hands back a successor that already
                        // exists: nothing rotates.
                        ("rotated", successor == nil || replay ? "no" : "yes"),
                    ]))
            return TokenGrant(
                accessToken: access.token, accessTokenID: access.id, refreshToken: successor,
                refreshTokenExpiresAt: record.expiresAt, expiresIn: policy.accessTokenLifetime,
                subject: record.subject, familyID: record.familyID, gracePeriodReplay: replay)
        }
    }
}

/// The decision of one refresh transaction. Errors are thrown after commit
/// so a reuse revocation is kept.
private enum RefreshOutcome {
    /// `successor` is nil with rotation off; `replay` marks a grace-window
    /// repeat that returns the successor issued before.
    case accepted(RefreshTokenRecord, successor: String?, replay: Bool)
    case reused(RefreshTokenRecord, revoked: [RefreshTokenRecord])
    case rejected(AuthError)
}
