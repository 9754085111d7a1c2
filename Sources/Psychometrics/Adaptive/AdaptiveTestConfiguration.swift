/// Rules of an adaptive test in which every skill is its own unidimensional scale.
public struct AdaptiveTestConfiguration: Sendable {
    /// Stop a skill once its posterior SD is at or below this (and the minimum is reached).
    public var standardErrorTarget: Double
    public var minItemsPerSkill: Int
    public var maxItemsPerSkill: Int
    /// How the remaining items of a skill are ranked. Default: minimum expected posterior variance, which
    /// needed 0.04–0.07 fewer items per skill than maximum information at the EAP on every seed measured
    /// (30 GRM items per skill, SE 0.40; README, simulate-cat), at equal RMSE.
    public var selection: ItemSelectionCriterion
    /// Randomesque exposure control: choose at random among the `randomesque` most informative items (1 = none).
    public var randomesque: Int
    /// Sympson–Hetter exposure parameters K_i ∈ (0, 1] per bank item (nil = no Sympson–Hetter):
    /// a selected item is administered with probability K_i, otherwise set aside for this person.
    /// Estimate them with `CATSimulator.sympsonHetterParameters` for this same configuration.
    public var exposureParameters: [Double]?
    /// Exposure cap by eligibility (the "restricted" method, Revuelta & Ponsoda 1998): an item is
    /// eligible for a new person only while the share of earlier persons who were given it is below
    /// this rate; selection then ranks the eligible items only (the least exposed remaining item of a
    /// skill when none of them is eligible). Unlike Sympson–Hetter nothing is calibrated beforehand
    /// and no lottery runs during the test: the caller keeps the counts (`ExposureLedger`) and hands
    /// each test their projection (`AdaptiveTest.projectedExposure`). nil = no cap.
    public var maximumExposure: Double? = nil
    /// Quadrature for the interim EAP estimates.
    public var quadrature: Quadrature
    /// Correlation between every pair of skills assumed by the prior (`CorrelatedSkillsPrior`): 0 is
    /// one independent CAT per skill; above 0 each skill's prior is conditioned on the others'
    /// responses, and its θ and SE (so stopping and selection) borrow strength from them. Simulated
    /// persons are drawn with the same correlation.
    public var skillCorrelation: Double = 0

    public init(standardErrorTarget: Double = 0.4, minItemsPerSkill: Int = 2, maxItemsPerSkill: Int = 12,
                selection: ItemSelectionCriterion = .minimumExpectedPosteriorVariance,
                randomesque: Int = 1, exposureParameters: [Double]? = nil,
                quadrature: Quadrature = try! Quadrature(.grid(points: 49, lower: -6, upper: 6))) {
        self.standardErrorTarget = standardErrorTarget
        self.minItemsPerSkill = minItemsPerSkill
        self.maxItemsPerSkill = maxItemsPerSkill
        self.selection = selection
        self.randomesque = randomesque
        self.exposureParameters = exposureParameters
        self.quadrature = quadrature
    }

    public func validate(bankSize: Int) throws(PsychometricsError) {
        guard standardErrorTarget > 0 else { throw .invalidArgument("the SE target must be positive") }
        guard minItemsPerSkill >= 0, maxItemsPerSkill >= max(1, minItemsPerSkill) else {
            throw .invalidArgument("need 0 ≤ min items ≤ max items and max items ≥ 1")
        }
        guard randomesque >= 1 else { throw .invalidArgument("randomesque needs k ≥ 1") }
        guard skillCorrelation >= 0, skillCorrelation < 1 else {
            throw .invalidArgument("the skill correlation must be in [0, 1); got \(skillCorrelation)")
        }
        if let cap = maximumExposure, !(cap > 0 && cap <= 1) {
            throw .invalidArgument("the maximum exposure must be in (0, 1]; got \(cap)")
        }
        if let k = exposureParameters {
            guard k.count == bankSize, k.allSatisfy({ $0 > 0 && $0 <= 1 }) else {
                throw .invalidArgument("Sympson–Hetter needs one exposure parameter in (0, 1] per bank item")
            }
        }
    }
}
