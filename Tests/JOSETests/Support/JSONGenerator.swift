import Foundation

@testable import JOSE

/// Deterministic random JSON values and byte mutations for the parser and
/// writer tests: SplitMix64 from a fixed seed, so every run and machine
/// gets the same cases.
struct JSONGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    /// Returns the next 64 random bits (SplitMix64).
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }

    mutating func below(_ bound: Int) -> Int {
        Int(next() % UInt64(bound))
    }

    /// Characters that stress escaping: quotes, backslashes, slashes,
    /// control characters, DEL, Latin, Hangul and a character outside the
    /// Basic Multilingual Plane.
    static let alphabet: [Character] = [
        "a", "b", "Z", "0", "_", "-", " ", "\"", "\\", "/", "\u{0}", "\u{1}", "\u{8}", "\u{9}", "\u{a}", "\u{c}", "\u{d}",
        "\u{1f}", "\u{7f}", "é", "홍", "길", "동", "😀", "\u{2028}",
    ]

    mutating func string() -> String {
        String((0..<below(8)).map { _ in Self.alphabet[below(Self.alphabet.count)] })
    }

    mutating func number() -> JSONValue {
        switch below(4) {
        case 0: return .integer(Int64(bitPattern: next()))
        case 1: return .integer(Int64(below(2_000_000)) - 1_000_000)
        case 2: return .number(Double(Int64(bitPattern: next())) / 1e6)
        default:
            // Finite Doubles across the exponent range, subnormals included.
            let value = Double(bitPattern: next())
            return .number(value.isFinite ? value : 0.5)
        }
    }

    mutating func value(depth: Int) -> JSONValue {
        switch below(depth > 0 ? 8 : 5) {
        case 0: return .null
        case 1: return .bool(below(2) == 0)
        case 2: return number()
        case 3, 4: return .string(string())
        case 5: return .array((0..<below(4)).map { _ in value(depth: depth - 1) })
        default: return object(depth: depth - 1)
        }
    }

    mutating func object(depth: Int) -> JSONValue {
        var members: [String: JSONValue] = [:]
        for _ in 0..<below(5) {
            members[string()] = value(depth: depth)
        }
        return .object(members)
    }

    /// Changes one to three bytes: replaced, inserted or deleted.
    mutating func mutate(_ bytes: inout [UInt8]) {
        let interesting = Array("{}[],:\"\\-+.eE0123456789 tnfu".utf8)
        for _ in 0...below(3) {
            let position = below(bytes.count + 1)
            switch below(3) {
            case 0 where position < bytes.count: bytes[position] = interesting[below(interesting.count)]
            case 1: bytes.insert(interesting[below(interesting.count)], at: position)
            default: if position < bytes.count { bytes.remove(at: position) }
            }
        }
    }

    /// Equality that lets an integral Double equal the integer JSON text
    /// it was written as (`100.0` is written `100`).
    static func sameNumbers(_ left: JSONValue, _ right: JSONValue) -> Bool {
        switch (left, right) {
        case (.integer(let a), .number(let b)), (.number(let b), .integer(let a)): return Double(a) == b
        case (.array(let a), .array(let b)): return a.count == b.count && zip(a, b).allSatisfy { sameNumbers($0, $1) }
        case (.object(let a), .object(let b)):
            return a.count == b.count && a.allSatisfy { name, value in b[name].map { sameNumbers(value, $0) } ?? false }
        default: return left == right
        }
    }
}
