/// The first difference between two texts, as one unified-diff hunk.
enum LineDiff {
    /// Returns nil when the texts are equal, else a hunk with up to
    /// `context` lines around the first differing region.
    static func firstHunk(expected: String, actual: String, expectedName: String, actualName: String, context: Int = 3) -> String? {
        guard expected != actual else { return nil }
        let old = expected.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let new = actual.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)

        // The differing region: skip the common head and the common tail.
        var head = 0
        while head < old.count, head < new.count, old[head] == new[head] { head += 1 }
        var tail = 0
        while tail < old.count - head, tail < new.count - head, old[old.count - 1 - tail] == new[new.count - 1 - tail] {
            tail += 1
        }

        let start = max(0, head - context)
        let oldEnd = min(old.count, old.count - tail + context)
        let newEnd = min(new.count, new.count - tail + context)

        var lines = ["--- \(expectedName)", "+++ \(actualName)"]
        lines.append("@@ -\(start + 1),\(oldEnd - start) +\(start + 1),\(newEnd - start) @@")
        for line in old[start..<head] { lines.append(" " + line) }
        for line in old[head..<(old.count - tail)] { lines.append("-" + line) }
        for line in new[head..<(new.count - tail)] { lines.append("+" + line) }
        for line in old[(old.count - tail)..<oldEnd] { lines.append(" " + line) }
        return lines.joined(separator: "\n")
    }
}
