import JOSE

/// Password hashes in the PHC string format with scrypt:
/// `$scrypt$ln=15,r=8,p=1$<salt>$<hash>`, salt and hash in base64url.
///
/// The parameters travel with each hash, so a stored hash verifies with the
/// cost it was made with, and raising the cost needs no migration.
public struct PasswordHasher: Sendable {
    /// log2 of scrypt's N.
    public let logN: Int
    public let blockSize: Int
    public let parallelism: Int

    /// scrypt with N = 2^17, r = 8, p = 1: about 128 MiB and 0.4 s per hash
    /// on a 2-core x86-64 machine. For `tokenlab serve`.
    public static let production = PasswordHasher(logN: 17, blockSize: 8, parallelism: 1)

    /// scrypt with N = 2^14: about 16 MiB and 50 ms per hash. Demo-only:
    /// it keeps lessons and tests quick and is too cheap for real use.
    public static let demo = PasswordHasher(logN: 14, blockSize: 8, parallelism: 1)

    public init(logN: Int, blockSize: Int, parallelism: Int) {
        self.logN = logN
        self.blockSize = blockSize
        self.parallelism = parallelism
    }

    /// Hashes `password` with a 16-byte salt from `random`.
    public func hash(_ password: String, random: any RandomSource) throws -> String {
        let salt = random.bytes(count: 16)
        let derived = try LibCrypto.scrypt(
            password: Array(password.utf8), salt: salt, logN: logN, r: blockSize, p: parallelism, length: 32)
        return "$scrypt$ln=\(logN),r=\(blockSize),p=\(parallelism)$\(Base64URL.encode(salt))$\(Base64URL.encode(derived))"
    }

    /// Returns a hash with the same parameters as `stored` that no password
    /// matches (an all-zero salt and output), checked for unknown
    /// usernames so a login costs as long whether or not the user exists.
    public static func decoyHash(like stored: String?) -> String {
        let fields = stored?.split(separator: "$", omittingEmptySubsequences: false) ?? []
        let parameters = fields.count == 5 && fields[1] == "scrypt" ? String(fields[2]) : "ln=14,r=8,p=1"
        let zeros = { (count: Int) in Base64URL.encode([UInt8](repeating: 0, count: count)) }
        return "$scrypt$\(parameters)$\(zeros(16))$\(zeros(32))"
    }

    /// Checks `password` against a stored PHC string, comparing in
    /// constant time. A malformed stored string never matches.
    public static func verify(_ password: String, against stored: String) -> Bool {
        let fields = stored.split(separator: "$", omittingEmptySubsequences: false)
        guard fields.count == 5, fields[0].isEmpty, fields[1] == "scrypt" else { return false }

        var parameters: [String: Int] = [:]
        for pair in fields[2].split(separator: ",") {
            let parts = pair.split(separator: "=")
            guard parts.count == 2, let value = Int(parts[1]) else { return false }
            parameters[String(parts[0])] = value
        }
        guard let logN = parameters["ln"], let r = parameters["r"], let p = parameters["p"],
            let salt = try? Base64URL.decode(fields[3]),
            let expected = try? Base64URL.decode(fields[4]), !expected.isEmpty,
            let derived = try? LibCrypto.scrypt(
                password: Array(password.utf8), salt: salt, logN: logN, r: r, p: p, length: expected.count)
        else { return false }

        return LibCrypto.constantTimeEquals(derived, expected)
    }
}
