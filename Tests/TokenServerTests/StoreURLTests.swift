import Testing

@testable import TokenServer

@Suite("Store URL parsing")
struct StoreURLTests {
    @Test("valid URLs parse to their parts")
    func valid() throws {
        let cases: [(text: String, expected: StoreURL)] = [
            ("sqlite:tokens.sqlite3", .sqlite(path: "tokens.sqlite3")),
            ("sqlite:/tmp/a b/t.db", .sqlite(path: "/tmp/a b/t.db")),
            ("redis://127.0.0.1:6390", .redis(RedisEndpoint(host: "127.0.0.1", port: 6390), namespace: nil)),
            ("redis://:6390", .redis(RedisEndpoint(host: "127.0.0.1", port: 6390), namespace: nil)),
            ("redis://localhost:1/3", .redis(RedisEndpoint(host: "localhost", port: 1, database: 3), namespace: nil)),
            ("redis://[::1]:6390/0?prefix=lesson-10", .redis(RedisEndpoint(host: "::1", port: 6390), namespace: "lesson-10")),
            ("redis://127.0.0.1:65535?prefix=a.b_C-9", .redis(RedisEndpoint(host: "127.0.0.1", port: 65535), namespace: "a.b_C-9")),
        ]
        for (text, expected) in cases {
            #expect(try StoreURL.parse(text) == expected, "\(text)")
        }
    }

    @Test("bad URLs name the bad part")
    func invalid() {
        let long = String(repeating: "n", count: 65)
        let cases: [(text: String, expected: StoreURLError)] = [
            ("", .unknownScheme("")),
            ("tokens.sqlite3", .unknownScheme("tokens.sqlite3")),
            ("postgres://127.0.0.1:5432", .unknownScheme("postgres://127.0.0.1:5432")),
            ("sqlite:", .missingPath("sqlite:")),
            ("redis://x", .missingPort("redis://x")),
            ("redis://127.0.0.1", .missingPort("redis://127.0.0.1")),
            ("redis://127.0.0.1:", .missingPort("redis://127.0.0.1:")),
            ("redis://[::1]", .missingPort("redis://[::1]")),
            ("redis://127.0.0.1:0", .invalidPort(url: "redis://127.0.0.1:0", port: "0")),
            ("redis://127.0.0.1:65536", .invalidPort(url: "redis://127.0.0.1:65536", port: "65536")),
            ("redis://127.0.0.1:+80", .invalidPort(url: "redis://127.0.0.1:+80", port: "+80")),
            ("redis://user@127.0.0.1:6390", .invalidHost(url: "redis://user@127.0.0.1:6390", host: "user@127.0.0.1")),
            ("redis://::1:6390", .invalidHost(url: "redis://::1:6390", host: "::1")),
            ("redis://[127.0.0.1]:6390", .invalidHost(url: "redis://[127.0.0.1]:6390", host: "127.0.0.1")),
            ("redis://-bad-:6390", .invalidHost(url: "redis://-bad-:6390", host: "-bad-")),
            ("redis://127.0.0.1:6390/", .invalidDatabase(url: "redis://127.0.0.1:6390/", database: "")),
            ("redis://127.0.0.1:6390/one", .invalidDatabase(url: "redis://127.0.0.1:6390/one", database: "one")),
            ("redis://127.0.0.1:6390/-1", .invalidDatabase(url: "redis://127.0.0.1:6390/-1", database: "-1")),
            ("redis://127.0.0.1:6390?prefix=", .invalidPrefix(url: "redis://127.0.0.1:6390?prefix=", prefix: "")),
            ("redis://127.0.0.1:6390?prefix=a:b", .invalidPrefix(url: "redis://127.0.0.1:6390?prefix=a:b", prefix: "a:b")),
            ("redis://127.0.0.1:6390?prefix=*", .invalidPrefix(url: "redis://127.0.0.1:6390?prefix=*", prefix: "*")),
            ("redis://127.0.0.1:6390?prefix=\(long)", .invalidPrefix(url: "redis://127.0.0.1:6390?prefix=\(long)", prefix: long)),
            ("redis://127.0.0.1:6390?db=2", .unknownParameter(url: "redis://127.0.0.1:6390?db=2", parameter: "db")),
            ("redis://127.0.0.1:6390?prefix=a&x=1", .invalidPrefix(url: "redis://127.0.0.1:6390?prefix=a&x=1", prefix: "a&x=1")),
        ]
        for (text, expected) in cases {
            #expect(throws: expected, "\(text)") {
                try StoreURL.parse(text)
            }
        }
    }

    @Test("error text quotes the URL and the fix")
    func messages() {
        let error = StoreURLError.missingPort("redis://x")
        #expect(error.description.contains("\"redis://x\""))
        #expect(error.description.contains("redis://127.0.0.1:6379"))
    }
}
