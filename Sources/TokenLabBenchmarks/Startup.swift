// Start-up time of the `tokenlab` REPL: from spawning the process to the
// first prompt on its standard output, with `--seed 7` and a pipe holding
// `quit` as standard input. Run with:
//
//     swift build -c release --product tokenlab
//     swift run -c release TokenLabBenchmarks --startup [--binary PATH] [--runs N]

import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One start of the REPL, timed from just before the spawn.
struct StartupSample {
    /// Until the first `tokenlab> ` arrived on the pipe.
    let toPrompt: Duration
    /// Until the process exited after reading `quit`.
    let toExit: Duration
}

enum StartupError: Error, CustomStringConvertible {
    case binaryMissing(String)
    case timedOut(run: Int, seconds: Int)
    case noPrompt(run: Int, status: Int32)
    case readFailed(errno: Int32)

    var description: String {
        switch self {
        case .binaryMissing(let path):
            "no executable at \(path); build it with `swift build -c release --product tokenlab` or pass --binary PATH"
        case .timedOut(let run, let seconds):
            "run \(run) timed out after \(seconds) s without exiting; the process was terminated"
        case .noPrompt(let run, let status):
            "run \(run) exited with status \(status) before printing the prompt `tokenlab> `"
        case .readFailed(let code):
            "reading the REPL's output failed: \(String(cString: strerror(code)))"
        }
    }
}

enum StartupBenchmark {
    static let prompt = Array("tokenlab> ".utf8)
    /// Maximum seconds one run may take before it is killed and the benchmark stops.
    static let timeoutSeconds = 10

    /// Spawns `binary` once and times the first prompt and the exit.
    static func measureOnce(binary: String, run: Int) throws -> StartupSample {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["--seed", "7"]
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        process.environment = environment

        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        // Five bytes are far below a pipe's capacity (POSIX guarantees at
        // least PIPE_BUF, 512 bytes), so this write does not block.
        try input.fileHandleForWriting.write(contentsOf: Data("quit\n".utf8))
        try input.fileHandleForWriting.close()

        let clock = ContinuousClock()
        let timeout = Duration.seconds(timeoutSeconds)
        let start = clock.now
        try process.run()

        let descriptor = output.fileHandleForReading.fileDescriptor
        var seen: [UInt8] = []
        var promptAt: ContinuousClock.Instant?
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            if clock.now - start > timeout {
                process.terminate()
                process.waitUntilExit()
                throw StartupError.timedOut(run: run, seconds: timeoutSeconds)
            }

            // Wake at least every 20 ms to check whether the process has
            // exited, in case this process still has the pipe's write end open.
            var request = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let ready = poll(&request, 1, 20)
            if ready < 0 {
                if errno == EINTR { continue }
                throw StartupError.readFailed(errno: errno)
            }
            if ready == 0 {
                if !process.isRunning { break }
                continue
            }

            let count = read(descriptor, &buffer, buffer.count)
            if count < 0 {
                if errno == EINTR { continue }
                throw StartupError.readFailed(errno: errno)
            }
            if count == 0 { break }
            if promptAt == nil {
                seen += buffer[0..<count]
                if seen.count >= prompt.count && contains(seen, prompt) {
                    promptAt = clock.now
                }
            }
        }
        process.waitUntilExit()
        let exitAt = clock.now

        guard let promptAt else { throw StartupError.noPrompt(run: run, status: process.terminationStatus) }
        return StartupSample(toPrompt: promptAt - start, toExit: exitAt - start)
    }

    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard haystack.count >= needle.count else { return false }
        return (0...(haystack.count - needle.count)).contains { offset in
            haystack[offset..<(offset + needle.count)].elementsEqual(needle)
        }
    }

    static func milliseconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) * 1000 + Double(attoseconds) / 1e15
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    /// Runs the measurement `runs` times after one warm-up start (which
    /// fills the page cache) and prints the median, min and max.
    static func run(arguments: [String]) throws {
        func value(after flag: String) -> String? {
            guard let index = arguments.firstIndex(of: flag), index + 1 < arguments.count else { return nil }
            return arguments[index + 1]
        }
        let binary = value(after: "--binary") ?? ".build/release/tokenlab"
        let runs = min(max(Int(value(after: "--runs") ?? "") ?? 20, 1), 100)
        guard FileManager.default.isExecutableFile(atPath: binary) else { throw StartupError.binaryMissing(binary) }

        _ = try measureOnce(binary: binary, run: 0)
        var samples: [StartupSample] = []
        for run in 1...runs {
            samples.append(try measureOnce(binary: binary, run: run))
        }

        let prompts = samples.map { milliseconds($0.toPrompt) }
        let exits = samples.map { milliseconds($0.toExit) }
        func row(_ name: String, _ values: [Double]) -> String {
            let cells = [median(values), values.min() ?? 0, values.max() ?? 0].map { String(format: "%.1f", $0) }
            return "| \(name) | " + cells.joined(separator: " | ") + " |"
        }
        print("TokenLabBenchmarks --startup: \(binary) --seed 7, stdin `quit`, \(runs) runs after 1 warm-up, ms")
        print("| until | median | min | max |")
        print("|---|---:|---:|---:|")
        print(row("first prompt", prompts))
        print(row("exit", exits))
    }
}
