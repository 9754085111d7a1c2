/// Everything a learner or the server can do wrong with a session, as one typed error.
public enum TestSessionError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The action is not allowed in the session's current state (e.g. start twice, score before submit).
    case illegalTransition(from: TestSession.State, action: TestSession.Action)
    /// An answer or item request after the session was submitted or scored.
    case alreadySubmitted
    /// An answer arrived at or after the deadline; the session has been submitted.
    case timeExpired
    case notStarted
    case itemNotPresented(ItemID)
    case itemNotInForm(ItemID)
    case invalidRatings(String)
    /// Another created or in-progress session exists for this learner and form.
    case activeSessionExists(TestSessionID)
    /// Display-order ratings could not be mapped (wrong count).
    case invalidDisplayOrder
    /// The adaptive engine refused the form's settings or a stored response (a server fault, not the learner's).
    case adaptiveSelectionFailed(form: FormID, reason: String)

    public var description: String {
        switch self {
        case .illegalTransition(let state, let action): "cannot \(action) a session that is \(state)"
        case .alreadySubmitted: "the session has already been submitted; answers can no longer change"
        case .timeExpired: "the time limit has passed; the session was submitted automatically"
        case .notStarted: "the session has not been started"
        case .itemNotPresented(let id): "item \(id) has not been presented in this session"
        case .itemNotInForm(let id): "item \(id) does not belong to this form"
        case .invalidRatings(let reason): "invalid ratings: \(reason)"
        case .activeSessionExists(let id): "the learner already has an active session \(id) for this form"
        case .invalidDisplayOrder: "ratings must be given for the four displayed responses"
        case .adaptiveSelectionFailed(let form, let reason): "form \(form): the adaptive test cannot choose the next scenario: \(reason)"
        }
    }
}
