import TokenServer

/// The texts about the `--store` option that `tokenlab serve` and the REPL
/// share: a URL that does not parse, and a Redis server that cannot be
/// used.
///
/// Each language is one exhaustive `switch`, so a message without a
/// translation does not compile.
public enum StoreMessage: Sendable {
    case invalidURL(StoreURLError)
    case redisFailed(RedisError)
    /// The REPL got `sqlite:PATH`: it keeps its SQLite store in a
    /// temporary file of its own.
    case replNeedsRedis(String)

    public func text(_ language: Language) -> String {
        switch language {
        case .english: english
        case .korean: korean
        }
    }

    public var english: String {
        switch self {
        case .invalidURL(let error):
            switch error {
            case .unknownScheme(let url):
                "invalid --store \"\(url)\": give sqlite:PATH or redis://HOST:PORT, for example sqlite:tokens.sqlite3"
            case .missingPath(let url):
                "invalid --store \"\(url)\": the path is missing; give sqlite:PATH, for example sqlite:tokens.sqlite3"
            case .missingPort(let url):
                "invalid --store \"\(url)\": the port is missing; give redis://HOST:PORT, for example redis://127.0.0.1:6379"
            case .invalidPort(let url, let port):
                "invalid --store \"\(url)\": the port \"\(port)\" is not a number from 1 to 65535"
            case .invalidHost(let url, let host):
                "invalid --store \"\(url)\": the host \"\(host)\" is not an IPv4 address, an IPv6 address in brackets or a host name"
            case .invalidDatabase(let url, let database):
                "invalid --store \"\(url)\": the database \"\(database)\" is not a whole number such as 0"
            case .invalidPrefix(let url, let prefix):
                "invalid --store \"\(url)\": the prefix \"\(prefix)\" must be 1 to 64 letters, digits, '.', '_' or '-'"
            case .unknownParameter(let url, let parameter):
                "invalid --store \"\(url)\": unknown parameter \"\(parameter)\"; the only one is prefix=NAME"
            }
        case .redisFailed(let error):
            error.description
        case .replNeedsRedis(let url):
            "invalid --store \"\(url)\": the REPL keeps its SQLite store in a temporary file; --store takes redis://HOST:PORT here"
        }
    }

    public var korean: String {
        switch self {
        case .invalidURL(let error):
            switch error {
            case .unknownScheme(let url):
                "--store 값 \"\(url)\"이(가) 잘못되었습니다. sqlite:경로나 redis://호스트:포트 형식으로 주세요. 예: sqlite:tokens.sqlite3"
            case .missingPath(let url):
                "--store 값 \"\(url)\"에 경로가 없습니다. sqlite:tokens.sqlite3처럼 sqlite:경로 형식으로 주세요"
            case .missingPort(let url):
                "--store 값 \"\(url)\"에 포트가 없습니다. redis://127.0.0.1:6379처럼 redis://호스트:포트 형식으로 주세요"
            case .invalidPort(let url, let port):
                "--store 값 \"\(url)\"의 포트 \"\(port)\"이(가) 잘못되었습니다. 1부터 65535 사이의 숫자를 주세요"
            case .invalidHost(let url, let host):
                "--store 값 \"\(url)\"의 호스트 \"\(host)\"이(가) 잘못되었습니다. IPv4 주소, 대괄호로 감싼 IPv6 주소, 호스트 이름 중 하나를 주세요"
            case .invalidDatabase(let url, let database):
                "--store 값 \"\(url)\"의 데이터베이스 번호 \"\(database)\"이(가) 잘못되었습니다. 0 같은 정수를 주세요"
            case .invalidPrefix(let url, let prefix):
                "--store 값 \"\(url)\"의 prefix \"\(prefix)\"이(가) 잘못되었습니다. 영문자, 숫자, '.', '_', '-'로 1~64자를 쓰세요"
            case .unknownParameter(let url, let parameter):
                "--store 값 \"\(url)\"에 알 수 없는 매개변수 \"\(parameter)\"이(가) 있습니다. 쓸 수 있는 것은 prefix=이름 하나뿐입니다"
            }
        case .redisFailed(let error):
            switch error {
            case .connectFailed(let endpoint, let reason):
                "\(endpoint)의 Redis에 연결할 수 없습니다: \(reason). redis-server를 실행하거나 --store로 다른 저장소를 지정하세요"
            case .commandFailed(let endpoint, let command, let reason):
                "\(endpoint)의 Redis에 보낸 \(command) 명령이 실패했습니다: \(reason). redis-server가 실행 중인지 확인하고 다시 시도하세요"
            case .rejected(let command, let message):
                "Redis가 \(command) 명령을 거부했습니다: \(message)"
            case .unexpectedReply(let command, let reply):
                "Redis가 \(command) 명령에 예상하지 못한 응답을 보냈습니다: \(reply)"
            case .invalidRecord(let key, let reason):
                "Redis 키 \(key)이(가) 올바른 리프레시 토큰 레코드가 아닙니다 (\(reason)). 키를 지우거나 다른 ?prefix를 쓰세요"
            case .tooManyConflicts(let tries):
                "다른 쓰기와 \(tries)번 연속으로 충돌해 Redis 트랜잭션을 포기했습니다. 요청을 다시 보내세요"
            case .tokenNotActive:
                "교체하려는 토큰이 활성 상태가 아닙니다"
            case .duplicateToken:
                "같은 해시의 리프레시 토큰이 이미 저장되어 있습니다"
            }
        case .replNeedsRedis(let url):
            "--store 값 \"\(url)\"은(는) REPL에서 쓸 수 없습니다. REPL은 SQLite 저장소를 임시 파일에 따로 만듭니다. 여기서는 redis://호스트:포트만 받습니다"
        }
    }
}
