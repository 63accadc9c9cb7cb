/// Reads a lesson from Markdown.
///
/// The format: a `# ` title line first; introduction paragraphs; then one
/// `## ` heading per step. Inside a step, the text before a fenced
/// ```` ```tokenlab ```` block is the narration, the block holds the
/// commands (one per line), and the text after it is the note on what to
/// notice. Each step has exactly one block.
public enum LessonParser {
    public static func parse(_ text: String, slug: String, file: String) throws(LessonError) -> Lesson {
        guard let number = Int(slug.prefix { $0.isNumber }), number > 0 else {
            throw LessonError(file: file, line: 0, reason: "the file name must start with the lesson number, as in 01-first-login.md")
        }

        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
        }
        guard let first = lines.first, first.hasPrefix("# ") else {
            throw LessonError(file: file, line: 1, reason: "the first line must be the title, as in \"# 1. First login\"")
        }
        let title = String(first.dropFirst(2)).trimmingCharacters(in: .whitespaces)

        var introduction: [String] = []
        var steps: [Lesson.Step] = []
        var current: StepBuilder?
        var inBlock = false
        var blockLine = 0

        for (offset, line) in lines.enumerated().dropFirst() {
            let lineNumber = offset + 1
            if inBlock {
                if line.trimmingCharacters(in: .whitespaces) == "```" {
                    inBlock = false
                } else if !line.trimmingCharacters(in: .whitespaces).isEmpty {
                    current?.commands.append(line.trimmingCharacters(in: .whitespaces))
                }
                continue
            }

            if line.hasPrefix("## ") {
                if let finished = current {
                    steps.append(try finished.build(file: file))
                }
                current = StepBuilder(title: String(line.dropFirst(3)).trimmingCharacters(in: .whitespaces), line: lineNumber)
            } else if line.trimmingCharacters(in: .whitespaces) == "```tokenlab" {
                guard var step = current else {
                    throw LessonError(
                        file: file, line: lineNumber, reason: "a tokenlab block must be inside a step; add a \"## \" heading above it")
                }
                guard !step.sawBlock else {
                    throw LessonError(
                        file: file, line: lineNumber, reason: "step \"\(step.title)\" has a second tokenlab block; start a new \"## \" step"
                    )
                }
                step.sawBlock = true
                current = step
                inBlock = true
                blockLine = lineNumber
            } else if current != nil {
                if current!.sawBlock {
                    current!.notice.append(line)
                } else {
                    current!.narration.append(line)
                }
            } else {
                introduction.append(line)
            }
        }

        guard !inBlock else {
            throw LessonError(file: file, line: blockLine, reason: "this tokenlab block is not closed; end it with a line of ```")
        }
        if let finished = current {
            steps.append(try finished.build(file: file))
        }
        guard !steps.isEmpty else {
            throw LessonError(file: file, line: lines.count, reason: "the lesson has no steps; add \"## \" headings with tokenlab blocks")
        }

        return Lesson(number: number, slug: slug, title: title, introduction: trimmed(introduction), steps: steps)
    }

    /// Joins lines and drops blank lines at both ends.
    static func trimmed(_ lines: [String]) -> String {
        var lines = lines
        while let first = lines.first, first.trimmingCharacters(in: .whitespaces).isEmpty { lines.removeFirst() }
        while let last = lines.last, last.trimmingCharacters(in: .whitespaces).isEmpty { lines.removeLast() }
        return lines.joined(separator: "\n")
    }

    private struct StepBuilder {
        let title: String
        let line: Int
        var narration: [String] = []
        var commands: [String] = []
        var notice: [String] = []
        var sawBlock = false

        func build(file: String) throws(LessonError) -> Lesson.Step {
            guard sawBlock, !commands.isEmpty else {
                throw LessonError(
                    file: file, line: line, reason: "step \"\(title)\" has no commands; add a ```tokenlab block with at least one command")
            }
            // A step that steers the lesson itself would recurse or end it.
            let steering = ["lesson", "lessons", "next", "n", "back", "again", "quit", "exit", "q"]
            if let bad = commands.first(where: { steering.contains($0.split(separator: " ").first.map { $0.lowercased() } ?? "") }) {
                throw LessonError(
                    file: file, line: line, reason: "step \"\(title)\" runs \"\(bad)\", which steers the lesson; lessons may not contain it"
                )
            }
            return Lesson.Step(
                title: title, narration: LessonParser.trimmed(narration), commands: commands,
                notice: LessonParser.trimmed(notice))
        }
    }
}
