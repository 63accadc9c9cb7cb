import Foundation
import JOSE
import TokenClient
import TokenServer

/// Commands that send requests to the token server, and the
/// explanations of what the server answered.
extension Session {
    func login(_ actor: Actor, username: String, password: String) throws -> [String] {
        try withServerCall { () throws(TransportError) in
            let exchange = try world.client(actor).login(username: username, password: password)
            var lines = exchangeLines(exchange, actor: actor)
            if exchange.response.status == 200 {
                lines.append("")
                lines.append(text(.nowHolds(actor)))
                lines += heldTokens(actor, showBytes: false)
            } else {
                lines.append(style.red(text(.loginFailed)))
            }
            return lines
        }
    }

    /// `GET /api/v1/me`. With the client's automatic refresh on, a 401 is
    /// followed by a refresh and one retry, and all three exchanges show.
    func me(_ actor: Actor) throws -> [String] {
        let client = world.client(actor)
        let sentToken = client.storage.accessToken
        return try withServerCall { () throws(TransportError) in
            let call = try client.call(path: AuthClient.mePath)
            var lines: [String] = []
            for (index, exchange) in call.exchanges.enumerated() {
                if index == 1 {
                    lines += ["", style.cyan(text(.autoRefreshing(actor)))]
                } else if index == 2 {
                    lines += ["", style.cyan(text(.autoRetrying(actor)))]
                }
                lines += exchangeLines(exchange, actor: actor)
            }

            let final = call.final
            if final.response.status == 200 {
                lines.append(style.green(text(call.exchanges.count == 3 ? .meSucceededAfterRefresh(actor) : .meSucceeded(actor))))
            } else if call.exchanges.count == 2 {
                lines.append(style.red(explainGrantFailure(final)))
                lines.append(text(consequence(for: actor)))
            } else {
                lines.append(style.red(explainAccessFailure(final, sentToken: sentToken, actor: actor)))
            }
            return lines
        }
    }

    func setAutoRefresh(_ enabled: Bool?) -> [String] {
        if let enabled {
            world.user.autoRefresh = enabled
        }
        return [text(world.user.autoRefresh ? .autoRefreshOn : .autoRefreshOff)]
    }

    func refresh(_ actor: Actor) throws -> [String] {
        guard world.client(actor).storage.refreshToken != nil || world.client(actor).holdsRefreshCookie else {
            throw SessionFailure(.noRefreshToken(actor))
        }
        return try withServerCall { () throws(TransportError) in
            guard let exchange = try world.client(actor).refresh() else { return [] }
            var lines = exchangeLines(exchange, actor: actor)
            if exchange.response.status == 200 {
                let rotated = ExchangeFacts.issuesRefreshToken(exchange)
                lines.append("")
                lines.append(text(rotated ? .refreshRotated(actor) : .refreshNotRotated(actor)))
                lines += heldTokens(actor, showBytes: false)
            } else {
                lines.append(style.red(explainGrantFailure(exchange)))
                lines.append(text(consequence(for: actor)))
            }
            return lines
        }
    }

    func logout(_ actor: Actor) throws -> [String] {
        guard world.client(actor).storage.refreshToken != nil || world.client(actor).holdsRefreshCookie else {
            throw SessionFailure(.noRefreshToken(actor))
        }
        return try withServerCall { () throws(TransportError) in
            guard let exchange = try world.client(actor).logout() else { return [] }
            var lines = exchangeLines(exchange, actor: actor)
            if exchange.response.status == 204 {
                lines.append(text(.loggedOut(actor)))
            }
            return lines
        }
    }

    /// Runs a server call and adds what it did to the store and the log.
    func withServerCall(_ body: () throws(TransportError) -> [String]) throws -> [String] {
        let before = try world.store.allRecords()
        _ = world.log.drain()

        var lines: [String]
        do {
            lines = try body()
        } catch {
            throw SessionFailure(.serverUnreachable(error.description))
        }

        let after = try world.store.allRecords()
        lines.append("")
        lines += StoreRenderer(style: style, text: text, now: world.clock.now).renderChanges(before: before, after: after)
        let entries = world.log.drain()
        if !entries.isEmpty {
            lines.append("")
            lines.append(style.bold(text(.serverLog)))
            for entry in entries {
                let line = "  " + entry.line
                lines.append(entry.level == .warning ? style.yellow(line) : style.dim(line))
            }
        }
        return lines
    }

    func exchangeLines(_ exchange: HTTPExchange, actor: Actor) -> [String] {
        ExchangeRenderer(style: style, text: text).render(exchange, actor: actor)
    }

    // MARK: - Explaining failures

    /// Says why the server refused an access token, from the token the
    /// client sent and the server's error response.
    func explainAccessFailure(_ exchange: HTTPExchange, sentToken: String?, actor: Actor) -> String {
        guard let sentToken else { return text(.noAccessTokenSent) }
        let description = ExchangeFacts.bodyString("error_description", in: exchange) ?? ""

        if description.hasPrefix("token expired"),
            let expiration = try? CompactJWS(parsing: sentToken).claims.numericDate("exp") {
            return text(.accessTokenExpired(actor, ago: TimeFormat.duration(world.clock.now - expiration),
                                            expiration: TimeFormat.timeOfDay(expiration),
                                            now: TimeFormat.timeOfDay(world.clock.now)))
        }
        if description.hasPrefix("signature") {
            return text(.accessTokenBadSignature)
        }
        return text(.accessTokenRejected(description))
    }

    /// What the client did with its tokens after a refresh was refused, as
    /// read from its storage: an honest app drops them, a thief keeps them.
    func consequence(for actor: Actor) -> Message {
        let storage = world.client(actor).storage
        if storage.accessToken == nil && storage.refreshToken == nil {
            return .clientDroppedTokens(actor)
        }
        return .clientKeptTokens(actor)
    }

    func explainGrantFailure(_ exchange: HTTPExchange) -> String {
        let description = ExchangeFacts.bodyString("error_description", in: exchange) ?? ""
        if description.contains("reuse detected") {
            return text(.reuseDetected)
        }
        if description.contains("already used") {
            return text(.refreshTokenAlreadyUsed)
        }
        if description.contains("expired") {
            return text(.refreshTokenExpired)
        }
        if description.contains("revoked") {
            return text(.refreshTokenRevoked)
        }
        return text(.refreshRejected(description))
    }
}
