import Foundation
import JOSE
import TokenServer

/// `tokenlab serve`: the token server alone, on the system clock, with
/// production password hashing, until SIGINT or SIGTERM.
public enum ServeCommand {
    struct Arguments {
        var host = "127.0.0.1"
        var port: UInt16 = 8080
        var store: StoreURL?
        var policyPath: String?
        /// `--set KEY=VALUE` settings, applied in order over the policy file.
        var policySettings: [(key: String, value: String)] = []
        var threads = 8
        var secretPath: String?
        /// A PEM private key to sign access tokens with, instead of HS256.
        var signingKeyPath: String?
        var algorithm: JWSAlgorithm?
        var keyID: String?
        var language: String?
        var help = false
    }

    /// Seconds a stop waits for requests in flight before closing them.
    static let drainTimeout = 10.0

    static func parse(_ arguments: [String]) throws(ServeUsageError) -> Arguments {
        var parsed = Arguments()
        var cursor = ArgumentCursor(arguments)
        func value(_ option: String) throws(ServeUsageError) -> String {
            do {
                return try cursor.value(for: option)
            } catch {
                throw ServeUsageError(.missingValue(option: option))
            }
        }

        while let argument = cursor.next() {
            switch argument {
            case "--host":
                let text = try value(argument)
                // `[::1]` is accepted as written in URLs.
                let host = text.hasPrefix("[") && text.hasSuffix("]") ? String(text.dropFirst().dropLast()) : text
                var ipv4 = in_addr()
                var ipv6 = in6_addr()
                guard inet_pton(AF_INET, host, &ipv4) == 1 || inet_pton(AF_INET6, host, &ipv6) == 1 else {
                    throw ServeUsageError(.invalidHost(text))
                }
                parsed.host = host
            case "--port":
                let text = try value(argument)
                guard let port = UInt16(text) else { throw ServeUsageError(.invalidPort(text)) }
                parsed.port = port
            case "--store":
                let text = try value(argument)
                do {
                    parsed.store = try StoreURL.parse(text)
                } catch {
                    throw ServeUsageError(.store(.invalidURL(error)))
                }
            case "--policy":
                parsed.policyPath = try value(argument)
            case "--set":
                let text = try value(argument)
                guard let equals = text.firstIndex(of: "="), equals != text.startIndex else {
                    throw ServeUsageError(.invalidSetting(text))
                }
                parsed.policySettings.append((String(text[..<equals]), String(text[text.index(after: equals)...])))
            case "--threads":
                let text = try value(argument)
                guard let threads = Int(text), (1...64).contains(threads) else {
                    throw ServeUsageError(.invalidThreads(text))
                }
                parsed.threads = threads
            case "--secret-file":
                parsed.secretPath = try value(argument)
            case "--signing-key":
                parsed.signingKeyPath = try value(argument)
            case "--alg":
                let text = try value(argument)
                guard let algorithm = JWSAlgorithm(rawValue: text), algorithm.family != .hmac else {
                    throw ServeUsageError(.invalidAlgorithm(text))
                }
                parsed.algorithm = algorithm
            case "--kid":
                parsed.keyID = try value(argument)
            case "--lang":
                parsed.language = try value(argument)
            case "--help", "-h":
                parsed.help = true
            default:
                throw ServeUsageError(.unknownOption(argument))
            }
        }
        if (parsed.algorithm != nil || parsed.keyID != nil) && parsed.signingKeyPath == nil {
            throw ServeUsageError(.algorithmNeedsKey)
        }
        if parsed.signingKeyPath != nil && parsed.algorithm == nil {
            throw ServeUsageError(.keyNeedsAlgorithm)
        }
        return parsed
    }

    /// Runs the server and returns the exit status: 0 after a signal, 1
    /// when the store or the server cannot start, 2 for a usage error.
    public static func main(arguments: [String], environment: [String: String]) -> Int32 {
        // Before any thread starts, so every thread inherits the mask and
        // only `sigwait` below receives these signals. They stay blocked
        // until exit, so a second Ctrl-C during the stop cannot cut it short.
        var signals = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, SIGINT)
        sigaddset(&signals, SIGTERM)
        pthread_sigmask(SIG_BLOCK, &signals, nil)

        let fallback = Language.resolve(flag: nil, environment: environment) ?? .english
        let parsed: Arguments
        do {
            parsed = try parse(arguments)
        } catch {
            Console.writeError("tokenlab serve: " + error.message.text(fallback) + "\n")
            return 2
        }
        guard let language = Language.resolve(flag: parsed.language, environment: environment) else {
            Console.writeError("tokenlab serve: " + ServeMessage.invalidLanguage(parsed.language ?? "").text(fallback) + "\n")
            return 2
        }
        let say = { (message: ServeMessage) in Console.writeError("tokenlab serve: " + message.text(language) + "\n") }
        if parsed.help {
            Console.write(ServeMessage.usage.text(language) + "\n")
            return 0
        }
        guard let storeURL = parsed.store else {
            say(.missingStore)
            return 2
        }

        var policy: Policy
        do {
            policy = try parsed.policyPath.map { path throws(PolicyError) in try Policy.load(path: path) } ?? .standard
            for setting in parsed.policySettings {
                try policy.set(setting.key, to: setting.value)
            }
        } catch {
            say(.policyInvalid(error))
            return 2
        }
        let secret: [UInt8]
        switch readSecret(parsed.secretPath) {
        case .success(let bytes): secret = bytes
        case .failure(let error):
            say(error.message)
            return 2
        }
        if parsed.secretPath == nil && parsed.signingKeyPath == nil {
            say(.randomSecret)
        }

