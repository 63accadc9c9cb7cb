import Foundation
import JOSE

/// The name of one `Policy` setting, as policy files, `Policy.set(_:to:)`
/// and the REPL's `policy set KEY VALUE` spell it.
public enum PolicyKey: String, Sendable, CaseIterable {
    case accessTTL = "access-ttl"
    case refreshTTL = "refresh-ttl"
    case refreshIdleTTL = "refresh-idle-ttl"
    case rotation
    case reuse
    case grace
    case delivery
    case cookieSameSite = "cookie-samesite"
    case cookiePath = "cookie-path"
    case denylist

    /// A description of the setting and the values it takes, in English.
    public var summary: String {
        switch self {
        case .accessTTL:
            "access-token lifetime; a duration such as 900, 90s, 15m, 1h or 7d"
        case .refreshTTL:
            "refresh-token absolute lifetime, fixed at login; a duration"
        case .refreshIdleTTL:
            "longest time a refresh token may go unused; a duration, or off"
        case .rotation:
            "replace the refresh token on every refresh; on or off"
        case .reuse:
            "what reuse of a rotated refresh token does; revoke-family or reject"
        case .grace:
            "how long the token just rotated still returns the same successor; a duration, 0 for none"
        case .delivery:
            "where the refresh token travels; body (JSON) or cookie (HttpOnly)"
        case .cookieSameSite:
            "SameSite of the refresh-token cookie; strict, lax or none"
        case .cookiePath:
            "Path of the refresh-token cookie; must cover /api/v1/auth/refresh and /api/v1/auth/logout"
        case .denylist:
            "reject access tokens of a revoked family before they expire; on or off"
        }
    }
}

/// A rejected policy setting or policy file, with the reason.
public enum PolicyError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The key names no setting.
    case unknownKey(String)
    /// The value does not fit the key; `expected` describes a valid one.
    case invalidValue(key: String, value: String, expected: String)
    /// The policy file could not be read.
    case unreadableFile(path: String, reason: String)
    /// The policy file is not a JSON object.
    case invalidJSON(path: String, reason: String)

    public var description: String {
        switch self {
        case .unknownKey(let key):
            "unknown policy key \"\(key)\"; known keys: "
                + PolicyKey.allCases.map(\.rawValue).joined(separator: ", ")
        case .invalidValue(let key, let value, let expected):
            "invalid value \"\(value)\" for policy key \"\(key)\"; expected \(expected)"
        case .unreadableFile(let path, let reason):
            "cannot read policy file \(path): \(reason)"
        case .invalidJSON(let path, let reason):
            "policy file \(path) is not a JSON object of policy keys: \(reason)"
        }
    }
}

extension Policy {
    /// Changes one setting from its text form, such as `set("grace", to: "10s")`.
    ///
    /// - Throws: `PolicyError.unknownKey` or `.invalidValue`; the policy is
    ///   unchanged when it throws.
    public mutating func set(_ key: String, to value: String) throws(PolicyError) {
        guard let known = PolicyKey(rawValue: key) else { throw .unknownKey(key) }
        try set(known, to: value)
    }

    /// Changes one setting from its text form.
    public mutating func set(_ key: PolicyKey, to value: String) throws(PolicyError) {
        let text = value.trimmingCharacters(in: .whitespaces)
        func invalid(_ expected: String) -> PolicyError {
            .invalidValue(key: key.rawValue, value: value, expected: expected)
        }

        switch key {
        case .accessTTL:
            guard let seconds = PolicyDuration.seconds(text), seconds > 0 else {
                throw invalid("a duration over 0 such as 900, 15m or 1h")
            }
            accessTokenLifetime = seconds
        case .refreshTTL:
            guard let seconds = PolicyDuration.seconds(text), seconds > 0 else {
                throw invalid("a duration over 0 such as 7d or 12h")
            }
            refreshTokenLifetime = seconds
        case .refreshIdleTTL:
            if text.lowercased() == "off" {
                refreshTokenIdleLifetime = nil
                return
            }
            guard let seconds = PolicyDuration.seconds(text), seconds > 0 else {
                throw invalid("a duration over 0 such as 1d, or off")
            }
            refreshTokenIdleLifetime = seconds
        case .rotation:
            guard let flag = Self.flag(text) else { throw invalid("on or off") }
            rotation = flag
        case .reuse:
            guard let response = ReuseResponse(rawValue: text.lowercased()) else {
                throw invalid("revoke-family or reject")
            }
            reuseResponse = response
        case .grace:
            // The window only covers a client's retry of one request; a
            // longer one would let a stolen, rotated token work for longer.
            guard let seconds = PolicyDuration.seconds(text), (0...Self.maximumGraceWindow).contains(seconds) else {
                throw invalid("a duration from 0 to \(Self.maximumGraceWindow)s")
            }
            graceWindow = seconds
        case .delivery:
            guard let delivery = Delivery(rawValue: text.lowercased()) else { throw invalid("body or cookie") }
            self.delivery = delivery
        case .cookieSameSite:
            guard let sameSite = SameSite.allCases.first(where: { $0.rawValue.lowercased() == text.lowercased() }) else {
                throw invalid("strict, lax or none")
            }
            cookieSameSite = sameSite
        case .cookiePath:
            guard Self.isUsableCookiePath(text) else {
                throw invalid("a path such as /api/v1/auth that covers the refresh and logout paths")
            }
            cookiePath = text
        case .denylist:
            guard let flag = Self.flag(text) else { throw invalid("on or off") }
            denylist = flag
        }
    }

