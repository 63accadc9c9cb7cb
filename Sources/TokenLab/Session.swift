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
        /// The store every world of the session keeps its refresh tokens in.
        public var store: World.StoreChoice

        public init(
            language: Language = .english, color: Bool = false, seed: UInt64? = nil, width: Int = 80,
            store: World.StoreChoice = .temporarySQLite
        ) {
            self.language = language
            self.color = color
            self.seed = seed
            self.width = width
            self.store = store
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
    /// The lesson files `lesson` commands read; nil when none were found.
    let lessons: LessonLibrary?
    /// The lesson in progress, if any.
    var lessonRun: LessonRun?
    /// Above 0 while a lesson step runs its own commands.
    var lessonStepDepth = 0
    /// How much of each step to show; `verbose` and `quiet` change it.
    public internal(set) var detail = Detail.normal
    /// The exchanges of the server call in progress, in order, with the
    /// client's name as shown; `withServerCall` draws them as a diagram.
    var callExchanges: [(who: String, exchange: HTTPExchange)] = []
    /// Hashes of refresh tokens whose second use made the server revoke
    /// their family, learned when it happened, so `store` can mark them.
    var reusedTokenHashes: Set<String> = []
    /// Access tokens `forge` wrote, so a refusal of one is explained as a
    /// signature by another key rather than as a tampered token.
    var forgedTokens: Set<String> = []
    /// The key `key` chose last, so `key` alone can describe it; the weak
    /// secret and the random one are both HS256 and look alike otherwise.
    var keyChoice = KeyChoice.hs256
    /// The running servers' names, for tab completion.
    public let serverNames = ServerNames()
    /// The handler that deletes the current world's store data on SIGTERM
    /// or SIGHUP.
    public let terminationCleanup = TerminationCleanup()

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
        self.world = try World(seed: options.seed, wallClockStart: wallClockStart(), store: options.store)
        terminationCleanup.track(world.discardStoreData)
    }

    deinit {
        world.shutdown()
    }

    /// Stops the server and deletes the store's files. The session must not
    /// be used afterwards; deinit does the same for sessions that are
    /// released normally.
    public func close() {
        world.shutdown()
    }

    /// The demo accounts as `user / password` pairs, for the banner and for
    /// a failed login, whose reader may no longer see the banner.
    static var demoAccounts: String {
        DemoUsers.credentials.map { "\($0.username) / \($0.password)" }.joined(separator: ", ")
    }

    /// The text shown once before the first prompt.
    public var banner: String {
        var lines = [style.bold(text(.bannerTitle))]
        let start = TimeFormat.date(world.clock.start)
        lines.append(text(world.store is RedisRefreshTokenStore ? .bannerServerRedis(start: start) : .bannerServer(start: start)))
        if let seed = options.seed {
            lines.append(style.yellow(text(.bannerSeeded(seed: seed))))
        }
        lines.append(text(.bannerSecret(hex: world.secret.map(HexDump.hex).joined())))
        lines.append(text(.bannerAccounts(Self.demoAccounts)))
        lines.append(text(.bannerHelp))
        return TextWrap.fit(lines.joined(separator: "\n"), width: options.width)
    }

    /// Runs one line and returns what to show, fitted to the width.
    public func execute(_ line: String) -> Outcome {
        let command: Command
        do {
            command = try CommandParser.parse(line)
        } catch {
            return failure(text(.commandError(error)))
        }

        if command == .quit {
            return Outcome(output: TextWrap.fit(text(.goodbye), width: options.width), quit: true, failed: false)
        }
        let lines: [String]
        do {
            lines = try run(command)
        } catch let failure as SessionFailure {
            return self.failure(text(failure.message))
        } catch {
            return failure(text(.unexpectedError(String(describing: error))))
        }

        // A command that failed before doing anything leaves the lab as
        // the lesson set it up.
        if command.changesLab && lessonStepDepth == 0 && lessonRun != nil {
            lessonRun?.detoured = true
        }
        let output = lines.joined(separator: "\n")
        // `token` prints a token for copying, which a wrapped line would break.
        if case .token = command {
            return Outcome(output: output, quit: false, failed: false)
        }
        return Outcome(output: TextWrap.fit(output, width: options.width), quit: false, failed: false)
    }

    private func failure(_ message: String) -> Outcome {
        Outcome(output: TextWrap.fit(style.red(message), width: options.width), quit: false, failed: true)
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
        case .store: return try store()
        case .steal(let kinds): return try steal(kinds)
        case .reset: return try reset()
        case .quit: return []
        case .autoRefresh(let enabled): return setAutoRefresh(enabled)
        case .raceRefresh: return try raceRefresh()
        case .key(let choice): return try key(choice)
        case .forge(let kind): return try forge(kind)
        case .crack: return try crack()
        case .xss: return try xss()
        case .csrf(let target): return try csrf(target)
        case .detail(let level):
            detail = level
            return [text(.detailChanged(level))]
        case .policyShow: return policyShow()
        case .policySet(let key, let value): return try policySet(key: key, value: value)
        case .lessonList: return try lessonList()
        case .lessonStart(let number): return try lessonStart(number)
        case .lessonQuit: return lessonQuit()
        case .next: return try lessonNext()
        case .back: return try lessonBack()
        case .again: return try lessonAgain()
        case .serverAdd: return try serverAdd()
        case .serverList: return serverList()
        case .via(let name, let inner): return try via(name, inner)
        case .jwks: return try jwks()
        case .token(let actor, let kinds): return try kinds.map { kind in try token(actor, kind) }
        }
    }

    /// Renders the refresh-token table, then the access-token denylist if
    /// it has entries.
    func store() throws -> [String] {
        let records = try world.store.allRecords()
        var lines = StoreRenderer(style: style, text: text, now: world.clock.now).renderAll(records)
        let chains = familyChainRenderer().render(records, reusedHashes: reusedTokenHashes)
        if !chains.isEmpty {
            lines += [""] + chains
        }
        let denied = try world.store.deniedFamilies(now: world.clock.now)
        if !denied.isEmpty {
            lines += ["", style.bold(text(.denylistTitle))]
            for (family, until) in denied.sorted(by: { $0.key < $1.key }) {
                lines.append("  " + text(.denylistEntry(family: String(family.prefix(8)), until: TimeFormat.date(until))))
            }
        }
        return lines
    }

    /// Starts the lab over. A running lesson goes on, with its own seed,
    /// so a lesson step may reset between experiments.
    func reset() throws -> [String] {
        try rebuildWorld(seed: lessonRun?.seed ?? options.seed)
        return [text(.resetDone(start: TimeFormat.date(world.clock.start)))]
    }

    /// Replaces the world with a fresh one: new server, empty store, the
    /// standard policy, no tokens, the clock at its start.
    func rebuildWorld(seed: UInt64?) throws {
        world.shutdown()
        world = try World(seed: seed, wallClockStart: wallClockStart(), store: options.store)
        serverNames.current = world.servers.map(\.name)
        terminationCleanup.track(world.discardStoreData)
        reusedTokenHashes = []
        forgedTokens = []
        keyChoice = .hs256
    }
}