        return run(parsed, storeURL: storeURL, policy: policy, secret: secret, signals: signals, say: say)
    }

    /// Starts everything, waits for a signal and stops. Every object it
    /// makes is released when it returns, which closes the store.
    private static func run(
        _ parsed: Arguments, storeURL: StoreURL, policy: Policy, secret: [UInt8], signals: sigset_t,
        say: (ServeMessage) -> Void
    ) -> Int32 {
        let clock = SystemClock()
        let random = SystemRandom()
        let log = StandardErrorLogSink(clock: clock)

        let store: any RefreshTokenStore
        do {
            store = try storeURL.open()
        } catch let error as RedisError {
            say(.store(.redisFailed(error)))
            return 1
        } catch {
            say(.storeFailed(String(describing: error)))
            return 1
        }

        if case .redis(let endpoint, let namespace) = storeURL {
            say(.storeInUse(redis: endpoint.description, prefix: "tokenlab:\(namespace ?? StoreURL.defaultNamespace):"))
        } else {
            say(.storeInUse(redis: nil, prefix: nil))
        }
        say(.hashingPasswords(accounts: DemoUsers.all.count))
        let server: TokenServer
        do {
            let users = try productionUsers(random: random)
            let service: AuthService
            if let keyPath = parsed.signingKeyPath, let algorithm = parsed.algorithm {
                // The HMAC secret still keys grace-window successors; the
                // private key signs access tokens and its public half is
                // published at /.well-known/jwks.json.
                let signer = try asymmetricSigner(path: keyPath, algorithm: algorithm, keyID: parsed.keyID)
                service = AuthService(
                    users: users, signer: signer, successorKey: try HMACKey(secret: secret), store: store, policy: policy,
                    clock: clock, random: random, log: log)
                say(.signingWith(algorithm: algorithm.rawValue, keyID: signer.publicKeys.first?["kid"]?.stringValue ?? ""))
            } else {
                service = try AuthService(
                    users: users, key: try HMACKey(secret: secret), store: store, policy: policy,
                    clock: clock, random: random, log: log)
            }
            server = try TokenServer(
                service: service, store: store, log: log, host: parsed.host, port: parsed.port,
                threads: parsed.threads, requestLog: RequestLog(sink: log, clock: SystemMonotonicClock()))
        } catch {
            say(.startFailed(String(describing: error)))
            return 1
        }
        say(.listening(url: server.baseURL, threads: parsed.threads))
        say(.policy(policy.settings.map { "\($0.key.rawValue)=\($0.value)" }.joined(separator: " ")))

        var signals = signals
        var received: Int32 = 0
        while sigwait(&signals, &received) != 0 {}

        say(.stopping(signal: received == SIGTERM ? "SIGTERM" : "SIGINT", inFlight: server.requestsInFlight))
        server.stop(drainTimeout: drainTimeout)
        do {
            // Redis keeps every committed write in its own memory, so only
            // SQLite has anything to flush.
            try (store as? SQLiteRefreshTokenStore)?.checkpoint()
        } catch {
            say(.storeFailed(String(describing: error)))
        }
        say(.stopped)
        return 0
    }

    /// Returns the demo accounts with their passwords hashed again at
    /// production cost, so a login here costs what it would on a real server.
    static func productionUsers(random: any RandomSource) throws -> [User] {
        try zip(DemoUsers.all, DemoUsers.credentials).map { user, credentials in
            User(
                username: user.username, subject: user.subject, name: user.name, role: user.role,
                passwordHash: try PasswordHasher.production.hash(credentials.password, random: random))
        }
    }

    /// The secret from `path`, or 32 bytes from OpenSSL's generator.
    static func readSecret(_ path: String?) -> Result<[UInt8], ServeUsageError> {
        guard let path else { return .success(SystemRandom().bytes(count: 32)) }
        guard let data = FileManager.default.contents(atPath: path) else {
            let reason = FileManager.default.fileExists(atPath: path) ? "permission denied" : "no such file"
            return .failure(ServeUsageError(.secretUnreadable(path: path, reason: reason)))
        }
        guard data.count >= 32 else {
            return .failure(ServeUsageError(.secretTooShort(path: path, bytes: data.count)))
        }
        return .success(Array(data))
    }
}

/// A usage error in `tokenlab serve`'s command line; exit status 2.
public struct ServeUsageError: Error {
    public let message: ServeMessage

    public init(_ message: ServeMessage) {
        self.message = message
    }
}

/// A start-up failure with its own message.
struct ServeStartError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

extension ServeCommand {
    /// Reads a PEM private key for `algorithm`; without `--kid` the key id
    /// is the key's RFC 7638 thumbprint, so it changes when the key does.
    fileprivate static func asymmetricSigner(path: String, algorithm: JWSAlgorithm, keyID: String?) throws -> AsymmetricTokenSigner {
        let pem: String
        do {
            pem = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ServeStartError("cannot read the signing key \(path): \(error.localizedDescription)")
        }
        var key = try AsymmetricKey(pem: pem, algorithm: algorithm, keyID: keyID)
        if keyID == nil {
            let thumbprint = try key.publicKey().jwk(includingPrivate: false).thumbprintBase64URL()
            key = try AsymmetricKey(pem: pem, algorithm: algorithm, keyID: thumbprint)
        }
        return try AsymmetricTokenSigner(
            key: key, type: AuthService.accessTokenType, requiredClaims: ["exp", "sub"],
            issuer: AuthService.issuer, audience: AuthService.audience)
    }
}
