/// One person's adaptive test over a multi-skill bank: one unidimensional CAT per skill, interleaved.
///
/// Content balancing: the next item goes to the unfinished skill furthest from its stopping rule — the
/// one with the largest SE/target, ties to the skill with fewer items, then bank order — so skills are
/// visited in rotation at first and the imprecise ones get more items later.
/// Item selection: maximum Fisher information at the skill's current EAP, with randomesque and
/// Sympson–Hetter exposure control. A skill stops when SE ≤ target with at least the minimum of items,
/// at the maximum, or when its items run out.
public struct AdaptiveTest: Sendable {
    public struct SkillState: Sendable {
        public let skill: String
        /// Bank indices of this skill's items.
        public let bankItems: [Int]
        public internal(set) var administered: [Int] = []
        public internal(set) var responses: [(item: Int, category: Int)] = []  // indices into bankItems
        public internal(set) var estimate: AbilityEstimate
        /// Items set aside by Sympson–Hetter for this person.
        var blocked: Set<Int> = []
    }

    public let bank: [ItemParameters]
    public let configuration: AdaptiveTestConfiguration
    public private(set) var skills: [SkillState]
    private let scorers: [AbilityScorer]
    /// Bank items selected (before the Sympson–Hetter lottery), for exposure-parameter estimation.
    public private(set) var selected: [Int] = []
    private var pending: (skill: Int, item: Int)?

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
        skills = order.enumerated().map { index, skill in
            SkillState(skill: skill, bankItems: members[skill]!, estimate: AbilityScorer.prior(configuration.quadrature))
        }
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
        let theta = s.estimate.theta
        // Eligible items of this skill ranked by information at θ̂.
        var ranked: [(local: Int, information: Double)] = []
        for local in s.bankItems.indices where !s.administered.contains(local) {
            ranked.append((local, bank[s.bankItems[local]].information(at: theta)))
        }
        ranked.sort { $0.information > $1.information }
        var candidates = ranked.filter { !s.blocked.contains($0.local) }
        var chosen: Int? = nil
        while chosen == nil, !candidates.isEmpty {
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
        // Every remaining item was set aside by the lottery: rather than end the skill short, give the
        // remaining item with the largest exposure parameter (the least over-exposed one), ties to the
        // more informative; giving the most informative would undo the exposure control.
        var local = ranked[0].local
        if let chosen {
            local = chosen
        } else if let k = configuration.exposureParameters {
            var best = -1.0
            for candidate in ranked where k[s.bankItems[candidate.local]] > best {
                best = k[s.bankItems[candidate.local]]
                local = candidate.local
            }
        }
        pending = (skillIndex, local)
        return s.bankItems[local]
    }

    /// Records the response to the item returned by `nextItem` and updates that skill's EAP.
    public mutating func record(category: Int) throws(PsychometricsError) {
        guard let (skillIndex, local) = pending else { throw .invalidArgument("no item is awaiting a response") }
        let item = bank[skills[skillIndex].bankItems[local]]
        guard (0..<item.categoryCount).contains(category) else {
            throw .categoryOutOfRange(person: "-", item: item.id, category: category, maximum: item.categoryCount - 1)
        }
        pending = nil
        skills[skillIndex].administered.append(local)
        skills[skillIndex].responses.append((local, category))
        skills[skillIndex].estimate = scorers[skillIndex].eap(skills[skillIndex].responses)
    }
}

extension AbilityScorer {
    /// The prior as an estimate (before any response).
    static func prior(_ quadrature: Quadrature) -> AbilityEstimate {
        AbilityScorer(items: [], quadrature: quadrature).eap([])
    }
}
