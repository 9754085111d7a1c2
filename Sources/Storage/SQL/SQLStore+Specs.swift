import Foundation
import SQLKit

extension SQLStore: SpecStore {
    public func insert(_ record: SpecVersionRecord) async throws {
        try await insertingUnique("specification \(record.specID) version \(record.version)") {
            try await sql.raw("""
                INSERT INTO spec_versions (spec_id, version, status, organisation_id, published_at, retired_at,
                                           previous_version, content_json, content_hash, created_at)
                VALUES (\(bind: record.specID), \(bind: record.version), \(bind: record.status.rawValue),
                        \(bind: record.organisationID?.description), \(bind: record.publishedAt.map(Timestamp.format)),
                        \(bind: record.retiredAt.map(Timestamp.format)), \(bind: record.previousVersion),
                        \(bind: record.contentJSON), \(bind: record.contentHash), \(bind: Timestamp.format(record.createdAt)))
                """).run()
        }
    }

    /// Checks and writes in one transaction, so a concurrent publication cannot slip between them.
    public func replaceDraft(_ record: SpecVersionRecord) async throws {
        try await database.transaction { session in
            guard let row = try await session.raw("""
                SELECT status FROM spec_versions WHERE spec_id = \(bind: record.specID) AND version = \(bind: record.version)
                """).first() else {
                throw StorageError.notFound("specification \(record.specID) version \(record.version)")
            }
            let stored = try row.enumValue("status", as: SpecVersionStatus.self)
            guard stored == .draft else {
                throw StorageError.immutable("specification \(record.specID) version \(record.version) is \(stored.rawValue)")
            }
            try await session.raw("""
                UPDATE spec_versions
                SET status = \(bind: record.status.rawValue), organisation_id = \(bind: record.organisationID?.description),
                    published_at = \(bind: record.publishedAt.map(Timestamp.format)),
                    retired_at = \(bind: record.retiredAt.map(Timestamp.format)),
                    previous_version = \(bind: record.previousVersion), content_json = \(bind: record.contentJSON),
                    content_hash = \(bind: record.contentHash)
                WHERE spec_id = \(bind: record.specID) AND version = \(bind: record.version)
                """).run()
        }
    }

    public func specVersion(id: String, version: Int) async throws -> SpecVersionRecord? {
        try await sql.raw("""
            SELECT * FROM spec_versions WHERE spec_id = \(bind: id) AND version = \(bind: version)
            """).first().map(Self.specVersion(from:))
    }

    public func specVersions(id: String) async throws -> [SpecVersionRecord] {
        try await sql.raw("SELECT * FROM spec_versions WHERE spec_id = \(bind: id) ORDER BY version").all().map(Self.specVersion(from:))
    }

    public func latestPublishedSpecVersions() async throws -> [SpecVersionRecord] {
        let published = SpecVersionStatus.published.rawValue
        return try await sql.raw("""
            SELECT * FROM spec_versions s
            WHERE s.status = \(bind: published)
              AND s.version = (SELECT MAX(t.version) FROM spec_versions t
                               WHERE t.spec_id = s.spec_id AND t.status = \(bind: published))
            ORDER BY s.spec_id
            """).all().map(Self.specVersion(from:))
    }

    public func countSpecVersions() async throws -> Int {
        try await count("SELECT COUNT(*) AS n FROM spec_versions")
    }

    static func specVersion(from row: any SQLRow) throws -> SpecVersionRecord {
        SpecVersionRecord(
            specID: try row.text("spec_id"), version: try row.decode(column: "version", as: Int.self),
            status: try row.enumValue("status", as: SpecVersionStatus.self), organisationID: try row.optionalID("organisation_id"),
            publishedAt: try row.optionalTimestamp("published_at"), retiredAt: try row.optionalTimestamp("retired_at"),
            previousVersion: try row.decodeNil(column: "previous_version") ? nil : try row.decode(column: "previous_version", as: Int.self),
            contentJSON: try row.text("content_json"), contentHash: try row.text("content_hash"),
            createdAt: try row.timestamp("created_at")
        )
    }
}
