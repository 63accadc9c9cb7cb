extension Message {
    /// The English text.
    var english: String {
        switch self {
        case .bannerTitle:
            "TokenLab: access tokens and refresh tokens on a real server."
        case .bannerServer(let start):
            "Token server: HTTP on 127.0.0.1, refresh tokens in a SQLite file, virtual clock at \(start)."
        case .bannerServerRedis(let start):
            "Token server: HTTP on 127.0.0.1, refresh tokens in Redis, virtual clock at \(start)."
        case .bannerSeeded(let seed):
            "Seed \(seed): every token and id is predictable from the seed. Demo-only."
        case .bannerSecret(let hex):
            "HS256 signing secret (demo-only, never print a real one): \(hex)"
        case .bannerAccounts(let accounts):
            "Demo accounts (demo-only passwords): \(accounts)"
        case .bannerHelp:
            "Type `help` for the commands, `quit` to leave."
        case .detailChanged(let level):
            switch level {
            case .quiet: "Quiet: the sequence diagram, the outcome and the store changes only."
            case .normal: "Normal detail: the diagram, exchanges, tokens and the store, as the lessons show them."
            case .verbose: "Verbose: every response header, and each token segment's bytes in hex."
            }
        case .goodbye:
            "Bye."
        case .resetDone(let start):
            "Reset: new server, empty store, standard policy, no tokens, clock back at \(start)."
        case .unexpectedError(let detail):
            "error: \(detail)"
        case .commandError(let error):
            error.english

        case .helpTitle:
            "Commands (prefix with `attacker` to act as the attacker):"
        case .helpEntry(let command):
            Self.englishHelp[command] ?? command
        case .helpFooter:
            "Durations: 90s, 16m, 2h, 8d, 1h30m, or a bare number of seconds."

        case .actorName(let actor):
            actor == .user ? "user" : "attacker"
        case .server:
            "server"

        case .byteCount(let count):
            count == 1 ? "1 byte" : "\(count) bytes"
        case .serverUnreachable(let detail):
            "No answer from the token server: \(detail). Type `reset` to start a new one."
        case .serverLog:
            "Server log:"

        case .accessTokenTitle:
            "Access token"
        case .refreshTokenTitle:
            "Refresh token"
        case .tokenUnreadable(let detail):
            "This is not a readable JWT: \(detail)"
        case .jwtSummary(let characters):
            "JWT: header.payload.signature, \(characters) characters"
        case .header:
            "header"
        case .payload:
            "payload"
        case .signature:
            "signature"
        case .segmentDecoded(let characters, let bytes):
            "\(characters) base64url characters → \(bytes) bytes of UTF-8 JSON:"
        case .signatureDecoded(let characters, let bytes, let algorithm):
            "\(characters) base64url characters → \(bytes) bytes, the \(algorithm) signature over \"header.payload\":"
        case .signatureEmpty(let algorithm):
            algorithm == "none"
                ? "(empty: alg \"none\" means the token carries no signature)"
                : "(empty: the header names alg \"\(algorithm)\", yet the token carries no signature)"
        case .refreshSummary(let characters):
            "opaque: \(characters) base64url characters of random bytes, meaningless to the client"
        case .tokenText:
            "token"
        case .bytes:
            "bytes"
        case .inStore:
            "stored"
        case .seededRandomnessNote:
            "(from the seeded generator: predictable, demo-only)"
        case .storeKeepsHashOnly:
            "SHA-256 of the token. The store keeps only this hash, so a leaked database holds no usable token."
        case .cookieLabel:
            "cookie"
        case .cookieHttpOnlyNote:
            "kept in the browser's cookie jar: sent with requests, invisible to scripts (HttpOnly)"
        case .cookieScriptNote:
            "kept in the browser's cookie jar, and readable by the page's scripts"
        case .expiresIn(let duration):
            "\(duration) left"
        case .expiredAgo(let duration):
            // Exactly at `exp` the token is already refused (exp <= now).
            duration == "0s" ? "expired just now, at exp" : "expired \(duration) ago"
        case .claimFamily:
            "session: this login's refresh-token family"
        case .claimTokenID:
            "token id"
        case .multibyte(let characters, let bytes, let hex):
            "\(characters) characters, \(bytes) bytes in UTF-8: \(hex)"

        case .timelineTitle:
            "Access tokens on the virtual clock (UTC):"
        case .timelineEmpty:
            "No access tokens to draw. `login` issues one."
        case .timelineLegend(let now):
            "  | = iat to exp   · = expired   ^ = now (\(now))"
        case .timelineRevoked:
            "refused: denylisted"
        case .timelineRevokedLegend:
            "  x = refused before exp: the family is on the denylist"
        case .helpUsage:
            "Usage:"
        case .helpArguments:
            "Arguments:"
        case .helpExample:
            "Example:"
        case .helpArgument(let command):
            Self.englishArguments[command] ?? ""
        case .helpUnknownTopic(let topic, let suggestion):
            suggestion.map { "There is no command \"\(CommandError.shorten(topic))\". Did you mean `help \($0)`?" }
                ?? "There is no command \"\(CommandError.shorten(topic))\". Type `help` to list them."
        case .storeUnchanged(let rows):
            "Store: unchanged (\(rows) \(rows == 1 ? "row" : "rows"))."
        case .storeAfter(let changed):
            "Store after this command (+ new row, ~ changed row; \(changed) changed):"
        case .storeExpired:
            "expired"
        case .denylistAdded(let family, let until):
            "Access-token denylist: + family \(family)… until \(until), when its last access token expires anyway."
        case .denylistTitle:
            "Access-token denylist (checked on every API call):"
        case .denylistEntry(let family, let until):
            "family \(family)…  until \(until)"
        case .storeEmpty:
            "The refresh-token store is empty. `login` adds a row."
        case .storeTitle(let rows):
            "Refresh-token store, \(rows) \(rows == 1 ? "row" : "rows") (hashes only, never tokens):"
        case .storeFamily(let id, let user, let expires):
            "  family \(id)…  user \(user)  expires \(expires) UTC (fixed at login)"
        case .columnHash: "hash"
        case .columnParent: "parent"
        case .columnIssued: "issued"
        case .columnStatus: "status"

        case .nowHolds(let actor):
            "The \(actor.englishName)'s app now holds:"
        case .holds(let actor):
            "The \(actor.englishName) holds:"
        case .holdsNothing(let actor):
            "The \(actor.englishName) holds no tokens."
        case .loginFailed(let accounts):
            "Login failed: the username or password is wrong. Demo accounts (demo-only passwords): \(accounts)."
        case .meSucceeded(let actor):
            "The server accepted the \(actor.englishName)'s access token."
        case .meSucceededAfterRefresh(let actor):
            "The server accepted the new access token. The \(actor.englishName) saw one call; the app made three requests."
        case .autoRefreshing(let actor):
            "The \(actor.englishName)'s app got 401, so it refreshes by itself:"
        case .autoRetrying(let actor):
            "…and retries the call with the new access token (the \(actor.englishName) notices nothing):"
        case .autoRefreshOn:
            "Automatic refresh is on: when an API call gets 401, the user's app refreshes once and retries the call."
        case .autoRefreshOff:
            "Automatic refresh is off: an API call that gets 401 just fails, and `refresh` is yours to type."
        case .noAccessToken(let actor):
            "The \(actor.englishName) holds no access token. Log in first: `login hong gildong-demo`."
        case .noRefreshToken(let actor):
            actor == .user
                ? "The user holds no refresh token. Log in first: `login hong gildong-demo`."
                : "The attacker holds no refresh token. Steal one first: `steal refresh`."
        case .noAccessTokenSent:
            "No access token was sent, so the server cannot tell who is asking."
        case .accessTokenExpired(let actor, let ago, let expiration, let now, let canRefresh):
            "Rejected: the access token expired \(ago == "0s" ? "just now" : "\(ago) ago") (exp \(expiration), clock now \(now))."
                + (canRefresh
                    ? " `\(actor == .user ? "refresh" : "attacker refresh")` gets a new one."
                    : " No refresh token is held to get a new one with.")
        case .accessTokenBadSignature:
            "Rejected: the signature does not match the header and payload. Changing even one byte breaks it, and only the server's secret can make a new one."
        case .accessTokenForeignKey:
            "Rejected: this signature was made with a key the attacker chose, not the server's. The server checks with its own key only, so a token signed with any other key fails."
        case .accessTokenUnknownKeyID(let keyID):
            "Rejected: the token names kid \(keyID), and no key of the server has that kid any more. The key that signed it was retired, so the token cannot be checked."
        case .accessTokenRejected(let detail):
            "Rejected: \(detail)"
        case .refreshRotated(let actor, let server):
            "Rotation: \(server.map { "server \($0)" } ?? "the server") replaced the \(actor.englishName)'s refresh token. The old one is now `rotated`; if it comes back, \(server == nil ? "the server" : "any server") detects reuse."
        case .refreshGraceReplay(let actor):
            "Grace window: the \(actor.englishName) sent the token rotated last, within the window, so the server sent back the successor it had already issued. Nothing rotated."
        case .refreshNotRotated(let actor):
            "The \(actor.englishName) got a new access token and keeps the same refresh token (rotation is off)."
        case .reuseDetected:
            "Reuse detected: this refresh token had already been rotated, so it was used once before, by an attacker or by another tab of the same user. The server revoked the whole family: no refresh token of this login works any more."
        case .refreshTokenExpired:
            "The refresh token has expired."
        case .refreshTokenRevoked:
            "This refresh token was revoked."
        case .clientDroppedTokens(let actor):
            "The \(actor.englishName)'s app dropped both of its tokens, as an app does when its session ends: log in again."
        case .clientKeptTokens(let actor, .none):
            "The \(actor.englishName) keeps its dead refresh token, and it holds no access token."
        case .clientKeptTokens(let actor, .expired):
            "The \(actor.englishName) keeps what it holds: a dead refresh token, and an access token that has expired too."
        case .clientKeptTokens(let actor, .denied):
            "The \(actor.englishName) keeps what it holds: a dead refresh token, and an access token that the denylist now refuses before its exp."
        case .clientKeptTokens(let actor, .live(let remaining)):
            "The \(actor.englishName) keeps what it holds: a dead refresh token, and an access token that still works for \(remaining), until its exp."
        case .refreshTokenIdle:
            "The refresh token sat unused longer than the idle limit, so the server revoked its family."
        case .accessTokenDenylisted:
            "Rejected: the token's login ended (logout or reuse detection) and the denylist is on, so this access token died before its exp."
        case .raceExplained:
            "Two tabs of the user's app read the same refresh token and both refresh before either answer arrives. Tab 1's request is sent first, so every run ends the same way."
        case .raceNeedsBodyDelivery:
            "race refresh needs the refresh token in script-readable storage (policy set delivery body); with cookies both tabs send whatever cookie the jar holds."
        case .tabName(let number):
            "tab \(number)"
        case .raceBothSameSuccessor:
            "Both tabs succeeded and got the same successor: tab 2's token was rotated last and came back inside the grace window."
        case .raceBothSucceeded:
            "Both tabs succeeded."
        case .raceLoggedOut:
            "The tabs share the app's storage, so tab 2's failure logged the user out in both tabs."
        case .accessTokenUnsecured:
            "Rejected: the header says alg \"none\", an unsigned token. The server never accepts one, in any letter case."
        case .accessTokenWrongAlgorithm(let found, let expected):
            "Rejected: the token says alg \"\(found)\", but the server's key verifies \(expected) only. The key fixes the algorithm; the token's header cannot choose another."
        case .keyChanged(let algorithm):
            "The server now signs and verifies with \(algorithm). Tokens signed with the old key no longer verify."
        case .keyCurrent(let algorithm):
            "Signing algorithm: \(algorithm)."
        case .keySymmetricNote:
            "A secret key: the same 32 random bytes sign and verify, so it is never published."
        case .keyWeakNote:
            "Demo-only: the secret is the dictionary word \"secret123\". Never do this."
        case .keyPublishedNote:
            "A key pair: the private key signs; the public key verifies and is published at /.well-known/jwks.json (demo-only key)."
        case .keyIDs(let signing, let verifyingOnly):
            "Published keys (kid): \(signing) signs new tokens"
                + (verifyingOnly.isEmpty ? "." : "; \(verifyingOnly.joined(separator: ", ")) only verifies the tokens it signed before.")
        case .keyRotated(let new, let old):
            "Key rotation: every server now signs with kid \(new). The old key \(old) stays in the JWK Set, so the tokens it signed keep verifying until they expire or `key retire` drops it."
        case .keyRetired(let old):
            "Retired \(old): the key left the JWK Set, and tokens it signed no longer verify."
        case .keyRotateNeedsKeyPair:
            "Rotation here needs a published key pair: run `key rs256` or `key eddsa` first. (An HS256 secret rotates the same way, but a verifier cannot fetch it.)"
        case .keyNothingToRetire:
            "Only the current key is in use, so there is nothing to retire. Run `key rotate` first."
        case .tooManyServers(let limit):
            "The lab runs at most \(limit) servers. `reset` goes back to one."
        case .serverAdded(let name, let sharesWith, let store):
            "Server \(name) started on 127.0.0.1, with a port and a memory of its own. It shares the \(store) store with \(sharesWith.count == 1 ? "server" : "servers") \(Self.listed(sharesWith)): refresh-token records, families and the denylist live in the store, not in any one server."
        case .serversTitle(let store):
            "Token servers and their one store (\(store)):"
        case .serverLine(let name, let algorithm, let keyID):
            "server \(name)  signs with \(algorithm)" + (keyID.map { ", kid \($0)" } ?? " and the lab's one secret")
        case .serverAddHint:
            "`server add` starts a second server that shares this store."
        case .serversViaHint(let name):
            "`via \(name) refresh` sends one command's requests to server \(name); without `via` they go to server A."
        case .unknownServer(let name, let known):
            "There is no server \"\(CommandError.shorten(name))\". Running: \(known.joined(separator: ", ")). `server add` starts another."
        case .tokenInCookie(let actor):
            "The \(actor.englishName)'s refresh token is in an HttpOnly cookie, which the app cannot read; `tokens` shows the cookie."
        case .noTokenToShow(let actor, let kind):
            "The \(actor.englishName) holds no \(kind.rawValue) token. `\(actor == .user ? "" : "attacker ")login hong gildong-demo` gets one."
        case .jwksFetching:
            "The API, a resource server that holds no key, fetches the published keys:"
        case .apiName:
            "API"
        case .jwksEmpty:
            "The JWK Set is empty: the servers sign with an HS256 secret, which is never published, so the API cannot check tokens this way. `key rs256` switches to a key pair."
        case .jwksKeys(let keyIDs):
            "The set has \(keyIDs.count == 1 ? "1 key" : "\(keyIDs.count) keys"), by kid: \(keyIDs.joined(separator: ", "))."
        case .jwksNoToken:
            "The user holds no access token to check. `login` first."
        case .jwksVerified(let keyID, let remaining):
            "The API verified the user's access token by itself: the header names kid \(keyID), that key is in the set, and the signature and claims check out, with \(remaining) left before exp."
        case .jwksRejected(let keyID, let reason):
            "The API rejected the user's access token (kid \(keyID)): \(reason.description)."
        case .forgeNeedsToken:
            "There is no token to work from. `login` as the user first (and `steal access`, as an attacker would)."
        case .forgeNoPublicKey:
            "The server publishes no public key (a secret key is never published). `key rs256` switches to a key pair."
        case .forgedNone:
            "The attacker wrote a token with alg \"none\", role \"admin\" and an empty signature."
        case .forgedWithSecret(let secret):
            "The attacker signed a token with role \"admin\" using the guessed secret \"\(secret)\"."
        case .forgedConfusion(let bytes):
            "The attacker took the published public key (\(bytes) bytes of JSON) as an HMAC secret and signed a token with alg HS256 and role \"admin\". A verifier that lets the header pick the algorithm would check it with the same bytes."
        case .forgeHint:
            "The forged token is now the attacker's access token. Try `attacker me`."
        case .crackNeedsHS256(let algorithm):
            "The token is signed with \(algorithm); a dictionary attack works only on an HMAC secret (HS256)."
        case .crackStart(let words):
            "Trying \(words) common secrets as the HMAC key of the user's access token, offline, without a single request:"
        case .crackFound(let word, let tries):
            "Found it after \(tries) tries: the secret is \"\(word)\". Whoever knows it can sign any token they like."
        case .crackFailed(let words):
            "None of the \(words) words matches. The server's secret is 32 random bytes: 2^256 possibilities, beyond any dictionary."
        case .xssStart:
            "A script injected into the app's page runs with the page's rights and reads what scripts can read:"
        case .xssNothing:
            "(nothing)"
        case .xssHttpOnlyHidden(let count):
            "  The jar holds \(count) HttpOnly \(count == 1 ? "cookie" : "cookies"), which document.cookie never shows."
        case .xssSent(let count):
            "The script sent \(count) \(count == 1 ? "token" : "tokens") to the attacker. Try `attacker tokens`."
        case .xssNothingSent:
            "The script found no token to send."
        case .csrfStart(let path):
            "A page on another site makes the user's browser post an empty form to \(path). The page cannot read the app's tokens, but the browser decides which cookies go along:"
        case .csrfNoCookieToCarry:
            "The user's app keeps its refresh token in memory, not in a cookie (delivery is body), so the browser has no credential to attach to the other site's request. CSRF needs a cookie that the browser sends by itself: try `policy set delivery cookie` and `policy set cookie-samesite none`, log in again, and repeat this."
        case .csrfCookieJarEmpty:
            "The user's browser holds no refresh cookie to attach: the last login came before cookie delivery was turned on, or a logout deleted the cookie. `login hong gildong-demo`, then repeat this."
        case .csrfFormContentType:
            "The 415 is a second defence: the server accepts only Content-Type: application/json, which a plain HTML form cannot send."
        case .csrfNoCookie:
            "The browser attached no cookie, so the server received a request without credentials."
        case .csrfSameSiteKept:
            "The jar does hold the refresh cookie: its SameSite attribute kept it from a request that another site started."
        case .csrfSucceeded:
            "The browser attached the cookie, and the server cannot tell this request from the user's own: the forged request worked."
        case .csrfCookieSentButRefused:
            "The browser attached the cookie, but the server refused the request anyway."
        case .refreshTokenAlreadyUsed:
            "Rejected: this refresh token was already used (rotated). The policy is reject, so the family was not revoked."
        case .refreshRejected(let detail):
            "Refresh rejected: \(detail)"
        case .refreshTokenInBodyUnderCookieDelivery:
            "Rejected: the server's policy delivers refresh tokens in the refresh_token cookie, and this request carried one in the body, from a login made before the policy changed. Log in again with `login`."
        case .refreshTokenMissingFromBody:
            "Rejected: the server's policy expects the refresh token in the JSON body, and the app holds it only in a cookie, from a login made before the policy changed. Log in again with `login`."
        case .loggedOut(let actor, let server):
            "Logged out: \(server.map { "server \($0)" } ?? "the server") revoked the family, and the \(actor.englishName)'s app forgot its tokens."
        case .appliesToServers(let names):
            "This applies to servers \(Self.listed(names)) alike, as a deployment rolls a setting out to every instance."
        case .tampered(let actor, let from, let to):
            "Changed the \(actor.englishName)'s access token: role \"\(from)\" → \"\(to)\" in the payload."
        case .tamperedSignatureKept(let actor):
            "The header and signature are the old ones: without the secret, no one can sign the new payload. Try `\(actor == .user ? "me" : "attacker me")`."
        case .clockAdvanced(let from, let to, let by):
            "Clock: \(from) → \(to) (+\(by))."
        case .clockNow(let now, let elapsed):
            "Clock: \(now) (\(elapsed) since the start)."
        case .accessValidFor(let actor, let duration):
            "The \(actor.englishName)'s access token is valid for \(duration) more."
        case .accessExpiredFor(let actor, let duration):
            "The \(actor.englishName)'s access token expired \(duration == "0s" ? "just now, at its exp" : "\(duration) ago")."
        case .nothingToSteal(let kind):
            "The user holds no \(kind.rawValue) token to steal. Log in first."
        case .stole(let kind, let token):
            "The attacker copied the user's \(kind.rawValue) token: \(token)"
        case .stealHint(let kinds):
            "The server cannot tell a copy from the original. Try "
                + kinds.map { $0 == .access ? "`attacker me`" : "`attacker refresh`" }.joined(separator: " or ") + "."

        case .policyTitle:
            "Server policy:"
        case .policyKey(let key):
            Self.englishPolicyKeys[key] ?? key
        case .policyHint:
            "Change one with `policy set KEY VALUE`, for example `policy set rotation off`."
        case .policyChanged(let key, let value):
            "Policy: \(key) is now \(value). It applies from the next request."
        case .policyInvalidValue(let key, let value, let expected):
            "\"\(CommandError.shorten(value))\" is not a valid value for \(key); expected \(expected)."
        case .policyExpected(let key):
            Self.englishPolicyValues[key] ?? "a valid value"
        case .policyUnknownKey(let key, let known):
            "Unknown policy key \"\(CommandError.shorten(key))\". Keys: \(known)."

        case .lessonsNotFound:
            "No lessons found. Run TokenLab from its checkout (scripts/tokenlab), or set TOKENLAB_LESSONS to the Lessons folder."
        case .lessonListTitle:
            "Lessons:"
        case .lessonListHint:
            "Start one with `lesson start N`, then type `next` for each step."
        case .lessonNotFound(let number):
            "There is no lesson \(number). Type `lesson list` to see them."
        case .lessonFreshLab(let seed):
            "The lab was reset for this lesson: new server, empty store, seed \(seed), standard policy."
        case .lessonNextHint(let step, let count, let title):
            "Type `next` for step \(step) of \(count): \(title)"
        case .lessonDetoured:
            "You changed the lab since the last step, so this step's output may differ from its notes. Type `again` to run it from the lesson's own state."
        case .lessonNone:
            "No lesson is running. Type `lesson list` to see them."
        case .lessonQuit(let title):
            "Left the lesson \"\(title)\". The lab stays as it is."
        case .lessonFinished(let next):
            next.map { "This lesson is finished. Type `lesson start \($0)` for the next one, or `lesson list`." }
                ?? "That was the last lesson. Type `lesson list` to see them all."
        case .lessonQuietHint:
            "(quiet detail hides the headers and bodies these notes may point at; `normal` shows them)"
        case .lessonAtStart:
            "There is no earlier step. Type `again` to run this step again."
        case .lessonNothingToRepeat:
            "No step has run yet. Type `next` to run the first one."
        case .lessonRebuilt(let steps):
            steps == 0
                ? "Rebuilt the lab. Commands you typed between steps were not replayed."
                : "Rebuilt the lab and ran \(steps == 1 ? "step 1" : "steps 1 to \(steps)") again without showing \(steps == 1 ? "it" : "them"). Commands you typed between steps were not replayed."
        case .lessonStepHeading(let step, let count, let title):
            "── Step \(step) of \(count): \(title) ──"
        case .lessonEnd(let next):
            next.map { "End of the lesson. Type `lesson start \($0)` for the next one, or keep experimenting." }
                ?? "End of the last lesson. Type `lesson list` to see them all, or keep experimenting."

        case .cliUsage:
            """
            Usage: tokenlab [options]

            Opens the TokenLab REPL with a token server on 127.0.0.1.

            Options:
              --seed N     fix the virtual clock's start and the randomness, so the
                           same commands print the same bytes (N: 0 to 2^64-1)
              --lang L     language of every message: en or ko (default: from LC_ALL,
                           LC_MESSAGES or LANG, in that order)
              --no-color   plain text (also when NO_COLOR is set or output is not
                           a terminal)
              --record F   also write the session to transcript file F, which
                           `tokenlab replay` plays and checks (implies --seed 7
                           unless --seed is given)
              --store URL  keep refresh tokens in Redis, redis://HOST:PORT[/DB]
                           [?prefix=NAME], under keys deleted on exit (default:
                           a temporary SQLite file)
              --help       show this text

            Subcommands (each has its own --help):
              tokenlab lesson N      the REPL with lesson N started
              tokenlab replay FILE   play, check or re-record a transcript
              tokenlab serve         the token server alone, for curl or a front end
              tokenlab decode TOKEN  show a JWT's header, payload and signature
              tokenlab verify TOKEN  check a JWT's signature and claims with a key

            Commands are read from standard input when it is not a terminal, one
            per line, so `tokenlab --seed 7 < session.txt` prints a transcript.
            """
        case .cliRecordNeedsDefaultStore:
            "--record cannot be combined with --store: a transcript replays on the lab's own SQLite store, where the lines that name Redis would differ. Drop --store to record"
        case .cliUnknownOption(let option, let command):
            "unknown option \(option); run `\(command) --help` for the options"
        case .cliMissingValue(let option, let command):
            "\(option) needs a value; run `\(command) --help` for the options"
        case .cliInvalidSeed(let value):
            "--seed \(value) is not a whole number from 0 to 18446744073709551615"
        case .cliInvalidLanguage(let value):
            "--lang \(value) is not a language TokenLab has; use en or ko (locale names such as en-US, ko-KR or ko_KR work too)"
        case .cliStartFailed(let detail):
            "cannot start TokenLab: \(detail)"
        case .cliStore(let message):
            message.english
        case .cliLessonUsage:
            """
            Usage: tokenlab lesson N [options]

            Opens the REPL with lesson N started; type `next` for each step.
            Lessons run seeded (seed 7 unless --seed is given).

            Options: --seed N, --lang en|ko, --no-color, --record FILE (see
            `tokenlab --help`).
            """
        case .cliReplayUsage:
            """
            Usage: tokenlab replay [options] FILE...

            Plays a transcript back for a class, one step per Enter.

            Options:
              --pace SECONDS        play on by itself, one step every SECONDS;
                                    with --asciicast, the seconds between steps
                                    in the recording (default 1.5)
              --check               re-run each transcript's inputs in a fresh lab;
                                    exit 1 with a unified diff at the first
                                    difference
              --update              re-record each transcript in place
              --asciicast OUT.cast  write an asciinema v2 recording of FILE
              --lang en|ko          language of this command's own messages
                                    (default: the language the transcripts'
                                    settings lines name when they agree,
                                    else the locale)
            """
        case .cliInvalidLesson(let value):
            "\(value) is not a lesson number; run `tokenlab lesson N` with N from `lesson list`"
        case .cliMissingLesson:
            "tokenlab lesson needs a lesson number, for example `tokenlab lesson 1`"
        case .cliInvalidPace(let value):
            "--pace \(value) is not a number of seconds from 0 to 600"
        case .cliMissingTranscript:
            "name a transcript file, for example `tokenlab replay transcripts/en/01-first-login.txt`"
        case .cliOneTranscript:
            "playing and --asciicast take exactly one transcript file"
        case .cliCannotRead(let path):
            "cannot read \(path); check the path"
        case .cliNotUTF8(let path):
            "\(path) is not UTF-8 text; a transcript is plain UTF-8"
        case .cliCannotWrite(let path, let reason):
            "cannot write \(path): \(reason); check that the folder exists and is writable"

        case .cliRecording(let path, let replacing):
            "recording this session to \(path)\(replacing ? ", replacing what the file held" : "")"
        case .transcriptFormat(let prompt):
            "TokenLab transcript. Lines that start with \"\(prompt)\" are input; the rest is output."
        case .transcriptReplayHint:
            "Replay it with `tokenlab replay FILE`; check it with `tokenlab replay --check FILE`."
        case .replayEnterHint:
            "Press Enter for each step; Ctrl-D stops."
        case .replaySummary(let passed, let failed):
            "transcripts: \(passed) passed, \(failed) failed"
        case .replayMatches(let path):
            "ok: \(path)"
        case .replayDiffers(let path):
            "FAILED: \(path) differs from a fresh run. First difference:"
        case .replayUpdated(let path):
            "updated: \(path)"
        case .replayUnchanged(let path):
            "unchanged: \(path)"
        case .replayAsciicastWritten(let path, let steps):
            "wrote \(path): \(steps) steps, asciinema v2"
        }
    }

    static let englishHelp: [String: String] = [
        "login": "log in with a username and password; the server returns an access and a refresh token",
        "me": "call GET /api/v1/me with the access token",
        "refresh": "trade the refresh token for a new access token (and, with rotation, a new refresh token)",
        "logout": "revoke the refresh token's family and forget the tokens",
        "tokens": "show every token held, byte by byte",
        "token": "print one token alone on a line, to copy into tokenlab decode or verify",
        "tamper": "change the access token's role claim and keep the old signature",
        "advance": "move the virtual clock forward",
        "clock": "show the virtual clock and how long each access token has left",
        "store": "show the server's refresh-token table",
        "steal": "copy the user's access or refresh token (or both) to the attacker",
        "attacker": "run a command as the attacker: login, me, refresh, logout, tokens, token, tamper",
        "reset": "start over: new server, empty store, standard policy, clock back at the start",
        "verbose": "show more (verbose), the usual (normal) or less (quiet) of each step",
        "timeline": "draw each access token's lifetime against the virtual clock",
        "policy": "show the server's policy, or change one value of it",
        "autorefresh": "let the user's app refresh and retry by itself when a call gets 401",
        "race": "two tabs of the user's app refresh with the same refresh token at once",
        "xss": "a script injected into the app's page reads tokens and cookies it can see",
        "csrf": "a page of another site makes the user's browser post to refresh or logout",
        "key": "show the servers' signing key, switch it (weak is demo-only), or rotate it under a new kid",
        "server": "start one more token server that shares the store (add), or list them",
        "via": "send one command's requests to server A, B or C",
        "jwks": "an API that holds no key fetches the JWK Set and checks the user's access token with it",
        "forge": "the attacker writes an admin token: unsigned, with a guessed secret, or with the public key as a secret",
        "crack": "try common words as the HMAC secret of the user's access token, offline",
        "lesson": "list the lessons, start one, or leave it",
        "next": "run the lesson's next step",
        "back": "show the previous step again (the lab is rebuilt up to it)",
        "again": "run the current step again (the lab is rebuilt up to it)",
        "help": "show this list; `help COMMAND` explains one command with an example",
        "quit": "leave TokenLab (Ctrl-D works too)",
    ]
}

