import TokenServer

/// The `policy` commands: show the server's policy and change one value.
extension Session {
    /// The keys `policy set` accepts, in the order `policy show` lists them.
    static let policyKeys = ["access-ttl", "refresh-ttl", "rotation", "reuse"]

    func policyShow() -> [String] {
        let policy = world.server.service.policy
        let rows: [(String, String)] = [
            ("access-ttl", TimeFormat.duration(policy.accessTokenLifetime)),
            ("refresh-ttl", TimeFormat.duration(policy.refreshTokenLifetime)),
            ("rotation", policy.rotation ? "on" : "off"),
            ("reuse", policy.reuseResponse.rawValue),
        ]
        var lines = [style.bold(text(.policyTitle))]
        for (key, value) in rows {
            lines.append("  " + TextWidth.pad(key, to: 12) + TextWidth.pad(value, to: 15) + style.dim(text(.policyKey(key))))
        }
        lines.append(style.dim(text(.policyHint)))
        return lines
    }

    func policySet(key: String, value: String) throws -> [String] {
        var policy = world.server.service.policy
        switch key {
        case "access-ttl":
            policy.accessTokenLifetime = try lifetime(key: key, value: value)
        case "refresh-ttl":
            policy.refreshTokenLifetime = try lifetime(key: key, value: value)
        case "rotation":
            guard let flag = Self.flag(value) else { throw SessionFailure(.policyInvalidValue(key: key, value: value, expected: "on, off")) }
            policy.rotation = flag
        case "reuse":
            guard let response = Policy.ReuseResponse(rawValue: value.lowercased()) else {
                throw SessionFailure(.policyInvalidValue(key: key, value: value, expected: Policy.ReuseResponse.allCases.map(\.rawValue).joined(separator: ", ")))
            }
            policy.reuseResponse = response
        default:
            throw SessionFailure(.policyUnknownKey(key, known: Self.policyKeys.joined(separator: ", ")))
        }
        world.server.service.policy = policy
        return [text(.policyChanged(key: key, value: value))] + policyShow()
    }

    private func lifetime(key: String, value: String) throws -> Int64 {
        let seconds: Int64
        do {
            seconds = try DurationParser.seconds(value)
        } catch {
            throw SessionFailure(.policyInvalidDuration(key: key, value: value))
        }
        guard seconds > 0 else {
            throw SessionFailure(.policyInvalidDuration(key: key, value: value))
        }
        return seconds
    }

    static func flag(_ value: String) -> Bool? {
        switch value.lowercased() {
        case "on", "true", "yes", "1": true
        case "off", "false", "no", "0": false
        default: nil
        }
    }
}
