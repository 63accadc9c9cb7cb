/// The lesson in progress: which lesson, and how many steps have run.
struct LessonRun {
    let lesson: Lesson
    /// Steps already shown; the next `next` runs `steps[shown]`.
    var shown: Int
    let seed: UInt64
    /// Set when the student changed the lab between steps, so the next
    /// step's notes may not match what it shows.
    var detoured = false
}

/// The `lesson`, `next`, `back` and `again` commands.
extension Session {
    /// The seed lessons run with when the session has none, so every
    /// student gets the same tokens as the lesson's transcript.
    static let lessonSeed: UInt64 = 7

    func lessonLibrary() throws -> LessonLibrary {
        guard let lessons else { throw SessionFailure(.lessonsNotFound) }
        return lessons
    }

    func lessonList() throws -> [String] {
        let all = try lessonLibrary().lessons(language: options.language)
        guard !all.isEmpty else { throw SessionFailure(.lessonsNotFound) }
        var lines = [style.bold(text(.lessonListTitle))]
        for lesson in all {
            // Titles start with their number ("1. First login"), which the
            // list shows in its own column.
            let title = lesson.title.drop { $0.isNumber || $0 == "." }.trimmingCharacters(in: .whitespaces)
            lines.append("  " + style.cyan(TextWidth.pad("\(lesson.number)", to: 3)) + title)
        }
        lines.append(style.dim(text(.lessonListHint)))
        return lines
    }

    func lessonStart(_ number: Int) throws -> [String] {
        guard let lesson = try lessonLibrary().lesson(number, language: options.language) else {
            throw SessionFailure(.lessonNotFound(number))
        }
        let seed = options.seed ?? Self.lessonSeed
        try rebuildWorld(seed: seed)
        lessonRun = LessonRun(lesson: lesson, shown: 0, seed: seed)

        var lines = [style.bold(lesson.title), ""]
        if !lesson.introduction.isEmpty {
            lines += prose(lesson.introduction) + [""]
        }
        lines.append(style.dim(text(.lessonFreshLab(seed: seed))))
        lines.append(style.dim(text(.bannerSecret(hex: world.secret.map(HexDump.hex).joined()))))
        lines.append(text(.lessonNextHint(step: 1, of: lesson.steps.count, title: lesson.steps[0].title)))
        return lines
    }

    func lessonQuit() -> [String] {
        guard let run = lessonRun else { return [text(.lessonNone)] }
        lessonRun = nil
        return [text(.lessonQuit(run.lesson.title))]
    }

    func lessonNext() throws -> [String] {
        guard var run = lessonRun else { throw SessionFailure(.lessonNone) }
        guard run.shown < run.lesson.steps.count else {
            throw SessionFailure(.lessonFinished(next: nextLessonNumber(after: run.lesson)))
        }
        var lines: [String] = []
        if run.detoured {
            lines += [style.yellow(text(.lessonDetoured)), ""]
            run.detoured = false
            lessonRun = run
        }
        lines += show(step: run.shown, of: run.lesson)
        run.shown += 1
        lessonRun = run
        return lines + [""] + followUp(run)
    }

    func lessonBack() throws -> [String] {
        guard let run = lessonRun else { throw SessionFailure(.lessonNone) }
        guard run.shown >= 2 else { throw SessionFailure(run.shown == 0 ? .lessonNothingToRepeat : .lessonAtStart) }
        return try replay(toShow: run.shown - 2, run: run)
    }

    func lessonAgain() throws -> [String] {
        guard let run = lessonRun else { throw SessionFailure(.lessonNone) }
        guard run.shown >= 1 else { throw SessionFailure(.lessonNothingToRepeat) }
        return try replay(toShow: run.shown - 1, run: run)
    }

    /// Rebuilds the lab, runs the steps before `index` without showing
    /// them, then shows step `index`. Commands the student typed between
    /// steps are not replayed, and the output states this.
    private func replay(toShow index: Int, run: LessonRun) throws -> [String] {
        try rebuildWorld(seed: run.seed)
        lessonStepDepth += 1
        for step in run.lesson.steps.prefix(index) {
            for command in step.commands {
                _ = execute(command)
            }
        }
        lessonStepDepth -= 1
        // The rebuilt lab is the lesson's own again, whatever was typed before.
        var updated = run
        updated.detoured = false
        updated.shown = index + 1
        lessonRun = updated
        return [style.dim(text(.lessonRebuilt(steps: index))), ""] + show(step: index, of: run.lesson) + [""] + followUp(updated)
    }

