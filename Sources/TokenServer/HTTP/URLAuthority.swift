/// The `host:port` part of a URL, which puts an IPv6 address in brackets
/// (RFC 3986 section 3.2.2) so its colons are not read as the port's.
public enum URLAuthority {
    /// `127.0.0.1:8080` or `[::1]:8080`.
    public static func hostPort(_ host: String, _ port: UInt16) -> String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }
}
