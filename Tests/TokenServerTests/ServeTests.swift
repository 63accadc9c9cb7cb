import Foundation
import Testing
import TokenClient

@testable import TokenServer
import RawHTTP

@Suite("tokenlab serve as a process", .serialized)
struct ServeTests {
    static func temporaryDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("tokenlab-serve-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    /// Runs `tokenlab serve` with `arguments` to completion (it must exit
    /// on its own within 10 s) and returns its status and output.
    static func runToExit(_ arguments: [String], environment: [String: String] = [:]) throws -> (
        status: Int32, output: String, error: String
    ) {
        let process = Process()
        process.executableURL = ServeProcess.binary
        process.arguments = ["serve"] + arguments
        var merged = ProcessInfo.processInfo.environment
        merged["LANG"] = "C.UTF-8"
        merged["LC_ALL"] = nil
        for (key, value) in environment { merged[key] = value }
        process.environment = merged
        let output = Pipe(), error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        defer {
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
            }
        }
        for _ in 0..<1_000 where process.isRunning {
            usleep(10_000)
        }
        let stdout = output.fileHandleForReading.readDataToEndOfFile()
        let stderr = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
    }

    static func login(_ connection: RawHTTPConnection) throws -> String? {
        let response = try connection.request(
            "POST", "/api/v1/auth/login", headers: [("Content-Type", "application/json")],
            body: Array(#"{"username":"hong","password":"gildong-demo"}"#.utf8))
        return response.json["refresh_token"] as? String
    }

    static func refresh(_ connection: RawHTTPConnection, _ token: String) throws -> RawHTTPConnection.Response {
        try connection.request(
            "POST", "/api/v1/auth/refresh", headers: [("Content-Type", "application/json")],
            body: Array("{\"refresh_token\":\"\(token)\"}".utf8))
    }

    @Test("help and usage errors in English and Korean")
    func usage() throws {
        let help = try Self.runToExit(["--help"])
        #expect(help.status == 0)
        #expect(help.output.contains("--store sqlite:PATH"))

        let korean = try Self.runToExit(["--help", "--lang", "ko"])
        #expect(korean.output.contains("사용법"))

        let unknown = try Self.runToExit(["--verbose"])
        #expect(unknown.status == 2)
        #expect(unknown.error.contains("\"--verbose\""))

        let noStore = try Self.runToExit([])
        #expect(noStore.status == 2)
        #expect(noStore.error.contains("missing --store"))

        let badPort = try Self.runToExit(["--store", "sqlite:x", "--port", "70000"], environment: ["LANG": "ko_KR.UTF-8"])
        #expect(badPort.status == 2)
        #expect(badPort.error.contains("--port 값 \"70000\""))

        let badStore = try Self.runToExit(["--store", "redis://x"])
        #expect(badStore.error.contains("invalid --store \"redis://x\""))
    }

    @Test("a bad policy file is named with its key and value")
    func badPolicy() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let policy = directory.appendingPathComponent("policy.json")
        try Data(#"{"grace": "5 minutes"}"#.utf8).write(to: policy)

        let result = try Self.runToExit(["--store", "sqlite:\(directory.path)/t.db", "--policy", policy.path])
        #expect(result.status == 2)
        #expect(result.error.contains("\"grace\""))
        #expect(result.error.contains("\"5 minutes\""))
    }

    @Test("SIGTERM lets a request in flight finish, then exits 0")
    func gracefulStop() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let server = try ServeProcess(arguments: ["--store", "sqlite:\(directory.path)/t.db", "--threads", "2"])
        let connection = try server.connection()

        // A login spends about 0.4 s hashing, long enough to signal during it.
        let pending = Thread.detachedResult { try Self.login(connection) }
        usleep(100_000)
        server.signal(SIGTERM)

        #expect(try pending.wait(timeout: 15)?.get() != nil)
        #expect(server.waitForExit(timeout: 15) == 0)
        #expect(server.standardError.contains("SIGTERM received"))
        #expect(server.standardError.contains("http.path=/api/v1/auth/login http.status=200"))
        #expect(!server.standardError.contains("gildong-demo"))
    }

    @Test("SIGKILL during refreshes loses no committed rotation")
    func crashDuringRefreshes() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = directory.appendingPathComponent("tokens.sqlite3").path
        let secret = directory.appendingPathComponent("secret")
        try Data((0..<32).map { UInt8($0) }).write(to: secret)
        let arguments = ["--store", "sqlite:\(database)", "--threads", "4", "--secret-file", secret.path]

        // Four logins, then four clients refreshing their own family in a
        // loop, each keeping the last token a 200 gave it.
        let families = 4
        let first = try ServeProcess(arguments: arguments)
        let port = first.port
        let starts = try Concurrently.run(families) { _ in
            try Self.login(try RawHTTPConnection(port: port)) ?? ""
        }.map { try $0.get() }
        #expect(!starts.contains(""))

        let confirmed = TokenBook(starts)
        let stop = StopFlag()
        let workers = (0..<families).map { family in
            Thread.detachedResult {
                let connection = try RawHTTPConnection(port: port)
                // Bounded by count as well as by the kill below.
                for _ in 0..<20_000 where !stop.isSet {
                    let response = try Self.refresh(connection, confirmed[family])
                    guard response.status == 200, let next = response.json["refresh_token"] as? String else {
                        throw ServeProcessError(reason: "refresh got \(response.status)", output: "")
                    }
                    confirmed[family] = next
                }
            }
        }

        usleep(700_000)
        first.signal(SIGKILL)
        #expect(first.waitForExit(timeout: 10) != nil)
        stop.set()
        for worker in workers {
            _ = worker.wait(timeout: 15)
        }
        #expect(confirmed.refreshCount > 0)

        // The file after the kill, as the next start will find it.
        do {
            let store = try SQLiteRefreshTokenStore(path: database)
            #expect(try store.integrityCheck() == "ok")
            let records = try store.allRecords()
            let byHash = Dictionary(uniqueKeysWithValues: records.map { ($0.tokenHash, $0) })
            for family in Set(records.map(\.familyID)) {
                #expect(records.filter { $0.familyID == family && $0.status == .active }.count == 1, "family \(family)")
            }
            for family in 0..<families {
                let record = try #require(byHash[AuthService.hash(confirmed[family])])
                switch record.status {
                case .active:
                    break
                case .rotated:
                    // Committed, but the kill lost the response: the
                    // successor must be the family's active token.
                    let successor = try #require(record.replacedBy.flatMap { byHash[$0] })
                    #expect(successor.status == .active)
                    #expect(successor.parentHash == record.tokenHash)
                case .revoked:
                    Issue.record("client \(family)'s last confirmed token was revoked")
                }
            }
        }

        // Restarted on the same file, the server honours every token that
        // is still active.
        let second = try ServeProcess(arguments: arguments)
        let connection = try second.connection()
        let store = try SQLiteRefreshTokenStore(path: database)
        for family in 0..<families {
            let hash = AuthService.hash(confirmed[family])
            let active = try store.allRecords().first { $0.tokenHash == hash }?.status == .active
            let response = try Self.refresh(connection, confirmed[family])
            #expect(response.status == (active ? 200 : 400), "client \(family)")
        }
        second.signal(SIGTERM)
        #expect(second.waitForExit(timeout: 15) == 0)
    }
}

