import Assessment
import Foundation
import Psychometrics
import Storage
import Testing
@testable import EmPassServer

/// The expert statistics on simulated data: DIF planted in one scenario is found (class C) and
/// scenarios without it stay class A; item–rest correlations are positive; exposure is exact.
@Suite("Item statistics")
struct ItemStatisticsTests {
    @Test("Mantel–Haenszel finds planted DIF; other statistics behave")
    func plantedDIF() throws {
        let bank = try ItemBank.bundled()
        let items = bank.items(for: .teamwork)
        let planted = items[3].id
        var generator = SessionRandom(seed: 2026)
        var rows: [ResponseExportRow] = []
        for person in 0..<600 {
            let session = TestSessionRecordID(UUID())
            let language = person % 2 == 0 ? "en" : "el"
            // θ ~ N(0, 1) by Box–Muller.
            let u1 = Double.random(in: Double.ulpOfOne..<1, using: &generator), u2 = Double.random(in: 0..<1, using: &generator)
            let theta = (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2)
            var learner = SimulatedLearner(theta: theta, seed: generator.next(), bank: bank)
            for item in items {
                var ratings = learner.ratings(for: item)
                // For Greek sessions the planted scenario reads as if it were 1.5 θ harder.
                if item.id == planted, language == "el" {
                    var shifted = SimulatedLearner(theta: theta - 1.5, seed: generator.next(), bank: bank)
                    ratings = shifted.ratings(for: item)
                }
                rows.append(ResponseExportRow(sessionID: session, formID: "f", itemID: item.id.rawValue, ratings: ratings,
                                              language: language, country: nil))
            }
            // Half the sessions also answered one communication scenario (exposure 0.5).
            if person % 2 == 1 {
                rows.append(ResponseExportRow(sessionID: session, formID: "f", itemID: bank.items(for: .communication)[0].id.rawValue,
                                              ratings: [2, 2, 2, 2], language: language, country: nil))
            }
        }
        let stats = ItemStatistics(rows: rows, results: [:], bank: bank, grouping: .language, reference: "en")
        #expect(stats.sessionCount == 600)
        let plantedRow = try #require(stats.dif.first { $0.result.item == planted.rawValue })
        #expect(plantedRow.result.classification == .C)
        #expect(plantedRow.result.focalGroup == "el" && plantedRow.booklet == 600)
        let clean = stats.dif.filter { $0.result.item != planted.rawValue }
        #expect(clean.count == items.count - 1)
        #expect(clean.filter { $0.result.classification == .C }.count <= 1)
        for row in stats.items where row.skill == .teamwork {
            #expect(row.count == 600 && row.exposure == 1)
            #expect((row.itemRest ?? 0) > 0.1, "\(row.itemID)")
        }
        #expect(stats.items.first { $0.skill == .communication }?.exposure == 0.5)
        #expect(stats.difNotes.contains("communication"))
        let csv = try ResponseCSV.parse(stats.matrix.csv())
        #expect(csv.matrix.personCount == 600 && csv.extraColumns["group"]?.count == 600)
        let teamworkReliability = try #require(stats.reliability.first { $0.skill == .teamwork })
        #expect(teamworkReliability.bankMarginal > 0.5 && teamworkReliability.bankMarginal < 1)
        #expect(teamworkReliability.empirical == nil)
    }
}
