/// Keeps the versions of micro-credential specifications. Versions are only ever added; a draft
/// may be replaced (edited or published); a published or retired version never changes.
public protocol SpecStore: Sendable {
    /// Adds a new version. Throws `StorageError.duplicate` when `(specID, version)` exists.
    func insert(_ record: SpecVersionRecord) async throws
    /// Replaces a stored draft (same key) with `record` — an edit or its publication.
    /// Throws `StorageError.notFound` when absent and `StorageError.immutable` when the stored
    /// version is not a draft.
    func replaceDraft(_ record: SpecVersionRecord) async throws
    func specVersion(id: String, version: Int) async throws -> SpecVersionRecord?
    /// Every version of one specification, oldest first.
    func specVersions(id: String) async throws -> [SpecVersionRecord]
    /// For each specification with a published version, its highest published version; by spec id.
    func latestPublishedSpecVersions() async throws -> [SpecVersionRecord]
    func countSpecVersions() async throws -> Int
}
