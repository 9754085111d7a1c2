import Foundation
import Testing
@testable import Psychometrics

@Suite struct FormatTests {
    @Test func parsesResponsesWithMissingCellsAndAGroupColumn() throws {
        let csv = "person,q1,group,q2\r\np1,0,R,3\np2,,F,1\n\n"
        let table = try ResponseCSV.parse(csv)
        #expect(table.matrix.itemIDs == ["q1", "q2"])
        #expect(table.matrix.personIDs == ["p1", "p2"])
        #expect(table.matrix.responses == [0, 3, ResponseMatrix.missing, 1])
        #expect(table.extraColumns["group"] == ["R", "F"])
        #expect(try ResponseCSV.parse(ResponseCSV.render(table.matrix)).matrix == table.matrix)
    }

    @Test(arguments: ["", "id,q1\np1,0\n", "person,q1\np1,x\n", "person,q1\np1,-1\n", "person,q1,q2\np1,0\n", "person,q1,q1\np1,0,1\n", "person\np1\n"])
    func rejectsMalformedCSV(_ text: String) {
        #expect(throws: PsychometricsError.self) { try ResponseCSV.parse(text) }
    }

    @Test func alignmentChecksItemsAndCategories() throws {
        let items = [ItemParameters(id: "q1", model: .graded, a: 1, b: [-1, 0, 1]), ItemParameters(id: "q2", model: .twoPL, a: 1, b: [0])]
        let ok = try ResponseCSV.parse("person,q2,q1\np1,1,3\n").matrix.aligned(to: items)
        #expect(ok.itemIDs == ["q1", "q2"])
        #expect(ok.responses == [3, 1])
        #expect(throws: PsychometricsError.categoryOutOfRange(person: "p1", item: "q2", category: 2, maximum: 1)) {
            try ResponseCSV.parse("person,q2\np1,2\n").matrix.aligned(to: items)
        }
        #expect(throws: PsychometricsError.unknownItem("q9")) {
            try ResponseCSV.parse("person,q9\np1,0\n").matrix.aligned(to: items)
        }
    }

    @Test func parameterFileRoundTrips() throws {
        var rng = SeededGenerator(seed: 2)
        let truth = ResponseSimulator.bank(model: .graded, itemsPerSkill: 6, categories: 4, skills: nil, using: &rng)
        let data = ResponseSimulator.responses(items: truth, thetas: (0..<400).map { _ in rng.nextNormal() }, using: &rng)
        let result = try MMLCalibrator.calibrate(data, options: CalibrationOptions(model: .graded, skills: ["item1": "teamwork"]))
        let encoded = try JSONEncoder().encode(ParameterFile(calibration: result))
        let decoded = try JSONDecoder().decode(ParameterFile.self, from: encoded)
        let items = try decoded.validatedItems()
        #expect(items == result.items.map(\.parameters))
        #expect(items[0].skill == "teamwork")
        #expect(decoded.convergence == result.report)
        #expect(decoded.items[0].seB == result.items[0].seB)
    }

    @Test func seededGeneratorIsReproducibleAndNormal() {
        var a = SeededGenerator(seed: 42), b = SeededGenerator(seed: 42)
        #expect((0..<10).map { _ in a.next() } == (0..<10).map { _ in b.next() })
        var rng = SeededGenerator(seed: 7)
        let draws = (0..<20_000).map { _ in rng.nextNormal() }
        let mean = draws.reduce(0, +) / 20_000
        let variance = draws.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / 20_000
        #expect(abs(mean) < 0.03 && abs(variance - 1) < 0.04)
    }
}
