import Foundation
import TokenClient
import TokenServer

/// The two attacks a hostile page makes in the user's browser: a script
/// run on the app's page (`xss`), and a request sent from another site
/// (`csrf`).
extension Session {
    /// `xss`: a script injected into the app's page reads what scripts can
    /// read (the app's script-visible token storage and `document.cookie`)
    /// and sends it to the attacker.
    func xss() throws -> [String] {
        let user = world.user
        var lines = [text(.xssStart)]
        var stolen = 0

        if let access = user.storage.accessToken {
            world.attacker.storage.accessToken = access
            lines.append("  localStorage.access_token  = " + ExchangeRenderer.abbreviate(access))
            stolen += 1
        } else {
            lines.append("  localStorage.access_token  = " + text(.xssNothing))
        }
        if let refresh = user.storage.refreshToken {
            world.attacker.storage.refreshToken = refresh
            lines.append("  localStorage.refresh_token = " + ExchangeRenderer.abbreviate(refresh))
            stolen += 1
        } else {
            lines.append("  localStorage.refresh_token = " + text(.xssNothing))
        }

        // The script runs on the app's page, but document.cookie is read
        // for the refresh path here so a cookie scoped to it would show if
        // it were not HttpOnly.
        let visible = user.cookieJar?.scriptCookies(for: world.transport.baseURL.appendingPathComponent(AuthClient.refreshPath)) ?? ""
        lines.append("  document.cookie            = \"" + ExchangeRenderer.abbreviate(visible) + "\"")
        let hidden = (user.cookieJar?.allCookies ?? []).filter(\.httpOnly).count
        if hidden > 0 {
            lines.append(style.dim(text(.xssHttpOnlyHidden(hidden))))
        }
        lines.append(stolen > 0 ? style.red(text(.xssSent(stolen))) : style.green(text(.xssNothingSent)))
        return lines
    }

    /// `csrf refresh|logout`: a page of another site makes the user's
    /// browser post a form to the endpoint; only the cookies SameSite lets
    /// through go with it.
    func csrf(_ target: CSRFTarget) throws -> [String] {
        let path = target == .refresh ? AuthClient.refreshPath : AuthClient.logoutPath
        return try withServerCall { () throws(TransportError) in
            var lines = [text(.csrfStart(path))]
            let exchange = try world.user.crossSiteFormPost(path: path)
            // Through exchangeLines, so the call's sequence diagram draws it.
            lines += exchangeLines(exchange, actor: .user)

            let carriedCookie = exchange.request.headers.contains { $0.name.lowercased() == "cookie" }
            if !carriedCookie && !world.user.holdsRefreshCookie {
                // Either the policy keeps refresh tokens out of cookies, or
                // it puts them there and the jar is empty for now.
                let bodyDelivery = world.routedServer.service.policy.delivery == .body
                lines.append(style.green(text(bodyDelivery ? .csrfNoCookieToCarry : .csrfCookieJarEmpty)))
            } else if !carriedCookie {
                lines.append(style.green(text(.csrfNoCookie)))
                if world.user.holdsRefreshCookie {
                    lines.append(style.green(text(.csrfSameSiteKept)))
                }
            } else if exchange.response.status < 300 {
                lines.append(style.red(text(.csrfSucceeded)))
            } else {
                lines.append(text(.csrfCookieSentButRefused))
            }
            if exchange.response.status == 415 {
                lines.append(text(.csrfFormContentType))
            }
            return lines
        }
    }
}
