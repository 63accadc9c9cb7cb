import Foundation
import RawHTTP
import TokenClient

/// `tokenlab serve` run as a child process on 127.0.0.1 with an ephemeral
/// port, for tests that signal or kill it.
final class ServeProcess {
    let process = Process()
    let port: UInt16
    private let errors = OutputBuffer()

    /// The `tokenlab` binary beside the test bundle in the build folder.
    static var binary: URL {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        while !directory.path.isEmpty, directory.path != "/" {
            let candidate = directory.appendingPathComponent("tokenlab")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: ".build/debug/tokenlab")
    }

    /// Starts the server and waits up to `timeout` seconds for its
    /// "listening on" line, which carries the port.
    init(arguments: [String], timeout: Double = 20) throws {
        process.executableURL = Self.binary
        process.arguments = ["serve", "--port", "0", "--lang", "en"] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["LANG"] = "C.UTF-8"
        environment["LC_ALL"] = nil
        process.environment = environment
        let pipe = Pipe()
        process.standardError = pipe
        process.standardOutput = FileHandle.nullDevice
        let errors = self.errors
        pipe.fileHandleForReading.readabilityHandler = { handle in
            errors.append(handle.availableData)
        }
        try process.run()

        var found: UInt16?
        for _ in 0..<Int(timeout * 20) where found == nil && process.isRunning {
            usleep(50_000)
            found = Self.port(in: errors.text)
        }
        guard let found else {
            process.terminate()
            process.waitUntilExit()
            throw ServeProcessError(reason: "no listening line", output: errors.text)
        }
        port = found
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    /// Everything the server wrote to standard error so far.
    var standardError: String { errors.text }

    /// Waits up to `timeout` seconds for standard error to contain `text`,
    /// for lines the server prints after the "listening on" line.
    func waitForStandardError(containing text: String, timeout: Double = 10) -> Bool {
        for _ in 0..<Int(timeout * 50) {
            if errors.text.contains(text) { return true }
            usleep(20_000)
        }
        return errors.text.contains(text)
    }

    func signal(_ signal: Int32) {
        kill(process.processIdentifier, signal)
    }

    /// Waits up to `timeout` seconds for the process to exit.
    ///
    /// - Returns: the exit status, or nil if it is still running.
    func waitForExit(timeout: Double) -> Int32? {
        for _ in 0..<Int(timeout * 100) where process.isRunning {
            usleep(10_000)
        }
        guard !process.isRunning else { return nil }
        return process.terminationStatus
    }

    func connection() throws -> RawHTTPConnection {
        try RawHTTPConnection(port: port)
    }

    private static func port(in text: String) -> UInt16? {
        guard let start = text.range(of: "listening on http://") else { return nil }
        // The port follows the authority's last colon, which also holds
        // for an IPv6 address in brackets: `127.0.0.1:8080`, `[::1]:8080`.
        let authority = text[start.upperBound...].prefix { $0 != " " && $0 != "\n" }
        // A line still arriving may end inside the port.
        guard authority.endIndex < text.endIndex, let colon = authority.lastIndex(of: ":") else { return nil }
        return UInt16(authority[authority.index(after: colon)...])
    }
}

struct ServeProcessError: Error, CustomStringConvertible {
    let reason: String
    let output: String
    var description: String { "tokenlab serve did not start (\(reason)); its output:\n\(output)" }
}

/// Bytes from a pipe, appended on the pipe's reader thread.
final class OutputBuffer: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()

    func append(_ chunk: Data) {
        lock.withLock { data.append(chunk) }
    }

    var text: String { lock.withLock { String(decoding: data, as: UTF8.self) } }
}
