import Foundation
import Storage
import Testing

@Suite("Quality-assurance record store")
struct QARecordStoreContractTests {
    static let day: TimeInterval = 86_400

    /// A record with every field set, so a round trip proves every column.
    static func full(provider: OrganisationID, id: QARecordID = QARecordID(UUID.v7(at: Fixtures.t0, random: Fixtures.random)),
                     from: Date = Fixtures.t0, until: Date? = Fixtures.t0.addingTimeInterval(365 * day)) -> ProviderQARecord {
        ProviderQARecord(
            id: id, providerID: provider, mechanism: "inspection", bodyName: "Εθνικός Οργανισμός Πιστοποίησης – EOPPEP",
            bodyKind: "publicAuthority", bodyCountry: "GR", bodyURL: "https://www.eoppep.gr/",
            scopeLevel: .programme, scopeSpecifications: [QASpecificationRef(specID: "empass-employability", version: 1),
                                                          QASpecificationRef(specID: "other-spec")],
            grading: "multiCategory", grade: "B", positive: true, validFrom: from, validUntil: until,
            benefits: ["qualityLabel", "publicFunding"], standards: ["eqavet", "nationalFramework"],
            elementsAssessed: ["trainingDesignAndDelivery"], methods: ["siteVisits", "interviews"],
            stakeholderParticipation: [QAStakeholderEntry(stage: "qaProcess", role: "Chamber of commerce sits on the panel")],
            costs: "€1 200 per inspection", enteredBy: nil, createdAt: Fixtures.t0, updatedAt: Fixtures.t0
        )
    }

    static func minimal(provider: OrganisationID, at: Date, until: Date? = nil) -> ProviderQARecord {
        ProviderQARecord(id: QARecordID(UUID.v7(at: at, random: Fixtures.random)), providerID: provider, mechanism: "selfAssessment",
                         bodyName: "Self", bodyKind: "providerItself", validFrom: at, validUntil: until, createdAt: at, updatedAt: at)
    }

