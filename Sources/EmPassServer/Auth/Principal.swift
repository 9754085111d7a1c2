import Storage

/// Who is making a request, and how they proved it.
public struct Principal: Sendable {
    public enum Credential: Sendable {
        /// A browser session (cookie); state-changing requests need its CSRF token.
        case session(SessionRecord)
        /// A machine client's bearer token; no CSRF token needed (nothing ambient to forge).
        case apiToken(ApiToken)
    }

    public let user: User
    public let credential: Credential

    public var csrfToken: String? {
        if case .session(let session) = credential { return session.csrfToken }
        return nil
    }
}
