// HTTP benchmarks of the token server on loopback; see Benchmark.swift.
// The work happens outside main.swift: closures written here would be
// main-actor isolated and trap when run on the load threads.
import Foundation

exit(Benchmark.main(arguments: Array(CommandLine.arguments.dropFirst())))
