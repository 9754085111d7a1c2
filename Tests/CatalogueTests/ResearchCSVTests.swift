import Foundation
import LinkedData
import Testing
@testable import Catalogue

@Suite("RFC 4180 CSV")
struct RFC4180Tests {
    @Test func quotesOnlyWhatMustBeQuoted() {
        let text = RFC4180.write([["plain", "a,b", "say \"hi\"", "two\nlines", ""]])
        #expect(text == "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\r\n")
    }

    @Test func readsWhatItWrites() throws {
        let rows = [["h1", "h2", "h3"], ["Ελληνικά, με κόμμα", "\"quoted\"", "line1\r\nline2"], ["", "x", ""]]
        #expect(try RFC4180.read(RFC4180.write(rows)) == rows)
    }

    @Test func acceptsBareLineFeedsByteOrderMarkAndNoFinalLineEnd() throws {
        #expect(try RFC4180.read("\u{FEFF}a,b\nc,d") == [["a", "b"], ["c", "d"]])
        #expect(try RFC4180.read("a,\n") == [["a", ""]])
        #expect(try RFC4180.read("\"\"") == [[""]])
    }

    @Test func reportsBrokenFilesWithTheLine() {
        #expect(throws: CSVSyntaxError.unterminatedQuote(startLine: 2)) { try RFC4180.read("a,b\n\"open,\nstill open") }
        #expect(throws: CSVSyntaxError.quoteInUnquotedField(line: 1)) { try RFC4180.read("ab\"c,d") }
        #expect(throws: CSVSyntaxError.textAfterClosingQuote(line: 1)) { try RFC4180.read("\"a\"b,c") }
    }
}

@Suite("CEDEFOP research template CSV")
struct ResearchCSVTests {
    /// The template's items as the CEDEFOP slides list them, (a) to (q).
    static let templateWording = [
        "a title", "a provider or awarding body", "learning outcomes (LOs)", "duration and pace",
        "notional workload or credits", "type of assessment", "option to accumulate and combine",
        "link to European qualifications framework (EQF) and national qualifications frameworks (NQF)",
        "link to occupational standards", "mode of delivery", "format of certification",
        "prerequisites needed to start a learning activity", "target group", "country or region where available",
        "purpose", "costs and funding options", "additional information where and if relevant",
    ]

    static func csv() throws -> String { ResearchCSVExporter().export([try Fixtures.flagship()]) }
    static func importer() throws -> ResearchCSVImporter { ResearchCSVImporter(framework: try Fixtures.framework()) }

    /// Content as the template carries it: occupational-field labels are not exported.
    static func carried(_ c: SpecContent) -> SpecContent {
        var c = c
        c.occupationalFields = c.occupationalFields.map { OccupationalField(scheme: $0.scheme, code: $0.code) }
        return c
    }

    @Test func headersAreTheTemplateVerbatim() throws {
        let header = try #require(try RFC4180.read(Self.csv()).first)
        let letters = "abcdefghijklmnopq".map(String.init)
        #expect(Array(header.prefix(17)) == zip(letters, Self.templateWording).map { "(\($0)) \($1)" })
        #expect(Array(header.suffix(2)) == ["EmPass specification id", "EmPass version"])
    }

    @Test func flagshipRoundTripsThroughCSV() throws {
        let original = try Fixtures.flagship()
        let result = try Self.importer().importCSV(try Self.csv())
        #expect(result.issues.isEmpty, "\(result.issues)")
        let imported = try #require(result.imported.first)
        #expect(result.imported.count == 1 && imported.row == 2)
        #expect(imported.spec.id == original.id && imported.spec.version == original.version)
        #expect(imported.spec.status == .draft, "imports never publish")
        #expect(imported.spec.content == Self.carried(original.content))
        // The CSV is a fixed point, and the ELM export of the re-imported spec is the same document.
        #expect(ResearchCSVExporter().export([imported.spec]) == (try Self.csv()))
        let framework = try Fixtures.framework()
        #expect(ELMExporter().export(imported.spec, framework: framework) == ELMExporter().export(original, framework: framework))
    }

