extension Message {
    /// The Korean text.
    var korean: String {
        switch self {
        case .bannerTitle:
            "TokenLab: 실제 서버로 배우는 액세스 토큰과 리프레시 토큰"
        case .bannerServer(let start):
            "토큰 서버는 127.0.0.1에서 HTTP로 동작하고, 리프레시 토큰은 SQLite 파일에 저장합니다. 가상 시계는 \(start)에서 시작합니다."
        case .bannerServerRedis(let start):
            "토큰 서버는 127.0.0.1에서 HTTP로 동작하고, 리프레시 토큰은 Redis에 저장합니다. 가상 시계는 \(start)에서 시작합니다."
        case .bannerSeeded(let seed):
            "시드 \(seed): 모든 토큰과 ID를 시드로 예측할 수 있습니다. 데모 전용입니다."
        case .bannerSecret(let hex):
            "HS256 서명 비밀 키(데모 전용, 실제 키는 절대 출력하지 마세요): \(hex)"
        case .bannerAccounts(let accounts):
            "데모 계정(데모 전용 비밀번호): \(accounts)"
        case .bannerHelp:
            "명령어 목록은 `help`, 종료는 `quit`입니다."
        case .detailChanged(let level):
            switch level {
            case .quiet: "간단히: 시퀀스 다이어그램, 결과, 저장소 변경만 보여 줍니다."
            case .normal: "보통: 레슨에서 보는 것처럼 다이어그램, 요청과 응답, 토큰, 저장소를 보여 줍니다."
            case .verbose: "자세히: 모든 응답 헤더와 토큰 세그먼트의 16진수 바이트까지 보여 줍니다."
            }
        case .goodbye:
            "종료합니다."
        case .resetDone(let start):
            "초기화했습니다: 새 서버, 빈 저장소, 기본 정책, 토큰 없음. 시계는 다시 \(start)입니다."
        case .unexpectedError(let detail):
            "오류: \(detail)"
        case .commandError(let error):
            error.korean

        case .helpTitle:
            "명령어 (앞에 `attacker`를 붙이면 공격자로 실행합니다):"
        case .helpEntry(let command):
            Self.koreanHelp[command] ?? command
        case .helpFooter:
            "시간 형식: 90s, 16m, 2h, 8d, 1h30m, 또는 단위 없는 숫자(초)."

        case .actorName(let actor):
            actor == .user ? "사용자" : "공격자"
        case .server:
            "서버"

        case .byteCount(let count):
            "\(count)바이트"
        case .serverUnreachable(let detail):
            "토큰 서버가 응답하지 않습니다: \(detail). `reset`으로 서버를 새로 시작하세요."
        case .serverLog:
            "서버 로그:"

        case .accessTokenTitle:
            "액세스 토큰"
        case .refreshTokenTitle:
            "리프레시 토큰"
        case .tokenUnreadable(let detail):
            "읽을 수 있는 JWT가 아닙니다: \(detail)"
        case .jwtSummary(let characters):
            "JWT: header.payload.signature, \(characters)자"
        case .header:
            "헤더"
        case .payload:
            "페이로드"
        case .signature:
            "서명"
        case .segmentDecoded(let characters, let bytes):
            "base64url \(characters)자 → UTF-8 JSON \(bytes)바이트:"
        case .signatureDecoded(let characters, let bytes, let algorithm):
            "base64url \(characters)자 → \(bytes)바이트. \"header.payload\"에 대한 \(algorithm) 서명입니다:"
        case .signatureEmpty(let algorithm):
            algorithm == "none"
                ? "(비어 있음: alg가 \"none\"이라 서명이 없습니다)"
                : "(비어 있음: 헤더의 alg는 \"\(algorithm)\"인데 서명이 없습니다)"
        case .refreshSummary(let characters):
            "불투명(opaque) 토큰: 랜덤 바이트를 base64url \(characters)자로 인코딩한 값입니다. 클라이언트가 읽어 낼 정보는 없습니다."
        case .tokenText:
            "토큰"
        case .bytes:
            "바이트"
        case .inStore:
            "저장 해시"
        case .seededRandomnessNote:
            "(시드 기반 생성기 출력: 예측 가능, 데모 전용)"
        case .storeKeepsHashOnly:
            "토큰의 SHA-256 해시입니다. 저장소에는 이 해시만 남으므로 DB가 유출되어도 쓸 수 있는 토큰은 없습니다."
        case .cookieLabel:
            "쿠키"
        case .cookieHttpOnlyNote:
            "브라우저의 쿠키 저장소에 있음: 요청에는 함께 가지만 스크립트는 읽을 수 없음 (HttpOnly)"
        case .cookieScriptNote:
            "브라우저의 쿠키 저장소에 있고, 페이지의 스크립트도 읽을 수 있음"
        case .expiresIn(let duration):
            "\(duration) 남음"
        case .expiredAgo(let duration):
            duration == "0초" ? "방금 만료됨 (exp 시각)" : "\(duration) 전에 만료됨"
        case .claimFamily:
            "세션: 이 로그인의 리프레시 토큰 패밀리"
        case .claimTokenID:
            "토큰 ID"
        case .multibyte(let characters, let bytes, let hex):
            "\(characters)글자, UTF-8로 \(bytes)바이트: \(hex)"

        case .timelineTitle:
            "가상 시계 위의 액세스 토큰 (UTC):"
        case .timelineEmpty:
            "그릴 액세스 토큰이 없습니다. `login`을 하면 발급됩니다."
        case .timelineLegend(let now):
            "  | = iat부터 exp까지   · = 만료 후   ^ = 현재 (\(now))"
        case .timelineRevoked:
            "거부됨: 거부 목록에 있음"
        case .timelineRevokedLegend:
            "  x = exp 전에 거부됨: 패밀리가 거부 목록에 있음"
        case .helpUsage:
            "사용법:"
        case .helpArguments:
            "인자:"
        case .helpExample:
            "예:"
        case .helpArgument(let command):
            Self.koreanArguments[command] ?? ""
        case .helpUnknownTopic(let topic, let suggestion):
            suggestion.map { "없는 명령어입니다: \"\(CommandError.shorten(topic))\". 혹시 `help \($0)` 명령을 찾으셨나요?" }
                ?? "없는 명령어입니다: \"\(CommandError.shorten(topic))\". `help`로 목록을 확인하세요."
        case .storeUnchanged(let rows):
            "저장소: 변경 없음 (\(rows)행)."
        case .storeAfter(let changed):
            "이 명령을 실행한 뒤의 저장소 (+ 새 행, ~ 바뀐 행, \(changed)행 변경):"
        case .storeExpired:
            "만료됨"
        case .denylistAdded(let family, let until):
            "액세스 토큰 거부 목록: + 패밀리 \(family)…, \(until)까지 (그때면 이 패밀리의 마지막 액세스 토큰도 어차피 만료됩니다)."
        case .denylistTitle:
            "액세스 토큰 거부 목록(denylist, API 호출마다 확인):"
        case .denylistEntry(let family, let until):
            "패밀리 \(family)…  \(until)까지"
        case .storeEmpty:
            "리프레시 토큰 저장소가 비어 있습니다. `login`을 하면 행이 생깁니다."
        case .storeTitle(let rows):
            "리프레시 토큰 저장소, \(rows)행 (토큰이 아니라 해시만 저장):"
        case .storeFamily(let id, let user, let expires):
            "  패밀리 \(id)…  사용자 \(user)  만료 \(expires) UTC (로그인 시점에 고정)"
        case .columnHash: "해시"
        case .columnParent: "부모"
        case .columnIssued: "발급 시각"
        case .columnStatus: "상태"

        case .nowHolds(let actor):
            "이제 \(actor.koreanName)의 앱이 가진 토큰:"
        case .holds(let actor):
            "\(actor.koreanName)가 가진 토큰:"
        case .holdsNothing(let actor):
            "\(actor.koreanName)는 토큰을 가지고 있지 않습니다."
        case .loginFailed(let accounts):
            "로그인 실패: 사용자 이름 또는 비밀번호가 틀렸습니다. 데모 계정(데모 전용 비밀번호): \(accounts)"
        case .meSucceeded(let actor):
            "서버가 \(actor.koreanName)의 액세스 토큰을 받아들였습니다."
        case .meSucceededAfterRefresh(let actor):
            "서버가 새 액세스 토큰을 받아들였습니다. \(actor.koreanName)에게는 호출 한 번이었지만, 앱은 요청을 세 번 보냈습니다."
        case .autoRefreshing(let actor):
            "\(actor.koreanName)의 앱이 401을 받았으므로 스스로 토큰을 갱신합니다:"
        case .autoRetrying(let actor):
            "…그리고 새 액세스 토큰으로 같은 호출을 다시 보냅니다 (\(actor.koreanName)는 아무것도 알아채지 못합니다):"
        case .autoRefreshOn:
            "자동 갱신 켜짐: API 호출이 401을 받으면 사용자의 앱이 한 번 갱신하고 호출을 다시 보냅니다."
        case .autoRefreshOff:
            "자동 갱신 꺼짐: 401을 받은 API 호출은 그대로 실패하고, `refresh`는 직접 입력해야 합니다."
        case .noAccessToken(let actor):
            "\(actor.koreanName)에게 액세스 토큰이 없습니다. 먼저 로그인하세요: `login hong gildong-demo`."
        case .noRefreshToken(let actor):
            actor == .user
                ? "사용자에게 리프레시 토큰이 없습니다. 먼저 로그인하세요: `login hong gildong-demo`."
                : "공격자에게 리프레시 토큰이 없습니다. 먼저 훔치세요: `steal refresh`."
        case .noAccessTokenSent:
            "액세스 토큰을 보내지 않아서 서버는 누가 요청했는지 알 수 없습니다."
        case .accessTokenExpired(let actor, let ago, let expiration, let now, let canRefresh):
            "거부됨: 액세스 토큰이 \(ago == "0초" ? "방금" : "\(ago) 전에") 만료되었습니다 (exp \(expiration), 현재 시각 \(now))."
                + (canRefresh ? " `\(actor == .user ? "refresh" : "attacker refresh")` 명령으로 새 토큰을 받을 수 있습니다." : " 새 토큰을 받을 리프레시 토큰이 없습니다.")
        case .accessTokenBadSignature:
            "거부됨: 서명이 헤더·페이로드와 일치하지 않습니다. 한 바이트만 바꿔도 서명이 깨지고, 새 서명은 서버의 비밀 키로만 만들 수 있습니다."
        case .accessTokenForeignKey:
            "거부됨: 이 서명은 공격자가 고른 키로 만든 것이라 서버의 키와 맞지 않습니다. 서버는 자기 키로만 검증하므로, 다른 키로 서명한 토큰은 모두 거부됩니다."
        case .accessTokenUnknownKeyID(let keyID):
            "거부됨: 토큰 헤더의 kid는 \(keyID)인데, 서버에는 이제 그 kid를 가진 키가 없습니다. 이 토큰에 서명한 키를 제거했으므로 토큰을 검증할 수 없습니다."
        case .accessTokenRejected(let detail):
            "거부됨. 서버 메시지: \(detail)"
        case .refreshRotated(let actor, let server):
            "토큰 로테이션: \(server.map { "서버 \($0)" } ?? "서버")가 \(actor.koreanName)의 리프레시 토큰을 새것으로 바꿨습니다. 이전 토큰은 이제 `rotated`(로테이션됨) 상태이며, 다시 들어오면 \(server == nil ? "서버가" : "어느 서버든") 재사용으로 감지합니다."
        case .refreshGraceReplay(let actor):
            "유예 시간 안의 재요청: \(actor.koreanName)가 직전에 로테이션된 토큰을 유예 시간 안에 보냈으므로, 서버는 새로 로테이션하지 않고 이미 발급한 후속 토큰을 다시 보냈습니다."
        case .refreshNotRotated(let actor):
            "\(actor.koreanName)가 새 액세스 토큰을 받았고, 리프레시 토큰은 그대로입니다 (로테이션 꺼짐)."
        case .reuseDetected:
            "재사용 감지: 이미 로테이션된 리프레시 토큰이 다시 들어왔습니다. 이 토큰이 이미 한 번 쓰였다는 뜻입니다(공격자일 수도, 같은 사용자의 다른 탭일 수도 있습니다). 서버가 패밀리 전체를 폐기했으므로 이 로그인의 리프레시 토큰은 이제 하나도 쓸 수 없습니다."
        case .refreshTokenExpired:
            "리프레시 토큰이 만료되었습니다."
        case .refreshTokenRevoked:
            "리프레시 토큰이 폐기되었습니다."
        case .clientDroppedTokens(let actor):
            "\(actor.koreanName)의 앱은 세션이 끝났으므로 가진 토큰 두 개를 모두 지웠습니다. 다시 로그인하세요."
        case .clientKeptTokens(let actor, .none):
            "\(actor.koreanName)에게는 이제 쓸 수 없는 리프레시 토큰만 남아 있고, 액세스 토큰은 없습니다."
        case .clientKeptTokens(let actor, .expired):
            "\(actor.koreanName)의 토큰은 그대로 남아 있지만, 리프레시 토큰은 이제 쓸 수 없고 액세스 토큰도 이미 만료되었습니다."
        case .clientKeptTokens(let actor, .denied):
            "\(actor.koreanName)의 토큰은 그대로 남아 있지만, 리프레시 토큰은 이제 쓸 수 없고 액세스 토큰도 exp 전이지만 거부 목록(denylist)에 올라 거부됩니다."
        case .clientKeptTokens(let actor, .live(let remaining)):
            "\(actor.koreanName)의 토큰은 그대로 남아 있습니다. 리프레시 토큰은 이제 쓸 수 없지만, 액세스 토큰은 exp까지 \(remaining) 더 쓸 수 있습니다."
        case .refreshTokenIdle:
            "리프레시 토큰을 유휴 한도보다 오래 쓰지 않아서 서버가 그 패밀리를 폐기했습니다."
        case .accessTokenDenylisted:
            "거부됨: 이 토큰이 속한 로그인 세션이 끝났고(로그아웃 또는 재사용 감지) 거부 목록이 켜져 있어서, 액세스 토큰이 exp 전에 무효가 되었습니다."
        case .raceExplained:
            "사용자 앱의 탭 두 개가 같은 리프레시 토큰을 읽고, 어느 쪽 응답도 오기 전에 둘 다 갱신을 요청합니다. TokenLab은 항상 탭 1의 요청을 먼저 보내므로, 몇 번을 실행해도 결과가 같습니다."
        case .raceNeedsBodyDelivery:
            "race refresh는 리프레시 토큰이 스크립트로 읽을 수 있는 저장소에 있을 때 동작합니다 (policy set delivery body). 쿠키 방식에서는 두 탭 모두 쿠키 저장소에 있는 쿠키를 그대로 보냅니다."
        case .tabName(let number):
            "탭 \(number)"
        case .raceBothSameSuccessor:
            "두 탭 모두 성공했고 같은 후속 토큰을 받았습니다. 탭 2의 토큰은 직전에 로테이션된 토큰이고 유예 시간 안에 다시 들어왔기 때문입니다."
        case .raceBothSucceeded:
            "두 탭 모두 성공했습니다."
        case .raceLoggedOut:
            "두 탭은 같은 localStorage를 쓰므로, 탭 2의 실패로 두 탭 모두 로그아웃되었습니다."
        case .accessTokenUnsecured:
            "거부됨: 헤더의 alg가 \"none\"입니다. 서명이 없다는 뜻입니다. 서버는 대소문자를 어떻게 쓰든 이런 토큰을 절대 받지 않습니다."
        case .accessTokenWrongAlgorithm(let found, let expected):
            "거부됨: 서버의 키는 \(expected) 전용인데, 토큰 헤더의 alg 값은 \"\(found)\"입니다. 알고리즘은 키가 정하며, 토큰 헤더가 다른 알고리즘을 고를 수 없습니다."
        case .keyChanged(let algorithm):
            "이제 서버는 \(algorithm) 알고리즘으로 서명하고 검증합니다. 이전 키로 서명한 토큰은 더 이상 검증을 통과하지 못합니다."
        case .keyCurrent(let algorithm):
            "서명 알고리즘: \(algorithm)."
        case .keySymmetricNote:
            "비밀 키: 같은 랜덤 32바이트로 서명하고 검증하므로 절대 공개하지 않습니다."
        case .keyWeakNote:
            "데모 전용: 비밀 키가 사전에 있는 단어 \"secret123\"입니다. 실제로는 절대 이렇게 하면 안 됩니다."
        case .keyPublishedNote:
            "키 쌍: 개인 키로 서명하고, 공개 키로 검증합니다. 공개 키는 /.well-known/jwks.json에 공개됩니다 (데모 전용 키)."
        case .keyIDs(let signing, let verifyingOnly):
            "공개된 키(kid): \(signing) (새 토큰 서명용)"
                + verifyingOnly.map { ", \($0) (이전 토큰 검증용)" }.joined()
        case .keyRotated(let new, let old):
            "키 로테이션: 이제 모든 서버가 kid \(new) 키로 서명합니다. 이전 키(\(old))는 JWK Set에 남아 있으므로, 그 키로 서명한 토큰은 만료되거나 `key retire`로 키를 제거할 때까지 계속 검증을 통과합니다."
        case .keyRetired(let old):
            "이전 키(\(old))를 JWK Set에서 제거했습니다. 이 키로 서명한 토큰은 더 이상 검증을 통과하지 못합니다."
        case .keyRotateNeedsKeyPair:
            "여기서 키를 로테이션하려면 공개된 키 쌍이 필요합니다. 먼저 `key rs256`이나 `key eddsa`를 실행하세요. (HS256 비밀 키도 같은 방식으로 로테이션하지만, 검증하는 쪽이 그 키를 가져갈 수는 없습니다.)"
        case .keyNothingToRetire:
            "지금 쓰는 키 하나뿐이라 제거할 키가 없습니다. 먼저 `key rotate`를 실행하세요."
        case .tooManyServers(let limit):
            "실습 환경에서는 서버를 \(limit)대까지만 띄울 수 있습니다. `reset`으로 한 대로 돌아갈 수 있습니다."
        case .serverAdded(let name, let sharesWith, let store):
            "서버 \(name)를 127.0.0.1에서 시작했습니다. 포트와 메모리는 따로 쓰지만 \(store) 저장소는 서버 \(sharesWith.joined(separator: ", "))와 함께 씁니다. 리프레시 토큰 기록, 패밀리, 거부 목록(denylist)은 어느 한 서버가 아니라 저장소에 있습니다."
        case .serversTitle(let store):
            "토큰 서버와 함께 쓰는 저장소(\(store)):"
        case .serverLine(let name, let algorithm, let keyID):
            "서버 \(name)  서명: \(algorithm)" + (keyID.map { ", kid \($0)" } ?? ", 모든 서버가 같은 비밀 키 사용")
        case .serverAddHint:
            "`server add`로 이 저장소를 함께 쓰는 두 번째 서버를 시작할 수 있습니다."
        case .serversViaHint(let name):
            "`via \(name) refresh`처럼 쓰면 명령 하나의 요청을 서버 \(name)로 보냅니다. `via` 없이 쓰면 서버 A로 갑니다."
        case .unknownServer(let name, let known):
            "\(CommandError.shorten(name)) 서버는 없습니다. 실행 중인 서버: \(known.joined(separator: ", ")). `server add`로 서버를 더 시작할 수 있습니다."
        case .tokenInCookie(let actor):
            "\(actor.koreanName)의 리프레시 토큰은 앱이 읽을 수 없는 HttpOnly 쿠키에 있습니다. 쿠키는 `tokens`로 볼 수 있습니다."
        case .noTokenToShow(let actor, let kind):
            "\(actor.koreanName)에게는 \(kind == .access ? "액세스" : "리프레시") 토큰이 없습니다. `\(actor == .user ? "" : "attacker ")login hong gildong-demo`로 받을 수 있습니다."
        case .jwksFetching:
            "키를 갖고 있지 않은 리소스 서버(API)가 공개된 키를 가져옵니다:"
        case .apiName:
            "API"
        case .jwksEmpty:
            "JWK Set이 비어 있습니다. 서버가 HS256 비밀 키로 서명하고 있고 비밀 키는 공개하지 않으므로, API는 이 방법으로 토큰을 검증할 수 없습니다. `key rs256`으로 키 쌍으로 바꿔 보세요."
        case .jwksKeys(let keyIDs):
            "JWK Set에 키가 \(keyIDs.count)개 있습니다(kid: \(keyIDs.joined(separator: ", ")))."
        case .jwksNoToken:
            "검증할 사용자의 액세스 토큰이 없습니다. 먼저 `login`하세요."
        case .jwksVerified(let keyID, let remaining):
            "API가 사용자의 액세스 토큰을 직접 검증했습니다. 헤더의 kid가 \(keyID)이고, 그 키가 JWK Set에 있으며, 서명과 클레임이 모두 맞습니다. exp까지 \(remaining) 남았습니다."
        case .jwksRejected(let keyID, let reason):
            "API가 사용자의 액세스 토큰(kid \(keyID))을 거부했습니다: \(InspectMessage.koreanReason(reason))."
        case .forgeNeedsToken:
            "바탕으로 삼을 토큰이 없습니다. 먼저 사용자로 `login`하세요 (공격자라면 `steal access`도)."
        case .forgeNoPublicKey:
            "서버가 공개한 공개 키가 없습니다 (비밀 키는 공개하지 않습니다). `key rs256`으로 키 쌍으로 바꿀 수 있습니다."
        case .forgedNone:
            "공격자가 alg \"none\", role \"admin\", 빈 서명으로 토큰을 만들었습니다."
        case .forgedWithSecret(let secret):
            "공격자가 추측한 비밀 키(\"\(secret)\")로 role \"admin\"인 토큰에 서명했습니다."
        case .forgedConfusion(let bytes):
            "공격자가 내려받은 공개 키(JSON \(bytes)바이트)를 HMAC 비밀 키로 삼아 alg HS256, role \"admin\"인 토큰에 서명했습니다. 헤더의 alg를 그대로 따르는 검증기라면 같은 공개 키 바이트로 HMAC을 계산하므로 이 서명을 통과시킵니다."
        case .forgeHint:
            "위조한 토큰이 이제 공격자의 액세스 토큰입니다. `attacker me`를 실행해 보세요."
        case .crackNeedsHS256(let algorithm):
            "이 토큰은 \(algorithm) 알고리즘으로 서명되었습니다. 사전 공격은 HMAC 비밀 키(HS256)에만 효과가 있습니다."
        case .crackStart(let words):
            "흔히 쓰는 비밀 키 후보 \(words)개를 사용자의 액세스 토큰에 HMAC 키로 하나씩 대입해 봅니다(사전 공격). 서버에 요청을 하나도 보내지 않는 오프라인 공격입니다:"
        case .crackFound(let word, let tries):
            "\(tries)번 만에 찾았습니다: 비밀 키는 \"\(word)\"입니다. 이 비밀 키를 알면 누구나 원하는 내용의 토큰에 서명할 수 있습니다."
        case .crackFailed(let words):
            "후보 \(words)개 중 맞는 것이 없습니다. 서버의 비밀 키는 랜덤 32바이트로, 경우의 수가 2^256이라 어떤 사전으로도 찾을 수 없습니다."
        case .xssStart:
            "앱 페이지에 주입된 스크립트가 페이지와 같은 권한으로 실행되어, 자바스크립트로 읽을 수 있는 것을 모두 읽습니다:"
        case .xssNothing:
            "(없음)"
        case .xssHttpOnlyHidden(let count):
            "  쿠키 저장소에는 HttpOnly 쿠키가 \(count)개 있지만, document.cookie에는 절대 나타나지 않습니다."
        case .xssSent(let count):
            "스크립트가 토큰 \(count)개를 공격자에게 보냈습니다. `attacker tokens`를 실행해 보세요."
        case .xssNothingSent:
            "스크립트는 보낼 토큰을 찾지 못했습니다."
        case .csrfStart(let path):
            "다른 사이트의 페이지가 사용자의 브라우저를 시켜 \(path)\(Self.toParticle(after: path)) 빈 폼을 보냅니다. 그 페이지는 앱의 토큰을 읽을 수 없지만, 어떤 쿠키를 함께 보낼지는 브라우저가 정합니다:"
        case .csrfNoCookieToCarry:
            "사용자의 앱은 리프레시 토큰을 쿠키가 아니라 메모리에 둡니다(delivery가 body). 그래서 브라우저가 다른 사이트의 요청에 붙여 보낼 자격 증명이 없습니다. CSRF는 브라우저가 알아서 보내는 쿠키가 있어야 성립합니다. `policy set delivery cookie`와 `policy set cookie-samesite none`을 실행하고 다시 로그인한 뒤 이 명령을 다시 실행해 보세요."
        case .csrfCookieJarEmpty:
            "사용자의 브라우저에는 붙여 보낼 리프레시 토큰 쿠키가 없습니다. 마지막 로그인이 쿠키 전달을 켜기 전이었거나, 로그아웃이 쿠키를 지웠습니다. `login hong gildong-demo`로 다시 로그인한 뒤 이 명령을 다시 실행해 보세요."
        case .csrfFormContentType:
            "415는 두 번째 방어선입니다. 서버는 Content-Type이 application/json인 요청만 받는데, 일반 HTML 폼은 이 형식으로 보낼 수 없습니다."
        case .csrfNoCookie:
            "브라우저가 쿠키를 붙이지 않았으므로 서버가 받은 요청에는 자격 증명이 없습니다."
        case .csrfSameSiteKept:
            "쿠키 저장소에는 리프레시 토큰 쿠키가 있지만, SameSite 속성 때문에 브라우저가 다른 사이트에서 시작한 요청에는 쿠키를 싣지 않았습니다."
        case .csrfSucceeded:
            "브라우저가 쿠키를 붙였고, 서버는 이 요청과 사용자가 직접 보낸 요청을 구별할 수 없습니다. 위조된 요청이 성공했습니다."
        case .csrfCookieSentButRefused:
            "브라우저가 쿠키를 붙였지만, 서버가 다른 이유로 요청을 거부했습니다."
        case .refreshTokenAlreadyUsed:
            "거부됨: 이미 사용된(로테이션된) 리프레시 토큰입니다. 정책이 reject라서 패밀리는 폐기하지 않았습니다."
        case .refreshRejected(let detail):
            "갱신 거부됨. 서버 메시지: \(detail)"
        case .refreshTokenInBodyUnderCookieDelivery:
            "거부됨: 서버 정책은 리프레시 토큰을 refresh_token 쿠키로 주고받는데, 이 요청은 정책을 바꾸기 전에 로그인해서 받은 토큰을 본문에 담아 보냈습니다. `login`으로 다시 로그인하세요."
        case .refreshTokenMissingFromBody:
            "거부됨: 서버 정책은 리프레시 토큰을 JSON 본문으로 받는데, 앱은 정책을 바꾸기 전에 로그인해서 받은 쿠키로만 토큰을 가지고 있습니다. `login`으로 다시 로그인하세요."
        case .loggedOut(let actor, let server):
            "로그아웃: \(server.map { "서버 \($0)" } ?? "서버")가 패밀리를 폐기했고, \(actor.koreanName)의 앱은 토큰을 지웠습니다."
        case .appliesToServers(let names):
            "서버 \(names.joined(separator: ", ")) 모두에 똑같이 적용됩니다. 실제 배포에서도 설정은 모든 인스턴스에 함께 내보냅니다."
        case .tampered(let actor, let from, let to):
            "\(actor.koreanName)의 액세스 토큰을 변조했습니다: 페이로드의 role \"\(from)\" → \"\(to)\"."
        case .tamperedSignatureKept(let actor):
            "헤더와 서명은 원래 그대로입니다. 비밀 키 없이는 바뀐 페이로드에 서명할 수 없습니다. `\(actor == .user ? "me" : "attacker me")`를 실행해 보세요."
        case .clockAdvanced(let from, let to, let by):
            "시계: \(from) → \(to) (+\(by))."
        case .clockNow(let now, let elapsed):
            "시계: \(now) (시작 후 \(elapsed))."
        case .accessValidFor(let actor, let duration):
            "\(actor.koreanName)의 액세스 토큰은 앞으로 \(duration) 동안 유효합니다."
        case .accessExpiredFor(let actor, let duration):
            "\(actor.koreanName)의 액세스 토큰은 \(duration == "0초" ? "방금(exp 시각에)" : "\(duration) 전에") 만료되었습니다."
        case .nothingToSteal(let kind):
            "사용자에게 훔칠 \(kind.koreanName)이 없습니다. 먼저 로그인하세요."
        case .stole(let kind, let token):
            "공격자가 사용자의 \(kind.koreanName)을 복사했습니다: \(token)"
        case .stealHint(let kinds):
            "서버는 복사본과 원본을 구별할 수 없습니다. "
                + kinds.map { $0 == .access ? "`attacker me`" : "`attacker refresh`" }.joined(separator: " 또는 ") + " 명령을 실행해 보세요."

        case .policyTitle:
            "서버 정책:"
        case .policyKey(let key):
            Self.koreanPolicyKeys[key] ?? key
        case .policyHint:
            "`policy set KEY VALUE`로 바꿀 수 있습니다. 예: `policy set rotation off`."
        case .policyChanged(let key, let value):
            "정책: \(key) 값을 바꿨습니다 (새 값: \(value)). 다음 요청부터 적용됩니다."
        case .policyInvalidValue(let key, let value, let expected):
            "\(key)에 쓸 수 없는 값입니다: \"\(CommandError.shorten(value))\". 쓸 수 있는 값: \(expected)."
        case .policyExpected(let key):
            Self.koreanPolicyValues[key] ?? "올바른 값"
        case .policyUnknownKey(let key, let known):
            "알 수 없는 정책 키 \"\(CommandError.shorten(key))\". 사용할 수 있는 키: \(known)."

        case .lessonsNotFound:
            "레슨을 찾을 수 없습니다. 체크아웃한 폴더에서 TokenLab을 실행하거나(scripts/tokenlab), TOKENLAB_LESSONS에 Lessons 폴더 경로를 지정하세요."
        case .lessonListTitle:
            "레슨 목록:"
        case .lessonListHint:
            "`lesson start N`으로 시작하고, 단계마다 `next`를 입력하세요."
        case .lessonNotFound(let number):
            "\(number)번 레슨은 없습니다. `lesson list`로 목록을 확인하세요."
        case .lessonFreshLab(let seed):
            "이 레슨을 위해 실습 환경을 초기화했습니다: 새 서버, 빈 저장소, 시드 \(seed), 기본 정책."
        case .lessonNextHint(let step, let count, let title):
            "`next`를 입력하면 \(step)/\(count)단계로 넘어갑니다: \(title)"
        case .lessonDetoured:
            "지난 단계 이후에 실습 환경을 직접 바꿨기 때문에 이번 단계의 출력이 설명과 다를 수 있습니다. 레슨이 의도한 상태에서 다시 실행하려면 `again`을 입력하세요."
        case .lessonNone:
            "진행 중인 레슨이 없습니다. `lesson list`로 목록을 확인하세요."
        case .lessonQuit(let title):
            "\"\(title)\" 레슨을 종료했습니다. 실습 환경은 그대로 둡니다."
        case .lessonFinished(let next):
            next.map { "이 레슨은 끝났습니다. 다음 레슨은 `lesson start \($0)`, 목록은 `lesson list`입니다." }
                ?? "마지막 레슨까지 끝났습니다. 목록은 `lesson list`로 볼 수 있습니다."
        case .lessonQuietHint:
            "(quiet 모드에서는 설명이 가리키는 헤더와 본문이 보이지 않을 수 있습니다. `normal`을 입력하면 보입니다)"
        case .lessonAtStart:
            "이전 단계가 없습니다. 이 단계를 다시 실행하려면 `again`을 입력하세요."
        case .lessonNothingToRepeat:
            "아직 실행한 단계가 없습니다. `next`로 첫 단계를 실행하세요."
        case .lessonRebuilt(let steps):
            steps == 0
                ? "실습 환경을 다시 만들었습니다. 단계 사이에 직접 입력한 명령은 다시 실행하지 않았습니다."
                : "실습 환경을 다시 만들고 앞의 \(Self.koreanCount(steps)) 단계를 화면에 표시하지 않고 다시 실행했습니다. 단계 사이에 직접 입력한 명령은 다시 실행하지 않았습니다."
        case .lessonStepHeading(let step, let count, let title):
            "── \(step)/\(count)단계: \(title) ──"
        case .lessonEnd(let next):
            next.map { "레슨이 끝났습니다. 다음 레슨은 `lesson start \($0)`입니다. 계속 자유롭게 실험해 봐도 좋습니다." }
                ?? "마지막 레슨이 끝났습니다. 목록은 `lesson list`로 볼 수 있고, 계속 자유롭게 실험해 봐도 좋습니다."

        case .cliUsage:
            """
            사용법: tokenlab [옵션]

            127.0.0.1에서 토큰 서버를 띄우고 TokenLab REPL을 엽니다.

            옵션:
              --seed N     가상 시계의 시작 시각과 난수를 고정해서, 같은 명령이 같은
                           바이트를 출력하게 합니다 (N: 0 ~ 2^64-1)
              --lang L     메시지 언어: en 또는 ko (기본값: LC_ALL, LC_MESSAGES,
                           LANG 순서로 확인)
              --no-color   색 없이 출력 (NO_COLOR가 설정되었거나 출력이 터미널이
                           아닐 때도 마찬가지)
              --record F   세션을 트랜스크립트 파일 F에도 기록합니다. 이 파일은
                           `tokenlab replay`로 재생하고 검증할 수 있습니다
                           (--seed가 없으면 --seed 7로 실행)
              --store URL  리프레시 토큰을 Redis에 저장합니다.
                           redis://호스트:포트[/DB][?prefix=이름] 형식이며, 종료할 때
                           키를 지웁니다 (기본값: 임시 SQLite 파일)
              --help       이 도움말을 표시

            하위 명령 (각각 --help가 있습니다):
              tokenlab lesson N      N번 레슨을 시작한 상태로 REPL 열기
              tokenlab replay FILE   트랜스크립트를 재생, 검증, 다시 기록
              tokenlab serve         토큰 서버만 실행 (curl이나 프런트엔드용)
              tokenlab decode TOKEN  JWT의 헤더, 페이로드, 서명 보기
              tokenlab verify TOKEN  키로 JWT의 서명과 클레임 검증

            표준 입력이 터미널이 아니면 한 줄에 명령 하나씩 읽으므로,
            `tokenlab --seed 7 < session.txt`로 트랜스크립트를 출력할 수 있습니다.
            """
        case .cliRecordNeedsDefaultStore:
            "--record는 --store와 함께 쓸 수 없습니다. 트랜스크립트는 실습 환경의 기본 SQLite 저장소에서 다시 실행되므로, Redis를 언급하는 줄이 달라집니다. 기록하려면 --store를 빼세요"
        case .cliUnknownOption(let option, let command):
            "알 수 없는 옵션 \(option). `\(command) --help`로 옵션을 확인하세요"
        case .cliMissingValue(let option, let command):
            "\(option) 옵션에 값이 필요합니다. `\(command) --help`로 옵션을 확인하세요"
        case .cliInvalidSeed(let value):
            "--seed 값이 올바르지 않습니다: \(value). 0부터 18446744073709551615 사이의 정수를 쓰세요"
        case .cliInvalidLanguage(let value):
            "지원하지 않는 언어입니다: --lang \(value). en 또는 ko를 쓰세요 (en-US, ko-KR, ko_KR, kr 같은 이름도 됩니다)"
        case .cliStartFailed(let detail):
            "TokenLab을 시작할 수 없습니다: \(detail)"
        case .cliStore(let message):
            message.korean
        case .cliLessonUsage:
            """
            사용법: tokenlab lesson N [옵션]

            N번 레슨을 시작한 상태로 REPL을 엽니다. 단계마다 `next`를 입력하세요.
            레슨은 시드를 고정해서 실행합니다 (--seed가 없으면 시드 7).

            옵션: --seed N, --lang en|ko, --no-color, --record FILE
            (`tokenlab --help` 참고).
            """
        case .cliReplayUsage:
            """
            사용법: tokenlab replay [옵션] FILE...

            수업용으로 트랜스크립트를 재생합니다. Enter를 누를 때마다 한 단계씩 진행합니다.

            옵션:
              --pace SECONDS        SECONDS초마다 한 단계씩 자동으로 재생.
                                    --asciicast와 함께 쓰면 녹화 파일의 단계
                                    사이 간격 (기본값 1.5초)
              --check               각 트랜스크립트의 입력을 새 실습 환경에서 다시
                                    실행하고, 다른 부분이 있으면 첫 차이를 unified
                                    diff로 보여 주고 1로 종료
              --update              각 트랜스크립트를 그 자리에서 다시 기록
              --asciicast OUT.cast  FILE을 asciinema v2 녹화 파일로 저장
              --lang en|ko          이 명령이 출력하는 메시지의 언어 (기본값:
                                    트랜스크립트들의 설정 줄이 모두 같은
                                    언어이면 그 언어, 아니면 로케일)
            """
        case .cliInvalidLesson(let value):
            "레슨 번호가 아닙니다: \(value). `lesson list`에 나오는 번호로 `tokenlab lesson N`을 실행하세요"
        case .cliMissingLesson:
            "tokenlab lesson에는 레슨 번호가 필요합니다. 예: `tokenlab lesson 1`"
        case .cliInvalidPace(let value):
            "--pace 값이 올바르지 않습니다: \(value). 0부터 600 사이의 초 단위 숫자를 쓰세요"
        case .cliMissingTranscript:
            "트랜스크립트 파일을 지정하세요. 예: `tokenlab replay transcripts/ko/01-first-login.txt`"
        case .cliOneTranscript:
            "재생과 --asciicast에는 트랜스크립트 파일을 정확히 하나만 지정하세요"
        case .cliCannotRead(let path):
            "파일을 읽을 수 없습니다: \(path). 경로를 확인하세요"
        case .cliNotUTF8(let path):
            "UTF-8 텍스트가 아닙니다: \(path). 트랜스크립트는 UTF-8 일반 텍스트여야 합니다"
        case .cliCannotWrite(let path, let reason):
            "파일을 쓸 수 없습니다: \(path) (\(reason)). 폴더가 있고 쓰기 권한이 있는지 확인하세요"

        case .cliRecording(let path, let replacing):
            "이 세션을 \(path) 파일에 기록합니다\(replacing ? " (기존 내용은 덮어씁니다)" : "")"
        case .transcriptFormat(let prompt):
            "TokenLab 트랜스크립트입니다. \"\(prompt)\"로 시작하는 줄은 입력이고, 나머지는 출력입니다."
        case .transcriptReplayHint:
            "`tokenlab replay FILE`로 재생하고, `tokenlab replay --check FILE`로 검증합니다."
        case .replayEnterHint:
            "Enter를 누를 때마다 한 단계씩 진행합니다. Ctrl-D로 멈춥니다."
        case .replaySummary(let passed, let failed):
            "트랜스크립트: 통과 \(passed)개, 실패 \(failed)개"
        case .replayMatches(let path):
            "통과: \(path)"
        case .replayDiffers(let path):
            "실패: \(path)의 내용이 새로 실행한 결과와 다릅니다. 첫 번째 차이:"
        case .replayUpdated(let path):
            "다시 기록함: \(path)"
        case .replayUnchanged(let path):
            "변경 없음: \(path)"
        case .replayAsciicastWritten(let path, let steps):
            "\(path) 저장: \(steps)단계, asciinema v2"
        }
    }