    @Test("every field round-trips; an id is taken once; the provider must exist", arguments: TestEngines.all)
    func roundTrip(engine: DatabaseEngine) async throws {
        try await TestEngines.withStore(engine) { store, _ in
            let issuer = Fixtures.organisation(slug: "issuer", kind: .issuer)
            try await store.insert(issuer)
            let admin = Fixtures.user(email: "admin@example.org", role: .platformAdmin)
            try await store.insert(admin)
            var record = Self.full(provider: issuer.id)
            record.enteredBy = admin.id
            try await store.insert(record)
            #expect(try await store.qaRecord(id: record.id) == record)
            let bare = Self.minimal(provider: issuer.id, at: Fixtures.t0.addingTimeInterval(-Self.day))
            try await store.insert(bare)
            #expect(try await store.qaRecord(id: bare.id) == bare)
            // By start of validity: the self-assessment began a day earlier.
            #expect(try await store.qaRecords(provider: issuer.id) == [bare, record])
            #expect(try await store.allQARecords() == [bare, record])

            await #expect(throws: StorageError.duplicate("quality-assurance record \(record.id)")) {
                try await store.insert(record)
            }
            let stranger = OrganisationID(UUID())
            await #expect(throws: StorageError.notFound("organisation \(stranger)")) {
                try await store.insert(Self.minimal(provider: stranger, at: Fixtures.t0))
            }
            #expect(try await store.countQARecords() == 2)
            #expect(try await store.qaRecords(provider: stranger) == [])
        }
    }

    @Test("validity edges are kept to the millisecond and in time order", arguments: TestEngines.all)
    func validityEdges(engine: DatabaseEngine) async throws {
        try await TestEngines.withStore(engine) { store, _ in
            let issuer = Fixtures.organisation(slug: "issuer", kind: .issuer)
            try await store.insert(issuer)
            // First instant of a day and the first instant after the last valid day (exclusive end).
            let from = Date(timeIntervalSince1970: 1_735_689_600)            // 2025-01-01T00:00:00Z
            let until = Date(timeIntervalSince1970: 1_830_297_600)           // 2028-01-01T00:00:00Z
            let record = Self.full(provider: issuer.id, from: from, until: until)
            try await store.insert(record)
            let stored = try #require(try await store.qaRecord(id: record.id))
            #expect(stored.validFrom == from)
            #expect(stored.validUntil == until)
            // One millisecond before the end is still before it after the round trip.
            #expect(stored.validUntil!.addingTimeInterval(-0.001) < until)
            let openEnded = Self.minimal(provider: issuer.id, at: from.addingTimeInterval(-0.001))
            try await store.insert(openEnded)
            #expect(try await store.qaRecord(id: openEnded.id)?.validUntil == nil)
            #expect(try await store.qaRecords(provider: issuer.id).map(\.id) == [openEnded.id, record.id])
        }
    }

    @Test("a record is corrected until it is withdrawn; a withdrawal is final", arguments: TestEngines.all)
    func replaceAndWithdraw(engine: DatabaseEngine) async throws {
        try await TestEngines.withStore(engine) { store, _ in
            let issuer = Fixtures.organisation(slug: "issuer", kind: .issuer)
            try await store.insert(issuer)
            var record = Self.full(provider: issuer.id)
            try await store.insert(record)
            record.scopeLevel = .organisation
            record.scopeSpecifications = []
            record.grade = "A"
            record.positive = false
            record.benefits = []
            record.bodyCountry = nil
            record.updatedAt = Fixtures.t0.addingTimeInterval(60)
            try await store.replace(record)
            #expect(try await store.qaRecord(id: record.id) == record)

            let at = Fixtures.t0.addingTimeInterval(120)
            let withdrawn = try await store.withdraw(id: record.id, at: at, reason: "licence revoked")
            #expect(withdrawn.withdrawnAt == at && withdrawn.withdrawalReason == "licence revoked")
            #expect(try await store.qaRecord(id: record.id) == withdrawn)
            await #expect(throws: StorageError.immutable("quality-assurance record \(record.id) is already withdrawn")) {
                try await store.withdraw(id: record.id, at: at, reason: "again")
            }
            await #expect(throws: StorageError.immutable("quality-assurance record \(record.id) is withdrawn")) {
                try await store.replace(record)
            }
            let missing = QARecordID(UUID())
            await #expect(throws: StorageError.notFound("quality-assurance record \(missing)")) {
                try await store.withdraw(id: missing, at: at, reason: "x")
            }
            var elsewhere = Self.minimal(provider: issuer.id, at: at)
            elsewhere.id = missing
            await #expect(throws: StorageError.notFound("quality-assurance record \(missing)")) {
                try await store.replace(elsewhere)
            }
            // Replacing under another provider is refused: a record never changes hands.
            let other = Fixtures.organisation(slug: "other", kind: .issuer)
            try await store.insert(other)
            let own = Self.minimal(provider: issuer.id, at: at)
            try await store.insert(own)
            var moved = own
            moved.providerID = other.id
            await #expect(throws: StorageError.notFound("quality-assurance record \(own.id)")) {
                try await store.replace(moved)
            }
            #expect(try await store.qaRecord(id: own.id) == own)
        }
    }

    @Test("the database refuses an end before the start and a half-recorded withdrawal", arguments: TestEngines.all)
    func databaseChecks(engine: DatabaseEngine) async throws {
        try await TestEngines.withStore(engine) { store, database in
            let issuer = Fixtures.organisation(slug: "issuer", kind: .issuer)
            try await store.insert(issuer)
            let backwards = Self.minimal(provider: issuer.id, at: Fixtures.t0, until: Fixtures.t0)
            await #expect(throws: (any Error).self) { try await store.insert(backwards) }
            let record = Self.minimal(provider: issuer.id, at: Fixtures.t0)
            try await store.insert(record)
            await #expect(throws: (any Error).self) {
                try await database.sql.raw("UPDATE qa_records SET withdrawn_at = '2030-01-01T00:00:00.000Z' WHERE id = \(bind: record.id.description)").run()
            }
            #expect(try await store.countQARecords() == 1)
            #expect(try await store.qaRecord(id: record.id) == record)
        }
    }
}
