import Foundation
import Testing
@testable import Catalogue

@Suite("Quality assurance query")
struct QualityAssuranceQueryTests {
    static let provider: ProviderID = "ja-greece"
    static let empassV1 = SpecReference(id: "empass-employability", version: 1)
    static let agency = QABody(name: "National quality agency", kind: .independentAgency, country: "GR")
    static func day(_ y: Int, _ m: Int, _ d: Int) -> DateComponents { DateComponents(year: y, month: m, day: d) }

    /// Organisation-level certification for the calendar days 2025-01-01 … 2027-12-31 (UTC).
    static let organisation = QARecord(
        id: "r1-org-cert", provider: provider, mechanism: .certification,
        responsibleBody: QABody(name: "ISO certifier", kind: .certificationBody), scope: .organisation,
        validity: ValidityPeriod(firstDay: day(2025, 1, 1), lastDay: day(2027, 12, 31)),
        benefits: [.qualityLabel, .registryListing], standards: [.iso21001, .eqavet],
        elementsAssessed: [.qualityManagementSystem, .trainingDesignAndDelivery], methods: [.siteVisits, .expertReview],
        stakeholderParticipation: [StakeholderParticipation(stage: .qaProcess, role: "employers sit on the audit panel")])
    /// Programme-level accreditation of every EmPass version, open-ended from 2026-03-01.
    static let programme = QARecord(
        id: "r2-programme", provider: provider, mechanism: .accreditation, responsibleBody: agency,
        scope: .programme([SpecReference(id: "empass-employability")]),
        validity: ValidityPeriod(from: Fixtures.date("2026-03-01T00:00:00Z"), until: nil), benefits: [.publicFunding])
    /// Programme-level record for another specification's version 1 only.
    static let otherProgramme = QARecord(
        id: "r3-other", provider: provider, mechanism: .qualityAward, responsibleBody: agency,
        scope: .programme([SpecReference(id: "other-spec", version: 1)]),
        validity: ValidityPeriod(from: Fixtures.date("2025-01-01T00:00:00Z"), until: nil))
    /// Inspection withdrawn on 2026-06-15 at noon.
    static let withdrawn = QARecord(
        id: "r4-withdrawn", provider: provider, mechanism: .inspection,
        responsibleBody: QABody(name: "Ministry inspectorate", kind: .publicAuthority), scope: .organisation,
        validity: ValidityPeriod(from: Fixtures.date("2026-01-01T00:00:00Z"), until: Fixtures.date("2030-01-01T00:00:00Z")),
        withdrawal: QAWithdrawal(at: Fixtures.date("2026-06-15T12:00:00Z"), reason: "provider closed a test centre"))
    static let failed = QARecord(
        id: "r5-failed", provider: provider, mechanism: .selfAssessment,
        responsibleBody: QABody(name: "JA Greece", kind: .providerItself), scope: .organisation, outcome: .fail,
        validity: ValidityPeriod(from: Fixtures.date("2020-01-01T00:00:00Z"), until: nil))
    static let someoneElse = QARecord(
        id: "r6-other-provider", provider: "ja-spain", mechanism: .certification, responsibleBody: agency,
        scope: .organisation, validity: ValidityPeriod(from: Fixtures.date("2000-01-01T00:00:00Z"), until: nil))

    let query = QualityAssuranceQuery(records: [organisation, programme, otherProgramme, withdrawn, failed, someoneElse])

    func applicable(_ date: String, _ spec: SpecReference = empassV1) -> [String] {
        query.assurance(of: Self.provider, for: spec, on: Fixtures.date(date)).applicable.map(\.id)
    }
    func reasons(_ id: String, _ date: String, _ spec: SpecReference = empassV1) -> [QAExclusionReason] {
        query.assurance(of: Self.provider, for: spec, on: Fixtures.date(date)).excluded.first { $0.record.id == id }?.reasons ?? []
    }

    @Test func firstDayStartsAtMidnightAndOneSecondBeforeIsNotYetValid() {
        #expect(applicable("2025-01-01T00:00:00Z") == ["r1-org-cert"])
        #expect(applicable("2024-12-31T23:59:59Z").isEmpty)
        #expect(reasons("r1-org-cert", "2024-12-31T23:59:59Z") == [.notYetValid(from: Fixtures.date("2025-01-01T00:00:00Z"))])
    }