    static let koreanHelp: [String: String] = [
        "login": "사용자 이름과 비밀번호로 로그인합니다. 서버가 액세스 토큰과 리프레시 토큰을 발급합니다",
        "me": "액세스 토큰으로 GET /api/v1/me를 호출합니다",
        "refresh": "리프레시 토큰으로 새 액세스 토큰을 받습니다 (로테이션이 켜져 있으면 리프레시 토큰도 새로 받음)",
        "logout": "리프레시 토큰의 패밀리를 폐기하고 토큰을 지웁니다",
        "tokens": "가진 토큰을 바이트 단위로 모두 보여 줍니다",
        "token": "토큰 하나를 줄바꿈 없이 한 줄로 출력합니다 (tokenlab decode나 verify에 복사용)",
        "tamper": "액세스 토큰의 role 클레임을 바꾸고 서명은 그대로 둡니다",
        "advance": "가상 시계를 앞으로 돌립니다",
        "clock": "가상 시계와 각 액세스 토큰의 남은 시간을 보여 줍니다",
        "store": "서버의 리프레시 토큰 테이블을 보여 줍니다",
        "steal": "사용자의 액세스 토큰이나 리프레시 토큰(또는 둘 다)을 공격자에게 복사합니다",
        "attacker": "공격자로 명령을 실행합니다: login, me, refresh, logout, tokens, token, tamper",
        "reset": "처음부터 다시: 새 서버, 빈 저장소, 기본 정책, 시계도 처음으로",
        "verbose": "각 단계를 더 자세히(verbose), 보통으로(normal), 간단히(quiet) 보여 줍니다",
        "timeline": "각 액세스 토큰의 수명을 가상 시계 위에 그립니다",
        "policy": "서버 정책을 보여 주거나 값 하나를 바꿉니다",
        "autorefresh": "호출이 401을 받으면 사용자의 앱이 스스로 갱신하고 다시 시도하게 합니다",
        "race": "사용자 앱의 탭 두 개가 같은 리프레시 토큰으로 동시에 갱신합니다",
        "xss": "앱 페이지에 주입된 스크립트가 자신이 볼 수 있는 토큰과 쿠키를 읽습니다",
        "csrf": "다른 사이트의 페이지가 사용자의 브라우저로 refresh나 logout에 요청을 보내게 합니다",
        "key": "서명 키를 보거나 바꾸고, 새 kid로 로테이션합니다 (weak는 데모 전용)",
        "server": "저장소를 함께 쓰는 토큰 서버를 하나 더 시작하거나(add) 목록을 보여 줍니다",
        "via": "명령 하나의 요청을 서버 A, B, C 중 하나로 보냅니다",
        "jwks": "키가 없는 API가 JWK Set을 가져와 사용자의 액세스 토큰을 검증합니다",
        "forge": "공격자가 admin 토큰을 만듭니다: 서명 없이, 추측한 비밀 키로, 또는 공개 키를 비밀 키로 써서",
        "crack": "사용자의 액세스 토큰(서버가 서명한 진짜 토큰)에 흔한 단어를 HMAC 비밀 키로 하나씩 대입해 봅니다",
        "lesson": "레슨 목록을 보거나, 레슨을 시작하거나, 종료합니다",
        "next": "레슨의 다음 단계를 실행합니다",
        "back": "이전 단계를 다시 보여 줍니다 (그 단계까지 실습 환경을 다시 만듦)",
        "again": "현재 단계를 다시 실행합니다 (그 단계까지 실습 환경을 다시 만듦)",
        "help": "이 목록을 보여 줍니다. `help COMMAND`는 명령어 하나를 예와 함께 설명합니다",
        "quit": "TokenLab을 종료합니다 (Ctrl-D도 됩니다)",
    ]
}

