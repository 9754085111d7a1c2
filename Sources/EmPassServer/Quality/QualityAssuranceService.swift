import Catalogue
import Foundation
import Storage

/// "Was provider P quality-assured for specification S on date D, and by what?" — the answer the
/// credential verification page and the catalogue show. The judgement is the Catalogue library's
/// `QualityAssuranceQuery`; this service loads the provider's records and says why not when no
/// record applies.
public struct QualityAssuranceService: Sendable {
    let records: any QARecordStore
    let organisations: any OrganisationStore

    public init(records: any QARecordStore, organisations: any OrganisationStore) {
        self.records = records
        self.organisations = organisations
    }

    /// Every record of `provider` (including expired and withdrawn ones) judged for `specification`
    /// (a version-less reference means "any version") on `date`.
    public func assurance(provider: OrganisationID, specification: SpecReference, on date: Date) async throws -> ProviderAssurance {
        guard let organisation = try await organisations.organisation(id: provider) else {
            return ProviderAssurance(provider: nil, providerID: provider,
                                     answer: QualityAssuranceQuery(records: []).assurance(
                                         of: QARecordMapping.providerID(provider), for: specification, on: date))
        }
        let query = QualityAssuranceQuery(records: try await qaRecords(provider: provider))
        return ProviderAssurance(provider: organisation, providerID: provider,
                                 answer: query.assurance(of: QARecordMapping.providerID(provider), for: specification, on: date))
    }

    /// A provider's records as the library's values, by start of validity.
    public func qaRecords(provider: OrganisationID) async throws -> [QARecord] {
        try await records.qaRecords(provider: provider).map(QARecordMapping.record)
    }

    /// For many specifications at once (the catalogue's "only quality-assured providers" filter):
    /// whether each (provider, specification) pair is assured on `date`. One read of the table.
    public func assuredPairs(_ pairs: [(provider: OrganisationID, specification: SpecReference)], on date: Date) async throws -> [Bool] {
        let all = try await records.allQARecords().map(QARecordMapping.record)
        let query = QualityAssuranceQuery(records: all)
        return pairs.map { query.assurance(of: QARecordMapping.providerID($0.provider), for: $0.specification, on: date).isQualityAssured }
    }
}

/// The service's answer: the library's `QAAnswer` plus the provider and, when not assured, why.
public struct ProviderAssurance: Sendable {
    /// Why a provider is not quality-assured for a specification on a date.
    public enum NotAssuredReason: String, Sendable, Codable {
        /// No organisation has this id.
        case unknownProvider
        /// The provider has no quality-assurance record at all.
        case noRecords
        /// It has records, but none applies (each one's reasons are in `answer.excluded`).
        case noRecordApplies
    }

    /// nil when no organisation has `providerID`.
    public let provider: Organisation?
    public let providerID: OrganisationID
    public let answer: QAAnswer

    public var isQualityAssured: Bool { answer.isQualityAssured }
    /// The records that make the provider assured (programme-level first), empty when not assured.
    public var assuredBy: [QARecord] { answer.applicable }

    public var notAssuredReason: NotAssuredReason? {
        if answer.isQualityAssured { return nil }
        if provider == nil { return .unknownProvider }
        return answer.excluded.isEmpty ? .noRecords : .noRecordApplies
    }
}

extension AppServices {
    /// Providers' quality assurance: `services.qualityAssurance.assurance(provider:specification:on:)`.
    public var qualityAssurance: QualityAssuranceService {
        QualityAssuranceService(records: qaRecords, organisations: organisations)
    }
}
