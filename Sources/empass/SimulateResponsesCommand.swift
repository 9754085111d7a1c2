import ArgumentParser
import Psychometrics

/// `empass simulate-responses`: a bank with known parameters and responses drawn from it (tests,
/// benchmarks, demonstrations).
struct SimulateResponsesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate-responses",
        abstract: "Simulate true item parameters and a complete response CSV.",
        discussion: """
        a ~ U(0.8, 2.0); thresholds are sorted N(0,1) draws at least 0.3 apart (one N(0,1) draw for 2PL); \
        θ ~ N(0,1), independently per skill. With --skills S, --items is the number of items per skill.
        """)

    @Option(help: "grm or 2pl.")
    var model: ResponseModel = .graded

    @Option(help: "Items (per skill when --skills is given).")
    var items: Int

    @Option(help: "Categories per GRM item.")
    var categories: Int = 4

    @Option(help: "Number of persons.")
    var persons: Int

    @Option(help: "Random seed.")
    var seed: UInt64 = 1

    @Option(help: "Number of skills (items named skillNN-n).")
    var skills: Int?

    @Option(name: .customLong("out-params"), help: "Where to write the true parameters (PARAMS.json format).")
    var outParams: String

    @Option(help: "Where to write the responses CSV.")
    var out: String

    @Option(help: "Comma-separated group labels; persons are assigned in turn and a group column is added.")
    var groups: String?

    @Option(help: "ITEM=SHIFT: add SHIFT to the thresholds of ITEM for every group but the first (simulated DIF).")
    var dif: String?

    func validate() throws {
        guard items >= 1, persons >= 1 else { throw ValidationError("--items and --persons must be positive") }
        guard model == .twoPL || (2...10).contains(categories) else { throw ValidationError("--categories must be 2…10") }
        if let skills, skills < 1 { throw ValidationError("--skills must be positive") }
    }

    func run() throws {
        var rng = SeededGenerator(seed: seed)
        let skillNames = skills.map { n in (1...n).map { "skill" + ($0 < 10 ? "0" : "") + String($0) } }
        let bank = ResponseSimulator.bank(model: model, itemsPerSkill: items, categories: categories, skills: skillNames, using: &rng)
        let labels = groups?.split(separator: ",").map(String.init) ?? []
        var shifted = bank
        if let dif {
            let parts = dif.split(separator: "=")
            guard parts.count == 2, let shift = Double(parts[1]), let j = bank.firstIndex(where: { $0.id == parts[0] }) else {
                throw ValidationError("--dif must be ITEM=SHIFT with an item of the simulated bank (e.g. item3=0.8)")
            }
            guard labels.count >= 2 else { throw ValidationError("--dif needs --groups with at least two labels") }
            shifted[j].b = bank[j].b.map { $0 + shift }
        }
        let skillIndex: [Int] = bank.map { item in skillNames?.firstIndex(of: item.skill ?? "") ?? 0 }
        let thetas = (0..<persons).map { _ in (0..<(skillNames?.count ?? 1)).map { _ in rng.nextNormal() } }
        var cells: [Int32] = []
        cells.reserveCapacity(persons * bank.count)
        for p in 0..<persons {
            let items = labels.isEmpty || p % labels.count == 0 ? bank : shifted
            for (j, item) in items.enumerated() {
                cells.append(Int32(ResponseSimulator.draw(item, theta: thetas[p][skillIndex[j]], using: &rng)))
            }
        }
        let ids = (0..<persons).map { "p\($0 + 1)" }
        let matrix = try ResponseMatrix(personIDs: ids, itemIDs: bank.map(\.id), responses: cells)
        let extra = labels.isEmpty ? [] : [(name: "group", values: (0..<persons).map { labels[$0 % labels.count] })]
        try PsychometricsIO.writeText(try PsychometricsIO.json(ParameterFile(items: bank)), to: outParams)
        try PsychometricsIO.writeText(ResponseCSV.render(matrix, extraColumns: extra), to: out)
    }
}
