import Foundation
import JOSE

/// Forges an access token the way an attacker without the key would: edit
/// the payload, re-encode it, keep the old signature.
enum Tamper {
    struct Result {
        let token: String
        let oldRole: String
        let newRole: String
    }

    /// Swaps the `role` claim between `user` and `admin`.
    static func swapRole(in token: String) throws -> Result {
        let jws: CompactJWS
        do {
            jws = try CompactJWS(parsing: token)
        } catch {
            throw SessionFailure(.tokenUnreadable(error.description))
        }
        let oldRole = jws.claims.string("role") ?? "user"
        let newRole = oldRole == "admin" ? "user" : "admin"

        var members = jws.claims.members
        members["role"] = .string(newRole)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let payload = try encoder.encode(members)

        let forged = [jws.segments[0], Base64URL.encode(payload), jws.segments[2]].joined(separator: ".")
        return Result(token: forged, oldRole: oldRole, newRole: newRole)
    }
}
