import Foundation
import Testing

@testable import TokenServer

/// A REPL ended by SIGTERM or SIGHUP, as when its terminal closes, deletes
/// its store data as `quit` does.
@Suite("tokenlab ended by a signal", .serialized)
struct TerminationTests {
    /// Starts the REPL with `arguments`, sends `login`, waits (at most
    /// 20 s) for its response, sends `signal`, and returns the exit status.
    static func runUntilSignal(_ signal: Int32, arguments: [String], environment: [String: String] = [:]) throws -> Int32 {
        let process = Process()
        process.executableURL = ExecutableTests.binary
        process.arguments = arguments
        var merged = ProcessInfo.processInfo.environment
        merged["LANG"] = "C.UTF-8"
        for (key, value) in environment { merged[key] = value }
        process.environment = merged
        let stdin = Pipe(), stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        let screen = ScreenBuffer()
        stdout.fileHandleForReading.readabilityHandler = { handle in screen.append(handle.availableData) }
        try process.run()
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }

        // Standard input stays open, so the REPL is waiting for a line when
        // the signal comes.
        stdin.fileHandleForWriting.write(Data("login hong gildong-demo\n".utf8))
        #expect(screen.wait(for: "200 OK", occurrence: 1, seconds: 20))
        kill(process.processIdentifier, signal)

        let deadline = Date().addingTimeInterval(10)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        stdout.fileHandleForReading.readabilityHandler = nil
        #expect(!process.isRunning)
        return process.terminationStatus
    }

    @Test("SIGTERM and SIGHUP delete the session's Redis keys", arguments: [SIGTERM, SIGHUP])
    func redisKeys(signal: Int32) throws {
        let endpoint = try RedisSessionTests.endpoint()
        let prefix = "sig\(signal)x\(ProcessInfo.processInfo.processIdentifier)"
        let status = try Self.runUntilSignal(
            signal, arguments: ["--seed", "7", "--no-color", "--store", "redis://\(endpoint.host):\(endpoint.port)?prefix=\(prefix)"])
        #expect(status == 128 + signal)

        let connection = try RedisConnection(endpoint: endpoint)
        #expect(try connection.command(["KEYS", "tokenlab:\(prefix)-*"]) == .array([]))
    }

    @Test("SIGTERM deletes the session's SQLite folder")
    func sqliteFolder() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tokenlab-sigterm-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }

        let status = try Self.runUntilSignal(SIGTERM, arguments: ["--seed", "7", "--no-color"], environment: ["TMPDIR": folder.path])
        #expect(status == 128 + SIGTERM)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }
}
