import ArgumentParser
import Psychometrics

/// `empass simulate-cat`: adaptive tests for simulated persons on a bank, one CAT per skill.
struct SimulateCATCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate-cat",
        abstract: "Simulate adaptive tests (θ ~ N(0,1) per skill, optionally correlated) and report length, accuracy and exposure.")

    @Option(help: "PARAMS.json; items with the same skill form one scale.")
    var params: String

    @Option(help: "Number of simulated persons.")
    var persons: Int = 1000

    @Option(help: "Stop a skill at this posterior SD.")
    var se: Double = 0.4

    @Option(help: "Random seed.")
    var seed: UInt64 = 1

    @Option(name: .customLong("min-items"), help: "Minimum items per skill.")
    var minItems: Int = 2

    @Option(name: .customLong("max-items"), help: "Maximum items per skill.")
    var maxItems: Int = 12

    @Option(help: "Item selection: mfi (maximum Fisher information at the EAP), mpwi (maximum posterior-weighted information) or mepv (minimum expected posterior variance, the default).")
    var selection: ItemSelectionCriterion = .minimumExpectedPosteriorVariance

    @Option(help: "Randomesque: choose at random among the K best items by the selection criterion.")
    var randomesque: Int = 1

    @Option(name: .customLong("max-exposure"), help: "Sympson–Hetter target exposure rate (parameters estimated by simulation first).")
    var maxExposure: Double?

    @Option(name: .customLong("sh-margin"), help: "Calibrate Sympson–Hetter to the target minus this (default 3.5·√(r(1−r)/persons)): many items sit at the calibrated rate, and the largest of them observed in N persons lands ≈ 3–3.5 SD above it.")
    var shMargin: Double?

    @Option(name: .customLong("sh-rounds"), help: "Sympson–Hetter calibration rounds.")
    var shRounds: Int = 15

    @Option(name: .customLong("sh-persons"), help: "Simulated persons per Sympson–Hetter round.")
    var shPersons: Int = 1000

    @Option(name: .customLong("exposure-cap"), help: "Exposure cap by eligibility (restricted method): an item is not offered to the next person once the share of earlier persons given it reaches this rate; no calibration run. Alternative to --max-exposure.")
    var exposureCap: Double?

    @Option(help: "Correlation between every pair of skills, 0 ≤ ρ < 1: persons are drawn with it and the CAT's prior uses it (each skill's prior conditioned on the other skills' responses). 0 (default): independent skills, one CAT per skill.")
    var correlation: Double = 0

    @Flag(help: "Print the report as JSON.")
    var json = false

    func run() throws {
        let bank = try PsychometricsIO.readParameters(params)
        var config = AdaptiveTestConfiguration(standardErrorTarget: se, minItemsPerSkill: minItems,
                                               maxItemsPerSkill: maxItems, selection: selection, randomesque: randomesque)
        config.skillCorrelation = correlation
        config.maximumExposure = exposureCap
        if exposureCap != nil, maxExposure != nil {
            throw ValidationError("--exposure-cap and --max-exposure are two exposure controls: choose one")
        }
        try config.validate(bankSize: bank.count)
        var shNote = "none"
        if let maxExposure {
            let shMargin = shMargin ?? 3.5 * (maxExposure * (1 - maxExposure) / Double(persons)).squareRoot()
            // Exposure parameters come from their own simulated persons (seed + 1), not the evaluated ones.
            var calibrationRNG = SeededGenerator(seed: seed &+ 1)
            let calibration = try CATSimulator.sympsonHetterParameters(
                bank: bank, configuration: config, targetExposure: maxExposure, margin: shMargin, persons: shPersons,
                rounds: shRounds, using: &calibrationRNG)
            config.exposureParameters = calibration.parameters
            let last = calibration.maxExposureByRound.last ?? .nan
            shNote = "target \(maxExposure) (calibrated to \(PsychometricsIO.format(maxExposure - shMargin, 3))), \(shRounds) rounds × \(shPersons) persons (K averaged over the last \(shRounds - shRounds / 2)), last round max exposure \(PsychometricsIO.format(last, 3))"
        }
        var rng = SeededGenerator(seed: seed)
        let report = try CATSimulator.run(bank: bank, configuration: config, persons: persons, using: &rng)
        if json {
            print(try PsychometricsIO.json(report), terminator: "")
            return
        }
        let f = PsychometricsIO.format
        print("persons \(persons), skill correlation \(correlation), SE target \(se), items per skill \(minItems)…\(maxItems), selection \(selection.rawValue), randomesque \(randomesque), Sympson–Hetter: \(shNote), exposure cap: \(exposureCap.map { String($0) } ?? "none")")
        print("skill,mean_items,max_items,rmse,bias,mean_se,reached_se")
        for s in report.skills {
            print("\(s.skill.isEmpty ? "-" : s.skill),\(f(s.meanItems, 2)),\(s.maxItems),\(f(s.rmse, 3)),\(f(s.bias, 3)),\(f(s.meanStandardError, 3)),\(f(s.reachedTarget, 3))")
        }
        print("mean items per skill: \(f(report.meanItemsPerSkill, 2)) (max \(report.skills.map(\.maxItems).max() ?? 0)); mean test length: \(f(report.meanTestLength, 1))")
        print("theta RMSE: \(f(report.rmse, 3)); bias: \(f(report.bias, 3))")
        print("max item exposure: \(f(report.maxExposure, 3)); unused items: \(f(report.unusedItems, 3)); mean test overlap: \(f(report.meanOverlap, 3))")
    }
}

extension ItemSelectionCriterion: ExpressibleByArgument {}
