import ArgumentParser
import Assessment
import Foundation
import Psychometrics

/// `empass item-bank validate|export|import`: lets assessment experts edit the bank as CSV or JSON
/// outside the app. Thin: parsing, validation and formats live in `Assessment`.
struct ItemBankCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "item-bank",
        abstract: "Validate, export and import the situational-judgement item bank.",
        subcommands: [Validate.self, Export.self, Import.self, Params.self]
    )

    struct Source: ParsableArguments {
        @Option(name: .customLong("dir"), help: "A bank directory of <skill>.json files (default: the bundled bank).")
        var directory: String?

        func load() throws -> ItemBank {
            if let directory { return try ItemBank.load(directory: URL(fileURLWithPath: directory)) }
            return try ItemBank.bundled()
        }
    }

    enum Format: String, ExpressibleByArgument, CaseIterable { case csv, json }

    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Check a bank and print items per skill and language.")
        @OptionGroup var source: Source
        @Argument(help: "A CSV or JSON export to check instead of a bank directory.") var file: String?

        func run() throws {
            let bank = try file.map { try readExport(path: $0) } ?? source.load()
            print("skill,items," + LanguageCode.allCases.map(\.rawValue).joined(separator: ","))
            for skill in bank.skills {
                let items = bank.items(for: skill)
                let perLanguage = LanguageCode.allCases.map { language in String(items.count { $0.translations[language] != nil }) }
                print("\(skill),\(items.count)," + perLanguage.joined(separator: ","))
            }
            let provisional = bank.items.count { $0.parameters.provenance.isProvisional }
            print("total,\(bank.items.count)," + LanguageCode.allCases.map { String(bank.itemCount(in: $0)) }.joined(separator: ","))
            print("valid: \(bank.items.count) items, \(provisional) with provisional parameters")
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write the bank as one CSV sheet or JSON document.")
        @OptionGroup var source: Source
        @Option(help: "csv or json.") var format: Format = .csv
        @Option(help: "Output file (default: standard output).") var out: String?

        func run() throws {
            let bank = try source.load()
            let data = switch format {
            case .csv: Data(ItemBankCSV.export(bank).utf8)
            case .json: ItemBankJSON.export(bank)
            }
            if let out { try data.write(to: URL(fileURLWithPath: out), options: .atomic) } else {
                FileHandle.standardOutput.write(data)
            }
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate an edited CSV/JSON export and write it as per-skill JSON files (all or nothing).")
        @Argument(help: "The edited .csv or .json file.") var file: String
        @Option(help: "Directory to write <skill>.json files into.") var into: String

        func run() throws {
            let bank = try readExport(path: file)
            let directory = URL(fileURLWithPath: into)
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            // Validation already passed for the whole file; each file is replaced atomically.
            for (name, data) in ItemBankJSON.exportPerSkill(bank).sorted(by: { $0.key < $1.key }) {
                try data.write(to: directory.appendingPathComponent(name), options: .atomic)
            }
            print("imported \(bank.items.count) items into \(directory.path)")
        }
    }
}

extension ItemBankCommand {
    /// The bank's GRM parameters as PARAMS.json, for `empass score`, `dif` and `simulate-cat`.
    struct Params: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the bank's GRM parameters as PARAMS.json (one scale per skill).")
        @OptionGroup var source: Source
        @Option(help: "Output file (default: standard output).") var out: String?

        func run() throws {
            let bank = try source.load()
            let file = ParameterFile(items: bank.items.map { $0.parameters.psychometricItem(id: $0.id, skill: $0.skill) })
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            let data = try encoder.encode(file)
            if let out { try data.write(to: URL(fileURLWithPath: out), options: .atomic) } else {
                FileHandle.standardOutput.write(data)
            }
        }
    }
}

/// Reads a CSV or JSON export, chosen by the file extension; import errors list row and column.
private func readExport(path: String) throws -> ItemBank {
    let url = URL(fileURLWithPath: path)
    let data = try Data(contentsOf: url)
    do {
        if url.pathExtension.lowercased() == "json" { return try ItemBankJSON.import(data) }
        return try ItemBankCSV.import(String(decoding: data, as: UTF8.self))
    } catch {
        throw ItemBankFileRejected(reason: error.description)
    }
}

/// Printed as is (ArgumentParser's ValidationError would add a usage line to a data error).
private struct ItemBankFileRejected: Error, CustomStringConvertible {
    var reason: String
    var description: String { reason }
}
