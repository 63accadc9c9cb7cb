import Foundation
import JOSE

/// A source of random bytes for refresh tokens, token ids and salts.
public protocol RandomSource: Sendable {
    /// Returns `count` random bytes.
    func bytes(count: Int) -> [UInt8]
}

/// OpenSSL's CSPRNG (`RAND_bytes`), for real use.
public struct SystemRandom: RandomSource {
    public init() {}

    public func bytes(count: Int) -> [UInt8] {
        do {
            return try LibCrypto.randomBytes(count: count)
        } catch {
            // RAND_bytes fails only when OpenSSL cannot seed itself; going
            // on with predictable tokens would be worse than stopping.
            fatalError("OpenSSL's random generator failed: \(error)")
        }
    }
}

/// A reproducible byte stream for lessons and transcripts. Demo-only: anyone
/// who knows the seed can predict every token.
///
/// Block i of the stream is SHA-256("tokenlab-demo-seed" ‖ seed ‖ i), with
/// seed and i as 8-byte big-endian integers, so the same seed gives the same
/// bytes on every machine.
public final class SeededRandom: RandomSource, @unchecked Sendable {
    public let seed: UInt64
    private let lock = NSLock()
    private var counter: UInt64 = 0
    private var buffer: [UInt8] = []

    public init(seed: UInt64) {
        self.seed = seed
    }

    public func bytes(count: Int) -> [UInt8] {
        lock.withLock {
            while buffer.count < count {
                var block = Array("tokenlab-demo-seed".utf8)
                block += withUnsafeBytes(of: seed.bigEndian, Array.init)
                block += withUnsafeBytes(of: counter.bigEndian, Array.init)
                buffer += LibCrypto.sha256(block)
                counter += 1
            }
            let output = Array(buffer.prefix(count))
            buffer.removeFirst(count)
            return output
        }
    }
}
