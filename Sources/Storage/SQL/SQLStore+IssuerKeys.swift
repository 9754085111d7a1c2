import Foundation
import SQLKit

extension SQLStore: IssuerKeyStore {
    public func addIssuerKey(_ key: IssuerKeyRecord) async throws {
        try await insertingUnique("issuer key \(key.fragment) of organisation \(key.organisationID)") {
            try await database.transaction { session in
                if key.status == .active {
                    try await session.raw("""
                        UPDATE issuer_keys SET status = \(bind: IssuerKeyStatus.retired.rawValue),
                               retired_at = \(bind: Timestamp.format(key.createdAt))
                        WHERE organisation_id = \(bind: key.organisationID.description)
                          AND status = \(bind: IssuerKeyStatus.active.rawValue)
                        """).run()
                }
                try await session.raw("""
                    INSERT INTO issuer_keys (id, organisation_id, fragment, public_key_multibase, sealed_private_key,
                                             master_key_id, status, created_at, retired_at)
                    VALUES (\(bind: key.id.description), \(bind: key.organisationID.description), \(bind: key.fragment),
                            \(bind: key.publicKeyMultibase), \(bind: key.sealedPrivateKey), \(bind: key.masterKeyID),
                            \(bind: key.status.rawValue), \(bind: Timestamp.format(key.createdAt)),
                            \(bind: key.retiredAt.map(Timestamp.format)))
                    """).run()
            }
        }
    }

    public func activeIssuerKey(organisationID: OrganisationID) async throws -> IssuerKeyRecord? {
        try await sql.raw("""
            SELECT * FROM issuer_keys
            WHERE organisation_id = \(bind: organisationID.description) AND status = \(bind: IssuerKeyStatus.active.rawValue)
            """).first().map(Self.issuerKey(from:))
    }

    public func issuerKeys(organisationID: OrganisationID) async throws -> [IssuerKeyRecord] {
        try await sql.raw("""
            SELECT * FROM issuer_keys WHERE organisation_id = \(bind: organisationID.description) ORDER BY created_at, id
            """).all().map(Self.issuerKey(from:))
    }

    static func issuerKey(from row: any SQLRow) throws -> IssuerKeyRecord {
        IssuerKeyRecord(
            id: try row.id("id"), organisationID: try row.id("organisation_id"), fragment: try row.text("fragment"),
            publicKeyMultibase: try row.text("public_key_multibase"), sealedPrivateKey: try row.text("sealed_private_key"),
            masterKeyID: try row.text("master_key_id"), status: try row.enumValue("status", as: IssuerKeyStatus.self),
            createdAt: try row.timestamp("created_at"), retiredAt: try row.optionalTimestamp("retired_at")
        )
    }
}
