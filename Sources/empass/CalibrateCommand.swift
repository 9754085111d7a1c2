import ArgumentParser
import Foundation
import Psychometrics

/// `empass calibrate`: MML-EM calibration of one unidimensional scale from a response CSV.
struct CalibrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calibrate",
        abstract: "Calibrate 2PL or GRM item parameters (marginal maximum likelihood, EM) from RESPONSES.csv.")

    @Option(help: "Item response model: grm or 2pl.")
    var model: ResponseModel

    @Argument(help: "CSV with header person,<item id>,… (an optional group column is ignored); 0-based categories; empty = not administered.")
    var responses: String

    @Option(help: "Write PARAMS.json here (default: print it).")
    var out: String?

    @Option(help: "Skill to record on every item of this scale.")
    var skill: String?

    @Option(name: .customLong("max-iterations"), help: "Maximum EM iterations.")
    var maxIterations: Int = 500

    @Option(help: "Convergence tolerance on the largest change of any a or b.")
    var tolerance: Double = 1e-4

    @Flag(name: .customLong("no-standard-errors"), help: "Skip standard errors.")
    var noStandardErrors = false

    @OptionGroup var quadrature: QuadratureOptions

    func run() throws {
        let table = try ResponseCSV.parse(try PsychometricsIO.readText(responses))
        var options = CalibrationOptions(model: model, quadrature: try quadrature.make(), maxIterations: maxIterations,
                                         tolerance: tolerance, computeStandardErrors: !noStandardErrors)
        if let skill { options.skills = Dictionary(uniqueKeysWithValues: table.matrix.itemIDs.map { ($0, skill) }) }
        let result = try MMLCalibrator.calibrate(table.matrix, options: options)
        guard result.report.converged else {
            throw PsychometricsError.nonConvergence(iterations: result.report.iterations, maxChange: result.report.maxParameterChange)
        }
        let json = try PsychometricsIO.json(ParameterFile(calibration: result))
        if let out {
            try PsychometricsIO.writeText(json, to: out)
            let flagged = result.items.filter(\.fit.flagged).map(\.parameters.id)
            print("calibrated \(result.items.count) items on \(result.personCount) persons: converged in \(result.report.iterations) EM iterations, log-likelihood \(PsychometricsIO.format(result.report.finalLogLikelihood, 3))")
            print("misfitting items (RMSD > \(ItemFit.flagThreshold)): \(flagged.isEmpty ? "none" : flagged.joined(separator: ", "))")
        } else {
            print(json, terminator: "")
        }
    }
}

extension ResponseModel: ExpressibleByArgument {}
