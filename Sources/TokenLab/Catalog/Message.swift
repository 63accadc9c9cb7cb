import JOSE

/// Every text the REPL and the command line show, as a value.
///
/// Each language is one exhaustive `switch` over this enum (in
/// `Message+English.swift` and `Message+Korean.swift`), so the compiler
/// refuses a message that lacks a translation.
public enum Message: Sendable {
    // Banner and session
    case bannerTitle
    case bannerServer(start: String)
    case bannerServerRedis(start: String)
    case bannerSeeded(seed: UInt64)
    case bannerSecret(hex: String)
    case bannerAccounts(String)
    case bannerHelp
    case goodbye
    case detailChanged(Detail)
    case resetDone(start: String)
    case unexpectedError(String)
    case commandError(CommandError)

    // Help
    case helpTitle
    case helpEntry(command: String)
    case helpFooter

    // People and places
    case actorName(Actor)
    case server

    // HTTP exchanges
    case byteCount(Int)
    case serverUnreachable(String)
    case serverLog

    // Token anatomy
    case accessTokenTitle
    case refreshTokenTitle
    case tokenUnreadable(String)
    case jwtSummary(characters: Int)
    case header
    case payload
    case signature
    case segmentDecoded(characters: Int, bytes: Int)
    case signatureDecoded(characters: Int, bytes: Int, algorithm: String)
    /// Beside the label of a signature segment with no characters, as in
    /// an unsecured JWT (alg "none").
    case signatureEmpty(algorithm: String)
    case refreshSummary(characters: Int)
    case tokenText
    case bytes
    case inStore
    case seededRandomnessNote
    case storeKeepsHashOnly
    case cookieLabel
    case cookieHttpOnlyNote
    case cookieScriptNote
    case expiresIn(String)
    case expiredAgo(String)
    case claimFamily
    case claimTokenID
    case multibyte(characters: Int, bytes: Int, hex: String)

    // Timeline
    case timelineTitle
    case timelineEmpty
    case timelineLegend(now: String)
    /// A token the denylist refuses before its `exp`.
    case timelineRevoked
    case timelineRevokedLegend

    // Help for one command
    case helpUsage
    case helpArguments
    case helpExample
    case helpArgument(command: String)
    case helpUnknownTopic(String, suggestion: String?)

    // Store
    case storeUnchanged(rows: Int)
    case storeAfter(changed: Int)
    case storeEmpty
    case denylistAdded(family: String, until: String)
    case denylistTitle
    case denylistEntry(family: String, until: String)
    /// Beside an `active` row whose expiry has passed.
    case storeExpired
    case storeTitle(rows: Int)
    case storeFamily(id: String, user: String, expires: String)
    case columnHash
    case columnParent
    case columnIssued
    case columnStatus

    // Outcomes of commands
    case nowHolds(Actor)
    case holds(Actor)
    case holdsNothing(Actor)
    /// `accounts` lists the demo accounts as `user / password` pairs.
    case loginFailed(accounts: String)
    case meSucceeded(Actor)
    case meSucceededAfterRefresh(Actor)
    case autoRefreshing(Actor)
    case autoRetrying(Actor)
    case autoRefreshOn
    case autoRefreshOff
    case noAccessToken(Actor)
    case noRefreshToken(Actor)
    case noAccessTokenSent
    /// `canRefresh` is whether the actor has a refresh token to get a new one with.
    case accessTokenExpired(Actor, ago: String, expiration: String, now: String, canRefresh: Bool)
    case accessTokenBadSignature
    /// A token `forge` signed with a key the attacker chose.
    case accessTokenForeignKey
    /// No key of the server has the token's `kid`: it was retired.
    case accessTokenUnknownKeyID(String)
    case accessTokenRejected(String)
    /// The server that rotated is named when the lab runs more than one.
    case refreshRotated(Actor, server: String?)
    case refreshNotRotated(Actor)
    case refreshGraceReplay(Actor)
    case reuseDetected
    case refreshTokenExpired
    case refreshTokenRevoked
    case refreshTokenAlreadyUsed
    case xssStart
    case xssNothing
    case xssHttpOnlyHidden(Int)
    case xssSent(Int)
    case xssNothingSent
    case csrfStart(String)
    /// Body delivery: the user's browser has no refresh cookie at all.
    case csrfNoCookieToCarry
    /// The server turned the form away for its Content-Type (415).
    case csrfFormContentType
    /// Cookie delivery, and yet no refresh cookie in the user's jar.
    case csrfCookieJarEmpty
    case csrfNoCookie
    case csrfSameSiteKept
    case csrfSucceeded
    case csrfCookieSentButRefused
    case accessTokenUnsecured
    case accessTokenWrongAlgorithm(found: String, expected: String)
    case keyChanged(String)
    case keyCurrent(String)
    case keySymmetricNote
    case keyWeakNote
    case keyPublishedNote
    /// The `kid` that signs, and the older ones that only verify.
    case keyIDs(signing: String, verifyingOnly: [String])
    case keyRotated(new: String, old: String)
    /// The older `kid`s that left the key set.
    case keyRetired(String)
    case keyRotateNeedsKeyPair
    case keyNothingToRetire
    case tooManyServers(Int)
    /// A server started, sharing the store with the servers named.
    case serverAdded(name: String, sharesWith: [String], store: String)
    case serversTitle(store: String)
    case serverLine(name: String, algorithm: String, keyID: String?)
    case serverAddHint
    case serversViaHint(String)
    case unknownServer(String, known: [String])
    case jwksFetching
    /// `token refresh` while the refresh token lives in an HttpOnly cookie.
    case tokenInCookie(Actor)
    case noTokenToShow(Actor, TokenKind)
    /// The resource server's name in exchanges.
    case apiName
    case jwksEmpty
    case jwksKeys([String])
    case jwksNoToken
    case jwksVerified(keyID: String, remaining: String)
    case jwksRejected(keyID: String, reason: JOSEError)
    case forgeNeedsToken
    case forgeNoPublicKey
    case forgedNone
    case forgedWithSecret(String)
    case forgedConfusion(bytes: Int)
    case forgeHint
    case crackNeedsHS256(String)
    case crackStart(words: Int)
    case crackFound(String, tries: Int)
    case crackFailed(words: Int)
    case refreshTokenIdle
    case accessTokenDenylisted
    case raceExplained
    case raceNeedsBodyDelivery
    case tabName(Int)
    case raceBothSameSuccessor
    case raceBothSucceeded
    case raceLoggedOut
    case clientDroppedTokens(Actor)
    /// A client that kept its tokens after a refused refresh, with what
    /// its access token can still do.
    case clientKeptTokens(Actor, access: HeldAccessToken)
    case refreshRejected(String)
    /// Cookie delivery is on, and the body carried a refresh token.
    case refreshTokenInBodyUnderCookieDelivery
    /// Body delivery is on, and the body carried none.
    case refreshTokenMissingFromBody
    case loggedOut(Actor, server: String?)
    /// A setting reached every running server, named here.
    case appliesToServers([String])
    case tampered(Actor, from: String, to: String)
    case tamperedSignatureKept(Actor)
    case clockAdvanced(from: String, to: String, by: String)
    case clockNow(String, elapsed: String)
    case accessValidFor(Actor, String)
    case accessExpiredFor(Actor, String)
    case nothingToSteal(TokenKind)
    case stole(TokenKind, String)
    case stealHint([TokenKind])