extension Message {
    static let koreanPolicyKeys: [String: String] = [
        "access-ttl": "액세스 토큰 수명",
        "refresh-ttl": "로그인부터 계산한 리프레시 토큰 수명 (로테이션해도 그대로)",
        "refresh-idle-ttl": "리프레시 토큰을 쓰지 않고 둘 수 있는 최대 시간, 또는 off",
        "rotation": "on이면 갱신할 때마다 리프레시 토큰을 새로 발급",
        "reuse": "로테이션된 토큰이 다시 들어올 때의 처리: revoke-family 또는 reject",
        "grace": "직전에 로테이션된 토큰을 재사용으로 보지 않는 유예 시간",
        "delivery": "리프레시 토큰을 JSON 본문(body)이나 쿠키(cookie)로 전달",
        "cookie-samesite": "리프레시 토큰 쿠키의 SameSite 속성",
        "cookie-path": "리프레시 토큰 쿠키의 Path 속성",
        "denylist": "on이면 폐기된 패밀리의 액세스 토큰도 바로 거부",
    ]

    static let koreanPolicyValues: [String: String] = [
        "access-ttl": "0보다 긴 시간 (예: 90s, 5m, 1h, 7d)",
        "refresh-ttl": "0보다 긴 시간 (예: 1h, 7d)",
        "refresh-idle-ttl": "0보다 긴 시간 (예: 1h, 1d) 또는 off",
        "rotation": "on 또는 off",
        "reuse": "revoke-family 또는 reject",
        "grace": "0s부터 60s 사이의 시간",
        "delivery": "body 또는 cookie",
        "cookie-samesite": "strict, lax, none 중 하나",
        "cookie-path": "/api/v1/auth/refresh와 /api/v1/auth/logout이 모두 그 아래에 있는 경로 (예: /api/v1/auth)",
        "denylist": "on 또는 off",
    ]
}

