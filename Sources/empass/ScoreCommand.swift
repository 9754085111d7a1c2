import ArgumentParser
import Psychometrics

/// `empass score`: EAP (or MAP) ability estimates from calibrated parameters.
struct ScoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "Score persons (EAP with posterior SD as SE, or MAP); prints person,theta,se.")

    enum Method: String, ExpressibleByArgument { case eap, map }

    @Option(help: "PARAMS.json from calibrate.")
    var params: String

    @Argument(help: "Response CSV (same format as for calibrate).")
    var responses: String

    @Option(help: "eap or map.")
    var method: Method = .eap

    @OptionGroup var quadrature: QuadratureOptions

    func run() throws {
        let items = try PsychometricsIO.readParameters(params)
        let table = try ResponseCSV.parse(try PsychometricsIO.readText(responses))
        let matrix = try table.matrix.aligned(to: items)
        let scorer = AbilityScorer(items: items, quadrature: try quadrature.make())
        var out = "person,theta,se\n"
        for p in 0..<matrix.personCount {
            var pattern: [(item: Int, category: Int)] = []
            for j in 0..<matrix.itemCount where matrix[p, j] >= 0 { pattern.append((j, Int(matrix[p, j]))) }
            let estimate = method == .eap ? scorer.eap(pattern) : scorer.map(pattern)
            out += "\(matrix.personIDs[p]),\(PsychometricsIO.format(estimate.theta, 6)),\(PsychometricsIO.format(estimate.standardError, 6))\n"
        }
        print(out, terminator: "")
    }
}
