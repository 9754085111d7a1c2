/// Results of simulating adaptive tests for persons with known abilities: θ ~ N(0, 1) per skill,
/// independent, or jointly normal with the configuration's `skillCorrelation` between every pair
/// (the same value the correlated prior assumes).
public struct CATSimulationReport: Codable, Sendable {
    public struct Skill: Codable, Sendable {
        public var skill: String
        public var meanItems: Double
        public var maxItems: Int
        public var rmse: Double
        public var bias: Double
        public var meanStandardError: Double
        /// Share of persons whose final SE met the target.
        public var reachedTarget: Double
    }

    public var persons: Int
    public var skills: [Skill]
    public var meanItemsPerSkill: Double
    public var meanTestLength: Double
    public var rmse: Double
    public var bias: Double
    /// Largest share of persons who were given any one item.
    public var maxExposure: Double
    /// Share of items never given to anyone.
    public var unusedItems: Double
    /// Mean test overlap: the expected share of a person's items that another random person also got,
    /// Σ_i C(n_i, 2) / C(N, 2) / mean test length (Chen, Ankenmann & Spray 2003, variable length).
    public var meanOverlap: Double
    public var administrations: [Int]
    public var selections: [Int]
}

public enum CATSimulator {
    public static func run(bank: [ItemParameters], configuration: AdaptiveTestConfiguration, persons: Int,
                           using rng: inout some RandomNumberGenerator) throws(PsychometricsError) -> CATSimulationReport {
        guard persons >= 2 else { throw .invalidArgument("simulate at least 2 persons") }
        let template = try AdaptiveTest(bank: bank, configuration: configuration)
        let skillCount = template.skills.count
        let correlated = configuration.skillCorrelation > 0
            ? try CorrelatedSkillsPrior(skills: skillCount, rho: configuration.skillCorrelation) : nil
        var administrations = [Int](repeating: 0, count: bank.count)
        var selections = [Int](repeating: 0, count: bank.count)
        var lengths = [[Int]](repeating: [], count: skillCount)
        var errors = [[Double]](repeating: [], count: skillCount)
        var ses = [[Double]](repeating: [], count: skillCount)
        var reached = [Int](repeating: 0, count: skillCount)
        var ledger = try configuration.maximumExposure.map { cap throws(PsychometricsError) in
            try ExposureLedger(bankSize: bank.count, cap: cap)
        }
        for _ in 0..<persons {
            let thetas = correlated?.draw(using: &rng) ?? (0..<skillCount).map { _ in rng.nextNormal() }
            var test = template
            if let ledger { test.projectedExposure = ledger.projectedRates }
            var skillOfItem: [Int: Int] = [:]
            for (s, state) in test.skills.enumerated() { for i in state.bankItems { skillOfItem[i] = s } }
            while let item = test.nextItem(using: &rng) {
                let x = ResponseSimulator.draw(bank[item], theta: thetas[skillOfItem[item]!], using: &rng)
                try test.record(category: x)
                administrations[item] += 1
            }
            for i in test.selected { selections[i] += 1 }
            ledger?.record(test: test.skills.flatMap { state in state.administered.map { state.bankItems[$0] } })
            for (s, state) in test.skills.enumerated() {
                lengths[s].append(state.administered.count)
                errors[s].append(state.estimate.theta - thetas[s])
                ses[s].append(state.estimate.standardError)
                if state.estimate.standardError <= configuration.standardErrorTarget { reached[s] += 1 }
            }
        }
        let n = Double(persons)
        var skillReports: [CATSimulationReport.Skill] = []
        for (s, state) in template.skills.enumerated() {
            skillReports.append(.init(
                skill: state.skill,
                meanItems: Double(lengths[s].reduce(0, +)) / n,
                maxItems: lengths[s].max() ?? 0,
                rmse: (errors[s].reduce(0) { $0 + $1 * $1 } / n).squareRoot(),
                bias: errors[s].reduce(0, +) / n,
                meanStandardError: ses[s].reduce(0, +) / n,
                reachedTarget: Double(reached[s]) / n))
        }
        let allErrors = errors.flatMap { $0 }
        let meanLength = Double(administrations.reduce(0, +)) / n
        var pairs = 0.0
        for c in administrations { pairs += Double(c) * Double(c - 1) / 2 }
        let overlap = pairs / (n * (n - 1) / 2) / meanLength
        return CATSimulationReport(
            persons: persons, skills: skillReports,
            meanItemsPerSkill: meanLength / Double(skillCount), meanTestLength: meanLength,
            rmse: (allErrors.reduce(0) { $0 + $1 * $1 } / Double(allErrors.count)).squareRoot(),
            bias: allErrors.reduce(0, +) / Double(allErrors.count),
            maxExposure: Double(administrations.max() ?? 0) / n,
            unusedItems: Double(administrations.filter { $0 == 0 }.count) / Double(bank.count),
            meanOverlap: overlap, administrations: administrations, selections: selections)
    }
}
