import Foundation
import Storage
import Testing

@Suite("Specification store")
struct SpecStoreContractTests {
    static func record(_ id: String = "spec-a", version: Int = 1, status: SpecVersionStatus = .draft,
                       previous: Int? = nil, content: String = #"{"title":"A"}"#, at: Date = Fixtures.t0) -> SpecVersionRecord {
        SpecVersionRecord(specID: id, version: version, status: status,
                          publishedAt: status == .draft ? nil : at, previousVersion: previous,
                          contentJSON: content, contentHash: String(repeating: "ab", count: 32), createdAt: at)
    }

    @Test("versions round-trip; a key is taken once", arguments: TestEngines.all)
    func roundTrip(engine: DatabaseEngine) async throws {
        try await TestEngines.withStore(engine) { store, _ in
            let issuer = Fixtures.organisation(slug: "issuer", kind: .issuer)
            try await store.insert(issuer)
            var v1 = Self.record(status: .published, content: #"{"title":"Ελληνικά – ț"}"#)
            v1.organisationID = issuer.id
            let v2 = Self.record(version: 2, previous: 1, at: Fixtures.t0.addingTimeInterval(5))
            try await store.insert(v1)
            try await store.insert(v2)
            #expect(try await store.specVersion(id: "spec-a", version: 1) == v1)
            #expect(try await store.specVersion(id: "spec-a", version: 2) == v2)
            #expect(try await store.specVersion(id: "spec-a", version: 3) == nil)
            #expect(try await store.specVersions(id: "spec-a") == [v1, v2])
            await #expect(throws: StorageError.duplicate("specification spec-a version 1")) {
                try await store.insert(Self.record(status: .draft))
            }
            #expect(try await store.countSpecVersions() == 2)
            #expect(try await store.specVersion(id: "spec-a", version: 1) == v1)
        }
    }

    @Test("a draft can be replaced and published; a published version never changes", arguments: TestEngines.all)
    func publishedIsImmutable(engine: DatabaseEngine) async throws {
        try await TestEngines.withStore(engine) { store, database in
            try await store.insert(Self.record())
            let edited = Self.record(content: #"{"title":"B"}"#)
            try await store.replaceDraft(edited)
            #expect(try await store.specVersion(id: "spec-a", version: 1)?.contentJSON == #"{"title":"B"}"#)
            var published = Self.record(status: .published, content: #"{"title":"B"}"#)
            published.publishedAt = Fixtures.t0.addingTimeInterval(9)
            try await store.replaceDraft(published)
            #expect(try await store.specVersion(id: "spec-a", version: 1) == published)

            await #expect(throws: StorageError.immutable("specification spec-a version 1 is published")) {
                try await store.replaceDraft(Self.record(content: #"{"title":"C"}"#))
            }
            await #expect(throws: StorageError.notFound("specification spec-a version 7")) {
                try await store.replaceDraft(Self.record(version: 7))
            }
            // The database refuses too, whoever writes.
            await #expect(throws: (any Error).self) {
                try await database.sql.raw("UPDATE spec_versions SET content_json = 'x' WHERE spec_id = 'spec-a'").run()
            }
            await #expect(throws: (any Error).self) {
                try await database.sql.raw("DELETE FROM spec_versions WHERE spec_id = 'spec-a'").run()
            }
            #expect(try await store.specVersion(id: "spec-a", version: 1) == published)
        }
    }

    @Test("the catalogue lists each specification's latest published version", arguments: TestEngines.all)
    func latestPublished(engine: DatabaseEngine) async throws {
        try await TestEngines.withStore(engine) { store, _ in
            try await store.insert(Self.record("spec-b", status: .published))
            try await store.insert(Self.record("spec-b", version: 2, status: .published, previous: 1))
            try await store.insert(Self.record("spec-b", version: 3, previous: 2))          // a draft: not listed
            try await store.insert(Self.record("spec-a", status: .published))
            try await store.insert(Self.record("spec-c"))                                  // only a draft
            let latest = try await store.latestPublishedSpecVersions()
            #expect(latest.map { "\($0.specID)@\($0.version)" } == ["spec-a@1", "spec-b@2"])
        }
    }
}
