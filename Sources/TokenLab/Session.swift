import Foundation
import JOSE
import TokenClient
import TokenServer

/// The REPL engine: runs one line at a time against a `World` and returns
/// the text to show. It reads no input and writes no output itself, so
/// tests drive it directly and the front end decides where text goes.
public final class Session {
    public struct Options: Sendable {
        public var language: Language
        public var color: Bool
        /// Fixes the clock and randomness; nil for OpenSSL's randomness and
        /// a clock that starts at the wall-clock time.
        public var seed: UInt64?
        /// Columns to fit the output to: the terminal's width at a
        /// terminal, 80 otherwise, so transcripts do not depend on who
        /// recorded them.
        public var width: Int

        public init(language: Language = .english, color: Bool = false, seed: UInt64? = nil, width: Int = 80) {
            self.language = language
            self.color = color
            self.seed = seed
            self.width = width
        }
    }

    /// The result of one line.
    public struct Outcome: Sendable {
        public let output: String
        /// Set when the line asked to leave the REPL.
        public let quit: Bool
        /// Set when the line was not a command or could not run.
        public let failed: Bool
    }

    public let options: Options
    public internal(set) var world: World
    let text: Localizer
    let style: Style
    let wallClockStart: @Sendable () -> Int64
    /// Where `lesson` commands find lessons; nil when none were found.
    let lessons: LessonLibrary?
    /// The lesson in progress, if any.
    var lessonRun: LessonRun?

    /// Starts a world for the session.
    ///
    /// - Parameter wallClockStart: read once per world when no seed is
    ///   set; the REPL passes the system clock.
    public init(options: Options, lessons: LessonLibrary? = nil, wallClockStart: @escaping @Sendable () -> Int64) throws {
        self.options = options
        self.lessons = lessons
        self.text = Localizer(language: options.language)
        self.style = Style(enabled: options.color)
        self.wallClockStart = wallClockStart
        self.world = try World(seed: options.seed, wallClockStart: wallClockStart())
    }

    deinit {
        world.shutdown()
    }

    /// The text shown once before the first prompt.
    public var banner: String {
        var lines = [style.bold(text(.bannerTitle))]
        lines.append(text(.bannerServer(start: TimeFormat.date(world.clock.start))))
        if let seed = options.seed {
            lines.append(style.yellow(text(.bannerSeeded(seed: seed))))
        }
        lines.append(text(.bannerSecret(hex: world.secret.map(HexDump.hex).joined())))
        let accounts = DemoUsers.credentials.map { "\($0.username) / \($0.password)" }.joined(separator: ", ")
        lines.append(text(.bannerAccounts(accounts)))
        lines.append(text(.bannerHelp))
        return TextWrap.fit(lines.joined(separator: "\n"), width: options.width)
    }

    /// Runs one line and returns what to show.
    public func execute(_ line: String) -> Outcome {
        let outcome = run(line: line)
        return Outcome(output: TextWrap.fit(outcome.output, width: options.width), quit: outcome.quit, failed: outcome.failed)
    }

    private func run(line: String) -> Outcome {
        let command: Command
        do {
            command = try CommandParser.parse(line)
        } catch {
            return Outcome(output: style.red(text(.commandError(error))), quit: false, failed: true)
        }

        if command == .quit {
            return Outcome(output: text(.goodbye), quit: true, failed: false)
        }
        do {
            let lines = try run(command)
            return Outcome(output: lines.joined(separator: "\n"), quit: false, failed: false)
        } catch let failure as SessionFailure {
            return Outcome(output: style.red(text(failure.message)), quit: false, failed: true)
        } catch {
            return Outcome(output: style.red(text(.unexpectedError(String(describing: error)))), quit: false, failed: true)
        }
    }

