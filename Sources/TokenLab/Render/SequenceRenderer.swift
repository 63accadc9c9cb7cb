/// Draws one command's HTTP exchanges as a sequence diagram with three
/// lanes, client, server and store:
///
///     user                              server                 store
///       │── POST /api/v1/auth/refresh ──▶│                       │
///       │                                │── rotate ────────────▶│
///       │◀── 200 OK ─────────────────────│                       │
///
/// One arrow per request and per response, and one from server to store
/// when the request changed or read the store. The lanes stretch with the
/// width; labels that do not fit between two lanes are cut with `…`.
struct SequenceRenderer {
    let style: Style
    let language: Language
    /// Columns to fit, at least 40.
    let width: Int
    /// The server's name (`A`, `B`) while the lab runs more than one.
    var serverName: String? = nil

    /// One request and its response.
    struct Step: Sendable, Equatable {
        /// The client's name as shown, such as "user" or "tab 2".
        let client: String
        let method: String
        let path: String
        let status: Int
        /// The request's effect on the store, or nil when it did not touch it.
        let storeActivity: StoreActivity?
    }

    func render(_ steps: [Step]) -> [String] {
        guard !steps.isEmpty else { return [] }

        // One client for every step heads its own lane; several (two tabs)
        // share a lane headed "client" and each request names its sender.
        let clients = steps.map(\.client).reduce(into: [String]()) { names, name in
            if !names.contains(name) { names.append(name) }
        }
        let namesInLabels = clients.count > 1
        let clientHeading = namesInLabels ? PictureMessage.clientLane.text(language) : clients[0]
        let serverHeading = PictureMessage.serverLane.text(language) + (serverName.map { " \($0)" } ?? "")
        let storeHeading = PictureMessage.storeLane.text(language)

        let lanes = laneColumns(client: clientHeading, store: storeHeading)
        var lines = [style.bold(headingLine(lanes: lanes, headings: [clientHeading, serverHeading, storeHeading]))]

        for step in steps {
            let request = (namesInLabels ? "\(step.client): " : "") + "\(step.method) \(step.path)"
            lines.append(row(lanes: lanes, arrow: (from: 0, to: 1), label: request, color: style.bold))

            if let activity = step.storeActivity {
                let note = PictureMessage.storeActivity(activity).text(language)
                lines.append(row(lanes: lanes, arrow: (from: 1, to: 2), label: note, color: style.yellow))
            }

            let status = ExchangeRenderer.statusText(step.status)
            let succeeded = step.status < 300
            lines.append(row(lanes: lanes, arrow: (from: 1, to: 0), label: status, color: succeeded ? style.green : style.red))
        }
        return lines
    }

    /// Returns the columns of the three lanes. The client lane sits under the
    /// middle of its heading, the store lane under the middle of its own,
    /// and the server lane 60 % of the way between them, since request
    /// labels are longer than store notes.
    func laneColumns(client: String, store: String) -> [Int] {
        let usable = max(width, 40)
        let clientColumn = 2 + TextWidth.columns(client) / 2
        let storeHalf = (TextWidth.columns(store) + 1) / 2
        let storeColumn = usable - 1 - storeHalf
        let serverColumn = clientColumn + (storeColumn - clientColumn) * 3 / 5
        return [clientColumn, serverColumn, storeColumn]
    }

    /// Lays out the lane headings, each centred on its lane where room allows.
    private func headingLine(lanes: [Int], headings: [String]) -> String {
        var line = ""
        var used = 0
        for (lane, heading) in zip(lanes, headings) {
            let start = max(used == 0 ? 0 : used + 1, lane - TextWidth.columns(heading) / 2)
            line += String(repeating: " ", count: max(0, start - used)) + heading
            used = TextWidth.columns(line)
        }
        return line
    }

    /// Draws one row of the diagram: vertical lane lines, and an arrow between
    /// two lanes with `label` near its tail.
    private func row(lanes: [Int], arrow: (from: Int, to: Int), label: String, color: (String) -> String) -> String {
        let left = min(lanes[arrow.from], lanes[arrow.to])
        let right = max(lanes[arrow.from], lanes[arrow.to])
        let pointsRight = arrow.to > arrow.from

        // Between the two lanes, exactly `room` columns:
        // "── label ──…──▶" or "◀── label ──…──".
        let room = right - left - 1
        let decoration = 5  // the arrowhead, two dashes and a space on each side of the label
        var fittedLabel = label
        if TextWidth.columns(fittedLabel) > room - decoration - 1 {
            fittedLabel = TextWidth.chunks(label, width: max(1, room - decoration - 2))[0] + "…"
        }
        let fill = String(repeating: "─", count: max(1, room - decoration - TextWidth.columns(fittedLabel)))
        let drawn = pointsRight ? "── " + fittedLabel + " " + fill + "▶" : "◀── " + fittedLabel + " " + fill

        var line = ""
        var column = 0
        for (index, lane) in lanes.enumerated() {
            if index == max(arrow.from, arrow.to) {
                continue
            }
            line += String(repeating: " ", count: max(0, lane - column)) + style.dim("│")
            column = lane + 1
            if index == min(arrow.from, arrow.to) {
                line += color(drawn) + style.dim("│")
                column = right + 1
            }
        }
        return line
    }
}
