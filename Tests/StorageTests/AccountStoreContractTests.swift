import Foundation
import Storage
import Testing

@Suite("Organisation and user stores")
struct AccountStoreContractTests {
    @Test("organisations round-trip and slugs are unique", arguments: TestEngines.all)
    func organisations(engine: DatabaseEngine) async throws {
        try await TestEngines.withStore(engine) { store, _ in
            let school = Fixtures.organisation(slug: "school", kind: .testCentre)
            let issuer = Fixtures.organisation(slug: "issuer", kind: .issuer, at: Fixtures.t0.addingTimeInterval(1))
            try await store.insert(school)
            try await store.insert(issuer)
            #expect(try await store.organisation(id: school.id) == school)
            #expect(try await store.organisation(slug: "issuer") == issuer)
            #expect(try await store.organisation(slug: "nope") == nil)
            #expect(try await store.organisations() == [school, issuer])
            await #expect(throws: StorageError.duplicate("organisation slug school")) {
                try await store.insert(Fixtures.organisation(slug: "school"))
            }
            #expect(try await store.countOrganisations() == 2)
        }
    }

    @Test("users round-trip, emails are unique and case-insensitive", arguments: TestEngines.all)
    func users(engine: DatabaseEngine) async throws {
        try await TestEngines.withStore(engine) { store, _ in
            let school = Fixtures.organisation()
            try await store.insert(school)
            let admin = Fixtures.user(email: "admin@example.org", role: .platformAdmin)
            let learner = Fixtures.user(email: "Learner@Example.org", role: .learner, organisation: school.id,
                                        at: Fixtures.t0.addingTimeInterval(1))
            try await store.insert(admin)
            try await store.insert(learner)
            #expect(try await store.user(id: admin.id) == admin)
            #expect(try await store.user(email: "LEARNER@example.ORG")?.id == learner.id)
            #expect(try await store.user(email: "learner@example.org")?.email == "learner@example.org")
            #expect(try await store.users(organisationID: school.id).map(\.id) == [learner.id])
            #expect(try await store.users(organisationID: nil).map(\.id) == [admin.id, learner.id])
            await #expect(throws: StorageError.self) {
                try await store.insert(Fixtures.user(email: "learner@EXAMPLE.org"))
            }
            #expect(try await store.countUsers() == 2)
        }
    }

    @Test("role changes are stored; changing a missing user fails", arguments: TestEngines.all)
    func roleChange(engine: DatabaseEngine) async throws {
        try await TestEngines.withStore(engine) { store, _ in
            let user = Fixtures.user()
            try await store.insert(user)
            try await store.setRole(.assessor, for: user.id)
            #expect(try await store.user(id: user.id)?.role == .assessor)
            await #expect(throws: StorageError.self) {
                try await store.setRole(.assessor, for: UserID(UUID()))
            }
        }
    }
}
