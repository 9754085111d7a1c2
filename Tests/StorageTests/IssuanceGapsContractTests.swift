import Foundation
import Logging
import SQLKit
import Storage
import Testing

/// M0019/M0020 on both engines: status list versions, credential formats, issuance settings,
/// bulk rows with reason codes and no emails — including what happens to rows stored before.
@Suite("Status versions, formats, bulk row privacy")
struct IssuanceGapsContractTests {
    @Test("a status change bumps its list's version in the same transaction; a no-op does not", arguments: TestEngines.all)
    func versionBumps(engine: DatabaseEngine) async throws {
        try await TestEngines.withStore(engine) { store, _ in
            let org = Fixtures.organisation(slug: "versions", kind: .issuer)
            try await store.insert(org)
            let issued = try await IssuanceStoreContractTests.issue(store, org: org.id)
            let suspension = try #require(issued.statusEntries.first { $0.purpose == .suspension })
            let revocation = try #require(issued.statusEntries.first { $0.purpose == .revocation })
            #expect(try await store.statusList(id: suspension.listID)?.version == 0)
            #expect(try await store.setStatus(credentialID: issued.id, purpose: .suspension, isSet: true, reason: "r", at: Fixtures.t0))
            #expect(try await !store.setStatus(credentialID: issued.id, purpose: .suspension, isSet: true, reason: "r", at: Fixtures.t0))
            #expect(try await store.statusList(id: suspension.listID)?.version == 1)
            #expect(try await store.statusList(id: revocation.listID)?.version == 0)
            try await store.setStatus(credentialID: issued.id, purpose: .suspension, isSet: false, reason: nil, at: Fixtures.t0)
            #expect(try await store.statusLists(organisationID: org.id).first { $0.id == suspension.listID }?.version == 2)
            // A refused change (un-revoking) rolls the bump back with it.
            try await store.setStatus(credentialID: issued.id, purpose: .revocation, isSet: true, reason: "r", at: Fixtures.t0)
            await #expect(throws: StorageError.self) {
                try await store.setStatus(credentialID: issued.id, purpose: .revocation, isSet: false, reason: nil, at: Fixtures.t0)
            }
            #expect(try await store.statusList(id: revocation.listID)?.version == 1)
        }
    }

    @Test("the fast allocation claims one index per purpose in the open lists, all distinct", arguments: TestEngines.all)
    func fastAllocation(engine: DatabaseEngine) async throws {
        try await TestEngines.withStore(engine) { store, _ in
            let org = Fixtures.organisation(slug: "fast", kind: .issuer)
            try await store.insert(org)
            var seen = Set<StatusAllocation>()
            for _ in 0..<40 {
                let issued = try await IssuanceStoreContractTests.issue(store, org: org.id)
                #expect(issued.statusEntries.map(\.purpose) == [.revocation, .suspension])
                for entry in issued.statusEntries { #expect(seen.insert(entry).inserted) }
            }
            let revocationOnly = try await IssuanceStoreContractTests.issue(store, org: org.id, purposes: [.revocation])
            #expect(revocationOnly.statusEntries.map(\.purpose) == [.revocation])
            let lists = try await store.statusLists(organisationID: org.id)
            #expect(lists.count == 2)
            for list in lists { #expect(try await store.allocatedCount(listID: list.id) == (list.purpose == .revocation ? 41 : 40)) }
        }
    }

    @Test("format is stored and read back; issuance settings are per organisation and upserted", arguments: TestEngines.all)
    func formatsAndSettings(engine: DatabaseEngine) async throws {
        try await TestEngines.withStore(engine) { store, _ in
            let org = Fixtures.organisation(slug: "formats", kind: .issuer), other = Fixtures.organisation(slug: "other", kind: .issuer)
            try await store.insert(org)
            try await store.insert(other)
            let id = IssuanceStoreContractTests.newCredentialID()
            let jwt = try await store.issue(credentialID: id, organisationID: org.id, idempotencyKey: nil, purposes: [.revocation], at: Fixtures.t0) { _ in
                IssuedCredentialRecord(id: id, organisationID: org.id, credentialJSON: "{}", issuedAt: Fixtures.t0, format: .vcJWT)
            }
            #expect(try await store.credential(id: id)?.format == .vcJWT && jwt.format == .vcJWT)
            #expect(try await IssuanceStoreContractTests.issue(store, org: org.id).format == .dataIntegrity)

            #expect(try await store.credentialFormat(organisationID: org.id) == nil)
            try await store.setCredentialFormat(.vcJWT, organisationID: org.id, at: Fixtures.t0)
            try await store.setCredentialFormat(.dataIntegrity, organisationID: other.id, at: Fixtures.t0)
            try await store.setCredentialFormat(.dataIntegrity, organisationID: org.id, at: Fixtures.t0)
            try await store.setCredentialFormat(.vcJWT, organisationID: org.id, at: Fixtures.t0)
            #expect(try await store.credentialFormat(organisationID: org.id) == .vcJWT)
            #expect(try await store.credentialFormat(organisationID: other.id) == .dataIntegrity)
        }
    }

    @Test("finishRow records codes and drops the input unless kept; retryKeptRows puts back only kept failures", arguments: TestEngines.all)
    func rowOutcomes(engine: DatabaseEngine) async throws {
        try await TestEngines.withStore(engine) { store, _ in
            let org = Fixtures.organisation(slug: "rows", kind: .issuer)
            try await store.insert(org)
            let batch = IssuanceBatchStoreContractTests.batch(org.id)
            try await store.insert(batch, rows: IssuanceBatchStoreContractTests.rows(batch.id))
            try await store.finishRow(batchID: batch.id, number: 1, IssuanceBatchRowOutcome(
                state: .failed, reasonCode: "level_out_of_range", reasonArguments: ["skill": "teamwork", "level": "9"]), at: Fixtures.t0)
            try await store.finishRow(batchID: batch.id, number: 2, IssuanceBatchRowOutcome(
                state: .failed, reasonCode: "transient_failure", reasonArguments: ["attempts": "3"], attempts: 3, keepsInput: true), at: Fixtures.t0)
            var rows = try await store.rows(batchID: batch.id)
            #expect(rows[0].reasonCode == "level_out_of_range" && rows[0].reasonArguments == ["skill": "teamwork", "level": "9"])
            #expect(rows[0].inputJSON == nil && rows[0].attempts == 1)
            #expect(rows[1].inputJSON == "{}" && rows[1].attempts == 3)
            #expect(try await store.retryKeptRows(batchID: batch.id, at: Fixtures.t0) == 1)
            rows = try await store.rows(batchID: batch.id)
            #expect(rows.map(\.state) == [.failed, .pending, .failed])
            await #expect(throws: StorageError.self) {
                try await store.finishRow(batchID: batch.id, number: 99, IssuanceBatchRowOutcome(state: .issued), at: Fixtures.t0)
            }
        }
    }

    @Test("token and user in one query; unknown hash is nil", arguments: TestEngines.all)
    func tokenAndUser(engine: DatabaseEngine) async throws {
        try await TestEngines.withStore(engine) { store, _ in
            let user = Fixtures.user(email: "token-owner@example.org")
            try await store.insert(user)
            let token = ApiToken(id: .init(UUID()), userID: user.id, name: "t", tokenHash: "hash-1", createdAt: Fixtures.t0)
            try await store.insert(token)
            let found = try #require(try await store.tokenAndUser(hash: "hash-1"))
            #expect(found.0 == token && found.1 == user)
            #expect(try await store.tokenAndUser(hash: "nope") == nil)
        }
    }

    /// Rows and credentials written before M0019/M0020 (raw SQL in the old shape), then migrated.
    @Test("M0019/M0020 keep what was stored: VC-JWT rows get their format, emails leave done rows, pending rows still issue", arguments: TestEngines.all)
    func migratesExistingRows(engine: DatabaseEngine) async throws {
        if engine == .postgres { print("EMPASS-POSTGRES-TEST: StorageTests.migratesExistingRows") }
        var logger = Logger(label: "empass.tests")
        logger.logLevel = .warning
        let scratch = try await ScratchDatabase.make(engine, postgresURL: TestEngines.postgresURL, logger: logger)
        let database = try await Database.open(scratch.location, logger: logger)
        do {
            try await MigrationRunner(database: database, migrations: EmPassMigrations.all.filter { $0.id <= 18 }, logger: logger).run()
            let store = SQLStore(database: database)
            let org = Fixtures.organisation(slug: "legacy", kind: .issuer)
            try await store.insert(org)
            let sql = database.sql
            let envelope = #"{"@context":["https://www.w3.org/ns/credentials/v2"],"type":"EnvelopedVerifiableCredential","id":"data:application/vc+jwt,eyJ.e30.sig"}"#
            for (id, json) in [("0192f1a2-0000-7000-8000-000000000001", envelope), ("0192f1a2-0000-7000-8000-000000000002", #"{"type":["VerifiableCredential"]}"#)] {
                try await sql.raw("""
                    INSERT INTO issued_credentials (id, organisation_id, credential_json, issued_at)
                    VALUES (\(bind: id), \(bind: org.id.description), \(bind: json), \(bind: Timestamp.format(Fixtures.t0)))
                    """).run()
            }
            let batch = "0192f1a2-0000-7000-8000-0000000000b1"
            try await sql.raw("""
                INSERT INTO issuance_batches (id, organisation_id, content_hash, row_count, state, created_at)
                VALUES (\(bind: batch), \(bind: org.id.description), 'sha256:x', 3, 'processing', \(bind: Timestamp.format(Fixtures.t0)))
                """).run()
            let legacy: [(Int, String, String?, String, String?, String?)] = [
                (1, "Maria.Pop@example.org", nil, "issued", nil, "0192f1a2-0000-7000-8000-000000000002"),
                (2, "ion@example.org", #"{"learner":{"email":{"_0":"ion@example.org"}}}"#, "pending", nil, nil),
                (3, "bad@example.org", #"{"x":1}"#, "failed", "level 9 of teamwork is not one of 1, 2, 3, 4", nil),
                (4, "did:example:abc", #"{"x":2}"#, "failed", "not a DID", nil),
            ]
            for (number, learner, input, state, reason, credential) in legacy {
                try await sql.raw("""
                    INSERT INTO issuance_batch_rows (batch_id, row_no, line, learner, input_json, state, reason, credential_id, updated_at)
                    VALUES (\(bind: batch), \(bind: number), \(bind: number + 1), \(bind: learner), \(bind: input), \(bind: state),
                            \(bind: reason), \(bind: credential), \(bind: Timestamp.format(Fixtures.t0)))
                    """).run()
            }

            let applied = try await MigrationRunner(database: database, logger: logger).run()
            #expect(applied.map(\.id) == [19, 20])
            let credentials = try await store.credentials(organisationID: org.id, limit: 10)
            #expect(Dictionary(uniqueKeysWithValues: credentials.map { ($0.id.description, $0.format) })
                    == ["0192f1a2-0000-7000-8000-000000000001": .vcJWT, "0192f1a2-0000-7000-8000-000000000002": .dataIntegrity])
            let rows = try await store.rows(batchID: try #require(IssuanceBatchID(batch)))
            #expect(rows.map(\.learner) == ["M•••@example.org", "i•••@example.org", "b•••@example.org", "did:example:abc"])
            #expect(rows.map { $0.inputJSON != nil } == [false, true, false, false])   // only the pending row keeps its input
            #expect(rows[0].credentialID?.description == "0192f1a2-0000-7000-8000-000000000002" && rows[0].state == .issued)
            #expect(rows[2].reason == "level 9 of teamwork is not one of 1, 2, 3, 4" && rows[2].reasonCode == nil)
            #expect(rows.allSatisfy { $0.attempts == 1 })
            #expect(try await store.statusLists(organisationID: org.id).isEmpty)
            await database.shutdown()
            await scratch.destroy()
        } catch {
            await database.shutdown()
            await scratch.destroy()
            throw error
        }
    }

    @Test("learner hints keep DIDs and reduce emails to a first letter and domain")
    func hints() {
        #expect(LearnerHint.hint("maria.pop@example.org") == "m•••@example.org")
        #expect(LearnerHint.hint("did:example:x@y") == "did:example:x@y")
        #expect(LearnerHint.hint("not-an-email") == "not-an-email")
        #expect(LearnerHint.hint("") == "")
        #expect(LearnerHint.hint("@example.org") == "•••@example.org")
    }
}
