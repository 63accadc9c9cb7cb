import Foundation
import Testing

@testable import TokenServer

/// The `RefreshTokenStore` contract, checked the same way on every
/// backend, so the Redis store behaves exactly as the SQLite store does.
@Suite("Refresh-token store contract")
struct StoreContractTests {
    static func record(
        _ tokenHash: String, family: String = "family-a", parent: String? = nil, issuedAt: Int64 = 1_000,
        status: RefreshTokenRecord.Status = .active
    ) -> RefreshTokenRecord {
        RefreshTokenRecord(
            tokenHash: tokenHash, familyID: family, parentHash: parent, subject: "1234567890",
            issuedAt: issuedAt, expiresAt: issuedAt + 604_800, status: status)
    }

    struct Rollback: Error, Equatable {}

    @Test("record round-trips every field", arguments: StoreKind.allCases)
    func roundTrip(kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        let plain = Self.record("aa01")
        let full = RefreshTokenRecord(
            tokenHash: "aa02", familyID: "family-b", parentHash: "aa01", subject: "홍길동 \"sub\"",
            issuedAt: Int64.min, expiresAt: Int64.max, status: .revoked, replacedBy: "aa03",
            revocationReason: "reuse_detected", lastUsedAt: -1)

        try fixture.store.transaction { transaction in
            try transaction.insert(plain)
            try transaction.insert(full)
        }

        let read = try fixture.store.transaction { transaction in
            (try transaction.record(hash: "aa01"), try transaction.record(hash: "aa02"), try transaction.record(hash: "none"))
        }
        #expect(read.0 == plain)
        #expect(read.0?.parentHash == nil)
        #expect(read.0?.replacedBy == nil)
        #expect(read.0?.revocationReason == nil)
        #expect(read.0?.lastUsedAt == plain.issuedAt)
        #expect(read.1 == full)
        #expect(read.2 == nil)
        #expect(fixture.store.kind == kind.rawValue)
    }

