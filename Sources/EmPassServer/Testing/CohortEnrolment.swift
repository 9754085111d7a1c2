import Assessment
import Foundation
import Storage

/// Enrols learners in a cohort from CSV text `email,name,language` (a header row is optional).
/// Each row is handled on its own: a bad row is reported and never blocks the others. Missing
/// accounts are created as learners of the centre with a one-time password shown in the report.
struct CohortEnrolment {
    static let maximumRows = 500

    struct RowReport: Sendable {
        enum Outcome: String, Sendable { case created, enrolled, alreadyEnrolled, rejected }
        let line: Int
        let email: String
        let outcome: Outcome
        /// Why a row was rejected (English, for the assessor's report).
        let reason: String?
        /// The new account's one-time password (created rows only; never stored in clear).
        let password: String?
    }

    let services: AppServices

    func enrol(csv: String, cohort: CohortRecord, actor: User, context: AppRequestContext) async throws -> [RowReport] {
        let records: [CSV.Record]
        do { records = try CSV.parse(csv) } catch { throw AppError.invalidInput("the CSV cannot be read: \(error)") }
        var rows = records.filter { !$0.fields.allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty } }
        if let first = rows.first, first.fields.first?.trimmingCharacters(in: .whitespaces).lowercased() == "email" { rows.removeFirst() }
        guard !rows.isEmpty else { throw AppError.invalidInput("the CSV has no learner rows (expected email,name,language)") }
        guard rows.count <= Self.maximumRows else { throw AppError.invalidInput("at most \(Self.maximumRows) rows at a time, got \(rows.count)") }
        var reports: [RowReport] = []
        for row in rows {
            do {
                reports.append(try await enrol(row, cohort: cohort, context: context))
            } catch {
                reports.append(RowReport(line: row.line, email: row.fields.first ?? "", outcome: .rejected,
                                         reason: "could not be stored: \(error)", password: nil))
            }
        }
        let counts = Dictionary(grouping: reports, by: \.outcome).mapValues(\.count)
        try await services.audit.record(.learnersEnrolled, actor: actor.id, target: "cohort:\(cohort.id)", context: context, details: [
            "created": String(counts[.created] ?? 0), "enrolled": String(counts[.enrolled] ?? 0),
            "alreadyEnrolled": String(counts[.alreadyEnrolled] ?? 0), "rejected": String(counts[.rejected] ?? 0),
        ])
        return reports
    }

    private func enrol(_ row: CSV.Record, cohort: CohortRecord, context: AppRequestContext) async throws -> RowReport {
        let fields = row.fields.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        func reject(_ reason: String) -> RowReport {
            RowReport(line: row.line, email: fields.first ?? "", outcome: .rejected, reason: reason, password: nil)
        }
        guard fields.count == 3 else { return reject("expected 3 columns (email,name,language), found \(fields.count)") }
        let email = fields[0].lowercased(), name = fields[1]
        guard Self.isPlausibleEmail(email) else { return reject("'\(fields[0])' is not an email address") }
        guard !name.isEmpty, name.count <= 200 else { return reject("the name must be 1–200 characters") }
        guard let language = Language(code: fields[2]), language.rawValue == fields[2].lowercased() else {
            return reject("language '\(fields[2])' is not one of en, el, es, ro")
        }
        let now = services.clock.now()
        var outcome = RowReport.Outcome.enrolled
        var password: String?
        let learner: User
        if let existing = try await services.users.user(email: email) {
            guard existing.role == .learner, existing.organisationID == cohort.organisationID else {
                return reject("an account with this email exists but is not a learner of this centre")
            }
            learner = existing
        } else {
            let secret = DemoSeeder.password(services.random)
            let user = User(id: services.newID(), email: email, displayName: name, passwordHash: try await services.passwords.hash(secret),
                            role: .learner, organisationID: cohort.organisationID, createdAt: now)
            do {
                try await services.users.insert(user)
            } catch StorageError.duplicate {
                return reject("an account with this email was created meanwhile; upload the row again")
            }
            try await services.audit.record(.userCreated, actor: context.principal?.user.id, target: "user:\(user.id)", context: context,
                                            details: ["role": Role.learner.rawValue, "via": "cohortEnrolment"])
            learner = user
            outcome = .created
            password = secret
        }
        let added = try await services.testing.cohorts.addMember(
            CohortMember(cohortID: cohort.id, learnerID: learner.id, language: language.rawValue, addedAt: now))
        if !added, outcome == .enrolled { outcome = .alreadyEnrolled }
        return RowReport(line: row.line, email: email, outcome: outcome, reason: nil, password: password)
    }

    /// One `@`, something on each side, a dot in the domain, no spaces; 3–254 characters.
    static func isPlausibleEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return text.count >= 3 && text.count <= 254 && parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".")
            && !parts[1].hasPrefix(".") && !parts[1].hasSuffix(".") && !text.contains(where: \.isWhitespace)
    }
}
