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

    func plan(_ file: BulkIssuanceFile) async throws -> [IssuanceBatchRow] {
        let catalogue = SpecCatalogue(services: services)
        var specs: [String: [StoredSpec]] = [:]
        var firstRowFor: [String: Int] = [:]
        var planned: [IssuanceBatchRow] = []
        // Fixed when the row is planned, so a retry of the row hashes (and issues) the same way.
        let organisationFormat = try await services.issuanceSettings.credentialFormat(organisationID: organisation.id).map(SecuringFormat.init)
        for row in file.rows {
            // The report keeps a DID as written and an email only as its hint; the address itself
            // is in the award (inputJSON) until the row is done.
            var record = IssuanceBatchRow(batchID: batchID, number: row.number, line: row.line,
                                          learner: LearnerHint.hint(file.value(.learner, in: row)), inputJSON: nil, state: .failed,
                                          updatedAt: now)
            do {
                let specID = file.value(.specification, in: row)
                if specs[specID] == nil, !specID.isEmpty { specs[specID] = try await catalogue.versions(id: SpecID(rawValue: specID)) }
                var award = try await award(for: row, in: file, versions: specs[specID] ?? [])
                if award.format == nil { award.format = organisationFormat }
                // The same learner twice for one specification in a file is a mistake, not two credentials.
                let key = "\(award.learner)|\(award.specID)|\(award.specVersion)"
                if let earlier = firstRowFor[key] { throw BulkRowReason.sameLearnerTwice(row: earlier) }
                firstRowFor[key] = row.number
                record.inputJSON = try Self.encode(award)
                record.state = .pending
            } catch let reason as BulkRowReason {
                record.reasonCode = reason.code
                record.reasonArguments = reason.arguments
            } catch let error as IssuanceError {
                let reason = BulkRowReason(error)
                record.reasonCode = reason.code
                record.reasonArguments = reason.arguments
            }
            planned.append(record)
        }
        return planned
    }

    private func award(for row: BulkIssuanceFile.Row, in file: BulkIssuanceFile, versions: [StoredSpec]) async throws -> AwardInput {
        guard row.fields.count == file.header.count else {
            throw BulkRowReason.fieldCount(expected: file.header.count, found: row.fields.count)
        }
        let learnerText = file.value(.learner, in: row)
        guard !learnerText.isEmpty else { throw BulkRowReason.learnerMissing }
        let learner: AwardInput.LearnerIdentifier = learnerText.lowercased().hasPrefix("did:") ? .did(learnerText) : .email(learnerText.lowercased())

        let specID = file.value(.specification, in: row)
        guard !specID.isEmpty else { throw BulkRowReason.specificationMissing }
        let versionText = file.value(.specVersion, in: row)
        let stored: StoredSpec
        if versionText.isEmpty {
            guard let latest = versions.filter({ $0.spec.status == .published }).max(by: { $0.spec.version < $1.spec.version }) else {
                throw versions.isEmpty ? BulkRowReason.specificationUnknown(specID) : BulkRowReason.specificationUnpublished(specID)
            }
            stored = latest
        } else {
            guard let version = Int(versionText), version > 0 else { throw BulkRowReason.versionNotNumber(versionText) }
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
                guard thetaText.isEmpty, seText.isEmpty else { throw BulkRowReason.estimateWithoutLevel(columns.skill) }
                continue
            }
            guard let level = Int(levelText) else { throw BulkRowReason.levelNotWholeNumber(columns.skill, levelText) }
            func number(_ text: String, _ failure: BulkRowReason) throws -> Double? {
                guard !text.isEmpty else { return nil }
                guard let value = Double(text), value.isFinite else { throw failure }
                return value
            }
            let status: SkillResultStatus = level >= (required[columns.skill] ?? Int.max) ? .completed : .failed
            results.append(AwardInput.SkillResult(skill: columns.skill, level: level, status: status,
                                                  theta: try number(thetaText, .thetaNotNumber(columns.skill, thetaText)),
                                                  standardError: try number(seText, .standardErrorNotNumber(columns.skill, seText))))
        }

        let consentText = file.value(.nameConsent, in: row).lowercased()
        let consent: Bool
        switch consentText {
        case "", "no", "false", "0", "n": consent = false
        case "yes", "true", "1", "y": consent = true
        default: throw BulkRowReason.consentNotYesNo(consentText)
        }
        let name = file.value(.name, in: row)
        guard name.count <= 200 else { throw BulkRowReason.nameTooLong }

        let validUntil = try date(file.value(.validUntil, in: row), column: "validUntil")
        if let validUntil, validUntil <= now { throw BulkRowReason.validUntilPast }
        let assessedAt = try date(file.value(.assessedAt, in: row), column: "assessedAt") ?? now
        guard assessedAt <= now else { throw BulkRowReason.assessedAtFuture }
        let supervisionText = file.value(.supervision, in: row)
        let supervision: SupervisionAndIdentityVerification
        if supervisionText.isEmpty {
            supervision = spec.content.assessment.supervision ?? .supervisedOnSiteNoIdentityVerification
        } else {
            guard let value = SupervisionAndIdentityVerification(rawValue: supervisionText) else {
                throw BulkRowReason.unknownSupervision(supervisionText, allowed: SupervisionAndIdentityVerification.allCases.map(\.rawValue))
            }
            supervision = value
        }

        // An email of a learner account on this platform: the credential goes to their wallet too.
        var learnerUserID: UserID?
        if case .email(let email) = learner, let user = try await services.users.user(email: email), user.role == .learner {
            learnerUserID = user.id
        }
        let formatText = file.value(.format, in: row).lowercased()
        var format: SecuringFormat?
        switch formatText {
        case "": format = nil
        case "data-integrity", "vc", "application/vc": format = .dataIntegrity
        case "vc-jwt", "vc+jwt", "jwt", "application/vc+jwt": format = .vcJWT
        default: throw BulkRowReason.formatUnknown(formatText)
        }
        let measured = results.contains { $0.theta != nil }
        var award = AwardInput(
            learnerUserID: learnerUserID, learner: learner, learnerName: name.isEmpty ? nil : name, nameConsent: consent,
            specID: spec.id.rawValue, specVersion: spec.version, results: results,
            evidence: .init(formID: "bulk-upload", itemBankVersion: "none", model: measured ? "IRT (reported by the issuer)" : "reported by the issuer",
                            assessedAt: assessedAt, testCentre: organisation.id, supervision: supervision),
            validUntil: validUntil, awardedBy: .bulkUpload(uploader, batch: batchID.description))
        award.format = format
        try services.issuance.validate(award, against: spec)
        return award
    }

    /// `YYYY-MM-DD` (midnight UTC) or an ISO 8601 date-time with its time zone.
    private func date(_ text: String, column: String) throws -> Date? {
        guard !text.isEmpty else { return nil }
        if let date = DateTimeStamp.parse(text) { return date }
        if text.count == 10, let date = DateTimeStamp.parse(text + "T00:00:00Z") { return date }
        throw BulkRowReason.notADate(column, text)
    }
}
