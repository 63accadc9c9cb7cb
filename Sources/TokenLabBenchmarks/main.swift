// Sign and verify throughput of the JOSE library, one thread, for HS256,
// RS256, ES256 and EdDSA. Run with:
//
//     swift run -c release TokenLabBenchmarks [--seconds N] [--algorithm ALG]
//
// `--algorithm HS256` runs one algorithm alone, for a profiler.
// Each case runs for N seconds (default 2, at most 10) or 5 million
// operations, whichever comes first, after a short warm-up.
// With `--startup`, it times the REPL's start-up instead (Startup.swift).

import Foundation
import JOSE

/// The claims of every token, the same for every algorithm: a typical
/// access token with a Hangul name, so the payload contains multi-byte UTF-8.
let claims: [String: JSONValue] = [
    "sub": .string("1234567890"), "name": .string("홍길동"), "role": .string("user"),
    "iat": .integer(1_700_000_000), "exp": .integer(4_102_444_800),
    "jti": .string("0b9c2f0e-7d1a-4c3e-9f5b-2a6d8e1f3c47"),
]
let now: Int64 = 1_700_000_100
let maximumOperations = 5_000_000

func parseSeconds() -> Double {
    let arguments = CommandLine.arguments
    guard let index = arguments.firstIndex(of: "--seconds"), index + 1 < arguments.count,
        let value = Double(arguments[index + 1]), value > 0
    else { return 2 }
    return min(value, 10)
}

/// Runs `operation` until `seconds` pass or the operation cap is hit, and
/// returns operations per second.
func measure(seconds: Double, _ operation: () throws -> Int) rethrows -> Double {
    let clock = ContinuousClock()
    var sink = 0
    for _ in 0..<100 { sink &+= try operation() }

    let limit = Duration.milliseconds(Int64(seconds * 1000))
    let start = clock.now
    var count = 0
    var elapsed = Duration.zero
    while count < maximumOperations {
        // Reading the clock costs little next to a signature, but is still
        // done every 64 operations for HMAC's sake.
        for _ in 0..<64 { sink &+= try operation() }
        count += 64
        elapsed = clock.now - start
        if elapsed >= limit { break }
    }
    if sink == 42 { print("") }
    let (wholeSeconds, attoseconds) = elapsed.components
    return Double(count) / (Double(wholeSeconds) + Double(attoseconds) / 1e18)
}

func key(for algorithm: JWSAlgorithm) throws -> any JWSSigningKey {
    if algorithm.family == .hmac {
        return try HMACKey(secret: LibCrypto.randomBytes(count: 32), algorithm: algorithm)
    }
    return try AsymmetricKey.generate(for: algorithm)
}

if CommandLine.arguments.contains("--startup") {
    do {
        try StartupBenchmark.run(arguments: CommandLine.arguments)
        exit(0)
    } catch {
        FileHandle.standardError.write(Data("TokenLabBenchmarks: \(error)\n".utf8))
        exit(1)
    }
}

let seconds = parseSeconds()
print("TokenLabBenchmarks: one thread, \(seconds) s per case, ops/s")
print("| algorithm | sign | verify | signing input | token |")
print("|---|---:|---:|---:|---:|")

/// Returns the algorithms to run: all four, or the one `--algorithm` names.
func chosenAlgorithms() -> [JWSAlgorithm] {
    let all = [JWSAlgorithm.hs256, .rs256, .es256, .edDSA]
    let arguments = CommandLine.arguments
    guard let index = arguments.firstIndex(of: "--algorithm"), index + 1 < arguments.count else { return all }
    guard let chosen = JWSAlgorithm(rawValue: arguments[index + 1]), all.contains(chosen) else {
        FileHandle.standardError.write(Data("TokenLabBenchmarks: --algorithm takes HS256, RS256, ES256 or EdDSA\n".utf8))
        exit(2)
    }
    return [chosen]
}

for algorithm in chosenAlgorithms() {
    let signingKey = try key(for: algorithm)
    let signer = JWTSigner(key: signingKey)
    let verifier: JWTVerifier
    if let asymmetric = signingKey as? AsymmetricKey {
        verifier = JWTVerifier(key: try asymmetric.publicKey())
    } else {
        verifier = JWTVerifier(key: signingKey)
    }

    let token = try signer.sign(claims)
    let signingInputLength = token.utf8.count - (token.split(separator: ".").last?.utf8.count ?? 0) - 1

    // Sign: serialize the claims and sign them. Verify: parse, check alg,
    // signature, decode claims, check exp.
    let signRate = try measure(seconds: seconds) { try signer.sign(claims).utf8.count }
    let verifyRate = try measure(seconds: seconds) { try verifier.verify(token, now: now).signature.count }

    let row = [algorithm.rawValue, String(Int(signRate)), String(Int(verifyRate)), "\(signingInputLength) B", "\(token.utf8.count) B"]
    print("| " + row.joined(separator: " | ") + " |")
}
