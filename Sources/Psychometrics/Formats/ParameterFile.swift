/// PARAMS.json: the item parameters of one or more scales, as written by `empass calibrate` and
/// `empass simulate-responses` and read by `score`, `dif` and `simulate-cat`.
///
/// ```json
/// { "model": "grm", "persons": 1500,
///   "items": [ { "id": "s1-1", "skill": "s1", "model": "grm", "a": 1.31, "b": [-0.9, 0.1, 1.2],
///                "seA": 0.06, "seB": [0.07, 0.05, 0.08],
///                "fit": { "statistic": "RMSD", "value": 0.012, "flagged": false, "responses": 1500 } } ],
///   "convergence": { "iterations": 17, "converged": true, "maxParameterChange": 4e-05,
///                    "logLikelihoodTrace": [...], "tolerance": 0.0001, "quadrature": "grid(61, -6.0…6.0)",
///                    "standardErrorMethod": "..." },
///   "marginalReliability": 0.93 }
/// ```
/// `seA`, `seB`, `fit`, `convergence`, `persons` and `marginalReliability` are absent for true
/// (simulated) or provisional parameters.
public struct ParameterFile: Codable, Sendable {
    public struct Item: Codable, Sendable {
        public var id: String
        public var skill: String?
        public var model: ResponseModel
        public var a: Double
        public var b: [Double]
        public var seA: Double?
        public var seB: [Double]?
        public var fit: ItemFit?

        public var parameters: ItemParameters { ItemParameters(id: id, skill: skill, model: model, a: a, b: b) }
    }

    public var model: ResponseModel?
    public var persons: Int?
    public var items: [Item]
    public var convergence: ConvergenceReport?
    public var marginalReliability: Double?

    public init(items: [ItemParameters]) {
        self.items = items.map { Item(id: $0.id, skill: $0.skill, model: $0.model, a: $0.a, b: $0.b) }
        model = items.first?.model
    }

    public init(calibration: CalibrationResult) {
        items = calibration.items.map {
            Item(id: $0.parameters.id, skill: $0.parameters.skill, model: $0.parameters.model, a: $0.parameters.a,
                 b: $0.parameters.b, seA: $0.seA, seB: $0.seB, fit: $0.fit)
        }
        model = calibration.items.first?.parameters.model
        persons = calibration.personCount
        convergence = calibration.report
        marginalReliability = TestInformation.marginalReliability(calibration.items.map(\.parameters))
    }

    /// The items, checked (finite, ordered, positive a, unique ids).
    public func validatedItems() throws(PsychometricsError) -> [ItemParameters] {
        guard !items.isEmpty else { throw .invalidArgument("the parameter file lists no items") }
        var seen = Set<String>()
        var out: [ItemParameters] = []
        for item in items {
            guard seen.insert(item.id).inserted else { throw .invalidParameters(item: item.id, reason: "listed twice") }
            let p = item.parameters
            try p.validate()
            out.append(p)
        }
        return out
    }
}
