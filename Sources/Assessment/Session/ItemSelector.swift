import Psychometrics

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
}

/// Chooses the next scenario, or nil when the test is complete.
public protocol ItemSelector: Sendable {
    func nextItem<R: RandomNumberGenerator>(_ context: SelectionContext, using generator: inout R) throws(TestSessionError) -> ItemID?
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

/// Adaptive delivery by Psychometrics' `AdaptiveTest`, the one adaptive engine (the same that
/// `empass simulate-cat` runs): each of the form's skills is its own scale, the next scenario goes to
/// the unfinished skill with the largest SE/target (ties: fewer scenarios so far, then the form's
/// skill order), the skill's remaining scenarios are ranked by `AdaptiveSettings.selection` (default
/// minimum expected posterior variance) and one of the best `randomesqueCandidates` is drawn with the
/// session's generator; a skill stops at SE ≤ target after the minimum, at the maximum, or when its
/// scenarios run out. No Sympson–Hetter, exposure cap or correlated-skills prior (yet): the EAPs
/// use the N(0, 1) prior per skill, as the scorer does.
///
/// The selector keeps no state: every call builds the test from the form's eligible scenarios and
/// replays the answered ones in the order they were given (`AdaptiveTest.replay`), so a resumed
/// session, whose generator is derived from its stored seed, is shown the same scenario.
/// Interim EAPs use the scorer's grid (`GRMQuadratureEstimator.quadrature`), so the SE a skill
/// stops on is the SE its result reports.
public struct AdaptiveItemSelector: ItemSelector {
    /// Quadrature of the interim EAPs.
    public var quadrature: Quadrature

    public init(estimator: GRMQuadratureEstimator = GRMQuadratureEstimator()) { quadrature = estimator.quadrature }

    public func nextItem<R: RandomNumberGenerator>(_ context: SelectionContext, using generator: inout R) throws(TestSessionError) -> ItemID? {
        switch context.form.delivery {
        case .fixed: return FixedFormSelector().nextItem(context, using: &generator)
        case .adaptive(let settings):
            var resumed = try test(context, settings: settings)
            return resumed.test.nextItem(using: &generator).map { resumed.items[$0] }
        }
    }

    /// The settings as a Psychometrics configuration on this selector's quadrature.
    public func configuration(_ settings: AdaptiveSettings) -> AdaptiveTestConfiguration {
        AdaptiveTestConfiguration(
            standardErrorTarget: settings.targetStandardError, minItemsPerSkill: settings.minimumItemsPerSkill,
            maxItemsPerSkill: settings.maximumItemsPerSkill, selection: settings.selection,
            randomesque: settings.randomesqueCandidates, quadrature: quadrature)
    }

    /// The adaptive test of `context` with its answered scenarios replayed; `items[i]` is the
    /// scenario of the test's bank index i.
    ///
    /// The bank: per form skill (in the form's order), the bank's scenarios of that skill that the
    /// form allows (`TestSession.formAllows`), then that skill's answered scenarios the form no
    /// longer allows (e.g. withdrawn from the form's statuses after the learner answered them): the
    /// scorer still counts those, so they count here too, and being answered they are never chosen
    /// again. Answered scenarios of skills not on the form are ignored, as in scoring; answered
    /// scenarios no longer in the bank never reach the context (`TestSession.administered`).
    public func test(_ context: SelectionContext, settings: AdaptiveSettings) throws(TestSessionError) -> (test: AdaptiveTest, items: [ItemID]) {
        var items: [ItemID] = []
        var bank: [Psychometrics.ItemParameters] = []
        var included: Set<ItemID> = []
        func include(_ id: ItemID, _ skill: SkillID, _ parameters: ScenarioParameters) {
            guard included.insert(id).inserted else { return }
            items.append(id)
            bank.append(parameters.psychometricItem(id: id, skill: skill))
        }
        for skill in context.form.skills {
            for item in context.bank.items(for: skill) where TestSession.formAllows(item, context.form) {
                include(item.id, skill, item.parameters)
            }
            for answered in context.administered where answered.skill == skill {
                include(answered.itemID, skill, answered.parameters)
            }
        }
        var test: AdaptiveTest
        do {
            test = try AdaptiveTest(bank: bank, configuration: configuration(settings))
        } catch {
            throw .adaptiveSelectionFailed(form: context.form.id, reason: error.description)
        }
        let index = Dictionary(uniqueKeysWithValues: items.enumerated().map { ($1, $0) })
        for answered in context.administered {
            guard let bankItem = index[answered.itemID] else { continue }
            do {
                try test.replay(bankItem: bankItem, category: answered.category)
            } catch {
                throw .adaptiveSelectionFailed(form: context.form.id, reason: error.description)
            }
        }
        return (test, items)
    }
}