    /// Returns the text form of one setting, which `set(_:to:)` accepts back.
    public func value(of key: PolicyKey) -> String {
        switch key {
        case .accessTTL: PolicyDuration.text(accessTokenLifetime)
        case .refreshTTL: PolicyDuration.text(refreshTokenLifetime)
        case .refreshIdleTTL: refreshTokenIdleLifetime.map(PolicyDuration.text) ?? "off"
        case .rotation: rotation ? "on" : "off"
        case .reuse: reuseResponse.rawValue
        case .grace: PolicyDuration.text(graceWindow)
        case .delivery: delivery.rawValue
        case .cookieSameSite: cookieSameSite.rawValue.lowercased()
        case .cookiePath: cookiePath
        case .denylist: denylist ? "on" : "off"
        }
    }

    /// Every setting in `PolicyKey` order, for `policy show`.
    public var settings: [(key: PolicyKey, value: String)] {
        PolicyKey.allCases.map { ($0, value(of: $0)) }
    }

    /// The largest grace window `set` accepts, in seconds.
    public static let maximumGraceWindow: Int64 = 60

    /// Reads a policy file: a JSON object whose members are policy keys,
    /// applied in order over `base`. Values are strings in the form `set`
    /// takes, numbers of seconds for durations, or booleans for on/off.
    ///
    /// - Throws: `PolicyError`, naming the file, the key and the value.
    public static func load(path: String, over base: Policy = .standard) throws(PolicyError) -> Policy {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .unreadableFile(path: path, reason: (error as NSError).localizedDescription)
        }
        return try parse(json: Array(data), path: path, over: base)
    }

    /// Applies the members of a JSON object to `base`; `path` only names
    /// the source in errors.
    public static func parse(json: [UInt8], path: String, over base: Policy = .standard) throws(PolicyError) -> Policy {
        guard String(validating: json, as: UTF8.self) != nil else {
            throw .invalidJSON(path: path, reason: "the file is not UTF-8")
        }
        let object: [String: JSONValue]
        do {
            guard case .object(let members) = try JSONDecoder().decode(JSONValue.self, from: Data(json)) else {
                throw PolicyError.invalidJSON(path: path, reason: "the top level must be an object")
            }
            object = members
        } catch let error as PolicyError {
            throw error
        } catch {
            throw .invalidJSON(path: path, reason: "malformed JSON")
        }

        var policy = base
        // Sorted so the first error reported does not depend on hash order.
        for (key, value) in object.sorted(by: { $0.key < $1.key }) {
            guard let known = PolicyKey(rawValue: key) else { throw .unknownKey(key) }
            try policy.set(known, to: try text(of: value, key: key))
        }
        return policy
    }

    /// A JSON member's value in the text form `set` takes.
    private static func text(of value: JSONValue, key: String) throws(PolicyError) -> String {
        switch value {
        case .string(let text): return text
        case .bool(let flag): return flag ? "on" : "off"
        case .integer(let seconds): return String(seconds)
        case .number(let number):
            throw .invalidValue(key: key, value: String(number), expected: "a whole number of seconds")
        case .null, .array, .object:
            throw .invalidValue(key: key, value: value.typeName, expected: "a string, a number or a boolean")
        }
    }

    private static func flag(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "on", "true", "yes": true
        case "off", "false", "no": false
        default: nil
        }
    }

    /// Whether `path` is a cookie path (RFC 6265 section 5.1.4) that the
    /// refresh and logout endpoints both path-match.
    static func isUsableCookiePath(_ path: String) -> Bool {
        guard path.hasPrefix("/"), path.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F && $0 != ";" })
        else { return false }
        return [Router.refreshPath, Router.logoutPath].allSatisfy { CookiePath.matches(requestPath: $0, cookiePath: path) }
    }
}

/// Durations in policy settings: whole seconds, or a number with one unit
/// of s, m, h or d.
public enum PolicyDuration {
    private static let units: [(suffix: Character, seconds: Int64)] = [("d", 86_400), ("h", 3_600), ("m", 60), ("s", 1)]

    /// Seconds in `text` such as `90`, `90s`, `15m`, `1h` or `7d`; nil when
    /// it is not a duration or overflows.
    public static func seconds(_ text: String) -> Int64? {
        let lowered = text.lowercased()
        var digits = Substring(lowered)
        var multiplier: Int64 = 1
        if let last = lowered.last, let unit = units.first(where: { $0.suffix == last }) {
            digits = lowered.dropLast()
            multiplier = unit.seconds
        }
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let count = Int64(digits) else { return nil }
        let (product, overflow) = count.multipliedReportingOverflow(by: multiplier)
        return overflow ? nil : product
    }

    /// The shortest exact form of `seconds`: `7d`, `15m`, `90s`, `0s`.
    public static func text(_ seconds: Int64) -> String {
        for unit in units where seconds != 0 && seconds % unit.seconds == 0 {
            return "\(seconds / unit.seconds)\(unit.suffix)"
        }
        return "\(seconds)s"
    }
}

/// Path matching between a request and a cookie (RFC 6265 section 5.1.4).
public enum CookiePath {
    /// Whether a request to `requestPath` carries a cookie set for `cookiePath`.
    public static func matches(requestPath: String, cookiePath: String) -> Bool {
        if requestPath == cookiePath { return true }
        guard requestPath.hasPrefix(cookiePath) else { return false }
        if cookiePath.hasSuffix("/") { return true }
        return requestPath.dropFirst(cookiePath.count).first == "/"
    }
}
