/// An account the server can log in.
public struct User: Sendable, Equatable {
    public let username: String
    /// The JWT `sub`: a stable id, not the username.
    public let subject: String
    /// Display name, carried in the access token's `name` claim.
    public let name: String
    public let role: String
    /// PHC-format scrypt hash; see `PasswordHasher`.
    public let passwordHash: String

    public init(username: String, subject: String, name: String, role: String, passwordHash: String) {
        self.username = username
        self.subject = subject
        self.name = name
        self.role = role
        self.passwordHash = passwordHash
    }
}

/// The demo accounts every lesson uses. Demo-only: their passwords are
/// printed in the lessons.
public enum DemoUsers {
    /// Username and password of each demo account, for display and tests.
    public static let credentials: [(username: String, password: String)] = [
        ("hong", "gildong-demo"),
        ("alice", "wonderland-demo"),
        ("admin", "admin-demo"),
    ]

    /// The accounts, with hashes computed once ahead of time with the
    /// parameters of `PasswordHasher.demo` so start-up costs nothing.
    /// A test checks that each hash verifies its password.
    public static let all: [User] = [
        User(
            username: "hong", subject: "1234567890", name: "홍길동", role: "user",
            passwordHash: "$scrypt$ln=14,r=8,p=1$v3QpxRF_4oYPs4cFVxKdxA$8gaJhpItX5vVlvYDD-Oz-7ceZ111NhC_v1Qdq1q0LtY"),
        User(
            username: "alice", subject: "2345678901", name: "Alice Liddell", role: "user",
            passwordHash: "$scrypt$ln=14,r=8,p=1$Tm8Dz4-q_LKgSuyBmr3JoA$I076ReOUkPnFQT0nWp8Eruu4AOTsWQMpkB9ObLH_ygc"),
        User(
            username: "admin", subject: "3456789012", name: "Admin", role: "admin",
            passwordHash: "$scrypt$ln=14,r=8,p=1$cSUCz0Yaf3VrNCQkXehBDA$BFmDc1cfAVd5JzV7DHWdPksAf8wnj6SMXJdYM1R_2f8"),
    ]
}