extension Message {
    static let englishPolicyKeys: [String: String] = [
        "access-ttl": "access-token lifetime",
        "refresh-ttl": "refresh lifetime, fixed at login",
        "refresh-idle-ttl": "longest a refresh token may go unused, or off",
        "rotation": "on: every refresh replaces the refresh token",
        "reuse": "on reuse: revoke-family or reject",
        "grace": "retry window for the token rotated last",
        "delivery": "refresh token in the JSON body or in a cookie",
        "cookie-samesite": "SameSite of the refresh cookie",
        "cookie-path": "Path of the refresh cookie",
        "denylist": "on: revoked families' access tokens die",
    ]

    static let englishPolicyValues: [String: String] = [
        "access-ttl": "a duration above 0, such as 90s, 5m, 1h or 7d",
        "refresh-ttl": "a duration above 0, such as 1h or 7d",
        "refresh-idle-ttl": "a duration above 0, such as 1h or 1d, or off",
        "rotation": "on or off",
        "reuse": "revoke-family or reject",
        "grace": "a duration from 0s to 60s",
        "delivery": "body or cookie",
        "cookie-samesite": "strict, lax or none",
        "cookie-path": "a path that both /api/v1/auth/refresh and /api/v1/auth/logout lie under, such as /api/v1/auth",
        "denylist": "on or off",
    ]
}