    @Test("insert rejects a duplicate hash", arguments: StoreKind.allCases)
    func duplicateInsert(kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        try fixture.store.transaction { try $0.insert(Self.record("bb01")) }

        #expect(throws: (any Error).self) {
            try fixture.store.transaction { try $0.insert(Self.record("bb01", family: "other")) }
        }
        #expect(try fixture.store.allRecords().map(\.familyID) == ["family-a"])
    }

    @Test("markRotated links the successor once", arguments: StoreKind.allCases)
    func markRotated(kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        try fixture.store.transaction { transaction in
            try transaction.insert(Self.record("cc01"))
            try transaction.insert(Self.record("cc02", parent: "cc01"))
            try transaction.markRotated(hash: "cc01", replacedBy: "cc02")
        }

        let rotated = try #require(try fixture.store.allRecords().first)
        #expect(rotated.status == .rotated)
        #expect(rotated.replacedBy == "cc02")
        #expect(throws: (any Error).self) {
            try fixture.store.transaction { try $0.markRotated(hash: "cc01", replacedBy: "cc03") }
        }
        #expect(throws: (any Error).self) {
            try fixture.store.transaction { try $0.markRotated(hash: "missing", replacedBy: "cc03") }
        }
        #expect(try fixture.store.allRecords().first?.replacedBy == "cc02")
    }

    @Test("revokeFamily returns live records oldest first", arguments: StoreKind.allCases)
    func revokeFamily(kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        try fixture.store.transaction { transaction in
            try transaction.insert(Self.record("dd01", status: .rotated))
            try transaction.insert(Self.record("dd02", family: "family-other"))
            try transaction.insert(Self.record("dd03", status: .revoked))
        }
        try fixture.store.transaction { try $0.insert(Self.record("dd04")) }

        let revoked = try fixture.store.transaction { transaction in
            // Inserted in the same transaction, so it must be revoked too.
            try transaction.insert(Self.record("dd05"))
            return try transaction.revokeFamily("family-a", reason: "logout")
        }

        #expect(revoked.map(\.tokenHash) == ["dd01", "dd04", "dd05"])
        #expect(revoked.map(\.status) == [.rotated, .active, .active])
        let byHash = Dictionary(uniqueKeysWithValues: try fixture.store.allRecords().map { ($0.tokenHash, $0) })
        for tokenHash in ["dd01", "dd04", "dd05"] {
            #expect(byHash[tokenHash]?.status == .revoked, "\(tokenHash)")
            #expect(byHash[tokenHash]?.revocationReason == "logout", "\(tokenHash)")
        }
        #expect(byHash["dd03"]?.revocationReason == nil)
        #expect(byHash["dd02"]?.status == .active)
        #expect(try fixture.store.transaction { try $0.revokeFamily("family-a", reason: "again") }.isEmpty)
    }

    @Test("markUsed updates active records only", arguments: StoreKind.allCases)
    func markUsed(kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        try fixture.store.transaction { transaction in
            try transaction.insert(Self.record("ee01"))
            try transaction.insert(Self.record("ee02", status: .rotated))
        }

        try fixture.store.transaction { transaction in
            try transaction.markUsed(hash: "ee01", at: 5_000)
            try transaction.markUsed(hash: "ee02", at: 5_000)
            try transaction.markUsed(hash: "missing", at: 5_000)
        }

        let records = try fixture.store.allRecords()
        #expect(records.map(\.lastUsedAt) == [5_000, 1_000])
        #expect(records.count == 2)
    }

    @Test("denylist keeps the later expiry and drops expired", arguments: StoreKind.allCases)
    func denylist(kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        try fixture.store.transaction { transaction in
            try transaction.denyFamily("f1", until: 2_000)
            try transaction.denyFamily("f1", until: 1_500)
            try transaction.denyFamily("f2", until: 1_000)
        }
        try fixture.store.transaction { try $0.denyFamily("f3", until: 3_000) }

        #expect(try fixture.store.deniedFamilies(now: 999) == ["f1": 2_000, "f2": 1_000, "f3": 3_000])
        #expect(try fixture.store.deniedFamilies(now: 1_000) == ["f1": 2_000, "f3": 3_000])
        // Expired entries are deleted, not only hidden.
        #expect(try fixture.store.deniedFamilies(now: 0) == ["f1": 2_000, "f3": 3_000])
        #expect(try fixture.store.deniedFamilies(now: 5_000).isEmpty)
    }

    @Test("allRecords lists insertion order", arguments: StoreKind.allCases)
    func insertionOrder(kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        // Hashes and times out of order, so only insertion order explains the result.
        let hashes = ["ff09", "ff02", "ff07", "ff01", "ff05"]
        try fixture.store.transaction { transaction in
            try transaction.insert(Self.record(hashes[0], issuedAt: 50))
            try transaction.insert(Self.record(hashes[1], family: "family-b", issuedAt: 10))
        }
        for (offset, tokenHash) in hashes.dropFirst(2).enumerated() {
            try fixture.store.transaction { try $0.insert(Self.record(tokenHash, issuedAt: Int64(40 - offset))) }
        }

        #expect(try fixture.store.allRecords().map(\.tokenHash) == hashes)
    }

    @Test("body error rolls back and is rethrown", arguments: StoreKind.allCases)
    func rollback(kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        try fixture.store.transaction { try $0.insert(Self.record("gg01")) }

        #expect(throws: Rollback.self) {
            try fixture.store.transaction { transaction in
                try transaction.insert(Self.record("gg02"))
                try transaction.markRotated(hash: "gg01", replacedBy: "gg02")
                try transaction.denyFamily("family-a", until: 9_000)
                throw Rollback()
            }
        }

        let records = try fixture.store.allRecords()
        #expect(records.map(\.tokenHash) == ["gg01"])
        #expect(records.first?.status == .active)
        #expect(try fixture.store.deniedFamilies(now: 0).isEmpty)
        // The store is usable after a rollback.
        try fixture.store.transaction { try $0.insert(Self.record("gg03")) }
        #expect(try fixture.store.allRecords().count == 2)
    }

    @Test("reads inside a transaction see its writes", arguments: StoreKind.allCases)
    func readYourWrites(kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        let seen = try fixture.store.transaction { transaction in
            try transaction.insert(Self.record("hh01"))
            try transaction.markUsed(hash: "hh01", at: 7_000)
            return try transaction.record(hash: "hh01")
        }
        #expect(seen?.lastUsedAt == 7_000)
        #expect(try fixture.store.allRecords().first?.lastUsedAt == 7_000)
    }
}