/// The last refresh token each client got a 200 for.
final class TokenBook: @unchecked Sendable {
    private let lock = NSLock()
    private var tokens: [String]
    private var refreshes = 0

    init(_ tokens: [String]) {
        self.tokens = tokens
    }

    subscript(index: Int) -> String {
        get { lock.withLock { tokens[index] } }
        set {
            lock.withLock {
                tokens[index] = newValue
                refreshes += 1
            }
        }
    }

    var refreshCount: Int { lock.withLock { refreshes } }
}

final class StopFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false

    func set() { lock.withLock { value = true } }
    var isSet: Bool { lock.withLock { value } }
}

/// A value computed on its own thread.
final class PendingResult<Value>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var result: Result<Value, any Error>?

    fileprivate func finish(_ value: Result<Value, any Error>) {
        lock.withLock { result = value }
        done.signal()
    }

    /// The result, or nil if it did not arrive within `timeout` seconds.
    func wait(timeout: Double) -> Result<Value, any Error>? {
        guard done.wait(timeout: .now() + timeout) == .success else { return nil }
        return lock.withLock { result }
    }
}

extension Thread {
    /// Runs `body` on a new thread and returns a handle to its result.
    static func detachedResult<Value>(_ body: @escaping @Sendable () throws -> Value) -> PendingResult<Value> {
        let pending = PendingResult<Value>()
        Thread { pending.finish(Result { try body() }) }.start()
        return pending
    }
}
