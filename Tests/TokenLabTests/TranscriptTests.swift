import Foundation
import Testing

@testable import TokenLab

@Suite("Transcripts")
struct TranscriptTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func transcriptFiles() -> [URL] {
        ["en", "ko"].flatMap { language -> [URL] in
            let folder = root.appendingPathComponent("transcripts/\(language)")
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            return names.filter { $0.hasSuffix(".txt") }.sorted().map { folder.appendingPathComponent($0) }
        }
    }

    @Test("the header gives the settings and prompts give the inputs")
    func parse() throws {
        let text = Transcript.header(seed: 9, language: .korean) + "banner\n\ntokenlab> login hong x\noutput\n▶ me\n\ntokenlab> \n"
        let transcript = try Transcript.parse(text, file: "t.txt")
        #expect(transcript == Transcript(seed: 9, language: .korean, inputs: ["login hong x", ""]))
    }

    @Test(
        "bad settings lines are rejected",
        arguments: [
            "banner first", "#! tokenlab --seed x --lang en", "#! tokenlab --seed 7 --lang fr", "#! tokenlab --seed 7",
            "#! tokenlab --seed 7 --lang en --color",
        ])
    func badHeader(first: String) {
        #expect(throws: TranscriptError.self) { try Transcript.parse(first + "\n", file: "t.txt") }
    }

    @Test("recording twice gives the same bytes")
    func deterministic() throws {
        let transcript = Transcript(seed: 7, language: .english, inputs: ["login hong gildong-demo", "advance 16m", "me"])
        let first = try transcript.record(lessons: nil)
        #expect(first == (try transcript.record(lessons: nil)))
        #expect(try Transcript.parse(first, file: "t.txt") == transcript)
    }

    @Test("a recorded session equals the piped REPL output")
    func matchesPipedOutput() throws {
        let inputs = ["login hong gildong-demo", "me"]
        let recorded = try Transcript(seed: 3, language: .english, inputs: inputs).record(lessons: nil)
        let piped = try ExecutableTests.run(["--seed", "3", "--no-color", "--lang", "en"], input: inputs.joined(separator: "\n") + "\n")
        #expect(recorded == Transcript.header(seed: 3, language: .english) + piped.output)
    }

    @Test("every committed transcript matches a fresh run")
    func committedTranscripts() throws {
        let files = Self.transcriptFiles()
        #expect(files.count >= 10)
        let lessons = LessonLibrary(root: Self.root.appendingPathComponent("Lessons"))
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            let fresh = try Transcript.parse(text, file: file.path).record(lessons: lessons)
            #expect(
                LineDiff.firstHunk(expected: text, actual: fresh, expectedName: "a", actualName: "b") == nil, "\(file.lastPathComponent)")
        }
    }

    @Test("replay --check reports one changed byte and passes the original")
    func checkCatchesOneByte() throws {
        let original = try #require(Self.transcriptFiles().first)
        let text = try String(contentsOf: original, encoding: .utf8)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "tokenlab-replay-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }

        let good = directory.appendingPathComponent("good.txt")
        try Data(text.utf8).write(to: good)
        let passed = try ExecutableTests.run(
            ["replay", "--check", good.path], input: "", environment: ["TOKENLAB_LESSONS": Self.root.appendingPathComponent("Lessons").path]
        )
        #expect(passed.status == 0, "\(passed.output)\(passed.error)")

        // Change one byte of output: the "OK" of the first 200 response
        // line (below the sequence diagram, which shows it too) becomes "0K".
        let range = try #require(text.range(of: "user ← server  200 OK"))
        let changed = text.replacingCharacters(in: range, with: "user ← server  200 0K")
        let bad = directory.appendingPathComponent("bad.txt")
        try Data(changed.utf8).write(to: bad)
        let failed = try ExecutableTests.run(
            ["replay", "--check", bad.path], input: "", environment: ["TOKENLAB_LESSONS": Self.root.appendingPathComponent("Lessons").path])
        #expect(failed.status == 1)
        #expect(failed.output.contains("-user ← server  200 0K"))
        #expect(failed.output.contains("+user ← server  200 OK"))
    }

    @Test("the diff shows the first differing lines with context")
    func diff() throws {
        let hunk = try #require(
            LineDiff.firstHunk(expected: "a\nb\nc\nd\ne", actual: "a\nb\nX\nd\ne", expectedName: "old", actualName: "new", context: 1))
        #expect(hunk == "--- old\n+++ new\n@@ -2,3 +2,3 @@\n b\n-c\n+X\n d")
        #expect(LineDiff.firstHunk(expected: "same", actual: "same", expectedName: "a", actualName: "b") == nil)
    }

    @Test("replay splits a transcript into steps")
    func steps() {
        let steps = TranscriptSteps("#! tokenlab --seed 1 --lang en\nbanner\n\ntokenlab> me\nout 1\nout 2\n\ntokenlab> store\nout 3\n")
        #expect(steps.preamble == ["banner"])
        #expect(steps.steps.map(\.input) == ["me", "store"])
        #expect(steps.steps.map(\.output) == [["out 1", "out 2"], ["out 3"]])
    }

    @Test("replay writes an asciinema v2 file")
    func asciicast() throws {
        let original = try #require(Self.transcriptFiles().first)
        let output = FileManager.default.temporaryDirectory.appendingPathComponent(
            "tokenlab-\(ProcessInfo.processInfo.processIdentifier).cast")
        defer { try? FileManager.default.removeItem(at: output) }
        let result = try ExecutableTests.run(["replay", "--asciicast", output.path, original.path], input: "")
        #expect(result.status == 0, "\(result.error)")

        let lines = try String(contentsOf: output, encoding: .utf8).split(separator: "\n")
        let header = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(header["version"] as? Int == 2)
        let event = try #require(try JSONSerialization.jsonObject(with: Data(lines[2].utf8)) as? [Any])
        #expect(event.count == 3)
        #expect(event[1] as? String == "o")
        #expect((event[2] as? String)?.contains("tokenlab> lesson start") == true)
    }

    @Test("replay plays a transcript into a pipe")
    func play() throws {
        let original = try #require(Self.transcriptFiles().first)
        let result = try ExecutableTests.run(["replay", original.path], input: "")
        #expect(result.status == 0)
        #expect(result.output.contains("tokenlab> next"))
        #expect(!result.output.contains("#! tokenlab"))
    }

    @Test(
        "replay rejects bad arguments",
        arguments: [["replay"], ["replay", "--pace", "fast", "x.txt"], ["replay", "--bogus", "x.txt"], ["replay", "a.txt", "b.txt"]])
    func badArguments(arguments: [String]) throws {
        #expect(try ExecutableTests.run(arguments, input: "").status == 2)
    }

    @Test("replay --help exits 0 without a file")
    func replayHelp() throws {
        let result = try ExecutableTests.run(["replay", "--help"], input: "")
        #expect(result.status == 0)
        #expect(result.output.contains("--asciicast"))

        // A usage error points at replay's own help, not the REPL's.
        let unknown = try ExecutableTests.run(["replay", "--check", "x.txt", "--store"], input: "")
        #expect(unknown.status == 2)
        #expect(unknown.error.contains("run `tokenlab replay --help`"))
    }

    @Test("tokenlab lesson with an unknown number exits 2")
    func unknownLesson() throws {
        let result = try ExecutableTests.run(
            ["lesson", "99"], input: "", environment: ["TOKENLAB_LESSONS": Self.root.appendingPathComponent("Lessons").path])
        #expect(result.status == 2)
        #expect(result.error.contains("99"))
    }

    @Test("replay of a missing file fails with its path")
    func missingFile() throws {
        let result = try ExecutableTests.run(["replay", "--check", "/nonexistent/t.txt"], input: "")
        #expect(result.status == 1)
        #expect(result.error.contains("/nonexistent/t.txt"))
    }

    @Test("header comments follow the transcript language")
    func localizedHeader() throws {
        let korean = Transcript.header(seed: 7, language: .korean)
        #expect(korean.hasPrefix("#! tokenlab --seed 7 --lang ko\n# TokenLab 트랜스크립트입니다."))
        #expect(!korean.contains("Lines that start"))
        #expect(Transcript.header(seed: 7, language: .english).contains("Lines that start with \"tokenlab> \" are input"))
    }

    @Test("parse accepts either header language")
    func parseEitherHeader() throws {
        let body = "banner\n\ntokenlab> me\n"
        let english = Transcript.header(seed: 7, language: .english).replacingOccurrences(of: "--lang en", with: "--lang ko")
        for header in [english, Transcript.header(seed: 7, language: .korean), "#! tokenlab --seed 7 --lang ko\n"] {
            #expect(try Transcript.parse(header + body, file: "t.txt") == Transcript(seed: 7, language: .korean, inputs: ["me"]))
        }
    }

    @Test(
        "language aliases",
        arguments: [
            ("ko", Language.korean), ("KO", .korean), ("kr", .korean), ("ko-KR", .korean), ("ko_KR", .korean),
            ("ko_KR.UTF-8", .korean), ("korean", .korean), ("en", .english), ("en-US", .english), ("en_US", .english),
            ("EN_gb.utf8", .english),
        ])
    func languageAliases(name: String, language: Language) {
        #expect(Language(named: name) == language)
        #expect(Language.resolve(flag: name, environment: [:]) == language)
    }

    @Test("unknown language is rejected", arguments: ["fr", "", "klingon", "k"])
    func unknownLanguage(name: String) {
        #expect(Language(named: name) == nil)
    }

    @Test("tokenlab --lang kr starts in Korean")
    func krFlag() throws {
        let result = try ExecutableTests.run(["--seed", "7", "--no-color", "--lang", "kr"], input: "quit\n")
        #expect(result.status == 0)
        #expect(result.output.contains("리프레시 토큰"))
    }

    @Test("unknown --lang error follows LANG")
    func unknownLanguageError() throws {
        let english = try ExecutableTests.run(["--lang", "fr"], input: "")
        #expect(english.status == 2)
        #expect(english.error.contains("use en or ko"))
        let korean = try ExecutableTests.run(["--lang", "fr"], input: "", environment: ["LANG": "ko_KR.UTF-8"])
        #expect(korean.status == 2)
        #expect(korean.error.contains("지원하지 않는 언어입니다"))
    }

    @Test("replay messages follow the transcript language")
    func replayLanguage() throws {
        let korean = Self.root.appendingPathComponent("transcripts/ko/01-first-login.txt").path
        let english = Self.root.appendingPathComponent("transcripts/en/01-first-login.txt").path
        let lessons = ["TOKENLAB_LESSONS": Self.root.appendingPathComponent("Lessons").path]

        let check = try ExecutableTests.run(["replay", "--check", korean], input: "", environment: lessons)
        #expect(check.output.contains("통과: "))
        #expect(check.output.contains("트랜스크립트: 통과 1개, 실패 0개"))

        let overridden = try ExecutableTests.run(["replay", "--check", "--lang", "en", korean], input: "", environment: lessons)
        #expect(overridden.output.contains("transcripts: 1 passed, 0 failed"))

        let mixed = try ExecutableTests.run(["replay", "--check", korean, english], input: "", environment: lessons)
        #expect(mixed.output.contains("transcripts: 2 passed, 0 failed"))
    }
}
