import Catalogue
import Foundation
import Storage

/// The verification page's quality-assurance answer for credentials this platform's organisations
/// issued: the issuer DID is matched to an organisation by its did:web (`did:web:<host>:orgs:<slug>`)
/// and the question "was it quality-assured for this specification on the issue date?" goes to
/// `QualityAssuranceService`. Issuers from elsewhere are "not known": the platform holds no QA
/// records about them.
struct PlatformQualityAssurance: QualityAssuranceLookup {
    let services: AppServices

    func qualityAssurance(issuer: String, specificationID: String?, on date: Date) async -> QualityAssuranceFinding {
        do {
            guard let organisation = try await organisation(issuer: issuer) else { return .notKnown }
            let specification = SpecReference(id: SpecID(specificationID ?? ""))
            let assurance = try await services.qualityAssurance.assurance(provider: organisation.id, specification: specification, on: date)
            if let record = assurance.assuredBy.first {
                return .valid(body: record.responsibleBody.name, detail: record.mechanism.rawValue)
            }
            switch assurance.notAssuredReason {
            case .noRecords?, .unknownProvider?, nil:
                return .notValid(reason: "\(organisation.name) has no quality-assurance record on this platform")
            case .noRecordApplies?:
                let why = assurance.answer.excluded.flatMap(\.reasons).map(\.description)
                return .notValid(reason: "no record applies on \(date.formatted(.iso8601.year().month().day())): "
                                 + why.joined(separator: "; "))
            }
        } catch {
            services.logger.warning("quality assurance lookup failed: \(error)")
            return .notKnown
        }
    }

    /// The organisation whose did:web under this platform's public URL is `issuer`.
    private func organisation(issuer: String) async throws -> Organisation? {
        let prefix = IssuerIdentity.didWeb(publicURL: services.config.publicURL, slug: "").did
        guard issuer.hasPrefix(prefix) else { return nil }
        let slug = String(issuer.dropFirst(prefix.count))
        guard !slug.isEmpty, !slug.contains(":") else { return nil }
        return try await services.organisations.organisation(slug: slug)
    }
}
