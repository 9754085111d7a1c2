import Foundation
import Storage

/// Accepting a results file: the file is checked as a whole, every row is planned (or refused
/// with its reason), the batch and its rows are stored in one transaction, audited, and handed
/// to the background processor. The same file uploaded again by the same organisation is not a
/// second batch: the earlier one is returned, so a double click or a retried request never
/// issues twice.
struct BulkIssuanceUpload: Sendable {
    let services: AppServices

    struct Accepted: Sendable {
        let batch: IssuanceBatchRecord
        /// True when this file had already been uploaded: `batch` is the earlier batch.
        let alreadyUploaded: Bool
    }

    /// The caller's issuing organisation, if they may issue for it.
    static func organisation(_ context: AppRequestContext, services: AppServices) async throws -> (User, Organisation) {
        let principal = try context.requirePrincipal()
        guard let id = principal.user.organisationID, let organisation = try await services.organisations.organisation(id: id) else {
            throw AppError.forbidden("bulk issuance needs an administrator or assessor of an issuing organisation")
        }
        try context.authorize(.issueCredential(organisation: organisation.id))
        return (principal.user, organisation)
    }

    /// The batch named in the path, if it belongs to the caller's organisation and they may issue
    /// for it (a batch of another organisation is "not found", not confirmed to exist).
    static func batch(_ text: String?, context: AppRequestContext, services: AppServices) async throws -> (Organisation, IssuanceBatchRecord) {
        let (_, organisation) = try await Self.organisation(context, services: services)
        guard let text, let id = IssuanceBatchID(text), let batch = try await services.issuanceBatches.batch(id: id),
              batch.organisationID == organisation.id else {
            throw BulkIssuanceError.batchNotFound
        }
        return (organisation, batch)
    }

    func accept(_ bytes: [UInt8], fileName: String?, organisation: Organisation, uploader: User,
                context: AppRequestContext?) async throws -> Accepted {
        let file = try BulkIssuanceFile(bytes: bytes)
        let store = services.issuanceBatches
        if let earlier = try await store.batch(organisationID: organisation.id, contentHash: file.contentHash) {
            return Accepted(batch: earlier, alreadyUploaded: true)
        }
        let now = services.clock.now()
        let id: IssuanceBatchID = services.newID()
        let rows = try await BulkIssuancePlanner(services: services, organisation: organisation, uploader: uploader.id, batchID: id, now: now)
            .plan(file)
        let cleanName = fileName.map { String($0.filter { !$0.isNewline }.prefix(200)) }.flatMap { $0.isEmpty ? nil : $0 }
        let batch = IssuanceBatchRecord(id: id, organisationID: organisation.id, createdBy: uploader.id, fileName: cleanName,
                                        contentHash: file.contentHash, rowCount: rows.count, createdAt: now)
        do {
            try await store.insert(batch, rows: rows)
        } catch StorageError.duplicate {
            // The same file, uploaded at the same moment by another request, won the race.
            guard let earlier = try await store.batch(organisationID: organisation.id, contentHash: file.contentHash) else {
                throw StorageError.duplicate("issuance batch")
            }
            return Accepted(batch: earlier, alreadyUploaded: true)
        }
        let refused = rows.filter { $0.state == .failed }.count
        try await services.audit.record(.issuanceBatchCreated, actor: uploader.id, target: "issuanceBatch:\(id)", context: context, details: [
            "rows": String(rows.count), "refusedOnUpload": String(refused), "organisation": organisation.slug,
            "contentHash": file.contentHash,
        ])
        BulkIssuanceProcessor(services: services).start(id)
        return Accepted(batch: batch, alreadyUploaded: false)
    }

    /// A sample file for the latest published version of the flagship specification: the header
    /// and two rows (one with θ and SE, one with levels only).
    func sample() async throws -> String {
        let specs = try await SpecCatalogue(services: services).latestPublished()
        guard let stored = specs.first(where: { $0.organisationID == nil }) ?? specs.first else {
            return "learner,name,nameConsent,specification,specVersion,validUntil\n"
        }
        let skills = stored.spec.content.skills
        var header = ["learner", "name", "nameConsent", "specification", "specVersion", "validUntil"]
        var measured = ["maria.pop@example.org", "Maria Pop", "yes", stored.spec.id.rawValue, String(stored.spec.version), "2030-12-31"]
        var practical = ["did:example:learner-42", "", "no", stored.spec.id.rawValue, "", ""]
        for (i, requirement) in skills.enumerated() {
            let skill = requirement.skill.rawValue
            header += [skill, "\(skill).theta", "\(skill).se"]
            measured += [String(min(4, requirement.requiredLevel + (i % 2))), String(format: "%.2f", 0.2 + Double(i) / 10), "0.31"]
            practical += [String(requirement.requiredLevel), "", ""]
        }
        return [header, measured, practical].map { $0.joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }
}
