/// The first difference between two texts, as one unified-diff hunk.
enum LineDiff {
    /// Returns nil when the texts are equal, else a hunk with up to
    /// `context` lines around the first differing region.
    static func firstHunk(expected: String, actual: String, expectedName: String, actualName: String, context: Int = 3) -> String? {
        guard expected != actual else { return nil }
        let old = expected.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let new = actual.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)

        // The first differing region: skip the common head, then find the
        // nearest point where both texts agree again for `context` lines
        // (the smallest total number of skipped lines, searched within a
        // window), so a change early on does not drag the whole file in.
        var head = 0
        while head < old.count, head < new.count, old[head] == new[head] { head += 1 }
        let (removed, added) = resynchronize(old, new, from: head, run: max(context, 1))
        let tail = old.count - head - removed
        let start = max(0, head - context)
        let oldEnd = min(old.count, head + removed + context)
        let newEnd = min(new.count, head + added + context)

        var lines = ["--- \(expectedName)", "+++ \(actualName)"]
        lines.append("@@ -\(start + 1),\(oldEnd - start) +\(start + 1),\(newEnd - start) @@")
        for line in old[start..<head] { lines.append(" " + line) }
        for line in old[head..<(old.count - tail)] { lines.append("-" + line) }
        for line in new[head..<(head + added)] { lines.append("+" + line) }
        for line in old[(old.count - tail)..<oldEnd] { lines.append(" " + line) }
        return lines.joined(separator: "\n")
    }

    /// Returns how many lines of `old` and of `new`, from `start`, differ
    /// before `run` lines agree again (or both texts end). Searches up to
    /// 400 lines on each side; past that the rest of both texts differs.
    private static func resynchronize(_ old: [String], _ new: [String], from start: Int, run: Int) -> (Int, Int) {
        let window = 400
        let oldLeft = old.count - start, newLeft = new.count - start
        for total in 0...(2 * window) {
            for removed in max(0, total - window)...min(total, window) {
                let added = total - removed
                guard removed <= oldLeft, added <= newLeft else { continue }
                if agree(old, start + removed, new, start + added, run: run) {
                    return (removed, added)
                }
            }
        }
        return (min(oldLeft, window), min(newLeft, window))
    }

    /// Whether `run` lines agree from these positions, or both texts end
    /// together before that.
    private static func agree(_ old: [String], _ i: Int, _ new: [String], _ j: Int, run: Int) -> Bool {
        for offset in 0..<run {
            let a = i + offset, b = j + offset
            if a >= old.count || b >= new.count { return a >= old.count && b >= new.count }
            if old[a] != new[b] { return false }
        }
        return true
    }
}
