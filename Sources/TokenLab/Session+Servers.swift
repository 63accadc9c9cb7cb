import Foundation
import JOSE
import TokenClient
import TokenServer

/// More than one token server sharing one store (`server add`, `via`),
/// and a resource server that checks access tokens with the published
/// JWK Set alone (`jwks`).
extension Session {
    /// `server add`: starts the next server, which shares the store.
    func serverAdd() throws -> [String] {
        let added: LabServer
        do {
            added = try world.addServer()
        } catch WorldError.tooManyServers(let limit) {
            throw SessionFailure(.tooManyServers(limit))
        }
        serverNames.current = world.servers.map(\.name)
        let shared = Array(world.servers.map(\.name).dropLast())
        return [text(.serverAdded(name: added.name, sharesWith: shared, store: storeName))] + serverList()
    }

    /// `servers`: one line per server with what it shares and what it keeps
    /// to itself.
    func serverList() -> [String] {
        var lines = [style.bold(text(.serversTitle(store: storeName)))]
        for labServer in world.servers {
            let signer = labServer.service.signer
            let keyID = (signer as? AsymmetricTokenSigner)?.keyIDs.first
            lines.append("  " + text(.serverLine(name: labServer.name, algorithm: signer.algorithm, keyID: keyID)))
        }
        if world.servers.count == 1 {
            lines.append(style.dim(text(.serverAddHint)))
        } else {
            lines.append(style.dim(text(.serversViaHint(world.servers[1].name))))
        }
        return lines
    }

    /// `via NAME COMMAND`: the command's requests go to server NAME, as a
    /// load balancer might send them; the clients and their tokens stay
    /// the same.
    func via(_ name: String, _ command: Command) throws -> [String] {
        guard let index = world.serverIndex(named: name) else {
            throw SessionFailure(.unknownServer(name, known: world.servers.map(\.name)))
        }
        world.route = index
        defer { world.route = 0 }
        return try run(command)
    }

    /// Returns the line saying a setting reached every server, while the
    /// lab runs more than one; nothing with one server.
    func everyServerNote() -> [String] {
        world.servers.count > 1 ? [text(.appliesToServers(world.servers.map(\.name)))] : []
    }

    /// The store's product name as prose writes it.
    var storeName: String {
        world.store.kind == "redis" ? "Redis" : "SQLite"
    }

    /// The server the current command talks to, as diagrams name it: nil
    /// while the lab runs one server, so single-server output is unchanged.
    var routedServerName: String? {
        world.servers.count > 1 ? world.routedServer.name : nil
    }

    /// `jwks`: the API, a resource server without a key of its own,
    /// fetches the JWK Set and verifies the user's access token with it.
    /// The token's `kid` picks the key, and the key's `alg` fixes the
    /// algorithm.
    func jwks() throws -> [String] {
        let exchange: HTTPExchange
        do {
            exchange = try world.transport.send(
                method: "GET", path: "/.well-known/jwks.json", headers: [("Accept", "application/json")])
        } catch {
            throw SessionFailure(.serverUnreachable(error.description))
        }
        var renderer = ExchangeRenderer(style: style, text: text, width: options.width)
        renderer.serverName = routedServerName
        var lines = [text(.jwksFetching)] + renderer.render(exchange, who: text(.apiName))
        lines.append("")

        let keySet: JWKSet
        let keys: [any JWSVerificationKey]
        do {
            keySet = try JWKSet(json: exchange.response.body)
            keys = try keySet.verificationKeys()
        } catch {
            throw SessionFailure(.tokenUnreadable(error.description))
        }
        let keyIDs = keySet.keys.compactMap { $0.keyID }
        guard !keys.isEmpty else {
            lines.append(text(.jwksEmpty))
            return lines
        }
        lines.append(text(.jwksKeys(keyIDs)))

        guard let token = world.user.storage.accessToken else {
            lines.append(style.dim(text(.jwksNoToken)))
            return lines
        }
        let tokenKeyID = (try? CompactJWS(parsing: token))?.header["kid"]?.stringValue
        let verifier = JWTVerifier(
            keys: keys,
            rules: ClaimRules(requiredClaims: ["exp", "sub"], issuer: AuthService.issuer, audience: AuthService.audience),
            requiredType: AuthService.accessTokenType)
        do {
            let claims = try verifier.verify(token, now: world.clock.now).claims
            let remaining = (try? claims.numericDate("exp")).flatMap { $0 }.map { $0 - world.clock.now } ?? 0
            lines.append(style.green(text(.jwksVerified(keyID: tokenKeyID ?? "-", remaining: text.duration(remaining)))))
        } catch {
            lines.append(style.red(text(.jwksRejected(keyID: tokenKeyID ?? "-", reason: error))))
        }
        return lines
    }
}
