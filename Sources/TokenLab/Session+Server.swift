import Foundation
import JOSE
import TokenClient
import TokenServer

/// Commands that send requests to the token server, and the
/// explanations of the server's responses.
extension Session {
    func login(_ actor: Actor, username: String, password: String) throws -> [String] {
        try withServerCall { () throws(TransportError) in
            let exchange = try world.client(actor).login(username: username, password: password)
            var lines = exchangeLines(exchange, actor: actor)
            if exchange.response.status == 200 {
                lines.append("")
                if detail == .quiet {
                    lines.append(PictureMessage.quietTokensHeld(actor).text(options.language))
                } else {
                    lines.append(text(.nowHolds(actor)))
                    lines += heldTokensForDetail(actor)
                }
            } else {
                lines.append(style.red(text(.loginFailed(accounts: Self.demoAccounts))))
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

    /// Two tabs of the user's app both read the refresh token, then both
    /// send it. Tab 1's request goes first and tab 2's follows with the
    /// token it read before tab 1's answer came back, so the outcome is the
    /// same on every run; the server's own tests race truly concurrent
    /// requests. Tab 1 shares the app's storage; tab 2's result lands there
    /// too, as the tabs share localStorage.
    func raceRefresh() throws -> [String] {
        let user = world.user
        guard let token = user.storage.refreshToken else {
            throw SessionFailure(user.holdsRefreshCookie ? .raceNeedsBodyDelivery : .noRefreshToken(.user))
        }
        let secondTab = TokenStorage()
        secondTab.refreshToken = token
        let tab2 = AuthClient(name: "tab 2", transport: world.transport, storage: secondTab)

        return try withServerCall { () throws(TransportError) in
            var lines = [style.dim(text(.raceExplained))]
            guard let first = try user.refresh(), let second = try tab2.refresh() else { return lines }
            lines += [""] + exchangeLines(first, who: text(.tabName(1)))
            lines += [""] + exchangeLines(second, who: text(.tabName(2)))

            if second.response.status == 200 {
                user.storage.accessToken = secondTab.accessToken
                if let successor = secondTab.refreshToken { user.storage.refreshToken = successor }
                let same = ExchangeFacts.bodyString("refresh_token", in: first) == ExchangeFacts.bodyString("refresh_token", in: second)
                lines.append(style.green(text(same ? .raceBothSameSuccessor : .raceBothSucceeded)))
            } else {
                // The tabs share storage: tab 2's failure logs the app out.
                user.storage.clear()
                lines.append(style.red(explainGrantFailure(second)))
                lines.append(text(.raceLoggedOut))
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
                let replay = world.log.peek().contains { $0.event == "refresh.grace_replay" }
                lines.append("")
                if replay {
                    lines.append(text(.refreshGraceReplay(actor)))
                } else if rotated {
                    lines.append(text(.refreshRotated(actor, server: routedServerName)))
                } else {
                    lines.append(text(.refreshNotRotated(actor)))
                }
                lines += heldTokensForDetail(actor)
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
                lines.append(text(.loggedOut(actor, server: routedServerName)))
            }
            return lines
        }
    }

    /// Runs a server call and adds what it did: a sequence diagram of its
    /// exchanges first, then the body's lines, the store's changes with the
    /// changed families as chains, new denylist entries and the server log.
    /// In `quiet` detail the body shows only outcomes and the log is left out.
    func withServerCall(_ body: () throws(TransportError) -> [String]) throws -> [String] {
        let before = try world.store.allRecords()
        let deniedBefore = try world.store.deniedFamilies(now: world.clock.now)
        _ = world.log.drain()
        callExchanges = []
        defer { callExchanges = [] }

        var bodyLines: [String]
        do {
            bodyLines = try body()
        } catch {
            throw SessionFailure(.serverUnreachable(error.description))
        }
        if detail == .quiet {
            // Without exchanges and tokens, the blank lines that separated
            // them would pile up.
            bodyLines = bodyLines.enumerated().filter { index, line in
                line != "" || (index > 0 && bodyLines[index - 1] != "")
            }.map(\.element)
        }

        let after = try world.store.allRecords()
        let changes = StoreChanges(before: before, after: after)
        reusedTokenHashes.formUnion(changes.reusedHashes(presentations: refreshTokenPresentations()))

        var lines = SequenceRenderer(style: style, language: options.language, width: options.width, serverName: routedServerName)
            .render(sequenceSteps(changes: changes))
        while bodyLines.first == "" { bodyLines.removeFirst() }
        if !bodyLines.isEmpty {
            lines += (lines.isEmpty ? [] : [""]) + bodyLines
        }

        lines.append("")
        lines += StoreRenderer(style: style, text: text, now: world.clock.now).renderChanges(before: before, after: after)
        if !changes.changedFamilies.isEmpty {
            lines += [""] + familyChainRenderer().render(after, reusedHashes: reusedTokenHashes, families: changes.changedFamilies)
        }
        let denied = try world.store.deniedFamilies(now: world.clock.now)
        for (family, until) in denied.sorted(by: { $0.key < $1.key }) where deniedBefore[family] == nil {
            lines.append(style.yellow(text(.denylistAdded(family: String(family.prefix(8)), until: TimeFormat.date(until)))))
        }
        let entries = world.log.drain()
        if !entries.isEmpty && detail != .quiet {
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
        exchangeLines(exchange, who: text(.actorName(actor)))
    }

    /// Records the exchange for the call's sequence diagram and draws it
    /// in detail, except in `quiet` detail, where the diagram alone shows it.
    func exchangeLines(_ exchange: HTTPExchange, who: String) -> [String] {
        callExchanges.append((who, exchange))
        guard detail != .quiet else { return [] }
        var renderer = ExchangeRenderer(style: style, text: text, width: options.width)
        renderer.showsAllResponseHeaders = detail == .verbose
        renderer.serverName = routedServerName
        return renderer.render(exchange, who: who)
    }

    // MARK: - Explaining failures

    /// Says why the server refused an access token, from the token the
    /// client sent and the server's error response.
    func explainAccessFailure(_ exchange: HTTPExchange, sentToken: String?, actor: Actor) -> String {
        guard let sentToken else { return text(.noAccessTokenSent) }
        let description = ExchangeFacts.bodyString("error_description", in: exchange) ?? ""

        if description.hasPrefix("token expired"),
            let expiration = try? CompactJWS(parsing: sentToken).claims.numericDate("exp")
        {
            return text(
                .accessTokenExpired(
                    actor, ago: text.duration(world.clock.now - expiration),
                    expiration: TimeFormat.timeOfDay(expiration),
                    now: TimeFormat.timeOfDay(world.clock.now),
                    canRefresh: world.client(actor).storage.refreshToken != nil || world.client(actor).holdsRefreshCookie))
        }
        if description.hasPrefix("signature") {
            return text(forgedTokens.contains(sentToken) ? .accessTokenForeignKey : .accessTokenBadSignature)
        }
        if description.hasPrefix("rejected alg \"none\"") {
            return text(.accessTokenUnsecured)
        }
        // JOSEError.algorithmNotAllowed: `alg "HS256" is not allowed: this
        // key verifies RS256 only`.
        if description.hasPrefix("alg \""), description.contains("is not allowed") {
            let found = description.dropFirst(5).prefix { $0 != "\"" }
            let expected = description.components(separatedBy: "verifies ").last?.components(separatedBy: " ").first ?? "?"
            return text(.accessTokenWrongAlgorithm(found: String(found), expected: expected))
        }
        // JOSEError.keyNotFound: `no key with kid "demo-rsa-1" for alg RS256`.
        if description.hasPrefix("no key with kid \""), let keyID = description.split(separator: "\"").dropFirst().first {
            return text(.accessTokenUnknownKeyID(String(keyID)))
        }
        if description.hasPrefix("access token revoked") {
            return text(.accessTokenDenylisted)
        }
        return text(.accessTokenRejected(description))
    }

    /// Returns what the client did with its tokens after a refused refresh,
    /// read from its storage: an honest app drops them, a thief keeps them.
    func consequence(for actor: Actor) -> Message {
        let storage = world.client(actor).storage
        if storage.accessToken == nil && storage.refreshToken == nil {
            return .clientDroppedTokens(actor)
        }
        return .clientKeptTokens(actor, access: heldAccess(storage.accessToken))
    }

    /// Returns the state of `token` at the server, read from its claims,
    /// the virtual clock and the store's denylist.
    private func heldAccess(_ token: String?) -> HeldAccessToken {
        guard let token, let claims = try? CompactJWS(parsing: token).claims,
            let expiration = try? claims.numericDate("exp")
        else { return .none }

        let remaining = expiration - world.clock.now
        guard remaining > 0 else { return .expired }
        if world.server.service.policy.denylist, let family = claims.string("sid"),
            (try? world.store.deniedFamilies(now: world.clock.now))?[family] != nil
        {
            return .denied
        }
        return .live(text.duration(remaining))
    }

    func explainGrantFailure(_ exchange: HTTPExchange) -> String {
        let description = ExchangeFacts.bodyString("error_description", in: exchange) ?? ""
        if description.contains("reuse detected") {
            return text(.reuseDetected)
        }
        if description.contains("unused for") {
            return text(.refreshTokenIdle)
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
        // RequestParser's texts for a token sent the other way than the
        // policy's delivery, as after `policy set delivery` mid-session.
        if description.hasPrefix("the server delivers refresh tokens in the") {
            return text(.refreshTokenInBodyUnderCookieDelivery)
        }
        if description == "missing \"refresh_token\" in the body" {
            return text(.refreshTokenMissingFromBody)
        }
        return text(.refreshRejected(description))
    }
}
