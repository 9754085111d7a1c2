import Foundation
import Testing
@testable import Assessment

@Suite("The bundled EmPass item bank")
struct BundledItemBankTests {
    static let bank: ItemBank = try! ItemBank.bundled()

    @Test func loadsAllElevenSkills() throws {
        let bank = try ItemBank.bundled()
        #expect(bank.skills == SkillID.allCases)
        #expect(bank.items.count >= 132)
    }

    @Test(arguments: SkillID.allCases)
    func hasAtLeastTwelveScenarios(_ skill: SkillID) {
        #expect(Self.bank.items(for: skill).count >= 12, "\(skill)")
    }

    @Test func idsAreUniqueAndWellFormed() {
        let ids = Self.bank.items.map(\.id)
        #expect(Set(ids).count == ids.count)
        let wellFormed = ids.allSatisfy { $0.isWellFormed }
        #expect(wellFormed)
        for item in Self.bank.items { #expect(item.id.rawValue.hasPrefix(item.skill.rawValue + "-"), "\(item.id)") }
    }

    @Test func keysAreExpertMeansOnTheRatingScaleAndSpreadOut() {
        for item in Self.bank.items {
            #expect(item.key.tenths.count == 4, "\(item.id)")
            #expect(item.key.tenths.allSatisfy { (10...40).contains($0) }, "\(item.id)")
            // Four responses of varied effectiveness: one clearly good, one clearly poor.
            #expect(item.key.tenths.max()! >= 34, "\(item.id) has no clearly effective response")
            #expect(item.key.tenths.min()! <= 20, "\(item.id) has no clearly ineffective response")
        }
    }

    @Test func parametersArePlausibleAndMarkedProvisional() {
        for item in Self.bank.items {
            let p = item.parameters
            #expect(p.provenance.isProvisional, "\(item.id)")
            #expect(ScenarioParameters.plausibleProvisionalDiscrimination.contains(p.a), "\(item.id) a=\(p.a)")
            #expect(p.thresholds.count == 3 && p.thresholdsAreOrdered, "\(item.id)")
            #expect(p.thresholds.first! > -3 && p.thresholds.last! < 3, "\(item.id)")
            #expect(p.thresholds.last! - p.thresholds.first! >= 1.5, "\(item.id) thresholds too close")
        }
        // The rule was not tuned toward highly discriminating values.
        let meanA = Self.bank.items.map(\.parameters.a).reduce(0, +) / Double(Self.bank.items.count)
        #expect(meanA > 1.0 && meanA < 1.4)
    }

    @Test func everyItemHasTheLanguagesItClaimsComplete() {
        for item in Self.bank.items {
            #expect(item.translations[.en] != nil, "\(item.id) lacks English")
            for language in item.languages {
                #expect(item.translations[language]!.isComplete, "\(item.id) \(language) incomplete")
            }
        }
    }

    /// Every item of a skill claims the same languages (a skill's translation is shipped whole).
    @Test(arguments: SkillID.allCases)
    func languagesAreConsistentWithinASkill(_ skill: SkillID) {
        let sets = Set(Self.bank.items(for: skill).map(\.languages))
        #expect(sets.count == 1, "\(skill): \(sets)")
    }

    @Test func phoneSizedTexts() {
        for item in Self.bank.items {
            for language in item.languages {
                let translation = item.translations[language]!
                let sentences = translation.scenario.split { ".!?;".contains($0) }
                    .filter { $0.contains { $0.isLetter } }.count
                #expect((1...4).contains(sentences), "\(item.id) \(language): \(sentences) sentences")
                #expect(translation.scenario.count <= 400, "\(item.id) \(language) scenario too long")
                for response in translation.responses {
                    #expect(response.count <= 200, "\(item.id) \(language) response too long")
                }
                // The four responses of one language are different texts.
                #expect(Set(translation.responses).count == 4, "\(item.id) \(language)")
            }
        }
    }

    @Test func translationsAreNotCopiesOfTheEnglish() {
        for item in Self.bank.items {
            let english = item.translations[.en]!
            for language in item.languages where language != .en {
                let translation = item.translations[language]!
                #expect(translation.scenario != english.scenario, "\(item.id) \(language)")
                #expect(zip(translation.responses, english.responses).allSatisfy { $0 != $1 }, "\(item.id) \(language)")
            }
        }
    }

    /// The committed files are exactly what `empass item-bank import` writes, so an expert's
    /// export → edit → import cycle shows only their edits in a diff.
    @Test(arguments: SkillID.allCases)
    func bundledFileIsInExporterFormat(_ skill: SkillID) throws {
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let file = packageRoot.appendingPathComponent("Sources/Assessment/Resources/ItemBank/\(skill.rawValue).json")
        let committed = try Data(contentsOf: file)
        #expect(committed == ItemBankJSON.exportPerSkill(Self.bank)["\(skill.rawValue).json"])
    }

    @Test func perSkillExportRoundTrips() throws {
        // The per-skill export is what the bundle holds; reading it back gives the same bank.
        let files = ItemBankJSON.exportPerSkill(Self.bank)
        #expect(files.count == 11)
        let reimported = try ItemBankJSON.import(Array(files.values))
        #expect(reimported == Self.bank)
    }
}

@Suite("Item bank validation")
struct ItemBankValidationTests {
    @Test func rejectsDuplicateIds() {
        #expect(throws: ItemBankError.self) { try ItemBank(items: [Fixtures.item("x-1"), Fixtures.item("x-1")]) }
    }

