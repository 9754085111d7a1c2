import ArgumentParser
import Psychometrics

/// `empass dif`: Mantel–Haenszel DIF with the ETS A/B/C classification.
struct DIFCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dif",
        abstract: "Mantel–Haenszel DIF of each item between a reference group and every other group (ETS A/B/C).",
        discussion: """
        Persons are matched on total score; persons with missing responses are left out. Dichotomous items: \
        alpha_mh, delta_mh = -2.35 ln(alpha_mh), continuity-corrected MH chi-square. Polytomous items: Mantel's \
        ordinal chi-square and the standardised mean difference (effect = SMD / item SD) with the ETS rule.
        """)

    @Option(help: "PARAMS.json (item ids and category counts).")
    var params: String

    @Argument(help: "Response CSV with a group column.")
    var responses: String

    @Option(name: .customLong("group-column"), help: "Name of the group column.")
    var groupColumn: String = "group"

    @Option(help: "Label of the reference group.")
    var reference: String

    func run() throws {
        let items = try PsychometricsIO.readParameters(params)
        let table = try ResponseCSV.parse(try PsychometricsIO.readText(responses), nonItemColumns: ["group", groupColumn])
        guard let groups = table.extraColumns[groupColumn] else { throw PsychometricsError.unknownColumn(groupColumn) }
        let matrix = try table.matrix.aligned(to: items)
        let results = try MantelHaenszelDIF.analyse(items: items, matrix: matrix, groups: groups, reference: reference)
        let f = PsychometricsIO.format
        var out = "item,focal,n_reference,n_focal,alpha_mh,delta_mh,chi_square,p_value,smd,effect_size,class\n"
        for r in results {
            out += [r.item, r.focalGroup, "\(r.referenceCount)", "\(r.focalCount)",
                    r.alphaMH.map { f($0, 4) } ?? "", r.deltaMH.map { f($0, 3) } ?? "", f(r.chiSquare, 3),
                    f(r.pValue, 4), f(r.standardizedMeanDifference, 4), f(r.effectSize, 3), r.classification.rawValue]
                .joined(separator: ",") + "\n"
        }
        print(out, terminator: "")
    }
}
