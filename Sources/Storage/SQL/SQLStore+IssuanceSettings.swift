import Foundation
import SQLKit

extension SQLStore: IssuanceSettingsStore {
    public func credentialFormat(organisationID: OrganisationID) async throws -> StoredCredentialFormat? {
        try await sql.raw("""
            SELECT credential_format FROM organisation_issuance_settings WHERE organisation_id = \(bind: organisationID.description)
            """).first().map { try $0.enumValue("credential_format", as: StoredCredentialFormat.self) }
    }

    public func setCredentialFormat(_ format: StoredCredentialFormat, organisationID: OrganisationID, at date: Date) async throws {
        try await sql.raw("""
            INSERT INTO organisation_issuance_settings (organisation_id, credential_format, updated_at)
            VALUES (\(bind: organisationID.description), \(bind: format.rawValue), \(bind: Timestamp.format(date)))
            ON CONFLICT (organisation_id) DO UPDATE SET credential_format = excluded.credential_format, updated_at = excluded.updated_at
            """).run()
    }
}
