/// Keeps user accounts.
public protocol UserStore: Sendable {
    /// Throws `StorageError.duplicate` when the email is taken.
    func insert(_ user: User) async throws
    func user(id: UserID) async throws -> User?
    /// Case-insensitive.
    func user(email: String) async throws -> User?
    /// All users, or those of one organisation, in creation order.
    func users(organisationID: OrganisationID?) async throws -> [User]
    func setRole(_ role: Role, for id: UserID) async throws
    func countUsers() async throws -> Int
}
