import Catalogue
import Foundation
import Storage

/// A specification version as the server knows it: the Catalogue value plus who owns it.
struct StoredSpec: Sendable {
    let spec: MicroCredentialSpec
    /// The issuer organisation that owns the specification (nil: the platform, e.g. the flagship).
    let organisationID: OrganisationID?
}

/// Joins the Catalogue library's lifecycle rules to the `SpecStore`: every change is computed by
/// `MicroCredentialSpec`'s own methods (draft, publish, revise), then persisted. Lifecycle fields
/// live in columns; `content_json` holds the `SpecContent` only, so the stored hash and the text it
/// hashes can be compared directly.
struct SpecCatalogue: Sendable {
    let store: any SpecStore
    let framework: SkillsFramework
    let clock: any WallClock

    init(services: AppServices) {
        self.store = services.specs
        self.framework = services.skills
        self.clock = services.clock
    }

    init(store: any SpecStore, framework: SkillsFramework, clock: any WallClock) {
        self.store = store
        self.framework = framework
        self.clock = clock
    }

    // MARK: Reading

    func spec(id: SpecID, version: Int) async throws -> StoredSpec? {
        try await store.specVersion(id: id.rawValue, version: version).map(Self.decode)
    }

    func versions(id: SpecID) async throws -> [StoredSpec] {
        try await store.specVersions(id: id.rawValue).map(Self.decode)
    }

    func latestPublished() async throws -> [StoredSpec] {
        try await store.latestPublishedSpecVersions().map(Self.decode)
    }

    func validate(_ content: SpecContent) -> [ValidationIssue] {
        SpecValidator(framework: framework).validate(content)
    }

    // MARK: Changing

    /// Seeds the flagship specification (published, platform-owned) when no version of it exists.
    @discardableResult
    func seedFlagshipIfAbsent() async throws -> Bool {
        let flagship = try MicroCredentialSpec.flagship()
        guard try await store.specVersions(id: flagship.id.rawValue).isEmpty else { return false }
        do {
            try await store.insert(Self.record(flagship, organisationID: nil, createdAt: clock.now()))
            return true
        } catch StorageError.duplicate {
            return false  // another process seeded it at the same moment
        }
    }

    /// Version 1 of a new specification, as a draft. The id must be a valid slug not used before.
    func createDraft(id: SpecID, content: SpecContent, organisationID: OrganisationID?) async throws -> StoredSpec {
        guard id.isValid else {
            throw AppError.invalidInput("id '\(id)' must be 1–80 lower-case letters, digits and inner hyphens")
        }
        guard try await store.specVersions(id: id.rawValue).isEmpty else {
            throw AppError.conflict("specification \(id) already exists; revise it to make a new version")
        }
        let draft = MicroCredentialSpec.draft(id: id, content: content)
        try await store.insert(Self.record(draft, organisationID: organisationID, createdAt: clock.now()))
        return StoredSpec(spec: draft, organisationID: organisationID)
    }

    /// Replaces a draft's content. Published and retired versions refuse (`SpecLifecycleError.immutable`).
    func edit(_ stored: StoredSpec, content: SpecContent) async throws -> StoredSpec {
        var spec = stored.spec
        try spec.edit { $0 = content }
        let existing = try await store.specVersion(id: spec.id.rawValue, version: spec.version)
        try await store.replaceDraft(Self.record(spec, organisationID: stored.organisationID, createdAt: existing?.createdAt ?? clock.now()))
        return StoredSpec(spec: spec, organisationID: stored.organisationID)
    }

    /// Publishes a draft; throws `SpecLifecycleError.invalid` with every error-severity issue.
    func publish(_ stored: StoredSpec) async throws -> StoredSpec {
        var spec = stored.spec
        try spec.publish(at: clock.now(), framework: framework)
        try await store.replaceDraft(Self.record(spec, organisationID: stored.organisationID, createdAt: clock.now()))
        return StoredSpec(spec: spec, organisationID: stored.organisationID)
    }

    /// A new draft version after `stored` (published or retired), with `content` or the same content.
    func revise(_ stored: StoredSpec, content: SpecContent?) async throws -> StoredSpec {
        let next = try stored.spec.revise { if let content { $0 = content } }
        do {
            try await store.insert(Self.record(next, organisationID: stored.organisationID, createdAt: clock.now()))
        } catch StorageError.duplicate {
            throw AppError.conflict("\(next.id) version \(next.version) already exists; revise the latest version")
        }
        return StoredSpec(spec: next, organisationID: stored.organisationID)
    }

    // MARK: Rows

    static func record(_ spec: MicroCredentialSpec, organisationID: OrganisationID?, createdAt: Date) -> SpecVersionRecord {
        SpecVersionRecord(
            specID: spec.id.rawValue, version: spec.version, status: SpecVersionStatus(rawValue: spec.status.rawValue) ?? .draft,
            organisationID: organisationID, publishedAt: spec.publishedAt, retiredAt: spec.retiredAt,
            previousVersion: spec.previousVersion, contentJSON: contentJSON(spec.content), contentHash: spec.contentHash,
            createdAt: createdAt
        )
    }

    static func decode(_ record: SpecVersionRecord) throws -> StoredSpec {
        let content: SpecContent
        do {
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            content = try decoder.decode(SpecContent.self, from: Data(record.contentJSON.utf8))
        } catch {
            throw StorageError.corruptRow("spec_versions \(record.specID)@\(record.version): \(error)")
        }
        guard let status = SpecStatus(rawValue: record.status.rawValue) else {
            throw StorageError.corruptRow("spec_versions \(record.specID)@\(record.version) status")
        }
        let spec = MicroCredentialSpec(
            id: SpecID(record.specID), version: record.version, status: status, publishedAt: record.publishedAt,
            retiredAt: record.retiredAt, previousVersion: record.previousVersion, content: content
        )
        return StoredSpec(spec: spec, organisationID: record.organisationID)
    }

    /// Sorted keys and ISO 8601 dates: the same text for the same content.
    static func contentJSON(_ content: SpecContent) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return (try? encoder.encode(content)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}
