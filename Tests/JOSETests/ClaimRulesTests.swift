import Testing

@testable import JOSE

@Suite("Claim rules")
struct ClaimRulesTests {
    static let now: Int64 = 1_740_819_600

    static func claims(_ members: [String: JSONValue]) -> JWTClaims {
        JWTClaims(members)
    }

    @Test("one leeway covers exp, nbf and iat")
    func leewayEverywhere() throws {
        let rules = ClaimRules(leeway: 30, requiredClaims: [])
        let skewed = Self.claims([
            "exp": .integer(Self.now - 29), "nbf": .integer(Self.now + 30), "iat": .integer(Self.now + 30),
        ])
        #expect(throws: Never.self) { try rules.validate(skewed, now: Self.now) }

        #expect(throws: JOSEError.notYetValid(notBefore: Self.now + 31, now: Self.now, validIn: 31)) {
            try rules.validate(Self.claims(["nbf": .integer(Self.now + 31)]), now: Self.now)
        }
        #expect(throws: JOSEError.issuedInFuture(issuedAt: Self.now + 31, now: Self.now, aheadBy: 31)) {
            try rules.validate(Self.claims(["iat": .integer(Self.now + 31)]), now: Self.now)
        }
    }

    @Test("leeway 0 still checks iat")
    func zeroLeeway() {
        let rules = ClaimRules(requiredClaims: [])
        #expect(throws: JOSEError.issuedInFuture(issuedAt: Self.now + 1, now: Self.now, aheadBy: 1)) {
            try rules.validate(Self.claims(["iat": .integer(Self.now + 1)]), now: Self.now)
        }
    }

    @Test("fractions round toward rejection")
    func fractions() {
        let rules = ClaimRules(requiredClaims: [])
        #expect(throws: JOSEError.expired(expiration: Self.now, now: Self.now, expiredBy: 0)) {
            try rules.validate(Self.claims(["exp": .number(Double(Self.now) + 0.5)]), now: Self.now)
        }
        #expect(throws: JOSEError.notYetValid(notBefore: Self.now + 1, now: Self.now, validIn: 1)) {
            try rules.validate(Self.claims(["nbf": .number(Double(Self.now) + 0.25)]), now: Self.now)
        }
    }

    @Test("a negative or infinite time is rejected")
    func outOfRange() {
        let rules = ClaimRules(requiredClaims: [])
        #expect(throws: JOSEError.invalidClaim(name: "nbf", reason: "-1 is not a NumericDate between 0 and 253402300799")) {
            try rules.validate(Self.claims(["nbf": .integer(-1)]), now: Self.now)
        }
        #expect(throws: JOSEError.self) {
            try rules.validate(Self.claims(["exp": .number(.infinity)]), now: Self.now)
        }
    }

    @Test("an extreme now or leeway does not trap")
    func extremeNow() {
        // Sums and differences with now saturate, so these end in errors
        // with the largest representable distance instead of an overflow.
        let wide = ClaimRules(leeway: Int64.max, requiredClaims: [])
        let claims = Self.claims(["exp": .integer(100), "nbf": .integer(100), "iat": .integer(100)])
        #expect(throws: JOSEError.expired(expiration: 100, now: Int64.max, expiredBy: Int64.max - 100)) {
            try wide.validate(claims, now: Int64.max)
        }
        #expect(throws: JOSEError.notYetValid(notBefore: 100, now: Int64.min, validIn: Int64.max)) {
            try ClaimRules(requiredClaims: []).validate(Self.claims(["nbf": .integer(100)]), now: Int64.min)
        }
    }

    @Test("iss and aud are matched exactly")
    func issuerAndAudience() {
        let rules = ClaimRules(requiredClaims: [], issuer: "tokenlab", audience: "api")
        let good = Self.claims(["iss": .string("tokenlab"), "aud": .array([.string("web"), .string("api")])])
        #expect(throws: Never.self) { try rules.validate(good, now: Self.now) }
        #expect(throws: JOSEError.invalidClaim(name: "iss", reason: "expected \"tokenlab\", found \"TokenLab\"")) {
            try rules.validate(Self.claims(["iss": .string("TokenLab"), "aud": .string("api")]), now: Self.now)
        }
        #expect(throws: JOSEError.missingClaim(name: "aud")) {
            try rules.validate(Self.claims(["iss": .string("tokenlab")]), now: Self.now)
        }
        #expect(throws: JOSEError.invalidClaim(name: "aud", reason: "every entry of the array must be a string")) {
            try rules.validate(Self.claims(["iss": .string("tokenlab"), "aud": .array([.integer(1)])]), now: Self.now)
        }
    }
}
