/// One person's adaptive test over a multi-skill bank: one unidimensional CAT per skill, interleaved.
///
/// Content balancing: the next item goes to the unfinished skill furthest from its stopping rule — the
/// one with the largest SE/target, ties to the skill with fewer items, then bank order — so skills are
/// visited in rotation at first and the imprecise ones get more items later.
/// Item selection: by the configured criterion (maximum Fisher information at the skill's current EAP,
/// posterior-weighted information, or minimum expected posterior variance), with randomesque and
/// Sympson–Hetter exposure control. A skill stops when SE ≤ target with at least the minimum of items,
/// at the maximum, or when its items run out.
///
/// Sympson–Hetter: a selected item is given with probability K_i, otherwise set aside for this person
/// and the next best is tried. When every remaining item of the skill has been set aside, the set-aside
/// list is cleared and the lottery runs again over the remaining items (a fresh pass), so that every
/// administration goes through the lottery. (The earlier rule — give the remaining item with the largest
/// K_i without a lottery — sent every person whose pool ran out to the same item, outside the control:
/// that item's exposure went to 0.84 against a 0.25 target.)
public struct AdaptiveTest: Sendable {
    public struct SkillState: Sendable {
        public let skill: String
        /// Bank indices of this skill's items.
        public let bankItems: [Int]
        public internal(set) var administered: [Int] = []
        public internal(set) var responses: [(item: Int, category: Int)] = []  // indices into bankItems
        public internal(set) var estimate: AbilityEstimate
        /// Normalised posterior weights on the configuration's quadrature nodes.
        var posterior: [Double]
        /// Items set aside by Sympson–Hetter for this person.
        var blocked: Set<Int> = []
        /// The estimate from this skill's responses under N(0, 1), which the correlated prior summarises.
        var ownEstimate: AbilityEstimate
    }

    public let bank: [ItemParameters]
    public let configuration: AdaptiveTestConfiguration
    public private(set) var skills: [SkillState]
    private let scorers: [AbilityScorer]
    /// Item probabilities and information on the quadrature nodes (only for the posterior-based criteria).
    private let tables: ItemNodeTables?
    /// Bank items selected (before the Sympson–Hetter lottery), for exposure-parameter estimation.
    public private(set) var selected: [Int] = []
    private var pending: (skill: Int, item: Int)?
    /// Under `configuration.maximumExposure`: per bank item, the share of persons who will have been
    /// given it if this person is too (`ExposureLedger.projectedRates`, set before the first
    /// `nextItem`). Empty: no exposure cap for this test.
    public var projectedExposure: [Double] = []
    /// Present when `configuration.skillCorrelation > 0`.
    private let correlatedPrior: CorrelatedSkillsPrior?

    public init(bank: [ItemParameters], configuration: AdaptiveTestConfiguration) throws(PsychometricsError) {
        try configuration.validate(bankSize: bank.count)
        for item in bank { try item.validate() }
        var order: [String] = []
        var members: [String: [Int]] = [:]
        for (i, item) in bank.enumerated() {
            let skill = item.skill ?? ""
            if members[skill] == nil { order.append(skill) }
            members[skill, default: []].append(i)
        }
        self.bank = bank
        self.configuration = configuration
        scorers = order.map { skill in AbilityScorer(items: members[skill]!.map { bank[$0] }, quadrature: configuration.quadrature) }
        let prior = AbilityScorer(items: [], quadrature: configuration.quadrature).posterior([])
        skills = order.map { skill in
            SkillState(skill: skill, bankItems: members[skill]!, estimate: prior.estimate, posterior: prior.weights,
                       ownEstimate: prior.estimate)
        }
        correlatedPrior = configuration.skillCorrelation > 0
            ? try CorrelatedSkillsPrior(skills: order.count, rho: configuration.skillCorrelation) : nil
        tables = configuration.selection == .maximumInformation ? nil
            : ItemNodeTables(bank: bank, nodes: configuration.quadrature.nodes)
    }

    func isFinished(_ s: SkillState) -> Bool {
        let n = s.administered.count
        if n >= configuration.maxItemsPerSkill || n >= s.bankItems.count { return true }
        return n >= configuration.minItemsPerSkill && s.estimate.standardError <= configuration.standardErrorTarget
    }

    public var isFinished: Bool { skills.allSatisfy(isFinished) }

