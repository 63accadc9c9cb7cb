import TokenServer

/// The `policy` commands: show the server's policy and change one value,
/// through the same keys as policy files and `tokenlab serve --policy`.
extension Session {
    /// The keys `policy set` accepts, in the order `policy show` lists them.
    static var policyKeys: [String] { PolicyKey.allCases.map(\.rawValue) }

    func policyShow() -> [String] {
        let policy = world.server.service.policy
        var lines = [style.bold(text(.policyTitle))]
        // Descriptions wrap in their own column, so the keys stay aligned.
        let column = 2 + 18 + 15
        for (key, value) in policy.settings {
            let description = TextWrap.paragraph(text(.policyKey(key.rawValue)), width: max(20, options.width - column))
            for (index, piece) in description.enumerated() {
                let left =
                    index == 0
                    ? "  " + TextWidth.pad(key.rawValue, to: 18) + TextWidth.pad(value, to: 15)
                    : String(repeating: " ", count: column)
                lines.append(left + style.dim(piece))
            }
        }
        lines.append(style.dim(text(.policyHint)))
        return lines
    }

    func policySet(key: String, value: String) throws -> [String] {
        var policy = world.server.service.policy
        do {
            try policy.set(key, to: value)
        } catch {
            switch error {
            case .unknownKey:
                throw SessionFailure(.policyUnknownKey(key, known: Self.policyKeys.joined(separator: ", ")))
            default:
                throw SessionFailure(.policyInvalidValue(key: key, value: value, expected: text(.policyExpected(key))))
            }
        }
        world.forEachService { $0.policy = policy }
        // Echo the value as the policy stores it (`10` becomes `10s`).
        let stored = policy.settings.first { $0.key.rawValue == key.lowercased() }?.value ?? value
        return [text(.policyChanged(key: key, value: stored))] + everyServerNote() + policyShow()
    }
}