    private func show(step index: Int, of lesson: Lesson) -> [String] {
        let step = lesson.steps[index]
        var lines = [style.bold(text(.lessonStepHeading(step: index + 1, of: lesson.steps.count, title: step.title)))]
        if !step.narration.isEmpty {
            lines += [""] + prose(step.narration)
        }
        lessonStepDepth += 1
        defer { lessonStepDepth -= 1 }
        for command in step.commands {
            // "▶" rather than the prompt, so a transcript parser never takes
            // a lesson's own commands for typed input.
            lines += ["", style.cyan("▶ " + command)]
            let outcome = execute(command)
            if !outcome.output.isEmpty { lines.append(outcome.output) }
        }
        if !step.notice.isEmpty {
            lines += [""] + prose(step.notice)
        }
        if detail == .quiet && !step.commands.isEmpty {
            lines.append(style.dim(text(.lessonQuietHint)))
        }
        return lines
    }

    /// Renders a lesson's Markdown as lines of the REPL's width: paragraphs
    /// wrap flush left like the source, list items hang under their text.
    func prose(_ markdown: String) -> [String] {
        MarkdownText.render(markdown, style: style).split(separator: "\n", omittingEmptySubsequences: false).flatMap { line in
            let text = String(line)
            let marker = ANSI.strip(text).prefix { $0 != " " }
            let isListItem =
                ["-", "*", "+"].contains(String(marker)) || (marker.hasSuffix(".") && marker.dropLast().allSatisfy(\.isNumber))
            return isListItem
                ? TextWrap.wrap(text, width: options.width, continuation: String(repeating: " ", count: marker.count + 1))
                : TextWrap.paragraph(text, width: options.width)
        }
    }

    /// Returns the number of the next lesson after `lesson`, or nil when it
    /// is the last.
    private func nextLessonNumber(after lesson: Lesson) -> Int? {
        let all = (try? lessons?.lessons(language: options.language)) ?? nil
        return all?.map(\.number).filter { $0 > lesson.number }.min()
    }

    private func followUp(_ run: LessonRun) -> [String] {
        if run.shown < run.lesson.steps.count {
            let step = run.lesson.steps[run.shown]
            return [style.dim(text(.lessonNextHint(step: run.shown + 1, of: run.lesson.steps.count, title: step.title)))]
        }
        return [style.dim(text(.lessonEnd(next: nextLessonNumber(after: run.lesson))))]
    }
}

/// Markdown prose as terminal text: `**bold**` becomes bold, and the lines
/// of a paragraph are joined, so the REPL wraps them at its own width
/// rather than at the width the lesson's source was written to. The rest
/// is shown as written, since Markdown is meant to read well as plain text.
enum MarkdownText {
    static func render(_ markdown: String, style: Style) -> String {
        let markdown = joiningParagraphLines(markdown)
        guard style.enabled else { return markdown.replacingOccurrences(of: "**", with: "") }
        var output = ""
        var bold = false
        var rest = Substring(markdown)
        while let range = rest.range(of: "**") {
            let piece = String(rest[..<range.lowerBound])
            output += bold ? style.bold(piece) : piece
            bold.toggle()
            rest = rest[range.upperBound...]
        }
        output += bold ? style.bold(String(rest)) : String(rest)
        return output
    }

    /// Joins each line to the one before it with a space, except at blank
    /// lines and at lines that start a block of their own: list items,
    /// headings, tables, fences and indented code.
    static func joiningParagraphLines(_ markdown: String) -> String {
        var lines: [String] = []
        var previousIsProse = false
        var inFence = false
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.drop(while: { $0 == " " }).hasPrefix("```") { inFence.toggle() }
            if inFence || line.drop(while: { $0 == " " }).hasPrefix("```") {
                lines.append(line)
                previousIsProse = false
                continue
            }
            let startsBlock = startsBlockOfItsOwn(line)
            if previousIsProse && !startsBlock && !line.isEmpty, let last = lines.popLast() {
                lines.append(last + " " + line.trimmingCharacters(in: .whitespaces))
            } else {
                lines.append(line)
            }
            // A list item's continuation lines join the item.
            previousIsProse =
                !line.isEmpty && !line.hasPrefix("```") && !line.hasPrefix("    ") && !line.hasPrefix("|")
                && !line.hasPrefix("#")
        }
        return lines.joined(separator: "\n")
    }

    private static func startsBlockOfItsOwn(_ line: String) -> Bool {
        let trimmed = line.drop { $0 == " " }
        if line.hasPrefix("    ") || trimmed.hasPrefix("```") || trimmed.hasPrefix("#") || trimmed.hasPrefix("|") || trimmed.hasPrefix(">")
        {
            return true
        }
        if trimmed.hasPrefix("- ") || trimmed.hasPrefix("* ") || trimmed.hasPrefix("+ ") { return true }
        // An ordered item: digits, then ". " or ") ".
        let digits = trimmed.prefix { $0.isASCII && $0.isNumber }
        let after = trimmed.dropFirst(digits.count)
        return !digits.isEmpty && (after.hasPrefix(". ") || after.hasPrefix(") "))
    }
}