    func run(_ command: Command) throws -> [String] {
        switch command {
        case .help(nil): return HelpText.lines(text: text, style: style, width: options.width)
        case .help(let topic?): return try help(topic)
        case .timeline: return timeline()
        case .login(let actor, let username, let password): return try login(actor, username: username, password: password)
        case .me(let actor): return try me(actor)
        case .refresh(let actor): return try refresh(actor)
        case .logout(let actor): return try logout(actor)
        case .tokens(let actor): return tokens(actor)
        case .tamper(let actor): return try tamper(actor)
        case .advance(let seconds): return advance(seconds)
        case .clock: return clock()
        case .store: return StoreRenderer(style: style, text: text, now: world.clock.now).renderAll(try world.store.allRecords())
        case .steal(let kinds): return try steal(kinds)
        case .reset: return try reset()
        case .quit: return []
        case .policyShow: return policyShow()
        case .policySet(let key, let value): return try policySet(key: key, value: value)
        case .lessonList: return try lessonList()
        case .lessonStart(let number): return try lessonStart(number)
        case .lessonQuit: return lessonQuit()
        case .next: return try lessonNext()
        case .back: return try lessonBack()
        case .again: return try lessonAgain()
        }
    }

    // MARK: - Commands that call the server

    private func login(_ actor: Actor, username: String, password: String) throws -> [String] {
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

    private func me(_ actor: Actor) throws -> [String] {
        let sentToken = world.client(actor).storage.accessToken
        return try withServerCall { () throws(TransportError) in
            let exchange = try world.client(actor).me()
            var lines = exchangeLines(exchange, actor: actor)
            if exchange.response.status == 200 {
                lines.append(style.green(text(.meSucceeded(actor))))
            } else {
                lines.append(style.red(explainAccessFailure(exchange, sentToken: sentToken, actor: actor)))
            }
            return lines
        }
    }

    private func refresh(_ actor: Actor) throws -> [String] {
        guard world.client(actor).storage.refreshToken != nil else {
            throw SessionFailure(.noRefreshToken(actor))
        }
        return try withServerCall { () throws(TransportError) in
            guard let exchange = try world.client(actor).refresh() else { return [] }
            var lines = exchangeLines(exchange, actor: actor)
            if exchange.response.status == 200 {
                let rotated = ExchangeFacts.bodyString("refresh_token", in: exchange) != nil
                lines.append("")
                lines.append(text(rotated ? .refreshRotated(actor) : .refreshNotRotated(actor)))
                lines += heldTokens(actor, showBytes: false)
            } else {
                lines.append(style.red(explainGrantFailure(exchange)))
            }
            return lines
        }
    }

    private func logout(_ actor: Actor) throws -> [String] {
        guard world.client(actor).storage.refreshToken != nil else {
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
    private func withServerCall(_ body: () throws(TransportError) -> [String]) throws -> [String] {
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

    private func exchangeLines(_ exchange: HTTPExchange, actor: Actor) -> [String] {
        ExchangeRenderer(style: style, text: text).render(exchange, actor: actor)
    }

    // MARK: - Explaining failures

    /// Says why the server refused an access token, from the token the
    /// client sent and the server's error response.
    private func explainAccessFailure(_ exchange: HTTPExchange, sentToken: String?, actor: Actor) -> String {
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

    private func explainGrantFailure(_ exchange: HTTPExchange) -> String {
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

    // MARK: - Local commands

    private func tokens(_ actor: Actor?) -> [String] {
        let actors = actor.map { [$0] } ?? Actor.allCases
        var lines: [String] = []
        for (index, actor) in actors.enumerated() {
            if index > 0 { lines.append("") }
            let storage = world.client(actor).storage
            if storage.accessToken == nil && storage.refreshToken == nil {
                lines.append(text(.holdsNothing(actor)))
                continue
            }
            lines.append(style.bold(text(.holds(actor))))
            lines += heldTokens(actor, showBytes: true)
        }
        return lines
    }

    private func heldTokens(_ actor: Actor, showBytes: Bool) -> [String] {
        let renderer = TokenRenderer(style: style, text: text, now: world.clock.now)
        let storage = world.client(actor).storage
        var lines: [String] = []
        if let access = storage.accessToken {
            lines += renderer.renderAccessToken(access, title: text(.accessTokenTitle), showBytes: showBytes)
        }
        if let refresh = storage.refreshToken {
            lines += renderer.renderRefreshToken(refresh, title: text(.refreshTokenTitle), seeded: options.seed != nil)
        }
        return lines
    }

    private func tamper(_ actor: Actor) throws -> [String] {
        let storage = world.client(actor).storage
        guard let token = storage.accessToken else { throw SessionFailure(.noAccessToken(actor)) }
        let tampered = try Tamper.swapRole(in: token)
        storage.accessToken = tampered.token

        var lines = [text(.tampered(actor, from: tampered.oldRole, to: tampered.newRole))]
        lines.append(text(.tamperedSignatureKept))
        lines += TokenRenderer(style: style, text: text, now: world.clock.now)
            .renderAccessToken(tampered.token, title: text(.accessTokenTitle), showBytes: false)
        return lines
    }

    private func help(_ topic: String) throws -> [String] {
        guard let lines = HelpText.lines(for: topic, text: text, style: style) else {
            throw SessionFailure(.helpUnknownTopic(topic, suggestion: CommandParser.suggestion(for: topic)))
        }
        return lines
    }

    private func timeline() -> [String] {
        var bars: [TimelineRenderer.Bar] = []
        for actor in Actor.allCases {
            guard let token = world.client(actor).storage.accessToken,
                let claims = try? CompactJWS(parsing: token).claims,
                let issuedAt = try? claims.numericDate("iat"), let expiresAt = try? claims.numericDate("exp")
            else { continue }
            bars.append(.init(label: text(.actorName(actor)), issuedAt: issuedAt, expiresAt: expiresAt))
        }
        return TimelineRenderer(style: style, text: text).render(bars, now: world.clock.now)
    }

    private func advance(_ seconds: Int64) -> [String] {
        let before = world.clock.now
        world.clock.advance(by: seconds)
        let now = world.clock.now
        var lines = [text(.clockAdvanced(from: TimeFormat.date(before), to: TimeFormat.date(now), by: TimeFormat.duration(seconds)))]
        lines += accessTokenStates()
        return lines
    }

    private func clock() -> [String] {
        let now = world.clock.now
        var lines = [text(.clockNow(TimeFormat.date(now), elapsed: TimeFormat.duration(now - world.clock.start)))]
        lines += accessTokenStates()
        return lines
    }

    /// One line per actor with an access token: valid for how long, or
    /// expired how long ago, as the virtual clock reads now.
    private func accessTokenStates() -> [String] {
        var lines: [String] = []
        for actor in Actor.allCases {
            guard let token = world.client(actor).storage.accessToken,
                let expiration = try? CompactJWS(parsing: token).claims.numericDate("exp")
            else { continue }
            let remaining = expiration - world.clock.now
            lines.append(remaining > 0
                ? "  " + text(.accessValidFor(actor, TimeFormat.duration(remaining)))
                : "  " + style.red(text(.accessExpiredFor(actor, TimeFormat.duration(-remaining)))))
        }
        return lines
    }

    private func steal(_ kinds: [TokenKind]) throws -> [String] {
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
        lines.append(style.dim(text(.stealHint)))
        return lines
    }

    /// Starts the lab over. A running lesson goes on, with its own seed,
    /// so a lesson step may reset between experiments.
    private func reset() throws -> [String] {
        try rebuildWorld(seed: lessonRun?.seed ?? options.seed)
        return [text(.resetDone(start: TimeFormat.date(world.clock.start)))]
    }

    /// Replaces the world with a fresh one: new server, empty store, the
    /// standard policy, no tokens, the clock at its start.
    func rebuildWorld(seed: UInt64?) throws {
        world.shutdown()
        world = try World(seed: seed, wallClockStart: wallClockStart())
    }
}

/// A command that could not run, with the message that says why.
struct SessionFailure: Error {
    let message: Message
    init(_ message: Message) { self.message = message }
}

/// Reads fields of a JSON response body.
enum ExchangeFacts {
    static func bodyString(_ name: String, in exchange: HTTPExchange) -> String? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(exchange.response.body)) as? [String: Any] else {
            return nil
        }
        return object[name] as? String
    }
}
