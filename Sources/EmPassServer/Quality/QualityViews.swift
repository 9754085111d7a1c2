import Catalogue
import Foundation
import Storage

/// One QA record in the API: the Catalogue library's encoding of `QARecord` (mechanism,
/// responsibleBody, scope, outcome, validity {from, until (exclusive)}, benefits, standards,
/// elementsAssessed, methods, stakeholderParticipation, costs, withdrawal) plus who entered it and when.
struct QARecordView: Encodable {
    let record: QARecord
    let enteredBy: UserID?
    let createdAt: Date?
    let updatedAt: Date?
    /// A self-assessment declared by the provider itself (no external body looked at it).
    let selfDeclared: Bool

    init(_ row: ProviderQARecord) throws {
        self.record = try QARecordMapping.record(row)
        self.enteredBy = row.enteredBy
        self.createdAt = row.createdAt
        self.updatedAt = row.updatedAt
        self.selfDeclared = record.isSelfDeclared
    }

    init(_ record: QARecord) {
        self.record = record
        self.enteredBy = nil
        self.createdAt = nil
        self.updatedAt = nil
        self.selfDeclared = record.isSelfDeclared
    }

    private enum ExtraKeys: String, CodingKey { case enteredBy, createdAt, updatedAt, selfDeclared }

    /// The record's own members and the extra ones in one flat object.
    func encode(to encoder: any Encoder) throws {
        try record.encode(to: encoder)
        var extra = encoder.container(keyedBy: ExtraKeys.self)
        try extra.encodeIfPresent(enteredBy, forKey: .enteredBy)
        try extra.encodeIfPresent(createdAt, forKey: .createdAt)
        try extra.encodeIfPresent(updatedAt, forKey: .updatedAt)
        try extra.encode(selfDeclared, forKey: .selfDeclared)
    }
}

extension QARecord {
    /// A self-assessment by the provider itself: the one kind an organisation administrator may enter.
    var isSelfDeclared: Bool { mechanism == .selfAssessment && responsibleBody.kind == .providerItself }
}

/// The organisation a provider is.
struct ProviderView: Encodable {
    let id: OrganisationID
    let slug: String
    let name: String
    let kind: OrganisationKind
    let country: String

    init(_ organisation: Organisation) {
        self.id = organisation.id
        self.slug = organisation.slug
        self.name = organisation.name
        self.kind = organisation.kind
        self.country = organisation.country
    }
}

/// `GET /api/v1/providers/{provider}/assurance`: was the provider quality-assured for the
/// specification on the date, by which records, and why the others do not count.
struct AssuranceView: Encodable {
    struct Specification: Encodable {
        let id: String
        let version: Int?
    }
    struct Reason: Encodable {
        /// `expired`, `notYetValid`, `outOfScope`, `withdrawn`, `negativeOutcome`.
        let code: String
        let message: String
    }
    struct NotApplying: Encodable {
        let record: QARecordView
        let reasons: [Reason]
    }

    let provider: ProviderView?
    let providerId: OrganisationID
    let specification: Specification
    let date: Date
    let qualityAssured: Bool
    /// `unknownProvider`, `noRecords` or `noRecordApplies`; absent when assured.
    let notAssuredReason: ProviderAssurance.NotAssuredReason?
    let assuredBy: [QARecordView]
    let notApplying: [NotApplying]

    init(_ assurance: ProviderAssurance) {
        self.provider = assurance.provider.map(ProviderView.init)
        self.providerId = assurance.providerID
        self.specification = Specification(id: assurance.answer.specification.id.rawValue, version: assurance.answer.specification.version)
        self.date = assurance.answer.date
        self.qualityAssured = assurance.isQualityAssured
        self.notAssuredReason = assurance.notAssuredReason
        self.assuredBy = assurance.assuredBy.map(QARecordView.init)
        self.notApplying = assurance.answer.excluded.map { excluded in
            NotApplying(record: QARecordView(excluded.record), reasons: excluded.reasons.map { Reason(code: $0.code, message: $0.description) })
        }
    }
}

extension QAExclusionReason {
    /// A stable code for API clients and page translations.
    var code: String {
        switch self {
        case .expired: "expired"
        case .notYetValid: "notYetValid"
        case .outOfScope: "outOfScope"
        case .withdrawn: "withdrawn"
        case .negativeOutcome: "negativeOutcome"
        }
    }
}
