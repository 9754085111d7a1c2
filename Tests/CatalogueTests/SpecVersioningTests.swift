import Foundation
import Testing
@testable import Catalogue

@Suite("Specification versioning")
struct SpecVersioningTests {
    let t0 = Fixtures.date("2026-01-10T09:00:00Z")

    @Test func draftCanBeEditedThenPublishedThenIsImmutable() throws {
        var spec = MicroCredentialSpec.draft(id: "demo", content: try Fixtures.content())
        try spec.edit { $0.tags.append("pilot") }
        #expect(spec.content.tags.last == "pilot")
        try spec.publish(at: t0)
        #expect(spec.status == .published && spec.publishedAt == t0)
        let hashBefore = spec.contentHash
        #expect(throws: SpecLifecycleError.immutable(id: "demo", version: 1, status: .published)) {
            try spec.edit { $0.tags = [] }
        }
        #expect(spec.contentHash == hashBefore)
    }

    @Test func revisingMakesTheNextVersionAndLeavesTheOriginal() throws {
        var v1 = MicroCredentialSpec.draft(id: "demo", content: try Fixtures.content())
        try v1.publish(at: t0)
        let v2 = try v1.revise { $0.workload.hours = 30 }
        #expect(v2.version == 2 && v2.status == .draft && v2.previousVersion == 1 && v2.publishedAt == nil)
        #expect(v2.content.workload.hours == 30 && v1.content.workload.hours == 25)
        #expect(v2.contentHash != v1.contentHash)
        #expect(v2.reference == SpecReference(id: "demo", version: 2))
        #expect(throws: SpecLifecycleError.reviseDraft(id: "demo", version: 2)) { _ = try v2.revise { _ in } }
    }

    @Test func retiredVersionsStayFrozenButCanBeRevised() throws {
        var spec = MicroCredentialSpec.draft(id: "demo", content: try Fixtures.content())
        #expect(throws: SpecLifecycleError.notPublished(id: "demo", version: 1, status: .draft)) { try spec.retire(at: t0) }
        try spec.publish(at: t0)
        try spec.retire(at: t0.addingTimeInterval(86_400))
        #expect(spec.status == .retired)
        #expect(throws: SpecLifecycleError.self) { try spec.edit { $0.tags = [] } }
        #expect(throws: SpecLifecycleError.notADraft(id: "demo", version: 1, status: .retired)) { try spec.publish(at: t0) }
        #expect(try spec.revise { _ in }.version == 2)
    }

    @Test func invalidDraftCannotBePublished() throws {
        var content = try Fixtures.content()
        content.learningOutcomes = []
        var spec = MicroCredentialSpec.draft(id: "demo", content: content)
        do {
            try spec.publish(at: t0)
            Issue.record("published an invalid specification")
        } catch SpecLifecycleError.invalid(let issues) {
            #expect(issues.map(\.path) == ["learningOutcomes"])
        }
        #expect(spec.status == .draft)
    }

    @Test func contentHashIsContentIdentity() throws {
        let content = try Fixtures.content()
        let a = MicroCredentialSpec.draft(id: "a", content: content)
        var b = MicroCredentialSpec(id: "b", version: 7, status: .draft, content: content)
        #expect(a.contentHash == b.contentHash, "lifecycle fields are not content")
        #expect(a.contentHash.count == 64 && a.contentHash.allSatisfy(\.isHexDigit))
        try b.edit { $0.title[.greek] = "άλλος τίτλος" }
        #expect(a.contentHash != b.contentHash)
        // Dictionary order of language maps never changes the hash.
        var c = content
        c.title = LocalizedText(Dictionary(uniqueKeysWithValues: content.title.values.reversed()))
        #expect(c.contentHash == content.contentHash)
    }

    @Test func jsonRoundTripKeepsEverything() throws {
        var spec = try Fixtures.flagship()
        let again = try MicroCredentialSpec.decode(json: spec.encodedJSON())
        #expect(again == spec)
        #expect(again.status == .published && again.publishedAt == Fixtures.date("2025-09-01T00:00:00Z"))
        try #require(throws: SpecLifecycleError.self) { try spec.edit { _ in } }
    }

    @Test func specIDsAreSlugs() {
        #expect(SpecID("empass-employability").isValid)
        #expect(!SpecID("EmPass").isValid && !SpecID("-x").isValid && !SpecID("a b").isValid && !SpecID("").isValid)
    }
}