extension Message {
    static let englishArguments: [String: String] = [
        "login":
            "USER      a demo username: hong, alice or admin\nPASSWORD  its password (demo-only): gildong-demo, wonderland-demo, admin-demo",
        "advance":
            "DURATION  how far to move the clock: a number with s (seconds), m (minutes),\n          h (hours), d (days) or w (weeks), such as 16m or 1h30m; a bare\n          number is seconds",
        "steal": "KIND      access, refresh, or both",
        "attacker": "COMMAND   one of login, me, refresh, logout, tokens, token, tamper, with its\n          own arguments",
        "policy":
            "KEY       access-ttl, refresh-ttl, refresh-idle-ttl (durations like 15m or\n          7d), rotation (on/off), reuse (revoke-family/reject), grace (0s to\n          60s), delivery (body/cookie), cookie-samesite (strict/lax/none),\n          cookie-path (a path), denylist (on/off)\nVALUE     the new value",
        "lesson": "N         a lesson number from `lesson list`",
        "help": "COMMAND   a command to explain",
        "key":
            "KIND      hs256, weak (demo-only), rs256 or eddsa: sign with that key;\n          rotate: sign with the next demo key under a new kid, keeping the\n          old one published; retire: drop the old one",
        "server": "add       start the next server (B, then C); no value lists them",
        "via": "SERVER    A, B or C, as `servers` lists them\nCOMMAND   any command, with its own arguments",
        "autorefresh": "on|off    on: a 401 makes the app refresh once and retry; no value shows\n          the setting",
    ]
}

