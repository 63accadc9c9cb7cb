import TokenServer

/// Every text of the pictures: the sequence diagram of HTTP exchanges, the
/// refresh-token family chain and the colour-coded token bytes.
///
/// Each language is one exhaustive `switch`, so a label without a
/// translation does not compile. Values that come from the server or the
/// store (`reuse_detected`, paths, status codes) stay as they are.
enum PictureMessage: Sendable, Equatable {
    // Sequence diagram
    case clientLane
    case serverLane
    case storeLane
    case storeActivity(StoreActivity)
    /// The outcome of a login or refresh in `quiet` detail, which leaves
    /// out the token anatomy.
    case quietTokensHeld(Actor)

    // Family chain
    /// Above the chains: every family of the store (`store`), or only the
    /// families the last step changed.
    case chainTitle(allFamilies: Bool)
    case familyHeading(id: String, subject: String)
    case familyRevokedByReuse
    case linkStatus(ChainLinkStatus)
    case chainLegend
    /// Under the chains: each status label drawn, with the value the store
    /// table's status column shows for it. Empty in English, because its
    /// labels are the table's own words, except `reused`, which
    /// `chainLegend` explains.
    case statusLegend([ChainLinkStatus])

    // Token bytes
    case bytesTitle(bytes: Int)
    case segmentName(index: Int)
    case segmentRange(first: Int, last: Int, bytes: Int)
    case rulerLegend

    func text(_ language: Language) -> String {
        switch language {
        case .english: english
        case .korean: korean
        }
    }

    var english: String {
        switch self {
        case .clientLane: "client"
        case .serverLane: "server"
        case .storeLane: "store"
        case .storeActivity(let activity):
            switch activity {
            case .insert: "insert new family"
            case .rotate: "rotate"
            case .read: "read"
            case .revoke: "revoke"
            case .revokeFamily: "revoke family"
            case .checkDenylist: "check denylist"
            }
        case .quietTokensHeld(let actor):
            "The \(actor.englishName)'s app now holds an access token and a refresh token. `tokens` shows them."
        case .chainTitle(let allFamilies):
            allFamilies
                ? "All refresh-token families, oldest token first" : "Refresh-token families this command changed, oldest token first"
        case .familyHeading(let id, let subject): "family \(id) · sub \(subject)"
        case .familyRevokedByReuse: "revoked: reuse_detected"
        case .linkStatus(let status):
            switch status {
            case .active: "active"
            case .expired: "expired"
            case .rotated: "rotated"
            case .revoked: "revoked"
            case .reused: "reused"
            }
        case .chainLegend: "reused: a rotated token that came back, so the server revoked its whole family."
        case .statusLegend: ""
        case .bytesTitle(let bytes): "Token bytes by segment (\(bytes) bytes, offsets from 0)"
        case .segmentName(let index):
            switch index {
            case 0: "header"
            case 1: "payload"
            case 2: "signature"
            default: "segment \(index + 1)"
            }
        case .segmentRange(let first, let last, let bytes):
            bytes == 0 ? "no bytes, after offset \(first - 1)" : "bytes \(first)–\(last) (\(bytes) bytes)"
        case .rulerLegend: "h header, p payload, s signature, . separator"
        }
    }

    var korean: String {
        switch self {
        case .clientLane: "클라이언트"
        case .serverLane: "서버"
        case .storeLane: "저장소"
        case .storeActivity(let activity):
            switch activity {
            case .insert: "새 패밀리 저장"
            case .rotate: "로테이션"
            case .read: "조회"
            case .revoke: "폐기"
            case .revokeFamily: "패밀리 폐기"
            case .checkDenylist: "거부 목록 확인"
            }
        case .quietTokensHeld(let actor): "이제 \(actor.koreanName)의 앱에 액세스 토큰과 리프레시 토큰이 있습니다. `tokens`로 볼 수 있습니다."
        case .chainTitle(let allFamilies):
            allFamilies ? "리프레시 토큰 패밀리 전체 (오래된 토큰부터)" : "이 명령으로 바뀐 리프레시 토큰 패밀리 (오래된 토큰부터)"
        case .familyHeading(let id, let subject): "패밀리 \(id) · sub \(subject)"
        case .familyRevokedByReuse: "폐기됨: 재사용 탐지 (reuse_detected)"
        case .linkStatus(let status):
            switch status {
            case .active: "활성"
            case .expired: "만료됨"
            case .rotated: "로테이션됨"
            case .revoked: "폐기됨"
            case .reused: "재사용됨"
            }
        case .chainLegend: "재사용됨: 이미 로테이션된 토큰이 다시 제출되어 서버가 패밀리 전체를 폐기했습니다."
        case .statusLegend(let statuses):
            "저장소 표의 상태 값: "
                + statuses.map { "\(PictureMessage.linkStatus($0).korean) = \(Self.storeValue($0))" }.joined(separator: ", ")
        case .bytesTitle(let bytes): "세그먼트별 토큰 바이트 (\(bytes)바이트, 오프셋은 0부터)"
        case .segmentName(let index):
            switch index {
            case 0: "헤더"
            case 1: "페이로드"
            case 2: "서명"
            default: "세그먼트 \(index + 1)"
            }
        case .segmentRange(let first, let last, let bytes):
            bytes == 0 ? "바이트 없음 (오프셋 \(first - 1) 다음)" : "바이트 \(first)–\(last) (\(bytes)바이트)"
        case .rulerLegend: "h 헤더, p 페이로드, s 서명, . 구분자"
        }
    }
}

extension PictureMessage {
    /// Returns the store table's status for a token drawn with `status`, as
    /// `StoreRenderer.statusText` writes it in Korean.
    static func storeValue(_ status: ChainLinkStatus) -> String {
        typealias Status = RefreshTokenRecord.Status
        switch status {
        case .active: return Status.active.rawValue
        case .expired: return "\(Status.active.rawValue) (\(Message.storeExpired.korean))"
        case .rotated: return Status.rotated.rawValue
        // A plain revoked link leaves the reason out, since it differs by
        // how the family ended (logout, reuse, the idle limit).
        case .revoked: return Status.revoked.rawValue
        // The reused token's own row, where reuse was detected.
        case .reused: return "\(Status.revoked.rawValue): reuse_detected"
        }
    }
}

/// The effect of one request on the refresh-token store, as the store
/// lane of the sequence diagram shows it.
enum StoreActivity: Sendable, Equatable {
    /// A login stored the first token of a new family.
    case insert
    /// A refresh marked the presented token rotated and stored its successor.
    case rotate
    /// The server looked the token up and changed nothing.
    case read
    /// One token was revoked, by logout or by the idle limit.
    case revoke
    /// Every token of a family was revoked, by reuse detection or logout.
    case revokeFamily
    /// An access-token check looked the token's family up in the store's
    /// denylist.
    case checkDenylist
}

/// The state of one token in a family chain, in the order the status
/// legend lists them.
enum ChainLinkStatus: Sendable, Equatable, CaseIterable {
    case active
    /// Active in the store, but past the family's absolute expiry.
    case expired
    case rotated
    case revoked
    /// The rotated token whose second use made the server revoke the family.
    case reused
}
