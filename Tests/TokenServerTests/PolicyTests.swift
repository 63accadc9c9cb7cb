import Foundation
import Testing

@testable import TokenServer

@Suite("Policy settings and files")
struct PolicyTests {
    @Test("set accepts each key's text form")
    func setEachKey() throws {
        var policy = Policy.standard
        try policy.set("access-ttl", to: "5m")
        try policy.set("refresh-ttl", to: "2d")
        try policy.set("refresh-idle-ttl", to: "off")
        try policy.set("rotation", to: "off")
        try policy.set("reuse", to: "reject")
        try policy.set("grace", to: "10s")
        try policy.set("delivery", to: "cookie")
        try policy.set("cookie-samesite", to: "lax")
        try policy.set("cookie-path", to: "/api/v1")
        try policy.set("denylist", to: "on")

        #expect(policy.accessTokenLifetime == 300)
        #expect(policy.refreshTokenLifetime == 172_800)
        #expect(policy.refreshTokenIdleLifetime == nil)
        #expect(policy.rotation == false)
        #expect(policy.reuseResponse == .rejectOnly)
        #expect(policy.graceWindow == 10)
        #expect(policy.delivery == .cookie)
        #expect(policy.cookieSameSite == .lax)
        #expect(policy.cookiePath == "/api/v1")
        #expect(policy.denylist)
    }

    @Test("each value round-trips through its text form")
    func roundTrip() throws {
        var policy = Policy.standard
        try policy.set("grace", to: "30s")
        try policy.set("delivery", to: "cookie")
        for (key, value) in policy.settings {
            var copy = Policy.standard
            try copy.set(key, to: value)
            #expect(copy.value(of: key) == value, "\(key.rawValue)")
        }
        #expect(Policy.standard.value(of: .accessTTL) == "15m")
        #expect(Policy.standard.value(of: .refreshTTL) == "7d")
        #expect(Policy.standard.value(of: .grace) == "0s")
    }

    @Test("every key has a summary")
    func summaries() {
        for key in PolicyKey.allCases {
            #expect(!key.summary.isEmpty, "\(key.rawValue)")
        }
    }

    @Test("bad settings name the key and the value")
    func badSettings() {
        let cases: [(String, String)] = [
            ("access-ttl", "0"), ("access-ttl", "fifteen"), ("access-ttl", "-5m"), ("refresh-ttl", "9999999999999999d"),
            ("rotation", "maybe"), ("reuse", "ignore"), ("grace", "2m"), ("delivery", "header"),
            ("cookie-samesite", "sometimes"), ("cookie-path", "/api/v1/me"), ("cookie-path", "api"),
            ("cookie-path", "/api; Domain=x"), ("denylist", ""),
        ]
        for (key, value) in cases {
            var policy = Policy.standard
            #expect(throws: PolicyError.self, "\(key) \(value)") { try policy.set(key, to: value) }
            #expect(policy == .standard, "\(key) \(value) changed the policy")
            do {
                try policy.set(key, to: value)
            } catch {
                #expect(error.description.contains("\"\(key)\""))
                #expect(error.description.contains("\"\(value)\""))
            }
        }
    }

    @Test("an unknown key lists the known ones")
    func unknownKey() {
        var policy = Policy.standard
        #expect(throws: PolicyError.unknownKey("acess-ttl")) { try policy.set("acess-ttl", to: "1m") }
        #expect(PolicyError.unknownKey("x").description.contains("access-ttl"))
    }

    @Test("a policy file applies strings, numbers and booleans")
    func loadFile() throws {
        let json = #"{"access-ttl": 600, "grace": "5s", "rotation": true, "denylist": true, "delivery": "cookie"}"#
        let policy = try Policy.parse(json: Array(json.utf8), path: "policy.json")
        #expect(policy.accessTokenLifetime == 600)
        #expect(policy.graceWindow == 5)
        #expect(policy.rotation)
        #expect(policy.denylist)
        #expect(policy.delivery == .cookie)
        #expect(policy.refreshTokenLifetime == Policy.standard.refreshTokenLifetime)
    }

    @Test("bad policy files are reported with the key and the value")
    func badFiles() throws {
        let cases: [(String, PolicyError)] = [
            (
                #"{"access-ttl": "soon"}"#,
                .invalidValue(key: "access-ttl", value: "soon", expected: "a duration over 0 such as 900, 15m or 1h")
            ),
            (#"{"access-ttl": 1.5}"#, .invalidValue(key: "access-ttl", value: "1.5", expected: "a whole number of seconds")),
            (#"{"rotation": [true]}"#, .invalidValue(key: "rotation", value: "array", expected: "a string, a number or a boolean")),
            (#"{"rotate": "on"}"#, .unknownKey("rotate")),
            (#"["access-ttl"]"#, .invalidJSON(path: "p.json", reason: "the top level must be an object")),
            (#"{"access-ttl": "#, .invalidJSON(path: "p.json", reason: "malformed JSON")),
        ]
        for (json, expected) in cases {
            #expect(throws: expected, "\(json)") { try Policy.parse(json: Array(json.utf8), path: "p.json") }
        }
        #expect(throws: PolicyError.invalidJSON(path: "p.json", reason: "the file is not UTF-8")) {
            try Policy.parse(json: [0x7B, 0xFF, 0x7D], path: "p.json")
        }
    }

    @Test("a missing policy file names its path")
    func missingFile() {
        do {
            _ = try Policy.load(path: "/nonexistent/policy.json")
            Issue.record("loading a missing file succeeded")
        } catch {
            guard case .unreadableFile(let path, _) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(path == "/nonexistent/policy.json")
        }
    }

    @Test("durations parse in every unit and reject junk")
    func durations() {
        #expect(PolicyDuration.seconds("90") == 90)
        #expect(PolicyDuration.seconds("90s") == 90)
        #expect(PolicyDuration.seconds("15m") == 900)
        #expect(PolicyDuration.seconds("2H") == 7_200)
        #expect(PolicyDuration.seconds("7d") == 604_800)
        for junk in ["", "m", "1.5m", "1w", "+5", "-1", "１m", "5 m"] {
            #expect(PolicyDuration.seconds(junk) == nil, "\(junk)")
        }
        #expect(PolicyDuration.text(90) == "90s")
        #expect(PolicyDuration.text(3_600) == "1h")
    }
}
