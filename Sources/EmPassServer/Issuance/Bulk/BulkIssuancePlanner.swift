import Catalogue
import Credentials
import Foundation
import Storage

/// Turns each row of a results file into the award to issue, or a reason it cannot be issued,
/// checked against the exact specification version (the same `IssuanceService.validate` that
/// issuance runs again later). Rows are independent: one bad row never affects another.
struct BulkIssuancePlanner: Sendable {
    let services: AppServices
    let organisation: Organisation
    let uploader: UserID
    let batchID: IssuanceBatchID
    let now: Date

    /// How a row's award is stored (and decoded again when it is issued): the same bytes every
    /// time, so a retry's request hash matches the first attempt's.
    static func encode(_ award: AwardInput) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(award), as: UTF8.self)
    }

    static func decode(_ json: String) throws -> AwardInput {
        try JSONDecoder().decode(AwardInput.self, from: Data(json.utf8))
    }

    struct RowFailure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    func plan(_ file: BulkIssuanceFile) async throws -> [IssuanceBatchRow] {
        let catalogue = SpecCatalogue(services: services)
        var specs: [String: [StoredSpec]] = [:]
        var firstRowFor: [String: Int] = [:]
        var planned: [IssuanceBatchRow] = []
        for row in file.rows {
            let learnerText = file.value(.learner, in: row)
            var record = IssuanceBatchRow(batchID: batchID, number: row.number, line: row.line, learner: learnerText,
                                          inputJSON: nil, state: .failed, updatedAt: now)
            do {
                let specID = file.value(.specification, in: row)
                if specs[specID] == nil, !specID.isEmpty { specs[specID] = try await catalogue.versions(id: SpecID(rawValue: specID)) }
                let award = try await award(for: row, in: file, versions: specs[specID] ?? [])
                // The same learner twice for one specification in a file is a mistake, not two credentials.
                let key = "\(award.learner)|\(award.specID)|\(award.specVersion)"
                if let earlier = firstRowFor[key] { throw RowFailure("the same learner and specification are already on row \(earlier)") }
                firstRowFor[key] = row.number
                record.inputJSON = try Self.encode(award)
                record.state = .pending
            } catch let failure as RowFailure {
                record.reason = failure.description
            } catch let error as IssuanceError {
                record.reason = error.description
            }
            planned.append(record)
        }
        return planned
    }

    private func award(for row: BulkIssuanceFile.Row, in file: BulkIssuanceFile, versions: [StoredSpec]) async throws -> AwardInput {
        guard row.fields.count == file.header.count else {
            throw RowFailure("expected \(file.header.count) fields as in the header, found \(row.fields.count)")
        }
        let learnerText = file.value(.learner, in: row)
        guard !learnerText.isEmpty else { throw RowFailure("the learner (email or DID) is missing") }
        let learner: AwardInput.LearnerIdentifier = learnerText.lowercased().hasPrefix("did:") ? .did(learnerText) : .email(learnerText.lowercased())

        let specID = file.value(.specification, in: row)
        guard !specID.isEmpty else { throw RowFailure("the specification is missing") }
        let versionText = file.value(.specVersion, in: row)
        let stored: StoredSpec
        if versionText.isEmpty {
            guard let latest = versions.filter({ $0.spec.status == .published }).max(by: { $0.spec.version < $1.spec.version }) else {
                throw RowFailure(versions.isEmpty ? "specification \(specID) does not exist" : "specification \(specID) has no published version")
            }
            stored = latest
        } else {
            guard let version = Int(versionText), version > 0 else { throw RowFailure("specVersion \(versionText) is not a version number") }
            guard let found = versions.first(where: { $0.spec.version == version }) else {
                throw IssuanceError.specNotFound(id: specID, version: version)
            }
            guard found.spec.status == .published else {
                throw IssuanceError.specNotIssuable(id: specID, version: version, status: found.spec.status.rawValue)
            }
            stored = found
        }
        let spec = stored.spec
        let required = Dictionary(spec.content.skills.map { ($0.skill.rawValue, $0.requiredLevel) }, uniquingKeysWith: { a, _ in a })

        var results: [AwardInput.SkillResult] = []
        for columns in file.skills {
            let levelText = file.value(column: columns.level, in: row)
            let thetaText = file.value(column: columns.theta, in: row)
            let seText = file.value(column: columns.standardError, in: row)
            if levelText.isEmpty {
                guard thetaText.isEmpty, seText.isEmpty else { throw RowFailure("\(columns.skill) has θ or SE but no level") }
                continue
            }
            guard let level = Int(levelText) else { throw RowFailure("the level of \(columns.skill) (\(levelText)) is not a whole number") }
            func number(_ text: String, _ what: String) throws -> Double? {
                guard !text.isEmpty else { return nil }
                guard let value = Double(text), value.isFinite else { throw RowFailure("\(what) of \(columns.skill) (\(text)) is not a number") }
                return value
            }
            let status: SkillResultStatus = level >= (required[columns.skill] ?? Int.max) ? .completed : .failed
            results.append(AwardInput.SkillResult(skill: columns.skill, level: level, status: status,
                                                  theta: try number(thetaText, "θ"), standardError: try number(seText, "the standard error")))
        }

        let consentText = file.value(.nameConsent, in: row).lowercased()
        let consent: Bool
        switch consentText {
        case "", "no", "false", "0", "n": consent = false
        case "yes", "true", "1", "y": consent = true
        default: throw RowFailure("nameConsent must be yes or no, not \(consentText)")
        }
        let name = file.value(.name, in: row)
        guard name.count <= 200 else { throw RowFailure("the name is longer than 200 characters") }

        let validUntil = try date(file.value(.validUntil, in: row), column: "validUntil")
        if let validUntil, validUntil <= now { throw RowFailure("validUntil must be in the future") }
        let assessedAt = try date(file.value(.assessedAt, in: row), column: "assessedAt") ?? now
        guard assessedAt <= now else { throw RowFailure("assessedAt is in the future") }
        let supervisionText = file.value(.supervision, in: row)
        let supervision: SupervisionAndIdentityVerification
        if supervisionText.isEmpty {
            supervision = spec.content.assessment.supervision ?? .supervisedOnSiteNoIdentityVerification
        } else {
            guard let value = SupervisionAndIdentityVerification(rawValue: supervisionText) else {
                throw RowFailure("supervision \(supervisionText) is not one of "
                                 + SupervisionAndIdentityVerification.allCases.map(\.rawValue).joined(separator: ", "))
            }
            supervision = value
        }

        // An email of a learner account on this platform: the credential goes to their wallet too.
        var learnerUserID: UserID?
        if case .email(let email) = learner, let user = try await services.users.user(email: email), user.role == .learner {
            learnerUserID = user.id
        }
        let measured = results.contains { $0.theta != nil }
        let award = AwardInput(
            learnerUserID: learnerUserID, learner: learner, learnerName: name.isEmpty ? nil : name, nameConsent: consent,
            specID: spec.id.rawValue, specVersion: spec.version, results: results,
            evidence: .init(formID: "bulk-upload", itemBankVersion: "none", model: measured ? "IRT (reported by the issuer)" : "reported by the issuer",
                            assessedAt: assessedAt, testCentre: organisation.id, supervision: supervision),
            validUntil: validUntil, awardedBy: .bulkUpload(uploader, batch: batchID.description))
        try services.issuance.validate(award, against: spec)
        return award
    }

    /// `YYYY-MM-DD` (midnight UTC) or an ISO 8601 date-time with its time zone.
    private func date(_ text: String, column: String) throws -> Date? {
        guard !text.isEmpty else { return nil }
        if let date = DateTimeStamp.parse(text) { return date }
        if text.count == 10, let date = DateTimeStamp.parse(text + "T00:00:00Z") { return date }
        throw RowFailure("\(column) (\(text)) is not a date (YYYY-MM-DD) or date-time")
    }
}
