/// What a progress indicator shows: scenarios answered and the most the form can still ask.
/// For adaptive forms the maximum is an upper bound (skills × maximum per skill); the test
/// usually ends earlier, when every skill reaches its SE target.
public struct SessionProgress: Hashable, Sendable {
    public var answered: Int
    public var maximum: Int
    /// True when the maximum is a bound rather than the exact length (adaptive forms).
    public var isUpperBound: Bool

    /// 0…1, for a progress bar.
    public var fraction: Double { maximum == 0 ? 1 : min(1, Double(answered) / Double(maximum)) }
}

extension TestSession {
    public func progress(in form: Form) -> SessionProgress {
        switch form.delivery {
        case .fixed(let ids):
            SessionProgress(answered: answers.count, maximum: ids.count, isUpperBound: false)
        case .adaptive(let settings):
            SessionProgress(answered: answers.count, maximum: form.skills.count * settings.maximumItemsPerSkill,
                            isUpperBound: true)
        }
    }
}
