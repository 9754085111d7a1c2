import Catalogue
import Foundation
import Storage

/// Between the stored row (`Storage.ProviderQARecord`, codes as text) and the Catalogue library's
/// `QARecord` (typed vocabularies), which the query and the pages work with.
enum QARecordMapping {
    /// The library's provider id for an organisation: its UUID text.
    static func providerID(_ organisation: OrganisationID) -> ProviderID { ProviderID(organisation.description) }

    /// Reads a stored row into the library's type; a code the library does not know is a corrupt row.
    static func record(_ row: ProviderQARecord) throws -> QARecord {
        func code<E: RawRepresentable>(_ raw: String, _ column: String) throws -> E where E.RawValue == String {
            guard let value = E(rawValue: raw) else { throw StorageError.corruptRow("qa_records \(row.id) \(column)=\(raw)") }
            return value
        }
        let scope: QAScope = switch row.scopeLevel {
        case .organisation: .organisation
        case .programme: .programme(row.scopeSpecifications.map { SpecReference(id: SpecID($0.specID), version: $0.version) })
        }
        return QARecord(
            id: row.id.description, provider: providerID(row.providerID), mechanism: try code(row.mechanism, "mechanism"),
            responsibleBody: QABody(name: row.bodyName, kind: try code(row.bodyKind, "body_kind"),
                                    country: row.bodyCountry.map(CountryCode.init(rawValue:)), url: row.bodyURL),
            scope: scope,
            outcome: QAOutcome(grading: try code(row.grading, "grading"), grade: row.grade, positive: row.positive),
            validity: ValidityPeriod(from: row.validFrom, until: row.validUntil),
            benefits: try row.benefits.map { try code($0, "benefits") },
            standards: try row.standards.map { try code($0, "standards") },
            elementsAssessed: try row.elementsAssessed.map { try code($0, "elements_assessed") },
            methods: try row.methods.map { try code($0, "methods") },
            stakeholderParticipation: try row.stakeholderParticipation.map {
                StakeholderParticipation(stage: try code($0.stage, "stakeholder_participation"), role: $0.role)
            },
            costs: row.costs,
            withdrawal: row.withdrawnAt.map { QAWithdrawal(at: $0, reason: row.withdrawalReason ?? "") }
        )
    }

    /// The row for a validated record. Withdrawal is not written here (`QARecordStore.withdraw` does it).
    static func row(_ record: QARecord, id: QARecordID, provider: OrganisationID, enteredBy: UserID?,
                    createdAt: Date, updatedAt: Date) -> ProviderQARecord {
        let (level, specifications): (QAScopeLevel, [QASpecificationRef]) = switch record.scope {
        case .organisation: (.organisation, [])
        case .programme(let refs): (.programme, refs.map { QASpecificationRef(specID: $0.id.rawValue, version: $0.version) })
        }
        return ProviderQARecord(
            id: id, providerID: provider, mechanism: record.mechanism.rawValue, bodyName: record.responsibleBody.name,
            bodyKind: record.responsibleBody.kind.rawValue, bodyCountry: record.responsibleBody.country?.rawValue,
            bodyURL: record.responsibleBody.url, scopeLevel: level, scopeSpecifications: specifications,
            grading: record.outcome.grading.rawValue, grade: record.outcome.grade, positive: record.outcome.positive,
            validFrom: record.validity.from, validUntil: record.validity.until, benefits: record.benefits.map(\.rawValue),
            standards: record.standards.map(\.rawValue), elementsAssessed: record.elementsAssessed.map(\.rawValue),
            methods: record.methods.map(\.rawValue),
            stakeholderParticipation: record.stakeholderParticipation.map { QAStakeholderEntry(stage: $0.stage.rawValue, role: $0.role) },
            costs: record.costs, enteredBy: enteredBy, createdAt: createdAt, updatedAt: updatedAt
        )
    }
}
