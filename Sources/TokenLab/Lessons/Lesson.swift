/// One lesson: a title, an introduction, and steps of REPL commands with
/// narration and a "what to notice" note.
public struct Lesson: Sendable, Equatable {
    public struct Step: Sendable, Equatable {
        /// The step's heading, without the leading `## `.
        public let title: String
        /// Markdown shown before the commands run.
        public let narration: String
        /// REPL commands, run in order.
        public let commands: [String]
        /// Markdown shown after the output: what the output proves.
        public let notice: String
    }

    /// The lesson number, from the file name (`01-first-login.md` is 1).
    public let number: Int
    /// The file name without `.md`, such as `01-first-login`.
    public let slug: String
    public let title: String
    public let introduction: String
    public let steps: [Step]
}

/// Why a lesson file cannot be used; names the file and line.
public struct LessonError: Error, Equatable, Sendable, CustomStringConvertible {
    public let file: String
    public let line: Int
    public let reason: String

    public var description: String {
        "\(file):\(line): \(reason)"
    }
}
