import Foundation
import JOSE
import TokenClient
import TokenServer

/// The forgery lesson's tools: the server's signing key, and what an
/// attacker without it can try (`forge`, `crack`).
extension Session {
    /// Common secrets an attacker tries first, as in the word lists that
    /// password crackers ship. Demo-only, and short on purpose.
    static let crackWordList = [
        "secret", "password", "123456", "changeme", "jwt", "jwt-secret", "jwtsecret", "key", "secretkey",
        "secret-key", "admin", "letmein", "qwerty", "token", "mysecret", "supersecret", "default", "test",
        "development", "hello", "welcome", "s3cr3t", "secret1", "secret12", "secret123", "password123",
        "your-256-bit-secret", "shhhhh", "keyboardcat", "hunter2",
    ]

    /// `key`: shows the servers' signing key, or replaces it on every
    /// server, as a deployment rolls a key out to all its instances.
    func key(_ choice: KeyChoice?) throws -> [String] {
        guard let choice else { return describeKey(nil) }

        let replacement: any TokenSigner
        let summary: Message
        switch choice {
        case .rotate:
            (replacement, summary) = try rotatedSigner()
        case .retire:
            (replacement, summary) = try retiredSigner()
        default:
            replacement = try signer(for: choice)
            summary = .keyChanged(replacement.algorithm)
            keyChoice = choice
        }
        world.forEachService { $0.signer = replacement }
        return [text(summary)] + everyServerNote() + describeKey(choice)
    }

    /// Returns the demo key the servers sign with now and the demo keys of
    /// its algorithm in rotation order, or nil while they sign with HMAC.
    private func currentDemoKey() throws -> (signer: AsymmetricTokenSigner, key: AsymmetricKey, rotation: [AsymmetricKey])? {
        guard let signer = world.server.service.signer as? AsymmetricTokenSigner,
            let algorithm = JWSAlgorithm(rawValue: signer.algorithm)
        else { return nil }
        let rotation = try DemoKeys.rotation(for: algorithm)
        guard let key = rotation.first(where: { $0.keyID == signer.keyIDs.first }) else { return nil }
        return (signer, key, rotation)
    }

    /// Returns the signer after `key rotate`: the next demo key of the
    /// current algorithm signs, and the current key stays to verify.
    private func rotatedSigner() throws -> (any TokenSigner, Message) {
        guard let current = try currentDemoKey(), let index = current.rotation.firstIndex(where: { $0.keyID == current.key.keyID })
        else { throw SessionFailure(.keyRotateNeedsKeyPair) }

        let next = current.rotation[(index + 1) % current.rotation.count]
        let signer = try demoSigner(next, previous: [current.key])
        return (signer, .keyRotated(new: next.keyID ?? "", old: current.key.keyID ?? ""))
    }

    /// Returns the signer after `key retire`: the current key alone.
    private func retiredSigner() throws -> (any TokenSigner, Message) {
        guard let current = try currentDemoKey(), current.signer.keyIDs.count > 1 else {
            throw SessionFailure(.keyNothingToRetire)
        }
        let signer = try demoSigner(current.key)
        return (signer, .keyRetired(current.signer.keyIDs.dropFirst().joined(separator: ", ")))
    }

    /// Returns a signer for the lab's access tokens with `key`, keeping
    /// `previous` keys to verify.
    private func demoSigner(_ key: AsymmetricKey, previous: [AsymmetricKey] = []) throws -> AsymmetricTokenSigner {
        try AsymmetricTokenSigner(
            key: key, previous: previous, type: AuthService.accessTokenType, requiredClaims: Self.requiredClaims,
            issuer: AuthService.issuer, audience: AuthService.audience)
    }

    /// The claims every access token of the lab must carry.
    static let requiredClaims = ["exp", "sub"]

    private func signer(for choice: KeyChoice) throws -> any TokenSigner {
        func hmacSigner(_ key: HMACKey) -> HMACTokenSigner {
            HMACTokenSigner(
                key: key, type: AuthService.accessTokenType, requiredClaims: Self.requiredClaims, issuer: AuthService.issuer,
                audience: AuthService.audience)
        }

        switch choice {
        case .hs256:
            return hmacSigner(world.key)
        case .weak:
            return hmacSigner(try HMACKey.weakForDemonstration(secret: Array(DemoKeys.weakSecret.utf8)))
        case .rs256:
            return try demoSigner(DemoKeys.rsa())
        case .eddsa:
            return try demoSigner(DemoKeys.ed25519())
        case .rotate, .retire:
            preconditionFailure("key(_:) handles rotate and retire before choosing a signer")
        }
    }

