import Foundation
import Storage
import Testing

@Suite("Share link store")
struct ShareLinkStoreContractTests {
    static func link(_ credential: IssuedCredentialID, owner: UserID, token: String, at: Date) -> ShareLink {
        ShareLink(id: .init(UUID.v7(at: at, random: Fixtures.random)), token: token, credentialID: credential, ownerUserID: owner, createdAt: at)
    }

    @Test("links round-trip, list newest first, revoke once; tokens are unique", arguments: TestEngines.all)
    func lifecycle(engine: DatabaseEngine) async throws {
        try await TestEngines.withStore(engine) { store, _ in
            let org = Fixtures.organisation(slug: "issuer", kind: .issuer)
            try await store.insert(org)
            let learner = Fixtures.user(email: "learner@example.org")
            let other = Fixtures.user(email: "other@example.org")
            try await store.insert(learner)
            try await store.insert(other)
            let credential = try await IssuanceStoreContractTests.issue(store, org: org.id, learner: learner.id)

            let first = Self.link(credential.id, owner: learner.id, token: "tok-1", at: Fixtures.t0)
            let second = Self.link(credential.id, owner: learner.id, token: "tok-2", at: Fixtures.t0.addingTimeInterval(60))
            try await store.insert(first)
            try await store.insert(second)
            #expect(try await store.shareLink(token: "tok-1") == first)
            #expect(try await store.shareLink(id: second.id) == second)
            #expect(try await store.shareLink(token: "nope") == nil)
            #expect(try await store.shareLinks(ownerUserID: learner.id) == [second, first])
            #expect(try await store.shareLinks(ownerUserID: other.id).isEmpty)

            await #expect(throws: StorageError.duplicate("share link")) {
                try await store.insert(Self.link(credential.id, owner: other.id, token: "tok-1", at: Fixtures.t0))
            }

            let revokedAt = Fixtures.t0.addingTimeInterval(120)
            try await store.revokeShareLink(id: first.id, at: revokedAt)
            try await store.revokeShareLink(id: first.id, at: revokedAt.addingTimeInterval(60))   // idempotent
            #expect(try await store.shareLink(token: "tok-1")?.revokedAt == revokedAt)
            #expect(try await store.shareLink(token: "tok-2")?.isRevoked == false)
            let missing = ShareLinkID(UUID.v7(at: Fixtures.t0, random: Fixtures.random))
            await #expect(throws: StorageError.notFound("share link \(missing)")) { try await store.revokeShareLink(id: missing, at: revokedAt) }
        }
    }
}
