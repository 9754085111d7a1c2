import Foundation

/// How an organisation's awards are issued by default (the VC-API chooses per request).
public protocol IssuanceSettingsStore: Sendable {
    /// The organisation's default format; nil when it never chose one (Data Integrity).
    func credentialFormat(organisationID: OrganisationID) async throws -> StoredCredentialFormat?
    func setCredentialFormat(_ format: StoredCredentialFormat, organisationID: OrganisationID, at date: Date) async throws
}
