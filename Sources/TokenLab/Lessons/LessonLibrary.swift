import Foundation

/// The lessons on disk: `Lessons/<language>/NN-slug.md`.
public struct LessonLibrary: Sendable {
    /// The folder that holds `en/` and `ko/`.
    public let root: URL

    public init(root: URL) {
        self.root = root
    }

    /// Finds the `Lessons` folder: `TOKENLAB_LESSONS` if set, else the
    /// first `Lessons` folder above the executable or the working
    /// directory, so both `scripts/tokenlab` and a checkout's
    /// `.build/*/tokenlab` find the lessons that came with them.
    public static func locate(environment: [String: String], executable: String) -> LessonLibrary? {
        if let path = environment["TOKENLAB_LESSONS"], !path.isEmpty {
            return LessonLibrary(root: URL(fileURLWithPath: path))
        }
        let executableURL = URL(fileURLWithPath: executable).resolvingSymlinksInPath()
        let starts = [executableURL.deletingLastPathComponent(), URL(fileURLWithPath: FileManager.default.currentDirectoryPath)]
        for start in starts {
            var directory = start
            for _ in 0..<8 {
                let candidate = directory.appendingPathComponent("Lessons")
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("en").path, isDirectory: &isDirectory),
                    isDirectory.boolValue
                {
                    return LessonLibrary(root: candidate)
                }
                let parent = directory.deletingLastPathComponent()
                if parent.path == directory.path { break }
                directory = parent
            }
        }
        return nil
    }

    /// The lesson files of one language, sorted by number.
    public func files(language: Language) -> [URL] {
        let folder = root.appendingPathComponent(language.rawValue)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".md") && $0.first?.isNumber == true }.sorted().map {
            folder.appendingPathComponent($0)
        }
    }

    /// Loads every lesson of one language.
    public func lessons(language: Language) throws -> [Lesson] {
        try files(language: language).map(Self.load)
    }

    /// Loads lesson `number` in `language`.
    ///
    /// - Returns: nil when there is no such lesson.
    public func lesson(_ number: Int, language: Language) throws -> Lesson? {
        for file in files(language: language) {
            let slug = file.deletingPathExtension().lastPathComponent
            if Int(slug.prefix { $0.isNumber }) == number {
                return try Self.load(file)
            }
        }
        return nil
    }

    public static func load(_ file: URL) throws -> Lesson {
        let data: Data
        do {
            data = try Data(contentsOf: file)
        } catch {
            throw LessonError(
                file: file.path, line: 0,
                reason: "cannot be read (\(error.localizedDescription)); check that the file exists and is readable")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw LessonError(file: file.path, line: 0, reason: "is not UTF-8 text; save it as UTF-8")
        }
        return try LessonParser.parse(text, slug: file.deletingPathExtension().lastPathComponent, file: file.path)
    }
}