extension Actor {
    var englishName: String {
        self == .user ? "user" : "attacker"
    }
}

extension CommandError {
    var english: String {
        switch self {
        case .emptyLine:
            "Type a command, or `help` to list them."
        case .lineTooLong(let length, let limit):
            "The line is \(length) characters long; commands are at most \(limit). Type `help` to list them."
        case .unbalancedQuote:
            "A quote is not closed. Close it, or leave quotes out."
        case .unknownCommand(let name, let suggestion):
            if let suggestion {
                "Unknown command \"\(Self.shorten(name))\". Did you mean `\(suggestion)`?"
            } else {
                "Unknown command \"\(Self.shorten(name))\". Type `help` to list the commands."
            }
        case .koreanInputMode(let typed, let command):
            "\"\(Self.shorten(typed))\" looks typed with the keyboard in Korean mode: did you mean `\(command)`?"
        case .missingArguments(let command):
            switch command {
            case "login": "login needs a username and a password, for example `login hong gildong-demo`."
            case "advance": "advance needs a duration, for example `advance 16m`."
            case "steal": "steal needs a token kind: `steal access`, `steal refresh` or `steal both`."
            case "policy set": "policy set needs a key and a value, for example `policy set rotation off`."
            case "lesson start": "lesson start needs a lesson number, for example `lesson start 1`."
            case "csrf": "csrf needs an endpoint: `csrf refresh` or `csrf logout`."
            case "forge": "forge needs a method: `forge none`, `forge hs256 SECRET` or `forge confusion`."
            case "forge hs256": "forge hs256 needs the guessed secret, for example `forge hs256 secret123`."
            case "race": "race needs a target, for example `race refresh`."
            default: "\(command) needs more arguments. `help \(command)` shows an example."
            }
        case .unexpectedArguments(let command, let extra):
            "Too many arguments for \(command): remove \"\(Self.shorten(extra))\". Type `help \(command)` for its usage."
        case .invalidDuration(let text):
            "\"\(Self.shorten(text))\" is not a duration. Write a number with a unit: 90s, 16m, 2h, 8d or 1h30m."
        case .fractionalDuration(let text):
            "\"\(Self.shorten(text))\" is not a duration: decimals are not accepted. Write whole units, such as 1h30m."
        case .negativeDuration(let text):
            "\"\(Self.shorten(text))\" is negative; the clock only moves forward. `reset` starts the lab over."
        case .durationTooLong(let text):
            "\"\(Self.shorten(text))\" is too long a jump; the clock moves at most 100 years at a time."
        case .invalidTokenKind(let text):
            "\"\(Self.shorten(text))\" is not a token kind. Use `access`, `refresh` or `both`."
        case .attackerNeedsCommand:
            "attacker needs a command to run as the attacker, for example `attacker refresh`."
        case .notForAttacker(let name):
            "The attacker cannot run \"\(Self.shorten(name))\". Attacker commands: login, me, refresh, logout, tokens, token, tamper."
        case .invalidLessonNumber(let text):
            "\"\(Self.shorten(text))\" is not a lesson number. Type `lesson list` to see them."
        case .unknownSubcommand(let command, let found, let expected):
            "\(command) has no \"\(Self.shorten(found))\". Use: \(expected.map { "`\(command) \($0)`" }.joined(separator: ", "))."
        case .viaNeedsRequest(let name):
            "`via` sends one command's requests to one server, so it takes login, me, refresh, logout, race, csrf, jwks or forge confusion, not \"\(Self.shorten(name))\". Settings such as policy and key apply to every server, and other commands send no request."
        }
    }

    /// At most 40 characters of user input, so a pasted essay is not
    /// echoed back whole.
    static func shorten(_ text: String) -> String {
        text.count > 40 ? String(text.prefix(40)) + "…" : text
    }
}

extension Message {
    /// `A`, `A and B`, `A, B and C`.
    static func listed(_ names: [String]) -> String {
        guard let last = names.last else { return "" }
        guard names.count > 1 else { return last }
        return names.dropLast().joined(separator: ", ") + " and " + last
    }
}
