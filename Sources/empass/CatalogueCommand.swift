import ArgumentParser
import Catalogue
import Foundation

/// `empass catalogue …`: the catalogue library from the command line. Each subcommand reads
/// specification JSON files (default: the bundled flagship) and writes to standard output.
struct CatalogueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalogue",
        abstract: "Validate and export micro-credential specifications.",
        subcommands: [Validate.self, ExportCSV.self, ImportCSV.self, ExportELM.self, Achievement.self, Context.self]
    )

    struct SpecFiles: ParsableArguments {
        @Argument(help: "Specification JSON files (default: the bundled EmPass flagship).")
        var files: [String] = []

        func load() throws -> [MicroCredentialSpec] {
            if files.isEmpty { return [try MicroCredentialSpec.flagship()] }
            return try files.map { try MicroCredentialSpec.decode(json: Data(contentsOf: URL(fileURLWithPath: $0))) }
        }
    }

    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Report every problem of each specification, with field paths.")
        @OptionGroup var specs: SpecFiles

        func run() throws {
            let framework = try SkillsFramework.bundled()
            var failed = false
            for spec in try specs.load() {
                let issues = SpecValidator(framework: framework).validate(spec.content)
                print("\(spec.id) v\(spec.version) (\(spec.status.rawValue)) sha256:\(spec.contentHash): \(issues.isEmpty ? "valid" : "\(issues.count) issue(s)")")
                for issue in issues { print("  \(issue.severity.rawValue): \(issue.path): \(issue.message)") }
                failed = failed || issues.contains { $0.severity == .error }
            }
            if failed { throw ExitCode(1) }
        }
    }

    struct ExportCSV: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export-csv", abstract: "Write CEDEFOP research-template CSV, columns (a)–(q).")
        @OptionGroup var specs: SpecFiles
        func run() throws { FileHandle.standardOutput.write(Data(ResearchCSVExporter().export(try specs.load()).utf8)) }
    }

    struct ImportCSV: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import-csv", abstract: "Read a research-template CSV; report per row; print imported drafts as JSON lines.")
        @Argument(help: "The CSV file.") var file: String

        func run() throws {
            let text = try String(contentsOf: URL(fileURLWithPath: file), encoding: .utf8)
            let result = try ResearchCSVImporter(framework: SkillsFramework.bundled()).importCSV(text)
            for issue in result.issues { FileHandle.standardError.write(Data("\(issue.severity.rawValue): \(issue)\n".utf8)) }
            for (_, spec) in result.imported { print(String(decoding: spec.encodedJSON(), as: UTF8.self)) }
            FileHandle.standardError.write(Data("imported \(result.imported.count) row(s); failed rows: \(result.failedRows)\n".utf8))
            if !result.failedRows.isEmpty { throw ExitCode(1) }
        }
    }

    struct ExportELM: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export-elm", abstract: "Write an ELM 3 LearningAchievementSpecification (best effort) per specification.")
        @OptionGroup var specs: SpecFiles
        func run() throws {
            let framework = try SkillsFramework.bundled()
            for spec in try specs.load() { print(CatalogueJSONWriter.write(ELMExporter().export(spec, framework: framework))) }
        }
    }

    struct Achievement: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write the Open Badges 3.0 Achievement of each specification.")
        @OptionGroup var specs: SpecFiles
        @Option(help: "Public origin of the platform, used in the Achievement id.") var publicURL = "http://localhost:8080"

        func run() throws {
            let mapper = AchievementMapper(framework: try SkillsFramework.bundled())
            for spec in try specs.load() {
                let id = AchievementMapper.achievementID(publicURL: publicURL, spec: spec.reference)
                print(CatalogueJSONWriter.write(try mapper.achievement(for: spec, id: id)))
            }
        }
    }

    struct Context: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the EmPass JSON-LD context (\(EmPassContext.url)).")
        func run() throws { FileHandle.standardOutput.write(try EmPassContext.data()) }
    }
}
