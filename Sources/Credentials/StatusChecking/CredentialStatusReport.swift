/// What a credential's status entries say, after fetching and checking their lists.
public struct CredentialStatusReport: Sendable, Hashable, Codable {
    public enum State: String, Sendable, Hashable, Codable {
        /// Every status entry was checked and none is set.
        case active
        case revoked
        case suspended
        /// At least one entry could not be checked and none that was checked is set.
        case couldNotCheck
        /// The credential declares no status: there is nothing to revoke it with.
        case noStatus
    }

    public struct Entry: Sendable, Hashable, Codable {
        public enum Outcome: String, Sendable, Hashable, Codable { case clear, set, notChecked }
        public var purpose: String
        public var listCredential: String?
        public var index: Int?
        public var outcome: Outcome
        /// Why the entry could not be checked (nil when it was).
        public var problem: String?

        public init(purpose: String, listCredential: String?, index: Int?, outcome: Outcome, problem: String?) {
            self.purpose = purpose
            self.listCredential = listCredential
            self.index = index
            self.outcome = outcome
            self.problem = problem
        }
    }

    public var state: State
    public var entries: [Entry]

    public init(state: State, entries: [Entry]) {
        self.state = state
        self.entries = entries
    }

    /// Reasons, one per entry that could not be checked, for people.
    public var problems: [String] { entries.compactMap(\.problem) }

    /// Revoked beats suspended beats "could not check" beats active: a set bit is conclusive even
    /// when another list was unreachable, and an unreachable list is never read as "active".
    public static func combine(_ entries: [Entry]) -> State {
        if entries.isEmpty { return .noStatus }
        if entries.contains(where: { $0.outcome == .set && $0.purpose == StatusPurpose.revocation.rawValue }) { return .revoked }
        if entries.contains(where: { $0.outcome == .set && $0.purpose == StatusPurpose.suspension.rawValue }) { return .suspended }
        if entries.contains(where: { $0.outcome == .notChecked }) { return .couldNotCheck }
        return .active
    }
}