extension Message {
    static let koreanArguments: [String: String] = [
        "login":
            "USER      데모 사용자 이름: hong, alice, admin\nPASSWORD  그 사용자의 비밀번호(데모 전용): gildong-demo, wonderland-demo,\n          admin-demo",
        "advance": "DURATION  시계를 움직일 시간. 숫자에 s(초), m(분), h(시간), d(일), w(주)를\n          붙입니다. 예: 16m, 1h30m. 숫자만 쓰면 초 단위입니다",
        "steal": "KIND      access, refresh, both 중 하나",
        "attacker": "COMMAND   login, me, refresh, logout, tokens, token, tamper 중 하나와 그 인자",
        "policy":
            "KEY       access-ttl, refresh-ttl, refresh-idle-ttl(15m, 7d 같은 시간),\n          rotation(on/off), reuse(revoke-family/reject), grace(0s~60s),\n          delivery(body/cookie), cookie-samesite(strict/lax/none),\n          cookie-path(경로), denylist(on/off)\nVALUE     새 값",
        "lesson": "N         `lesson list`에 나오는 레슨 번호",
        "help": "COMMAND   설명을 볼 명령어",
        "key":
            "KIND      hs256, weak(데모 전용), rs256, eddsa: 그 키로 서명합니다.\n          rotate: 다음 데모 키로 새 kid를 달아 서명하고, 이전 키는 계속\n          공개합니다. retire: 이전 키를 제거합니다",
        "server": "add       다음 서버(B, 그다음 C)를 시작합니다. 생략하면 목록을 보여 줍니다",
        "via": "SERVER    `servers`에 나오는 A, B, C 중 하나\nCOMMAND   실행할 명령과 그 인자",
        "autorefresh": "on|off    on이면 401을 받았을 때 앱이 한 번 갱신하고 다시 시도합니다.\n          값을 생략하면 현재 설정을 보여 줍니다",
    ]
}

