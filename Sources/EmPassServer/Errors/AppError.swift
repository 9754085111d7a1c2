import Foundation

/// Errors the HTTP layer raises itself. Mapped to status codes with every other error in
/// `ErrorMapping` (the one place).
public enum AppError: Error, CustomStringConvertible, Equatable {
    /// No (valid) session or API token.
    case unauthenticated
    /// Authenticated, but the access policy says no.
    case forbidden(String)
    /// A state-changing request without the right CSRF token.
    case csrfRejected
    /// Wrong email or password (deliberately not saying which).
    case invalidCredentials
    /// Too many failed logins; retry after this many seconds.
    case throttled(retryAfter: Int)
    case notFound(String)
    case malformedJSON(String)
    case malformedForm(String)
    case invalidInput(String)
    case bodyTooLarge(limit: Int)
    case conflict(String)
    case databaseUnavailable

    public var description: String {
        switch self {
        case .unauthenticated: "authentication required"
        case .forbidden(let why): "forbidden: \(why)"
        case .csrfRejected: "missing or invalid CSRF token"
        case .invalidCredentials: "wrong email or password"
        case .throttled(let seconds): "too many failed logins; retry after \(seconds) s"
        case .notFound(let what): "not found: \(what)"
        case .malformedJSON(let reason): "malformed JSON: \(reason)"
        case .malformedForm(let reason): "malformed form: \(reason)"
        case .invalidInput(let reason): "invalid input: \(reason)"
        case .bodyTooLarge(let limit): "request body larger than \(limit) bytes"
        case .conflict(let what): "conflict: \(what)"
        case .databaseUnavailable: "database unavailable"
        }
    }
}