    // Policy
    case policyTitle
    case policyKey(String)
    case policyHint
    case policyChanged(key: String, value: String)
    case policyInvalidValue(key: String, value: String, expected: String)
    case policyUnknownKey(String, known: String)
    /// The values a policy key accepts, for its error message.
    case policyExpected(String)

    // Lessons
    case lessonsNotFound
    case lessonListTitle
    case lessonListHint
    case lessonNotFound(Int)
    case lessonFreshLab(seed: UInt64)
    case lessonNextHint(step: Int, of: Int, title: String)
    case lessonNone
    case lessonDetoured
    case lessonQuit(String)
    /// `next` is nil after the last lesson.
    case lessonFinished(next: Int?)
    case lessonAtStart
    /// Quiet detail hides headers and bodies a lesson's notes point at.
    case lessonQuietHint
    case lessonNothingToRepeat
    case lessonRebuilt(steps: Int)
    case lessonStepHeading(step: Int, of: Int, title: String)
    case lessonEnd(next: Int?)

    // Command line
    case cliUsage
    /// The command is the one whose `--help` lists the options.
    case cliUnknownOption(String, command: String)
    /// `--record` with `--store redis://…`.
    case cliRecordNeedsDefaultStore
    case cliMissingValue(option: String, command: String)
    case cliInvalidSeed(String)
    case cliInvalidLanguage(String)
    case cliStartFailed(String)
    case cliStore(StoreMessage)
    case cliLessonUsage
    case cliReplayUsage
    case cliInvalidLesson(String)
    case cliMissingLesson
    case cliInvalidPace(String)
    case cliMissingTranscript
    case cliOneTranscript
    case cliCannotRead(path: String)
    case cliNotUTF8(path: String)
    case cliCannotWrite(path: String, reason: String)
    case cliRecording(path: String, replacing: Bool)

    // Transcript header, written in the transcript's language
    case transcriptFormat(prompt: String)
    case transcriptReplayHint

    // Replay
    case replayEnterHint
    case replaySummary(passed: Int, failed: Int)
    case replayMatches(path: String)
    case replayDiffers(path: String)
    case replayUpdated(path: String)
    case replayUnchanged(path: String)
    case replayAsciicastWritten(path: String, steps: Int)
}

/// Renders messages in one language.
public struct Localizer: Sendable {
    public let language: Language

    public init(language: Language) {
        self.language = language
    }

    public func callAsFunction(_ message: Message) -> String {
        switch language {
        case .english: message.english
        case .korean: message.korean
        }
    }

    /// Formats a duration of `seconds` with this language's unit names,
    /// such as `15m 0s` or `15분 0초`.
    public func duration(_ seconds: Int64) -> String {
        TimeFormat.duration(seconds, in: language)
    }
}

/// The state of a client's access token once its refresh token is dead.
public enum HeldAccessToken: Equatable, Sendable {
    case none
    case expired
    /// Its family is on the denylist, so the server refuses it before `exp`.
    case denied
    /// It works for this long (already formatted), until `exp`.
    case live(String)
}