    @Test func lastDayIsValidUntilItsLastSecondAndExpiredAfter() {
        #expect(applicable("2027-12-31T23:59:59Z") == ["r2-programme", "r1-org-cert"])
        #expect(applicable("2028-01-01T00:00:00Z") == ["r2-programme"])
        #expect(reasons("r1-org-cert", "2028-01-01T00:00:00Z") == [.expired(until: Fixtures.date("2028-01-01T00:00:00Z"))])
    }

    @Test func programmeScopeCoversOnlyItsSpecifications() {
        // Three overlap on this date (r4 is not withdrawn yet); the programme-level record comes first.
        #expect(applicable("2026-04-01T00:00:00Z") == ["r2-programme", "r1-org-cert", "r4-withdrawn"])
        let other = SpecReference(id: "other-spec", version: 2)
        #expect(applicable("2026-04-01T00:00:00Z", other) == ["r1-org-cert", "r4-withdrawn"])
        #expect(reasons("r3-other", "2026-04-01T00:00:00Z", other) == [.outOfScope(covers: [SpecReference(id: "other-spec", version: 1)])])
        #expect(reasons("r2-programme", "2026-04-01T00:00:00Z", other).count == 1)
        #expect(applicable("2026-04-01T00:00:00Z", SpecReference(id: "other-spec", version: 1)) == ["r3-other", "r1-org-cert", "r4-withdrawn"])
    }

    @Test func versionlessProgrammeReferenceCoversEveryVersion() {
        #expect(applicable("2026-04-01T00:00:00Z", SpecReference(id: "empass-employability", version: 7)).contains("r2-programme"))
    }

    @Test func withdrawalAppliesFromItsInstantOn() {
        #expect(applicable("2026-06-15T11:59:59Z", SpecReference(id: "x", version: 1)) == ["r1-org-cert", "r4-withdrawn"])
        #expect(applicable("2026-06-15T12:00:00Z", SpecReference(id: "x", version: 1)) == ["r1-org-cert"])
        #expect(reasons("r4-withdrawn", "2026-06-15T12:00:00Z") == [
            .withdrawn(at: Fixtures.date("2026-06-15T12:00:00Z"), reason: "provider closed a test centre")
        ])
    }

    @Test func severalReasonsAreAllGiven() {
        // Before validity, out of scope: both reported.
        let r = reasons("r3-other", "2024-06-01T00:00:00Z")
        #expect(r.count == 2 && r.contains(.notYetValid(from: Fixtures.date("2025-01-01T00:00:00Z"))))
    }

    @Test func negativeOutcomeNeverCounts() {
        #expect(reasons("r5-failed", "2026-01-01T00:00:00Z") == [.negativeOutcome(grade: "fail")])
    }

    @Test func otherProvidersRecordsAreIgnoredAndUnknownProviderHasNone() {
        let answer = query.assurance(of: Self.provider, for: Self.empassV1, on: Fixtures.date("2026-04-01T00:00:00Z"))
        #expect(!(answer.applicable + answer.excluded.map(\.record)).contains { $0.provider != Self.provider })
        #expect(answer.applicable.count + answer.excluded.count == 5)
        let none = query.assurance(of: "nobody", for: Self.empassV1, on: Fixtures.date("2026-04-01T00:00:00Z"))
        #expect(!none.isQualityAssured && none.excluded.isEmpty)
    }

    @Test func calendarDaysInALocalTimeZone() {
        let athens = TimeZone(identifier: "Europe/Athens")!
        let period = ValidityPeriod(firstDay: Self.day(2025, 1, 1), lastDay: Self.day(2025, 12, 31), timeZone: athens)
        #expect(period.from == Fixtures.date("2024-12-31T22:00:00Z"))
        #expect(period.until == Fixtures.date("2025-12-31T22:00:00Z"))
        #expect(period.contains(Fixtures.date("2025-12-31T21:59:59Z")) && !period.contains(Fixtures.date("2025-12-31T22:00:00Z")))
    }

    @Test func recordsRoundTripThroughJSON() throws {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let records = [Self.organisation, Self.programme, Self.withdrawn]
        #expect(try decoder.decode([QARecord].self, from: encoder.encode(records)) == records)
        let json = String(decoding: try encoder.encode(Self.programme.scope), as: UTF8.self)
        #expect(json.contains("\"level\":\"programme\""))
    }
}
