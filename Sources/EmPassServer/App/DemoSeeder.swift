import Foundation
import Storage

/// Seeds an EMPTY database with a demo VET school, a demo issuer and one account per role.
/// Passwords are random, returned once to be printed, and stored only as bcrypt hashes.
struct DemoSeeder: Sendable {
    let services: AppServices

    struct SeededAccount: Sendable {
        let role: Role
        let email: String
        let password: String
    }

    /// Seeds and returns the accounts, or returns nil when the database already has data.
    func seedIfEmpty() async throws -> [SeededAccount]? {
        guard try await services.organisations.countOrganisations() == 0, try await services.users.countUsers() == 0 else { return nil }
        let now = services.clock.now()
        let school = Organisation(id: services.newID(), kind: .testCentre, slug: "demo-vet-school",
                                  name: "Demo VET School", country: "RO", createdAt: now)
        let issuer = Organisation(id: services.newID(), kind: .issuer, slug: "demo-issuer",
                                  name: "EmPass Demo Issuer", country: "GR", createdAt: now)
        do {
            try await services.organisations.insert(school)
            try await services.organisations.insert(issuer)
        } catch StorageError.duplicate {
            return nil  // another process seeded at the same moment
        }
        // Their signing keys now, so /orgs/{slug}/did.json resolves before the first issuance.
        for organisation in [issuer, school] { _ = try await services.issuerKeyring.signingKey(for: organisation) }
        let plan: [(Role, String, String, OrganisationID?)] = [
            (.platformAdmin, "admin@demo.empass.test", "Platform Administrator", nil),
            (.orgAdmin, "orgadmin@demo.empass.test", "School Administrator", school.id),
            (.assessor, "assessor@demo.empass.test", "Demo Assessor", school.id),
            (.learner, "learner@demo.empass.test", "Demo Learner", school.id),
            (.employer, "employer@demo.empass.test", "Demo Employer", nil),
        ]
        var accounts: [SeededAccount] = []
        for (role, email, name, organisation) in plan {
            let password = Self.password(services.random)
            try await services.users.insert(User(
                id: services.newID(), email: email, displayName: name, passwordHash: try await services.passwords.hash(password),
                role: role, organisationID: organisation, createdAt: services.clock.now()
            ))
            accounts.append(SeededAccount(role: role, email: email, password: password))
        }
        try await services.audit.record(.demoDataSeeded, actor: nil, target: nil, context: nil,
                                        details: ["organisations": "2", "users": String(accounts.count)])
        return accounts
    }

    /// 20 characters from an unambiguous alphabet (~115 bits).
    static func password(_ random: any RandomSource) -> String {
        let alphabet = Array("abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789")
        var result = ""
        while result.count < 20 {
            for byte in random.bytes(32) where Int(byte) < 256 - 256 % alphabet.count && result.count < 20 {
                result.append(alphabet[Int(byte) % alphabet.count])
            }
        }
        return result
    }

    static func announcement(_ accounts: [SeededAccount]) -> String {
        var lines = ["", "EmPass demo accounts (shown this once; only bcrypt hashes are stored):"]
        for account in accounts {
            lines.append("  " + account.role.rawValue.padding(toLength: 15, withPad: " ", startingAt: 0)
                         + account.email.padding(toLength: 30, withPad: " ", startingAt: 0) + account.password)
        }
        lines.append("")
        return lines.joined(separator: "\n")
    }
}
