/// An actor in the story: the student's own app, or the attacker.
public enum Actor: String, Sendable, CaseIterable {
    case user
    case attacker
}

/// The kind of token a command is about.
public enum TokenKind: String, Sendable, CaseIterable {
    case access
    case refresh
}

/// How much of each step the REPL shows.
public enum Detail: String, Sendable, CaseIterable {
    /// A sequence diagram of the exchanges, outcomes and store changes; no
    /// headers, bodies, token anatomy or server log.
    case quiet
    /// Everything a lesson needs (the default).
    case normal
    /// Also every response header, each segment's bytes in hex and the
    /// token's bytes coloured by segment.
    case verbose
}

/// The endpoint a cross-site form post targets.
public enum CSRFTarget: String, Sendable, CaseIterable {
    case refresh
    case logout
}

/// A signing key the lab's server can switch to.
public enum KeyChoice: String, Sendable, CaseIterable {
    /// HS256 with the lab's 32 random bytes (the default).
    case hs256
    /// HS256 with a dictionary word. Demo-only.
    case weak
    /// RS256 with the fixed demo RSA key, published as a JWK.
    case rs256
    /// EdDSA with the fixed demo Ed25519 key, published as a JWK.
    case eddsa
    /// Sign with the next demo key of the same algorithm under a new `kid`,
    /// keeping the old public key published.
    case rotate
    /// Drop the keys kept since the last rotation.
    case retire
}

/// The attacker's method of forging an access token.
public enum ForgeKind: Equatable, Sendable {
    /// `alg: none` and no signature.
    case none
    /// HS256 with a guessed secret.
    case hs256(String)
    /// HS256 with the server's published public key as the secret.
    case confusion
}

/// One REPL command, parsed and checked.
public indirect enum Command: Equatable, Sendable {
    /// The command list, or one command's usage when a topic is given.
    case help(String?)
    /// Draw the access tokens' lifetimes against the clock.
    case timeline
    case login(Actor, username: String, password: String)
    case me(Actor)
    case refresh(Actor)
    case logout(Actor)
    /// Show the tokens one actor holds, or both actors' when nil.
    case tokens(Actor?)
    /// Change the actor's access-token payload and keep the old signature.
    case tamper(Actor)
    /// Move the virtual clock forward by this many seconds.
    case advance(seconds: Int64)
    case clock
    case store
    /// Copy the user's tokens of these kinds to the attacker.
    case steal([TokenKind])
    case reset
    case quit
    /// A script injected into the app's page reads what it can.
    case xss
    /// A page of another site makes the user's browser post to an endpoint.
    case csrf(CSRFTarget)
    /// Set how much of each step is shown.
    case detail(Detail)
    /// Show or replace the server's signing key.
    case key(KeyChoice?)
    case forge(ForgeKind)
    case crack
    /// Two tabs of the user's app refresh with the same refresh token.
    case raceRefresh
    /// Turn the user's app's refresh-and-retry on 401 on or off; nil shows it.
    case autoRefresh(Bool?)
    case policyShow
    case policySet(key: String, value: String)
    case lessonList
    case lessonStart(Int)
    case lessonQuit
    /// Run the lesson's next step.
    case next
    /// Show the previous step again, rebuilding the lab up to it.
    case back
    /// Run the current step again, rebuilding the lab up to it.
    case again
    /// Print one of the actor's tokens alone on a line, unwrapped, for
    /// copying into `tokenlab decode` or `tokenlab verify`.
    case token(Actor, [TokenKind])
    /// Start one more token server that shares the store.
    case serverAdd
    /// List the running token servers.
    case serverList
    /// Send one command's requests to the named server.
    case via(server: String, Command)
    /// A resource server fetches the JWK Set and checks the user's access
    /// token with it.
    case jwks
}

extension Command {
    /// Whether the command's effect is one or more HTTP requests to a token
    /// server, so `via` can choose the server. Settings (`policy`, `key`)
    /// apply to every server, and the rest never leave the lab.
    var sendsRequests: Bool {
        switch self {
        case .login, .me, .refresh, .logout, .raceRefresh, .csrf, .jwks, .forge(.confusion): true
        default: false
        }
    }

    /// Whether the command changes the lab's state (tokens, store, clock
    /// or policy), so a lesson's notes may no longer match its output.
    var changesLab: Bool {
        switch self {
        case .advance(let seconds): seconds != 0
        case .via(_, let command): command.changesLab
        case .login, .refresh, .logout, .tamper, .steal, .reset, .policySet, .autoRefresh(.some), .raceRefresh,
            .key(.some), .forge, .xss, .csrf, .serverAdd:
            true
        default: false
        }
    }
}

/// The reason a line is not a command, rendered through the catalog.
public enum CommandError: Error, Equatable, Sendable {
    case emptyLine
    case lineTooLong(length: Int, limit: Int)
    case unbalancedQuote
    case unknownCommand(String, suggestion: String?)
    /// Hangul that spells a command on a Latin keyboard: the input mode
    /// was left on Korean.
    case koreanInputMode(String, command: String)
    case missingArguments(command: String)
    case unexpectedArguments(command: String, extra: String)
    case invalidDuration(String)
    /// A duration with a decimal point, such as `1.5h`: each unit takes a
    /// whole number.
    case fractionalDuration(String)
    case negativeDuration(String)
    case durationTooLong(String)
    case invalidTokenKind(String)
    case attackerNeedsCommand
    case notForAttacker(String)
    case invalidLessonNumber(String)
    case unknownSubcommand(command: String, found: String, expected: [String])
    /// `via` contains a command that sends no request of its own, or
    /// another `via`. The name is that command's.
    case viaNeedsRequest(String)
}
