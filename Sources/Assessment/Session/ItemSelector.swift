/// What a selector sees: the form, the bank and the scenarios answered so far.
public struct SelectionContext: Sendable {
    public var form: Form
    public var bank: ItemBank
    public var administered: [AdministeredItem]

    public init(form: Form, bank: ItemBank, administered: [AdministeredItem]) {
        self.form = form
        self.bank = bank
        self.administered = administered
    }

    /// Items of `skill` the form may use that have not been shown yet.
    func remaining(for skill: SkillID) -> [Item] {
        let used = Set(administered.map(\.itemID))
        return bank.items(for: skill).filter { !used.contains($0.id) && TestSession.formAllows($0, form) }
    }
}

/// Chooses the next scenario, or nil when the test is complete.
public protocol ItemSelector: Sendable {
    func nextItem<R: RandomNumberGenerator>(_ context: SelectionContext, using generator: inout R) -> ItemID?
}

/// Fixed forms: the listed scenarios in the listed order.
public struct FixedFormSelector: ItemSelector {
    public init() {}

    public func nextItem<R: RandomNumberGenerator>(_ context: SelectionContext, using generator: inout R) -> ItemID? {
        guard case .fixed(let ids) = context.form.delivery else { return nil }
        let used = Set(context.administered.map(\.itemID))
        return ids.first { !used.contains($0) && context.bank[$0] != nil }
    }
}

/// Adaptive delivery, per skill: content-balanced round robin across the form's skills (the skill
/// with the fewest scenarios so far goes next), maximum Fisher information at the skill's current
/// EAP θ, randomesque choice among the top candidates for exposure control, and stopping when the
/// skill's SE reaches the target after the minimum number of scenarios, or at the maximum.
public struct AdaptiveItemSelector: ItemSelector {
    public var estimator: any AbilityEstimator

    public init(estimator: any AbilityEstimator = GRMQuadratureEstimator()) { self.estimator = estimator }

    /// Whether a skill needs no more scenarios, given its answered ones.
    public func isComplete(_ skill: SkillID, _ context: SelectionContext, settings: AdaptiveSettings) -> Bool {
        let answered = context.administered.filter { $0.skill == skill }
        if answered.count >= settings.maximumItemsPerSkill || context.remaining(for: skill).isEmpty { return true }
        guard answered.count >= settings.minimumItemsPerSkill else { return false }
        let posterior = estimator.posterior(answered.map { ScoredResponse(parameters: $0.parameters, category: $0.category) })
        return posterior.standardError <= settings.targetStandardError
    }

    public func nextItem<R: RandomNumberGenerator>(_ context: SelectionContext, using generator: inout R) -> ItemID? {
        switch context.form.delivery {
        case .fixed: return FixedFormSelector().nextItem(context, using: &generator)
        case .adaptive(let settings):
            let open = context.form.skills.filter { !isComplete($0, context, settings: settings) }
            let counts = Dictionary(grouping: context.administered, by: \.skill).mapValues(\.count)
            guard let skill = open.min(by: { counts[$0, default: 0] < counts[$1, default: 0] }) else { return nil }
            let answered = context.administered.filter { $0.skill == skill }
            let theta = estimator.posterior(answered.map { ScoredResponse(parameters: $0.parameters, category: $0.category) }).theta
            let ranked = context.remaining(for: skill)
                .map { (id: $0.id, information: estimator.information($0.parameters, at: theta)) }
                .sorted { ($0.information, $1.id.rawValue) > ($1.information, $0.id.rawValue) }
            let candidates = ranked.prefix(max(1, settings.randomesqueCandidates))
            return candidates.randomElement(using: &generator)?.id
        }
    }
}
