import Foundation
import Storage

/// Password login with throttling per account and per client address.
struct LoginService: Sendable {
    let services: AppServices
    /// A real bcrypt hash of a random string: verifying unknown emails against it costs the same
    /// time as a real check, so response time does not reveal which emails exist.
    let decoyHash: String

    /// The user, or `invalidCredentials` / `throttled`. Failures are recorded and audited.
    func login(email rawEmail: String, password: String, context: AppRequestContext) async throws -> User {
        let email = rawEmail.trimmingCharacters(in: .whitespaces).lowercased()
        let now = services.clock.now()
        let policy = services.config.throttle
        let windowStart = now.addingTimeInterval(-policy.window)
        let keys = [("account:\(email)", policy.maxFailuresPerAccount)]
            + (context.clientAddress.map { [("ip:\($0)", policy.maxFailuresPerAddress)] } ?? [])

        for (key, limit) in keys {
            let failures = try await services.loginThrottle.failures(key: key, since: windowStart)
            if failures.count >= limit, let earliest = failures.earliest {
                let retryAfter = max(1, Int((earliest.addingTimeInterval(policy.window).timeIntervalSince(now)).rounded(.up)))
                try await services.audit.record(.loginThrottled, actor: nil, target: "email:\(email)", context: context,
                                                details: ["key": key.hasPrefix("ip:") ? "address" : "account"])
                throw AppError.throttled(retryAfter: retryAfter)
            }
        }

        let user = try await services.users.user(email: email)
        let matches = try await services.passwords.verify(password, hash: user?.passwordHash ?? decoyHash)
        guard let user, matches else {
            for (key, _) in keys { try await services.loginThrottle.recordFailure(key: key, at: now) }
            try await services.loginThrottle.prune(before: windowStart)
            try await services.audit.record(.loginFailed, actor: nil, target: "email:\(email)", context: context)
            throw AppError.invalidCredentials
        }
        try await services.loginThrottle.clear(key: "account:\(email)")
        return user
    }
}