extension Message {
    /// Returns a count as a Korean engineer writes it before a counter
    /// noun: native words up to ten (한, 두, 세 … 열), digits with 개 above.
    static func koreanCount(_ count: Int) -> String {
        let words = ["한", "두", "세", "네", "다섯", "여섯", "일곱", "여덟", "아홉", "열"]
        return (1...words.count).contains(count) ? words[count - 1] : "\(count)개"
    }

    /// Returns 으로 or 로 for an endpoint path, as its last word is read
    /// aloud: /logout (로그아웃) ends in a consonant, /refresh (리프레시)
    /// in a vowel. Only the csrf endpoints are passed here.
    static func toParticle(after path: String) -> String {
        path.hasSuffix("logout") ? "으로" : "로"
    }
}

extension Actor {
    var koreanName: String {
        self == .user ? "사용자" : "공격자"
    }
}

extension TokenKind {
    var koreanName: String {
        self == .access ? "액세스 토큰" : "리프레시 토큰"
    }
}

extension CommandError {
    var korean: String {
        switch self {
        case .emptyLine:
            "명령어를 입력하세요. 목록은 `help`로 볼 수 있습니다."
        case .lineTooLong(let length, let limit):
            "입력이 \(length)자입니다. 명령은 최대 \(limit)자까지입니다. 목록은 `help`로 볼 수 있습니다."
        case .unbalancedQuote:
            "따옴표가 닫히지 않았습니다. 닫거나 따옴표 없이 입력하세요."
        case .unknownCommand(let name, let suggestion):
            if let suggestion {
                "알 수 없는 명령어 \"\(Self.shorten(name))\". 혹시 `\(suggestion)` 명령을 입력하려던 건가요?"
            } else {
                "알 수 없는 명령어 \"\(Self.shorten(name))\". `help`로 명령어 목록을 확인하세요."
            }
        case .koreanInputMode(let typed, let command):
            "\"\(Self.shorten(typed))\"은(는) 한/영 입력 모드가 한글인 채로 입력한 것 같습니다. 혹시 `\(command)`을(를) 입력하려던 건가요?"
        case .missingArguments(let command):
            switch command {
            case "login": "login에는 사용자 이름과 비밀번호가 필요합니다. 예: `login hong gildong-demo`."
            case "advance": "advance에는 시간이 필요합니다. 예: `advance 16m`."
            case "steal": "steal에는 토큰 종류가 필요합니다: `steal access`, `steal refresh`, `steal both`."
            case "policy set": "policy set에는 키와 값이 필요합니다. 예: `policy set rotation off`."
            case "lesson start": "lesson start에는 레슨 번호가 필요합니다. 예: `lesson start 1`."
            case "csrf": "csrf에는 엔드포인트가 필요합니다: `csrf refresh` 또는 `csrf logout`."
            case "forge": "forge에는 방법이 필요합니다: `forge none`, `forge hs256 SECRET`, `forge confusion`."
            case "forge hs256": "forge hs256에는 추측한 비밀 키가 필요합니다. 예: `forge hs256 secret123`."
            case "race": "race에는 대상이 필요합니다. 예: `race refresh`."
            default: "\(command)에 인자가 더 필요합니다. `help \(command)`에서 예를 볼 수 있습니다."
            }
        case .unexpectedArguments(let command, let extra):
            "\(command) 명령은 \"\(Self.shorten(extra))\" 같은 인자를 받지 않습니다. 사용법은 `help \(command)`에서 확인하세요."
        case .invalidDuration(let text):
            "시간 형식이 올바르지 않습니다: \"\(Self.shorten(text))\". 숫자와 단위로 쓰세요: 90s, 16m, 2h, 8d, 1h30m."
        case .fractionalDuration(let text):
            "시간 형식이 올바르지 않습니다: \"\(Self.shorten(text))\". 소수는 쓸 수 없습니다. 1h30m처럼 쓰세요."
        case .negativeDuration(let text):
            "음수 시간입니다: \"\(Self.shorten(text))\". 시계는 앞으로만 움직입니다. 처음으로 돌아가려면 `reset`을 입력하세요."
        case .durationTooLong(let text):
            "너무 긴 시간입니다: \"\(Self.shorten(text))\". 시계는 한 번에 최대 100년까지만 움직입니다."
        case .invalidTokenKind(let text):
            "토큰 종류가 아닙니다: \"\(Self.shorten(text))\". `access`, `refresh`, `both` 중 하나를 쓰세요."
        case .attackerNeedsCommand:
            "attacker 뒤에는 공격자로 실행할 명령이 필요합니다. 예: `attacker refresh`."
        case .notForAttacker(let name):
            "\"\(Self.shorten(name))\" 명령은 공격자로 실행할 수 없습니다. 공격자 명령: login, me, refresh, logout, tokens, token, tamper."
        case .invalidLessonNumber(let text):
            "레슨 번호가 아닙니다: \"\(Self.shorten(text))\". `lesson list`로 목록을 확인하세요."
        case .unknownSubcommand(let command, let found, let expected):
            "\(command) 명령에 없는 하위 명령입니다: \"\(Self.shorten(found))\". 다음 중 하나를 쓰세요: \(expected.map { "`\(command) \($0)`" }.joined(separator: ", "))."
        case .viaNeedsRequest(let name):
            "`via`는 명령 하나의 요청을 서버 한 대로 보내므로 login, me, refresh, logout, race, csrf, jwks, forge confusion만 받습니다. \"\(Self.shorten(name))\"은(는) 쓸 수 없습니다. policy나 key 같은 설정은 모든 서버에 적용되고, 나머지 명령은 요청을 보내지 않습니다."
        }
    }
}