    private func describeKey(_ choice: KeyChoice?) -> [String] {
        let signer = world.server.service.signer
        var lines = [text(.keyCurrent(signer.algorithm))]
        if signer.publicKeys.isEmpty {
            lines.append(style.dim(text(keyChoice == .weak ? .keyWeakNote : .keySymmetricNote)))
        } else {
            lines.append(style.dim(text(.keyPublishedNote)))
        }
        if let asymmetric = signer as? AsymmetricTokenSigner, let current = asymmetric.keyIDs.first {
            lines.append(text(.keyIDs(signing: current, verifyingOnly: Array(asymmetric.keyIDs.dropFirst()))))
        }
        return lines
    }

    /// `forge`: the attacker writes an access token with `role: admin`,
    /// copying the claims of its own access token (or the user's) with
    /// fresh `iat` and `exp`, without the server's key.
    func forge(_ kind: ForgeKind) throws -> [String] {
        guard let template = world.attacker.storage.accessToken ?? world.user.storage.accessToken else {
            throw SessionFailure(.forgeNeedsToken)
        }
        let jws: CompactJWS
        do {
            jws = try CompactJWS(parsing: template)
        } catch {
            throw SessionFailure(.tokenUnreadable(error.description))
        }
        // A forger writes fresh times too, so an expired template does not
        // muddle which check refuses the token.
        var claims = jws.claims.members
        claims["role"] = .string("admin")
        claims["iat"] = .integer(world.clock.now)
        claims["exp"] = .integer(world.clock.now + world.server.service.policy.accessTokenLifetime)

        var lines: [String] = []
        let forged: String
        switch kind {
        case .none:
            let header: [String: JSONValue] = ["alg": .string("none"), "typ": .string(AuthService.accessTokenType)]
            forged = try Self.segment(header) + "." + Self.segment(claims) + "."
            lines.append(text(.forgedNone))
        case .hs256(let secret):
            let key = try HMACKey.weakForDemonstration(secret: Array(secret.utf8))
            forged = try JWTSigner(key: key, type: AuthService.accessTokenType).sign(claims)
            lines.append(text(.forgedWithSecret(secret)))
        case .confusion:
            let (exchange, secret) = try fetchPublishedKey()
            lines += ExchangeRenderer(style: style, text: text, width: options.width, serverName: routedServerName)
                .render(exchange, actor: .attacker)
            guard let secret else { throw SessionFailure(.forgeNoPublicKey) }
            let key = try HMACKey.weakForDemonstration(secret: secret)
            forged = try JWTSigner(key: key, type: AuthService.accessTokenType).sign(claims)
            lines += ["", text(.forgedConfusion(bytes: secret.count))]
        }

        world.attacker.storage.accessToken = forged
        forgedTokens.insert(forged)
        lines += TokenRenderer(style: style, text: text, now: world.clock.now)
            .renderAccessToken(forged, title: text(.accessTokenTitle), showBytes: false)
        lines.append(style.dim(text(.forgeHint)))
        return lines
    }

    /// Fetches `/.well-known/jwks.json` as the attacker, and returns the
    /// first key as JSON text: what a confused verifier would take as
    /// "the key" and feed to HMAC.
    private func fetchPublishedKey() throws -> (HTTPExchange, [UInt8]?) {
        let exchange: HTTPExchange
        do {
            exchange = try world.transport.send(method: "GET", path: "/.well-known/jwks.json", headers: [("Accept", "application/json")])
        } catch {
            throw SessionFailure(.serverUnreachable(error.description))
        }
        guard let object = try? JSONSerialization.jsonObject(with: Data(exchange.response.body)) as? [String: Any],
            let keys = object["keys"] as? [Any], let first = keys.first,
            let data = try? JSONSerialization.data(withJSONObject: first, options: [.sortedKeys, .withoutEscapingSlashes])
        else { return (exchange, nil) }
        return (exchange, Array(data))
    }

    /// `crack`: tries each word of a short list as the HMAC secret of the
    /// user's access token. That token is one the server signed, so a match
    /// is the server's secret; the attacker needs only a copy of it.
    func crack() throws -> [String] {
        guard let token = world.user.storage.accessToken else {
            throw SessionFailure(.forgeNeedsToken)
        }
        let jws: CompactJWS
        do {
            jws = try CompactJWS(parsing: token)
        } catch {
            throw SessionFailure(.tokenUnreadable(error.description))
        }
        guard jws.algorithm == "HS256" else { throw SessionFailure(.crackNeedsHS256(jws.algorithm ?? "?")) }

        var lines = [text(.crackStart(words: Self.crackWordList.count))]
        for (index, word) in Self.crackWordList.enumerated() {
            let key = try HMACKey.weakForDemonstration(secret: Array(word.utf8))
            if try key.sign(jws.signingInput) == jws.signature {
                lines.append(style.red(text(.crackFound(word, tries: index + 1))))
                return lines
            }
        }
        lines.append(style.green(text(.crackFailed(words: Self.crackWordList.count))))
        return lines
    }

    private static func segment(_ object: [String: JSONValue]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Base64URL.encode(Array(try encoder.encode(object)))
    }
}
