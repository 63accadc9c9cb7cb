import Foundation
import Testing

/// Runs the built `tokenlab` binary as a user would, with piped input.
@Suite("tokenlab executable")
struct ExecutableTests {
    static let story = """
        login hong gildong-demo
        me
        advance 16m
        me
        refresh
        me
        steal refresh
        attacker refresh
        refresh
        store

        """

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

    static func run(_ arguments: [String], input: String, environment: [String: String] = [:]) throws -> (
        status: Int32, output: String, error: String
    ) {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        var merged = ProcessInfo.processInfo.environment
        merged["NO_COLOR"] = nil
        merged["LANG"] = "C.UTF-8"
        merged["LC_ALL"] = nil
        for (key, value) in environment { merged[key] = value }
        process.environment = merged

        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        let error = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self), String(decoding: error, as: UTF8.self))
    }

    @Test("the piped story exits 0 and repeats byte for byte")
    func pipedStory() throws {
        let first = try Self.run(["--seed", "7", "--no-color"], input: Self.story)
        let second = try Self.run(["--seed", "7", "--no-color"], input: Self.story)
        #expect(first.status == 0)
        #expect(first.error.isEmpty)
        #expect(first.output == second.output)
        #expect(first.output.contains("tokenlab> attacker refresh\n"))
        #expect(first.output.contains("Reuse detected"))
        #expect(!first.output.contains("\u{1B}["))
    }

    @Test("a different seed gives different tokens")
    func otherSeed() throws {
        let seven = try Self.run(["--seed", "7", "--no-color"], input: "login hong gildong-demo\n")
        let eight = try Self.run(["--seed", "8", "--no-color"], input: "login hong gildong-demo\n")
        #expect(seven.output != eight.output)
    }

    @Test("--lang ko and LANG=ko switch the language")
    func korean() throws {
        let flag = try Self.run(["--seed", "7", "--lang", "ko"], input: "help\n")
        #expect(flag.output.contains("명령어"))
        let environment = try Self.run(["--seed", "7"], input: "help\n", environment: ["LANG": "ko_KR.UTF-8"])
        #expect(environment.output.contains("명령어"))
    }

    @Test(
        "bad flags exit 2 with the value named",
        arguments: [
            (["--seed", "banana"], "banana"), (["--frobnicate"], "--frobnicate"), (["--lang", "fr"], "fr"), (["--seed"], "--seed"),
            (["--record", "/tmp/never-written.txt", "--store", "redis://127.0.0.1:1"], "--record cannot be combined with --store"),
        ])
    func badFlags(arguments: [String], named: String) throws {
        let result = try Self.run(arguments, input: "")
        #expect(result.status == 2)
        #expect(result.error.contains(named))
    }

    @Test("--help prints usage and exits 0")
    func help() throws {
        let result = try Self.run(["--help"], input: "")
        #expect(result.status == 0)
        #expect(result.output.contains("--seed N"))
        for subcommand in ["tokenlab serve", "tokenlab decode TOKEN", "tokenlab verify TOKEN"] {
            #expect(result.output.contains(subcommand))
        }
    }

    @Test("the store's files are deleted when the REPL ends")
    func cleansUp() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "tokenlab-tmpdir-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }

        for input in ["login hong gildong-demo\nquit\n", "login hong gildong-demo\n"] {
            let result = try Self.run(["--seed", "7"], input: input, environment: ["TMPDIR": folder.path])
            #expect(result.status == 0)
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
        }
    }

    @Test("odd input bytes and empty input do not crash")
    func oddInput() throws {
        let result = try Self.run(["--seed", "1", "--no-color"], input: "\u{0}\u{7}\r\nlogin \"x\n\t\n")
        #expect(result.status == 0)
        let empty = try Self.run(["--seed", "1"], input: "")
        #expect(empty.status == 0)
    }
}

/// Drives the REPL under a pseudo-terminal with util-linux's `script`, the
/// way a person types: tab completion, Ctrl-C, history and Ctrl-D.
@Suite("tokenlab at a terminal")
struct TerminalTests {
    @Test("completion, Ctrl-C, history and Ctrl-D work at a terminal")
    func terminal() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/script") else {
            Issue.record("util-linux's /usr/bin/script is missing; install bsdutils")
            return
        }
        let state = FileManager.default.temporaryDirectory.appendingPathComponent(
            "tokenlab-pty-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: state, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: state) }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        // `script` runs the command through $SHELL. A shell that stays as
        // the parent (dash does) also receives the Ctrl-C and exits 130
        // after the REPL ends, so the test pins the shell and makes it exec the REPL.
        process.arguments = ["-qfec", "exec \(ExecutableTests.binary.path) --seed 7 --no-color", "/dev/null"]
        var environment = ProcessInfo.processInfo.environment
        environment["SHELL"] = "/bin/sh"
        environment["XDG_STATE_HOME"] = state.path
        environment["TERM"] = "xterm"
        environment["LANG"] = "C.UTF-8"
        process.environment = environment
        let stdin = Pipe(), stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stdout
        let screen = ScreenBuffer()
        stdout.fileHandleForReading.readabilityHandler = { handle in screen.append(handle.availableData) }
        try process.run()
        defer { if process.isRunning { process.terminate() } }

        // Each step sends keys, then waits (at most 10 s) for the screen to
        // show what they should produce, so the test follows the REPL's pace.
        func send(_ keys: String, thenWaitFor expected: String, occurrence: Int = 1) {
            stdin.fileHandleForWriting.write(Data(keys.utf8))
            _ = screen.wait(for: expected, occurrence: occurrence, seconds: 10)
        }
        _ = screen.wait(for: "tokenlab> ", occurrence: 1, seconds: 20)
        send("ste\trefresh\r", thenWaitFor: "tokenlab> ", occurrence: 2)
        send("login ho", thenWaitFor: "login ho")
        send("\u{03}", thenWaitFor: "tokenlab> ", occurrence: 3)
        send("clock\r", thenWaitFor: "tokenlab> ", occurrence: 4)
        stdin.fileHandleForWriting.write(Data("\u{04}".utf8))

        let deadline = Date().addingTimeInterval(10)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        stdout.fileHandleForReading.readabilityHandler = nil
        let output = screen.text

        #expect(!process.isRunning)
        #expect(process.terminationStatus == 0, "\(output.suffix(500))")
        #expect(output.contains("The user holds no refresh token to steal"), "\(output.suffix(800))")
        #expect(output.contains("^C"))
        #expect(output.contains("Clock: 2025-03-01 09:00:00 UTC"))
        #expect(!output.contains("Unknown command \"login"))

        let history = try String(contentsOf: state.appendingPathComponent("tokenlab/history"), encoding: .utf8)
        #expect(history.contains("steal\\040refresh"))
        #expect(history.contains("clock"))
        #expect(!history.contains("login"))
    }
}

/// Output of a process read as it arrives, for tests that wait on it.
final class ScreenBuffer: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()

    func append(_ chunk: Data) {
        lock.withLock { data.append(chunk) }
    }

    var text: String {
        lock.withLock { String(decoding: data, as: UTF8.self) }
    }

    /// Waits until `expected` occurs `occurrence` times, or `seconds` pass.
    func wait(for expected: String, occurrence: Int, seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if text.components(separatedBy: expected).count - 1 >= occurrence { return true }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return false
    }
}