    @Test func reportsEveryProblemWithItsField() {
        var bad = Fixtures.item("bad id!", key: [5, 36, 41], a: 0.5, thresholds: [1.0, 0.5, 2.0], languages: [.el])
        bad.translations[.el]!.responses[2] = "  "
        let issues = ItemBankValidator().issues(in: [bad])
        let fields = Set(issues.map(\.field))
        #expect(fields.isSuperset(of: ["id", "key", "key[1]", "key[3]", "parameters.a", "parameters.thresholds",
                                       "translations.en", "translations.el.responses[3]"]))
    }

    @Test func calibratedParametersNeedSampleSizeAndDate() {
        var item = Fixtures.item("c-1", a: 2.6)
        item.parameters.provenance = .calibrated(.init(sample: "", sampleSize: 0, calibratedOn: "2026-13-01"))
        let fields = Set(ItemBankValidator().issues(in: item).map(\.field))
        #expect(fields == ["parameters.provenance.sample", "parameters.provenance.sampleSize",
                           "parameters.provenance.calibratedOn"])
        // a = 2.6 is fine once calibrated (only provisional values are held to 0.8–2.0).
        item.parameters.provenance = .calibrated(.init(sample: "pilot GR/ES/RO", sampleSize: 1500, calibratedOn: "2026-06-30"))
        #expect(ItemBankValidator().issues(in: item).isEmpty)
    }

    @Test func keyDecodingRejectsSecondDecimals() {
        #expect(ExpertKey(ratings: [3.25, 1, 2, 4]) == nil)
        #expect(ExpertKey(ratings: [3.6, 1, 2.5, 4])?.tenths == [36, 10, 25, 40])
    }

    @Test func everyCategoryMustBeReachable() {
        // Two keys at x.5 cap each of those ratings at 2 points: best sum 10, category 3 unreachable.
        let capped = Fixtures.item("k-1", key: [15, 36, 25, 20])
        #expect(ItemBankValidator().issues(in: capped).map(\.field) == ["key"])
        let fine = Fixtures.item("k-2", key: [14, 36, 25, 20])
        #expect(ItemBankValidator().issues(in: fine).isEmpty)
    }

    @Test func exposureCountsAccumulate() throws {
        let bank = try Fixtures.smallBank().addingExposures(["tw-1": 3, "tw-2": 1, "nope": 9])
        #expect(bank["tw-1"]?.exposureCount == 3)
        #expect(bank["tw-2"]?.exposureCount == 1)
        #expect(bank["tw-3"]?.exposureCount == 0)
    }
}
