import Foundation
import JOSE
import TokenClient
import TokenServer

/// Commands that act in the lab without a request: tokens, tampering,
/// the clock, help, and stealing.
extension Session {
    func tokens(_ actor: Actor?) -> [String] {
        let actors = actor.map { [$0] } ?? Actor.allCases
        var lines: [String] = []
        for (index, actor) in actors.enumerated() {
            if index > 0 { lines.append("") }
            let storage = world.client(actor).storage
            let cookies = world.client(actor).cookieJar?.allCookies ?? []
            if storage.accessToken == nil && storage.refreshToken == nil && cookies.isEmpty {
                lines.append(text(.holdsNothing(actor)))
                continue
            }
            lines.append(style.bold(text(.holds(actor))))
            lines += heldTokens(actor, showBytes: true)
        }
        return lines
    }

    /// Draws the actor's tokens after a login or refresh: none in `quiet` detail,
    /// with hex dumps and the coloured token bytes in `verbose`.
    func heldTokensForDetail(_ actor: Actor) -> [String] {
        switch detail {
        case .quiet: []
        case .normal: heldTokens(actor, showBytes: false)
        case .verbose: heldTokens(actor, showBytes: true)
        }
    }

    func heldTokens(_ actor: Actor, showBytes: Bool) -> [String] {
        let renderer = TokenRenderer(style: style, text: text, now: world.clock.now)
        let storage = world.client(actor).storage
        var lines: [String] = []
        if let access = storage.accessToken {
            lines += renderer.renderAccessToken(access, title: text(.accessTokenTitle), showBytes: showBytes)
            if showBytes {
                lines += TokenBytesRenderer(style: style, language: options.language, width: options.width - 2).render(access).map {
                    "  " + $0
                }
            }
        }
        if let refresh = storage.refreshToken {
            lines += renderer.renderRefreshToken(refresh, title: text(.refreshTokenTitle), seeded: options.seed != nil)
        }

        // In cookie delivery the refresh token lives in the browser's jar,
        // not in storage a script can read.
        for cookie in world.client(actor).cookieJar?.allCookies ?? [] {
            lines += renderer.renderRefreshToken(cookie.value, title: text(.refreshTokenTitle), seeded: options.seed != nil)
            var attributes = ["Path=\(cookie.path)"]
            if cookie.httpOnly { attributes.append("HttpOnly") }
            if cookie.secure { attributes.append("Secure") }
            if let sameSite = cookie.sameSite { attributes.append("SameSite=\(sameSite)") }
            lines.append(
                "  " + TextWidth.pad(text(.cookieLabel), to: TokenRenderer.labelWidth) + "\(cookie.name)=…; "
                    + attributes.joined(separator: "; "))
            lines.append(
                String(repeating: " ", count: 2 + TokenRenderer.labelWidth)
                    + style.dim(text(cookie.httpOnly ? .cookieHttpOnlyNote : .cookieScriptNote)))
        }
        return lines
    }

    func tamper(_ actor: Actor) throws -> [String] {
        let storage = world.client(actor).storage
        guard let token = storage.accessToken else { throw SessionFailure(.noAccessToken(actor)) }
        let tampered = try Tamper.swapRole(in: token)
        storage.accessToken = tampered.token

        var lines = [text(.tampered(actor, from: tampered.oldRole, to: tampered.newRole))]
        lines.append(text(.tamperedSignatureKept(actor)))
        lines += TokenRenderer(style: style, text: text, now: world.clock.now)
            .renderAccessToken(tampered.token, title: text(.accessTokenTitle), showBytes: false)
        return lines
    }

    func help(_ topic: String) throws -> [String] {
        guard let lines = HelpText.lines(for: topic, text: text, style: style) else {
            throw SessionFailure(.helpUnknownTopic(topic, suggestion: CommandParser.suggestion(for: topic)))
        }
        return lines
    }

    /// `token access|refresh`: the token alone, for copying. A refresh
    /// token kept in an HttpOnly cookie is out of the app's reach.
    func token(_ actor: Actor, _ kind: TokenKind) throws -> String {
        let storage = world.client(actor).storage
        let value = kind == .access ? storage.accessToken : storage.refreshToken
        guard let value else {
            throw SessionFailure(
                kind == .refresh && world.client(actor).holdsRefreshCookie ? .tokenInCookie(actor) : .noTokenToShow(actor, kind))
        }
        return value
    }

    func timeline() -> [String] {
        let denied = world.routedServer.service.policy.denylist ? ((try? world.store.deniedFamilies(now: world.clock.now)) ?? [:]) : [:]
        var bars: [TimelineRenderer.Bar] = []
        for actor in Actor.allCases {
            guard let token = world.client(actor).storage.accessToken,
                let claims = try? CompactJWS(parsing: token).claims,
                let issuedAt = try? claims.numericDate("iat"), let expiresAt = try? claims.numericDate("exp")
            else { continue }
            let revoked = claims.string("sid").map { denied[$0] != nil } ?? false
            bars.append(.init(label: text(.actorName(actor)), issuedAt: issuedAt, expiresAt: expiresAt, revoked: revoked))
        }
        return TimelineRenderer(style: style, text: text, width: options.width).render(bars, now: world.clock.now)
    }

    func advance(_ seconds: Int64) -> [String] {
        let before = world.clock.now
        world.clock.advance(by: seconds)
        let now = world.clock.now
        var lines = [text(.clockAdvanced(from: TimeFormat.date(before), to: TimeFormat.date(now), by: text.duration(seconds)))]
        lines += accessTokenStates()
        return lines
    }

    func clock() -> [String] {
        let now = world.clock.now
        var lines = [text(.clockNow(TimeFormat.date(now), elapsed: text.duration(now - world.clock.start)))]
        lines += accessTokenStates()
        return lines
    }

    /// One line per actor with an access token: valid for how long, or
    /// expired how long ago, as the virtual clock reads now.
    func accessTokenStates() -> [String] {
        var lines: [String] = []
        for actor in Actor.allCases {
            guard let token = world.client(actor).storage.accessToken,
                let expiration = try? CompactJWS(parsing: token).claims.numericDate("exp")
            else { continue }
            let remaining = expiration - world.clock.now
            lines.append(
                remaining > 0
                    ? "  " + text(.accessValidFor(actor, text.duration(remaining)))
                    : "  " + style.red(text(.accessExpiredFor(actor, text.duration(-remaining)))))
        }
        return lines
    }

    func steal(_ kinds: [TokenKind]) throws -> [String] {
        let from = world.user.storage
        let to = world.attacker.storage
        var lines: [String] = []
        for kind in kinds {
            switch kind {
            case .access:
                guard let token = from.accessToken else { throw SessionFailure(.nothingToSteal(kind)) }
                to.accessToken = token
                lines.append(text(.stole(kind, ExchangeRenderer.abbreviate(token))))
            case .refresh:
                guard let token = from.refreshToken else { throw SessionFailure(.nothingToSteal(kind)) }
                to.refreshToken = token
                lines.append(text(.stole(kind, ExchangeRenderer.abbreviate(token))))
            }
        }
        lines.append(style.dim(text(.stealHint(kinds))))
        return lines
    }
}
