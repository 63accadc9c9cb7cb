import Foundation
import Testing

@testable import TokenLab

@Suite("Lessons")
struct LessonTests {
    /// The repository's Lessons folder, found from this file's path.
    static let library = LessonLibrary(
        root: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Lessons"))

    static let sample = """
        # 9. Sample

        Intro line.

        ## First step

        Before.

        ```tokenlab
        login hong gildong-demo
        me
        ```

        **What to notice:** after.

        ## Second step

        ```tokenlab
        store
        ```
        """

    @Test("parser splits narration, commands and notes")
    func parse() throws {
        let lesson = try LessonParser.parse(Self.sample, slug: "09-sample", file: "09-sample.md")
        #expect(lesson.number == 9)
        #expect(lesson.title == "9. Sample")
        #expect(lesson.introduction == "Intro line.")
        #expect(lesson.steps.count == 2)
        #expect(lesson.steps[0].title == "First step")
        #expect(lesson.steps[0].narration == "Before.")
        #expect(lesson.steps[0].commands == ["login hong gildong-demo", "me"])
        #expect(lesson.steps[0].notice == "**What to notice:** after.")
        #expect(lesson.steps[1].narration == "")
        #expect(lesson.steps[1].commands == ["store"])
    }

    @Test(
        "parser rejects broken lessons with the line",
        arguments: [
            ("no title\n## s\n```tokenlab\nme\n```", 1),
            ("# T\n```tokenlab\nme\n```", 2),
            ("# T\n## s\n```tokenlab\nme\n", 3),
            ("# T\n## s\nno block", 2),
            ("# T\n## s\n```tokenlab\nnext\n```", 2),
            ("# T\n## s\n```tokenlab\nme\n```\n```tokenlab\nme\n```", 6),
            ("# T\nintro only", 2),
        ])
    func rejects(text: String, line: Int) {
        #expect {
            try LessonParser.parse(text, slug: "01-x", file: "01-x.md")
        } throws: { error in
            (error as? LessonError)?.line == line
        }
    }

    @Test("a file name without a number is rejected")
    func needsNumber() {
        #expect(throws: LessonError.self) { try LessonParser.parse(Self.sample, slug: "sample", file: "sample.md") }
    }

    @Test("every lesson runs to the end without a command error", arguments: Language.allCases)
    func lessonsRun(language: Language) throws {
        let lessons = try Self.library.lessons(language: language)
        #expect(lessons.count >= 5)
        for lesson in lessons {
            let session = try Session(options: .init(language: language, seed: 7), lessons: Self.library, wallClockStart: { 0 })
            let started = session.execute("lesson start \(lesson.number)")
            #expect(!started.failed, "\(lesson.slug): \(started.output.prefix(200))")
            for step in lesson.steps {
                for command in step.commands {
                    let outcome = session.execute(command)
                    #expect(!outcome.failed, "\(language.rawValue)/\(lesson.slug) \(command): \(outcome.output.prefix(300))")
                }
            }
        }
    }

    @Test("English and Korean lessons run the same commands")
    func languagesMatch() throws {
        let english = try Self.library.lessons(language: .english)
        let korean = try Self.library.lessons(language: .korean)
        #expect(english.map(\.slug) == korean.map(\.slug))
        for (en, ko) in zip(english, korean) {
            #expect(en.steps.map(\.commands) == ko.steps.map(\.commands), "\(en.slug)")
        }
    }

    @Test("next, back and again walk the steps")
    func navigation() throws {
        let session = try Session(options: .init(seed: 7), lessons: Self.library, wallClockStart: { 0 })
        #expect(session.execute("next").failed)
        #expect(!session.execute("lesson start 4").failed)
        #expect(session.execute("back").failed)
        #expect(session.execute("again").failed)

        let first = session.execute("next")
        #expect(first.output.contains("Step 1 of"))
        let second = session.execute("next")
        #expect(second.output.contains("Step 2 of"))
        #expect(try session.world.store.allRecords().contains { $0.revocationReason == "reuse_detected" })

        let back = session.execute("back")
        #expect(back.output.contains("Step 1 of"))
        #expect(try session.world.store.allRecords().map(\.status) == [.rotated, .rotated, .active])

        let again = session.execute("again")
        #expect(again.output.contains("Step 1 of"))
        #expect(again.output == back.output)
        #expect(session.execute("next").output.contains("Step 2 of"))
        #expect(session.execute("lesson quit").output.contains("Left the lesson"))
    }

    @Test("changing the lab between steps is pointed out once")
    func detour() throws {
        let session = try Session(options: .init(seed: 7), lessons: Self.library, wallClockStart: { 0 })
        _ = session.execute("lesson start 2")
        #expect(!session.execute("next").output.contains("You changed the lab"))
        _ = session.execute("store")
        #expect(!session.execute("next").output.contains("You changed the lab"))
        // Neither a zero advance nor a command that failed changed anything.
        _ = session.execute("advance 0s")
        #expect(session.execute("steal banana").failed)
        #expect(session.execute("attacker logout").failed)
        #expect(!session.execute("next").output.contains("You changed the lab"))
        _ = session.execute("advance 1h")
        #expect(session.execute("next").output.contains("You changed the lab"))
        #expect(!session.execute("again").output.contains("You changed the lab"))

        // `back` rebuilds the lesson's own lab, so what was typed before it
        // no longer counts.
        _ = session.execute("advance 1h")
        #expect(!session.execute("back").output.contains("You changed the lab"))
        #expect(!session.execute("next").output.contains("You changed the lab"))
    }

    @Test("the last lesson does not point to a next one")
    func lastLesson() throws {
        let last = try #require(try Self.library.lessons(language: .english).last)
        let session = try Session(options: .init(seed: 7, width: 200), lessons: Self.library, wallClockStart: { 0 })
        _ = session.execute("lesson start \(last.number)")
        var output = ""
        for _ in last.steps { output = session.execute("next").output }
        #expect(output.contains("End of the last lesson"))
        #expect(!output.contains("lesson start \(last.number + 1)"))
    }

    @Test("unknown lessons and missing folders are clear errors")
    func missing() throws {
        let session = try Session(options: .init(seed: 7), lessons: Self.library, wallClockStart: { 0 })
        #expect(session.execute("lesson start 99").output.contains("no lesson 99"))
        #expect(session.execute("lesson start zero").failed)
        let bare = try Session(options: .init(seed: 7), lessons: nil, wallClockStart: { 0 })
        #expect(bare.execute("lesson list").output.contains("TOKENLAB_LESSONS"))
    }
}