    /// The next bank item to present, or nil when every skill has stopped.
    public mutating func nextItem(using rng: inout some RandomNumberGenerator) -> Int? {
        if let pending { return pending.item }
        var best: Int? = nil
        for (index, s) in skills.enumerated() where !isFinished(s) {
            guard let current = best else { best = index; continue }
            let a = s.estimate.standardError / configuration.standardErrorTarget
            let b = skills[current].estimate.standardError / configuration.standardErrorTarget
            if a > b + 1e-12 || (abs(a - b) <= 1e-12 && s.administered.count < skills[current].administered.count) {
                best = index
            }
        }
        guard let skillIndex = best else { return nil }
        let s = skills[skillIndex]
        // Remaining items of this skill ranked by the selection criterion (best first).
        var ranked: [(local: Int, score: Double)] = []
        for local in s.bankItems.indices where !s.administered.contains(local) {
            let score = configuration.selection.score(item: s.bankItems[local], bank: bank, tables: tables,
                                                      estimate: s.estimate, posterior: s.posterior,
                                                      nodes: configuration.quadrature.nodes)
            ranked.append((local, score))
        }
        ranked.sort { $0.score > $1.score }
        if let cap = configuration.maximumExposure, !projectedExposure.isEmpty {
            // Eligible: items this person can take without going over the cap. When a skill has
            // none left, its least exposed item, not its most informative: the fallback would
            // otherwise send every long test to the same strong items and take them over the cap.
            let eligible = ranked.filter { projectedExposure[s.bankItems[$0.local]] <= cap + 1e-12 }
            if !eligible.isEmpty {
                ranked = eligible
            } else if let least = ranked.indices.min(by: {
                projectedExposure[s.bankItems[ranked[$0].local]] < projectedExposure[s.bankItems[ranked[$1].local]]
            }) {
                ranked = [ranked[least]]
            }
        }
        var candidates = ranked.filter { !s.blocked.contains($0.local) }
        var chosen: Int? = nil
        var passes = 0
        while chosen == nil {
            if candidates.isEmpty {
                // Every remaining item was set aside: a fresh pass over them (see the type's comment).
                // K_i > 0, so a pass accepts an item with positive probability; after 1,000 passes
                // (K ≈ 0 everywhere) give the best remaining item rather than loop on.
                passes += 1
                if passes > 1000 { chosen = ranked[0].local; break }
                skills[skillIndex].blocked.removeAll()
                candidates = ranked
            }
            let top = min(configuration.randomesque, candidates.count)
            let pick = top == 1 ? 0 : Int(rng.next(upperBound: UInt64(top)))
            let local = candidates[pick].local
            let bankIndex = s.bankItems[local]
            selected.append(bankIndex)
            if let k = configuration.exposureParameters, rng.nextUniform() >= k[bankIndex] {
                skills[skillIndex].blocked.insert(local)
                candidates.remove(at: pick)
                continue
            }
            chosen = local
        }
        let local = chosen!
        pending = (skillIndex, local)
        return s.bankItems[local]
    }

    /// Records the response to the item returned by `nextItem` and updates that skill's EAP.
    public mutating func record(category: Int) throws(PsychometricsError) {
        guard let (skillIndex, local) = pending else { throw .invalidArgument("no item is awaiting a response") }
        try update(skillIndex: skillIndex, local: local, category: category)
    }

    /// Records a response to `bankItem` given earlier, as `record(category:)` would have after
    /// `nextItem` returned it: for resuming a test from its stored responses, replayed in the order
    /// they were given. The item must belong to the bank and not have been administered yet; if an
    /// item is awaiting a response it must be this one. What a replay cannot restore is what the
    /// earlier run drew at random: the Sympson–Hetter set-asides (the resumed test starts with none)
    /// and `selected`, which only `nextItem` appends to.
    public mutating func replay(bankItem: Int, category: Int) throws(PsychometricsError) {
        guard bank.indices.contains(bankItem) else {
            throw .invalidArgument("item \(bankItem) is not in the bank of \(bank.count) items")
        }
        let skill = bank[bankItem].skill ?? ""
        // Every bank item is in exactly one skill (see init).
        let skillIndex = skills.firstIndex { $0.skill == skill }!
        let local = skills[skillIndex].bankItems.firstIndex(of: bankItem)!
        guard !skills[skillIndex].administered.contains(local) else {
            throw .invalidArgument("item \(bank[bankItem].id) has been administered already")
        }
        if let pending, pending.skill != skillIndex || pending.item != local {
            throw .invalidArgument("item \(bank[skills[pending.skill].bankItems[pending.item]].id) is awaiting a response")
        }
        try update(skillIndex: skillIndex, local: local, category: category)
    }

    /// The one update after a response, shared by `record` and `replay`: appends it to the skill and
    /// refreshes the EAP (every skill's under the correlated prior). Throws before changing anything.
    private mutating func update(skillIndex: Int, local: Int, category: Int) throws(PsychometricsError) {
        let item = bank[skills[skillIndex].bankItems[local]]
        guard (0..<item.categoryCount).contains(category) else {
            throw .categoryOutOfRange(person: "-", item: item.id, category: category, maximum: item.categoryCount - 1)
        }
        pending = nil
        skills[skillIndex].administered.append(local)
        skills[skillIndex].responses.append((local, category))
        let posterior = scorers[skillIndex].posterior(skills[skillIndex].responses)
        skills[skillIndex].ownEstimate = posterior.estimate
        guard let correlatedPrior else {
            skills[skillIndex].estimate = posterior.estimate
            skills[skillIndex].posterior = posterior.weights
            return
        }
        // Every skill's prior depends on the others' evidence: refresh them all (11 small posteriors).
        let summaries = skills.map { CorrelatedSkillsPrior.likelihoodSummary(standardPrior: $0.ownEstimate) }
        for s in skills.indices {
            let prior = correlatedPrior.prior(for: s, given: summaries)
            let updated = scorers[s].posterior(skills[s].responses, prior: prior)
            skills[s].estimate = updated.estimate
            skills[s].posterior = updated.weights
        }
    }
}
