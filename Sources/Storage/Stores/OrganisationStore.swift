/// Keeps organisations.
public protocol OrganisationStore: Sendable {
    /// Throws `StorageError.duplicate` when the slug is taken.
    func insert(_ organisation: Organisation) async throws
    func organisation(id: OrganisationID) async throws -> Organisation?
    func organisation(slug: String) async throws -> Organisation?
    func organisations() async throws -> [Organisation]
    func countOrganisations() async throws -> Int
}
