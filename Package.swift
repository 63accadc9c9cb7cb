// swift-tools-version:6.0
//
// TokenLab: a REPL with a real token server behind it, for learning how
// access tokens and refresh tokens work. The only dependencies are the
// toolchain and Debian's C libraries, each behind one target.

import PackageDescription

let package = Package(
    name: "TokenLab",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "tokenlab", targets: ["tokenlab"]),
        .library(name: "JOSE", targets: ["JOSE"]),
    ],
    targets: [
        .systemLibrary(
            name: "COpenSSL",
            providers: [.apt(["libssl-dev"])]
        ),
        .systemLibrary(
            name: "CSQLite",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        .systemLibrary(
            name: "CHiredis",
            providers: [.apt(["libhiredis-dev"])]
        ),
        .target(
            name: "CEditLine",
            linkerSettings: [.linkedLibrary("edit")]
        ),
        .target(
            name: "CMicroHTTPD",
            linkerSettings: [.linkedLibrary("microhttpd")]
        ),
        .target(
            name: "JOSE",
            dependencies: ["COpenSSL"]
        ),
        .target(
            name: "TokenServer",
            dependencies: ["JOSE", "CMicroHTTPD", "CSQLite", "CHiredis"]
        ),
        .target(
            name: "TokenClient",
            dependencies: ["JOSE"]
        ),
        // A raw HTTP/1.1 client for tests and benchmarks that must send bytes
        // URLSession would not: repeated headers, bad framing, non-UTF-8.
        .target(
            name: "RawHTTP",
            dependencies: ["TokenClient"]
        ),
        .target(
            name: "TokenLab",
            dependencies: ["JOSE", "TokenServer", "TokenClient", "CEditLine"]
        ),
        .executableTarget(
            name: "tokenlab",
            dependencies: ["TokenLab"]
        ),
        .executableTarget(
            name: "TokenLabBenchmarks",
            dependencies: ["JOSE"]
        ),
        .executableTarget(
            name: "ServerBenchmarks",
            dependencies: ["TokenServer", "TokenClient", "RawHTTP", "JOSE"]
        ),
        .testTarget(
            name: "JOSETests",
            dependencies: ["JOSE"],
            resources: [.copy("Vectors"), .copy("Interop")]
        ),
        .testTarget(
            name: "TokenServerTests",
            // tokenlab: the crash and shutdown tests run `tokenlab serve`.
            dependencies: ["TokenServer", "TokenClient", "RawHTTP", "JOSE", "tokenlab"]
        ),
        .testTarget(
            name: "TokenLabTests",
            dependencies: ["TokenLab", "TokenServer", "TokenClient", "JOSE", "tokenlab"],
            // Read and rewritten in place through #filePath, never from a bundle.
            exclude: ["Golden"]
        ),
    ]
)