/// A command that could not run, with the message that explains why.
struct SessionFailure: Error {
    let message: Message
    init(_ message: Message) { self.message = message }
}

/// Reads fields of a JSON response body.
enum ExchangeFacts {
    /// Returns whether the response hands out a refresh token, in the body
    /// or in a `Set-Cookie` with a value (an empty value deletes the cookie).
    static func issuesRefreshToken(_ exchange: HTTPExchange) -> Bool {
        if bodyString("refresh_token", in: exchange) != nil { return true }
        return exchange.response.headers.contains { header in
            header.name.lowercased() == "set-cookie" && header.value.hasPrefix("refresh_token=")
                && !header.value.hasPrefix("refresh_token=;")
        }
    }

    static func bodyString(_ name: String, in exchange: HTTPExchange) -> String? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(exchange.response.body)) as? [String: Any] else {
            return nil
        }
        return object[name] as? String
    }

    /// Returns the `jti` of the bearer token the request carried, read
    /// without verification, to match the request with log entries.
    static func bearerTokenID(in exchange: HTTPExchange) -> String? {
        guard let header = exchange.request.headers.first(where: { $0.name.lowercased() == "authorization" }),
            header.value.hasPrefix("Bearer ")
        else { return nil }
        return (try? CompactJWS(parsing: String(header.value.dropFirst("Bearer ".count))))?.claims.tokenID
    }
}
