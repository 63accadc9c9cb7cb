import Foundation
import TokenClient
import TokenServer

/// Facts the pictures take from a server call: which store rows changed,
/// what each exchange did to the store, and which refresh tokens the
/// clients presented.
extension Session {
    func familyChainRenderer() -> FamilyChainRenderer {
        FamilyChainRenderer(style: style, language: options.language, width: options.width, now: world.clock.now)
    }

    /// One diagram step per exchange of the call, with its store activity.
    ///
    /// The store is read once before and once after the whole call, so when
    /// a call sends several refreshes (two tabs), each rotation or
    /// revocation found in the snapshots is given to the first exchange
    /// that can explain it, in order, and later ones count as reads.
    func sequenceSteps(changes: StoreChanges) -> [SequenceRenderer.Step] {
        // A rotation stores a successor with a parent; its parent may have
        // been revoked later in the same call, so rotated rows undercount.
        var rotationsLeft = changes.inserted.filter { $0.parentHash != nil }.count
        var reuseRevocationLeft = changes.revoked.contains { $0.revocationReason == "reuse_detected" }
        var otherRevocationsLeft = changes.revoked.filter { $0.revocationReason != "reuse_detected" }.count

        // With the denylist on, a token check that passes the signature and
        // `exp` queries the store, unless the service already knew the family
        // was denied. The log entry of each denial names its source, by `jti`.
        let denylistOn = world.routedServer.service.policy.denylist
        let deniedFromMemory = Set(
            world.log.peek().filter { $0.event == "access.revoked_family" && $0.value("denylist") == "memory" }
                .compactMap { $0.value("token.jti") })

        return callExchanges.map { who, exchange in
            let status = exchange.response.status
            var activity: StoreActivity?
            switch exchange.request.path {
            case AuthClient.mePath where denylistOn:
                let description = ExchangeFacts.bodyString("error_description", in: exchange) ?? ""
                let revoked = status == 401 && description.hasPrefix("access token revoked")
                let jti = ExchangeFacts.bearerTokenID(in: exchange)
                if status == 200 || (revoked && !deniedFromMemory.contains(jti ?? "")) {
                    activity = .checkDenylist
                }
            case AuthClient.loginPath:
                activity = status == 200 ? .insert : nil
            case AuthClient.refreshPath where status == 200:
                activity = rotationsLeft > 0 ? .rotate : .read
                rotationsLeft -= 1
            case AuthClient.refreshPath where ExchangeFacts.bodyString("error", in: exchange) != "invalid_grant":
                // A request refused for its form (415, 413, a bad body) never
                // reached the store.
                activity = nil
            case AuthClient.refreshPath:
                if reuseRevocationLeft {
                    activity = .revokeFamily
                    reuseRevocationLeft = false
                } else if otherRevocationsLeft > 0 {
                    activity = .revoke
                    otherRevocationsLeft = 0
                } else {
                    activity = .read
                }
            case AuthClient.logoutPath where status < 300:
                // An unknown token is logged out with 204 and changes nothing.
                switch otherRevocationsLeft {
                case 0: activity = .read
                case 1: activity = .revoke
                default: activity = .revokeFamily
                }
                otherRevocationsLeft = 0
            default:
                activity = nil
            }
            return SequenceRenderer.Step(
                client: who, method: exchange.request.method, path: exchange.request.path, status: status, storeActivity: activity)
        }
    }

    /// Counts the call's requests that carried each refresh token, by the
    /// token's hash, in the JSON body or in a `refresh_token` cookie.
    func refreshTokenPresentations() -> [String: Int] {
        var hashes: [String: Int] = [:]
        for (_, exchange) in callExchanges {
            if let object = try? JSONSerialization.jsonObject(with: Data(exchange.request.body)) as? [String: Any],
                let token = object["refresh_token"] as? String
            {
                hashes[AuthService.hash(token), default: 0] += 1
            }
            for header in exchange.request.headers where header.name.lowercased() == "cookie" {
                for part in header.value.split(separator: ";") {
                    let pair = part.trimmingCharacters(in: .whitespaces)
                    if pair.hasPrefix("refresh_token=") {
                        hashes[AuthService.hash(String(pair.dropFirst("refresh_token=".count))), default: 0] += 1
                    }
                }
            }
        }
        return hashes
    }
}

/// The differences between two snapshots of the refresh-token store.
struct StoreChanges {
    /// Rows that exist only in the later snapshot.
    let inserted: [RefreshTokenRecord]
    /// Rows that went from active to rotated.
    let rotated: [RefreshTokenRecord]
    /// Rows that became revoked, as they are in the later snapshot.
    let revoked: [RefreshTokenRecord]
    private let statusBefore: [String: RefreshTokenRecord.Status]

    init(before: [RefreshTokenRecord], after: [RefreshTokenRecord]) {
        let previous = Dictionary(before.map { ($0.tokenHash, $0.status) }, uniquingKeysWith: { first, _ in first })
        statusBefore = previous
        inserted = after.filter { previous[$0.tokenHash] == nil }
        rotated = after.filter { previous[$0.tokenHash] == .active && $0.status == .rotated }
        revoked = after.filter { record in
            guard let old = previous[record.tokenHash] else { return false }
            return old != .revoked && record.status == .revoked
        }
    }

    /// Families with an inserted, rotated or revoked row.
    var changedFamilies: Set<String> {
        Set((inserted + rotated + revoked).map(\.familyID))
    }

    /// The tokens that triggered reuse detection: revoked for reuse in
    /// this call, and either rotated before it and presented, or presented
    /// twice within it (two tabs with one token, where the first request
    /// rotated it).
    ///
    /// - Parameter presentations: how many requests carried each token, by hash.
    func reusedHashes(presentations: [String: Int]) -> Set<String> {
        Set(
            revoked.filter { record in
                let presented = presentations[record.tokenHash] ?? 0
                let rotatedBefore = statusBefore[record.tokenHash] == .rotated
                return record.revocationReason == "reuse_detected" && (rotatedBefore ? presented >= 1 : presented >= 2)
            }.map(\.tokenHash))
    }
}
