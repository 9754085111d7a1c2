import Catalogue
import Foundation
import Storage

/// Gives the demo issuer realistic quality-assurance records: an EQAVET-aligned external
/// inspection by a national authority (organisation level, three calendar years around the
/// seeding day) and the provider's own annual self-assessment. Runs at every boot with demo data
/// on; the records have fixed ids, so a restart (or two processes at once) adds nothing twice,
/// and a database seeded before this feature existed gets them too.
struct QualityDemoSeeder: Sendable {
    let services: AppServices

    static let inspectionID = QARecordID(UUID(uuidString: "0190a5e0-0000-7000-8000-00000000e001")!)
    static let selfAssessmentID = QARecordID(UUID(uuidString: "0190a5e0-0000-7000-8000-00000000e002")!)

    /// The number of records added (0 when they exist or there is no demo issuer).
    @discardableResult
    func seed() async throws -> Int {
        guard let issuer = try await services.organisations.organisation(slug: "demo-issuer") else { return 0 }
        let now = services.clock.now()
        let year = Calendar.utc.component(.year, from: now)
        var added = 0
        for (id, record) in zip([Self.inspectionID, Self.selfAssessmentID], Self.records(provider: issuer.id, year: year)) {
            guard try await services.qaRecords.qaRecord(id: id) == nil else { continue }
            let row = QARecordMapping.row(record, id: id, provider: issuer.id, enteredBy: nil, createdAt: now, updatedAt: now)
            do {
                try await services.qaRecords.insert(row)
            } catch StorageError.duplicate {
                continue  // another process seeded it at the same moment
            }
            try await services.audit.record(.qaRecordCreated, actor: nil, target: "qaRecord:\(row.id)", context: nil,
                                            details: ["provider": issuer.slug, "mechanism": row.mechanism, "seed": "demo"])
            added += 1
        }
        return added
    }

    /// The inspection, then the self-assessment (in the order of their fixed ids).
    static func records(provider: OrganisationID, year: Int) -> [QARecord] {
        let providerID = QARecordMapping.providerID(provider)
        let inspection = QARecord(
            id: inspectionID.description, provider: providerID, mechanism: .inspection,
            responsibleBody: QABody(name: "National VET Quality Authority (demo)", kind: .publicAuthority, country: "GR"),
            scope: .organisation, outcome: QAOutcome(grading: .multiCategory, grade: "good", positive: true),
            validity: ValidityPeriod(firstDay: DateComponents(year: year - 1, month: 1, day: 1),
                                     lastDay: DateComponents(year: year + 1, month: 12, day: 31)),
            benefits: [.registryListing, .licenceToOperate, .publicFunding],
            standards: [.eqavet, .nationalFramework],
            elementsAssessed: [.trainingDesignAndDelivery, .qualityManagementSystem, .staffRecruitmentAndTraining, .publicInformation],
            methods: [.siteVisits, .expertReview, .interviews, .performanceIndicatorAnalysis],
            stakeholderParticipation: [
                StakeholderParticipation(stage: .qaProcess, role: "A representative of the regional chamber of commerce sits on the inspection panel"),
                StakeholderParticipation(stage: .design, role: "Local employers review the learning outcomes every year"),
            ],
            costs: "Inspection fee paid by the provider; renewal every three years"
        )
        let selfAssessment = QARecord(
            id: selfAssessmentID.description, provider: providerID, mechanism: .selfAssessment,
            responsibleBody: QABody(name: "EmPass Demo Issuer", kind: .providerItself, country: "GR"),
            scope: .organisation, outcome: .pass,
            validity: ValidityPeriod(firstDay: DateComponents(year: year, month: 1, day: 1),
                                     lastDay: DateComponents(year: year, month: 12, day: 31)),
            standards: [.eqavet],
            elementsAssessed: [.ongoingMonitoring, .trainingDesignAndDelivery],
            methods: [.selfAssessmentQuestionnaire, .performanceIndicatorAnalysis, .surveys],
            stakeholderParticipation: [StakeholderParticipation(stage: .implementation, role: "Learners and host employers answer an annual survey")]
        )
        return [inspection, selfAssessment]
    }
}
