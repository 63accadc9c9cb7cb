import TokenServer

/// Every text `tokenlab serve` shows: its help, its errors and its
/// start and stop notices. Log lines stay in English `key=value` form for
/// tools; these are for the person running the server.
///
/// Each language is one exhaustive `switch`, so a message without a
/// translation does not compile.
public enum ServeMessage: Sendable {
    case usage
    case unknownOption(String)
    case missingValue(option: String)
    case invalidHost(String)
    case invalidPort(String)
    case invalidThreads(String)
    case store(StoreMessage)
    case invalidLanguage(String)
    case missingStore
    case policyInvalid(PolicyError)
    case secretUnreadable(path: String, reason: String)
    case secretTooShort(path: String, bytes: Int)
    case invalidAlgorithm(String)
    case invalidSetting(String)
    case algorithmNeedsKey
    case keyNeedsAlgorithm
    case signingWith(algorithm: String, keyID: String)
    case storeFailed(String)
    case startFailed(String)
    case randomSecret
    case hashingPasswords(accounts: Int)
    /// The store in use: a SQLite file (its path stays out of the log), or
    /// Redis at an endpoint under a key prefix.
    case storeInUse(redis: String?, prefix: String?)
    case listening(url: String, threads: Int)
    case policy(String)
    case stopping(signal: String, inFlight: Int)
    case stopped

    public func text(_ language: Language) -> String {
        switch language {
        case .english: english
        case .korean: korean
        }
    }

    public var english: String {
        switch self {
        case .usage:
            """
            Usage: tokenlab serve --store sqlite:PATH|redis://HOST:PORT [options]

            Runs the token server until SIGINT (Ctrl-C) or SIGTERM, then lets
            requests in flight finish, closes the store and exits 0.

            Options:
              --host ADDRESS      IPv4 or IPv6 address to listen on (default 127.0.0.1)
              --port N            TCP port, 0 for any free one (default 8080)
              --store URL         the refresh-token store (required): sqlite:PATH, a
                                  SQLite file, or redis://HOST:PORT[/DB][?prefix=NAME],
                                  keys under tokenlab:NAME: (NAME default: default)
              --policy FILE       a JSON object of policy keys (access-ttl, grace, ...)
              --set KEY=VALUE     one policy setting, after the file; repeatable,
                                  for example --set grace=10s --set denylist=on
              --threads N         HTTP worker threads, 1 to 64 (default 8)
              --secret-file FILE  the HS256 signing secret, at least 32 bytes;
                                  without it a random secret is made at start.
                                  Servers sharing a store need the same one
              --signing-key FILE  sign with this PEM private key instead of HS256;
                                  its public key is served at /.well-known/jwks.json
              --alg ALG           the key's algorithm: RS256, RS384, RS512, PS256,
                                  PS384, PS512, ES256, ES384, ES512 or EdDSA
                                  (required with --signing-key)
              --kid ID            the key id in token headers and the JWK Set
                                  (default: the key's RFC 7638 thumbprint)
              --lang en|ko        the language of these messages
              -h, --help          show this help

            Logs go to standard error: one line per request and per security event.
            """
        case .invalidSetting(let text):
            "--set \(text) is not KEY=VALUE; write it as --set access-ttl=5m"
        case .invalidAlgorithm(let text):
            "--alg \(text) is not an asymmetric algorithm; use RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384, ES512 or EdDSA"
        case .algorithmNeedsKey:
            "--alg and --kid go with --signing-key FILE; without a key the server signs with HS256"
        case .keyNeedsAlgorithm:
            "--signing-key needs --alg to say which algorithm the key is for, for example --alg RS256"
        case .signingWith(let algorithm, let keyID):
            "signing access tokens with \(algorithm), kid \(keyID); the public key is at /.well-known/jwks.json"
        case .unknownOption(let option):
            "unknown option \"\(option)\"; run tokenlab serve --help for the options"
        case .missingValue(let option):
            "\(option) needs a value; run tokenlab serve --help for the format"
        case .invalidHost(let host):
            "invalid --host \"\(host)\": give an IP address such as 127.0.0.1 or ::1"
        case .invalidPort(let port):
            "invalid --port \"\(port)\": give a number from 0 to 65535"
        case .invalidThreads(let threads):
            "invalid --threads \"\(threads)\": give a number from 1 to 64"
        case .store(let message):
            message.english
        case .invalidLanguage(let language):
            "invalid --lang \"\(language)\": give en or ko"
        case .missingStore:
            "missing --store: give sqlite:PATH or redis://HOST:PORT, for example sqlite:tokens.sqlite3"
        case .policyInvalid(let error):
            error.description
        case .secretUnreadable(let path, let reason):
            "cannot read the secret file \(path): \(reason)"
        case .secretTooShort(let path, let bytes):
            "the secret file \(path) holds \(bytes) bytes; HS256 needs at least 32 random bytes"
        case .storeFailed(let detail):
            "cannot open the store: \(detail)"
        case .startFailed(let detail):
            "cannot start the server: \(detail)"
        case .randomSecret:
            "no --secret-file: signing with a random secret, so tokens stop verifying after a restart"
        case .hashingPasswords(let accounts):
            "hashing the passwords of \(accounts) demo accounts with scrypt N=2^17"
        case .storeInUse(let redis, let prefix):
            redis.map { "store: Redis at \($0), keys under \(prefix ?? "")" } ?? "store: a SQLite file in WAL mode"
        case .listening(let url, let threads):
            "listening on \(url) with \(threads) threads; stop with Ctrl-C or SIGTERM"
        case .policy(let settings):
            "policy: \(settings)"
        case .stopping(let signal, let inFlight):
            "\(signal) received: stopping, \(inFlight) requests in flight"
        case .stopped:
            "stopped; the store is closed"
        }
    }