    @Test func badRowsAreReportedAndNeverHalfImported() throws {
        let good = ResearchCSVExporter().row(try Fixtures.flagship())
        var badLevel = good
        badLevel[7] = "eqf=9; status=indicative"
        badLevel[9] = "participation=byPigeon"
        badLevel[17] = "second-spec"
        var badOutcome = good
        badOutcome[2] = "1. [en] One outcome\n2. this line has no language tag"
        badOutcome[17] = "third-spec"
        let text = RFC4180.write([ResearchColumn.allCases.map(\.header), good, badLevel, badOutcome])
        let result = try Self.importer().importCSV(text)
        #expect(result.imported.map(\.row) == [2])
        #expect(result.failedRows == [3, 4])
        let row3 = result.issues.filter { $0.row == 3 }
        #expect(Set(row3.compactMap(\.column)) == [.h, .j])
        #expect(row3.contains { $0.column == .h && $0.message.contains("level.eqf") })
        #expect(row3.contains { $0.column == .j && $0.message.contains("byPigeon") })
        let row4 = result.issues.filter { $0.row == 4 }
        #expect(!row4.isEmpty && row4.allSatisfy { $0.column == .c })
        #expect(row4[0].description.hasPrefix("row 4, column (c) learning outcomes (LOs): item 2: cannot read"))
    }

    @Test func readsAFreeTextResearchRow() throws {
        var cells = [String](repeating: "", count: 17)
        cells[0] = "Welding safety basics"
        cells[1] = "Acme Training Centre"
        cells[2] = "Identify welding hazards\nUse personal protective equipment correctly"
        cells[4] = "2 ECTS"
        cells[5] = "practical, written"
        cells[7] = "EQF level 3"
        cells[9] = "Face-to-face in a workshop"
        cells[10] = "paperCertificate"
        cells[13] = "DE, AT"
        cells[14] = "upskilling"
        cells[16] = "qa=external\ncriteria [en] Pass the practical test."
        let text = RFC4180.write([ResearchColumn.template.map(\.header), cells])
        let result = try Self.importer().importCSV(text)
        #expect(result.issues.filter { $0.severity == .error }.isEmpty, "\(result.issues)")
        let spec = try #require(result.imported.first?.spec)
        #expect(spec.id == "welding-safety-basics" && spec.version == 1)
        #expect(spec.content.title[.english] == "Welding safety basics")
        #expect(spec.content.learningOutcomes.count == 2)
        #expect(spec.content.workload.ects == 2 && spec.content.workload.hours == nil)
        #expect(spec.content.level.eqf == 3)
        #expect(spec.content.participation == .onSite)
        #expect(spec.content.assessment.types == [.practical, .written])
        #expect(spec.content.issuerCountries == ["DE", "AT"])
        #expect(spec.content.awardingBodies.first?.name[.english] == "Acme Training Centre")
    }

    @Test func rowNumbersCountRecordsNotLines() throws {
        var bad = ResearchCSVExporter().row(try Fixtures.flagship())
        bad[4] = "ects=lots"
        let good = ResearchCSVExporter().row(try Fixtures.flagship())
        // Row 2 spans many physical lines (multi-line quoted cells); the bad record is still row 3.
        let text = RFC4180.write([ResearchColumn.allCases.map(\.header), good, bad])
        let result = try Self.importer().importCSV(text)
        #expect(result.failedRows == [3])
        #expect(result.issues.first?.column == .e)
    }

    @Test func fileLevelProblemsImportNothing() throws {
        var headers = ResearchColumn.template.map(\.header)
        headers.removeLast()
        #expect(throws: ResearchImportError.missingColumns(["(q) additional information where and if relevant"])) {
            try Self.importer().importCSV(RFC4180.write([headers]))
        }
        #expect(throws: ResearchImportError.unknownColumns(["(r) colour"])) {
            try Self.importer().importCSV(RFC4180.write([ResearchColumn.template.map(\.header) + ["(r) colour"]]))
        }
        #expect(throws: ResearchImportError.syntax(.unterminatedQuote(startLine: 1))) { try Self.importer().importCSV("\"(a) a title") }
        #expect(throws: ResearchImportError.empty) { try Self.importer().importCSV("") }
    }

    @Test func shortRowIsAnError() throws {
        let text = RFC4180.write([ResearchColumn.template.map(\.header), ["Only a title"]])
        let result = try Self.importer().importCSV(text)
        #expect(result.imported.isEmpty)
        #expect(result.issues.contains { $0.row == 2 && $0.column == nil && $0.message.contains("fields") })
    }

    @Test func validationPathsMapToTemplateColumns() {
        #expect(ResearchColumn.column(forPath: "title.el") == .a)
        #expect(ResearchColumn.column(forPath: "learningOutcomes[3].text.en") == .c)
        #expect(ResearchColumn.column(forPath: "workload.ects") == .e)
        #expect(ResearchColumn.column(forPath: "assessment.certificationFormats") == .k)
        #expect(ResearchColumn.column(forPath: "pedagogy.durationAndPace.en") == .d)
        #expect(ResearchColumn.column(forPath: "access.targetGroup.en") == .m)
        #expect(ResearchColumn.column(forPath: "criteria.en") == .q)
    }
}
