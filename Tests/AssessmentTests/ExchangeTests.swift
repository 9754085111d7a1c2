import Foundation
import Testing
@testable import Assessment

@Suite("CSV reader and writer")
struct CSVTests {
    @Test func roundTripsAwkwardFields() throws {
        let rows = [["a", "b,c", "say \"hi\""], ["multi\nline", "", " padded "], ["Ελληνικά", "română: ș ț", "¿Qué?"]]
        let text = CSV.write(rows)
        #expect(try CSV.parse(text).map(\.fields) == rows)
    }

    @Test func recordsKnowTheirLine() throws {
        let records = try CSV.parse("h1,h2\n\"x\ny\",1\n\nz,2\n")
        #expect(records.map(\.line) == [1, 2, 5])
        #expect(records[1].fields == ["x\ny", "1"])
    }

    @Test func acceptsBOMAndCRLFAndNoFinalNewline() throws {
        #expect(try CSV.parse("\u{FEFF}a,b\r\n1,2").map(\.fields) == [["a", "b"], ["1", "2"]])
    }

    @Test func rejectsBrokenQuoting() {
        #expect(throws: CSV.ParseError.unterminatedQuote(line: 2)) { try CSV.parse("a\n\"open,b\n") }
        #expect(throws: CSV.ParseError.characterAfterClosingQuote(line: 1, column: 2)) { try CSV.parse("a,\"b\"c\n") }
    }
}

@Suite("Item bank import and export")
struct ItemBankExchangeTests {
    static let bank = try! ItemBank.bundled()

    @Test func csvRoundTripOfTheBundledBank() throws {
        let csv = ItemBankCSV.export(Self.bank)
        #expect(try ItemBankCSV.import(csv) == Self.bank)
        // Exporting the re-import gives the same bytes.
        #expect(ItemBankCSV.export(try ItemBankCSV.import(csv)) == csv)
    }

    @Test func jsonRoundTripOfTheBundledBank() throws {
        let data = ItemBankJSON.export(Self.bank)
        #expect(try ItemBankJSON.import(data) == Self.bank)
        #expect(ItemBankJSON.export(try ItemBankJSON.import(data)) == data)
    }

    @Test func csvRoundTripKeepsCalibratedProvenanceAndMissingLanguages() throws {
        var calibrated = Fixtures.item("tw-9", a: 2.31, thresholds: [-2.05, 0.125, 1.7], status: .operational,
                                       languages: [.en, .es])
        calibrated.parameters.provenance = .calibrated(.init(sample: "EmPass pilot, 1,500 VET students (GR, ES, RO)",
                                                             sampleSize: 1500, calibratedOn: "2026-07-15",
                                                             method: "MML-EM (empass calibrate)"))
        calibrated.exposureCount = 312
        let bank = try ItemBank(items: [calibrated, Fixtures.item("cl-1", skill: .continuousLearning, languages: [.en, .el, .ro])])
        let csv = ItemBankCSV.export(bank)
        let back = try ItemBankCSV.import(csv)
        #expect(back == bank)
        #expect(back["tw-9"]?.languages == [.en, .es])
    }

    @Test func importAcceptsReorderedColumnsAndOmittedLanguages() throws {
        let bank = try ItemBank(items: [Fixtures.item("tw-1")])
        let records = try CSV.parse(ItemBankCSV.export(bank)).map(\.fields)
        // Keep only the columns up to the English texts, then reverse their order.
        let keep = ItemBankCSV.header.firstIndex(of: "scenario_el")!
        let trimmed = records.map { Array($0.prefix(keep).reversed()) }
        #expect(try ItemBankCSV.import(CSV.write(trimmed)) == bank)
    }

    func csvWithEdits(_ edits: [(row: Int, column: String, value: String)]) throws -> String {
        let bank = try ItemBank(items: [Fixtures.item("tw-1"), Fixtures.item("tw-2"), Fixtures.item("tw-3", languages: [.en, .el]),
                                        Fixtures.item("tw-4", languages: [.en, .el])])
        var records = try CSV.parse(ItemBankCSV.export(bank)).map(\.fields)
        for edit in edits {
            records[edit.row - 1][ItemBankCSV.header.firstIndex(of: edit.column)!] = edit.value
        }
        return CSV.write(records)
    }

    @Test func perRowErrorsNameRowAndColumnAndNothingIsImported() throws {
        let csv = try csvWithEdits([
            (2, "key_3", "4.7"), (2, "skill", "leadership"),
            (3, "a", "steep"), (3, "response_2_en", ""),
            (4, "response_4_el", ""), (5, "b_2", "-2"),
        ])
        do {
            _ = try ItemBankCSV.import(csv)
            Issue.record("a broken sheet must not import")
        } catch {
            let places = Set(error.issues.map { "\($0.row ?? 0):\($0.column ?? "")" })
            #expect(places.isSuperset(of: ["2:skill", "3:a", "3:response_2_en", "4:response_4_el"]))
            // Rules checked on the whole item are mapped back to the same row numbers and columns.
            #expect(places.contains("5:b_1"))  // thresholds no longer increasing
            // A row with unreadable cells reports those cells only, not follow-on item rules.
            #expect(error.issues.count { $0.row == 4 } == 1)
            #expect(error.description.contains("nothing was changed"))
        }
        // Row 2's key_3 error only shows once the skill is fixed (the row was unreadable before).
        let keyOnly = try csvWithEdits([(2, "key_3", "4.7")])
        #expect(throws: ItemBankImportError(issues: [.init(row: 2, column: "key_3", message: "expert mean rating 4.7 is outside 1.0–4.0")])) {
            try ItemBankCSV.import(keyOnly)
        }
    }

    @Test func headerProblemsAreReportedBeforeRows() throws {
        let unknown = "id,skill,colour\r\nx,teamwork,red\r\n"
        do {
            _ = try ItemBankCSV.import(unknown)
            Issue.record("must fail")
        } catch {
            #expect(error.issues.contains(.init(row: 1, column: "colour", message: "unknown column")))
            #expect(error.issues.contains(.init(row: 1, column: "a", message: "required column is missing")))
        }
        #expect(throws: ItemBankImportError.self) { try ItemBankCSV.import("") }
    }

    @Test func duplicateIdsAndWrongCellCounts() throws {
        var csv = try csvWithEdits([(3, "id", "tw-1")])
        do { _ = try ItemBankCSV.import(csv); Issue.record("must fail") } catch {
            #expect(error.issues.map(\.row) == [3])
            #expect(error.issues.first?.column == "id")
        }
        csv += "tw-4,teamwork\r\n"
        do { _ = try ItemBankCSV.import(csv); Issue.record("must fail") } catch {
            #expect(error.issues.contains { $0.row == 6 && $0.message.contains("cells") })
        }
    }

    @Test func jsonImportReportsFieldPaths() throws {
        let good = String(decoding: ItemBankJSON.export(try ItemBank(items: [Fixtures.item("tw-1")])), as: UTF8.self)
        let badKey = good.replacingOccurrences(of: "3.6", with: "3.65")
        do { _ = try ItemBankJSON.import(Data(badKey.utf8)); Issue.record("must fail") } catch {
            #expect(error.description.contains("items[0].key"))
        }
        let badA = good.replacingOccurrences(of: "\"a\" : 1.2", with: "\"a\" : 0.3")
        do { _ = try ItemBankJSON.import(Data(badA.utf8)); Issue.record("must fail") } catch {
            #expect(error.issues.contains { $0.row == 1 && $0.column == "parameters.a" })
        }
    }
}