    public var korean: String {
        switch self {
        case .usage:
            """
            사용법: tokenlab serve --store sqlite:경로|redis://호스트:포트 [옵션]

            SIGINT(Ctrl-C)나 SIGTERM을 받을 때까지 토큰 서버를 실행합니다. 신호를 받으면
            처리 중인 요청을 마저 끝내고 저장소를 닫은 뒤 0으로 종료합니다.

            옵션:
              --host 주소         수신할 IPv4 또는 IPv6 주소 (기본값 127.0.0.1)
              --port N            TCP 포트, 0이면 비어 있는 아무 포트 (기본값 8080)
              --store URL         리프레시 토큰 저장소 (필수): SQLite 파일이면 sqlite:경로,
                                  Redis면 redis://호스트:포트[/DB][?prefix=이름].
                                  키는 tokenlab:이름: 아래에 둡니다 (이름 기본값: default)
              --policy 파일       정책 키(access-ttl, grace 등)를 담은 JSON 객체
              --set KEY=VALUE     정책 값 하나. 파일 다음에 적용하며 여러 번 쓸 수
                                  있습니다. 예: --set grace=10s --set denylist=on
              --threads N         HTTP 작업 스레드 수, 1~64 (기본값 8)
              --secret-file 파일  HS256 서명 비밀키, 32바이트 이상.
                                  지정하지 않으면 시작할 때 임의로 만듭니다.
                                  저장소를 함께 쓰는 서버는 같은 파일을 써야 합니다
              --signing-key 파일  HS256 대신 이 PEM 개인 키로 서명합니다. 공개 키는
                                  /.well-known/jwks.json에서 제공합니다
              --alg ALG           키의 알고리즘: RS256, RS384, RS512, PS256, PS384,
                                  PS512, ES256, ES384, ES512, EdDSA 중 하나
                                  (--signing-key와 함께 필수)
              --kid ID            토큰 헤더와 JWK Set에 쓸 키 ID
                                  (기본값: 키의 RFC 7638 썸프린트)
              --lang en|ko        이 메시지들의 언어
              -h, --help          이 도움말 표시

            로그는 표준 에러로 나갑니다. 요청마다, 보안 이벤트마다 한 줄씩 남깁니다.
            """
        case .invalidSetting(let text):
            "KEY=VALUE 형식이 아닙니다: --set \(text). 예: --set access-ttl=5m"
        case .invalidAlgorithm(let text):
            "비대칭 알고리즘이 아닙니다: --alg \(text). RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384, ES512, EdDSA 중 하나를 쓰세요"
        case .algorithmNeedsKey:
            "--alg와 --kid는 --signing-key 파일과 함께 씁니다. 키가 없으면 서버는 HS256으로 서명합니다"
        case .keyNeedsAlgorithm:
            "--signing-key에는 키의 알고리즘을 알려 줄 --alg가 필요합니다. 예: --alg RS256"
        case .signingWith(let algorithm, let keyID):
            "액세스 토큰을 \(algorithm)(kid \(keyID))로 서명합니다. 공개 키는 /.well-known/jwks.json에 있습니다"
        case .unknownOption(let option):
            "알 수 없는 옵션 \"\(option)\"입니다. 옵션 목록은 tokenlab serve --help로 확인하세요"
        case .missingValue(let option):
            "\(option)에 값이 없습니다. 형식은 tokenlab serve --help로 확인하세요"
        case .invalidHost(let host):
            "--host 값 \"\(host)\"이(가) 잘못되었습니다. 127.0.0.1이나 ::1 같은 IP 주소를 주세요"
        case .invalidPort(let port):
            "--port 값 \"\(port)\"이(가) 잘못되었습니다. 0부터 65535 사이의 숫자를 주세요"
        case .invalidThreads(let threads):
            "--threads 값 \"\(threads)\"이(가) 잘못되었습니다. 1부터 64 사이의 숫자를 주세요"
        case .store(let message):
            message.korean
        case .invalidLanguage(let language):
            "--lang 값 \"\(language)\"이(가) 잘못되었습니다. en 또는 ko를 주세요"
        case .missingStore:
            "--store가 없습니다. sqlite:tokens.sqlite3처럼 sqlite:경로나 redis://호스트:포트 형식으로 주세요"
        case .policyInvalid(let error):
            switch error {
            case .unknownKey(let key):
                "알 수 없는 정책 키 \"\(key)\"입니다. 사용할 수 있는 키: "
                    + PolicyKey.allCases.map(\.rawValue).joined(separator: ", ")
            case .invalidValue(let key, let value, let expected):
                "정책 키 \"\(key)\"의 값 \"\(value)\"이(가) 잘못되었습니다. 기대하는 값: \(expected)"
            case .unreadableFile(let path, let reason):
                "정책 파일 \(path)을(를) 읽을 수 없습니다: \(reason)"
            case .invalidJSON(let path, let reason):
                "정책 파일 \(path)이(가) 정책 키로 된 JSON 객체가 아닙니다: \(reason)"
            }
        case .secretUnreadable(let path, let reason):
            "비밀키 파일 \(path)을(를) 읽을 수 없습니다: \(reason)"
        case .secretTooShort(let path, let bytes):
            "비밀키 파일 \(path)은(는) \(bytes)바이트입니다. HS256에는 32바이트 이상의 무작위 값이 필요합니다"
        case .storeFailed(let detail):
            "저장소를 열 수 없습니다: \(detail)"
        case .startFailed(let detail):
            "서버를 시작할 수 없습니다: \(detail)"
        case .randomSecret:
            "--secret-file이 없어 임의의 비밀키로 서명합니다. 재시작하면 기존 토큰은 검증되지 않습니다"
        case .hashingPasswords(let accounts):
            "데모 계정 \(accounts)개의 비밀번호를 scrypt N=2^17로 해시하는 중입니다"
        case .storeInUse(let redis, let prefix):
            redis.map { "저장소: Redis \($0), 키 접두사 \(prefix ?? "")" } ?? "저장소: WAL 모드 SQLite 파일"
        case .listening(let url, let threads):
            "\(url)에서 스레드 \(threads)개로 요청을 받고 있습니다. Ctrl-C나 SIGTERM으로 멈춥니다"
        case .policy(let settings):
            "정책: \(settings)"
        case .stopping(let signal, let inFlight):
            "\(signal) 수신: 처리 중인 요청 \(inFlight)개를 마치고 멈춥니다"
        case .stopped:
            "멈췄습니다. 저장소를 닫았습니다"
        }
    }
}
