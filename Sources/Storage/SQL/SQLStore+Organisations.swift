import Foundation
import SQLKit

extension SQLStore: OrganisationStore {
    public func insert(_ organisation: Organisation) async throws {
        try await insertingUnique("organisation slug \(organisation.slug)") {
            try await sql.raw("""
                INSERT INTO organisations (id, kind, slug, name, country, created_at)
                VALUES (\(bind: organisation.id.description), \(bind: organisation.kind.rawValue), \(bind: organisation.slug),
                        \(bind: organisation.name), \(bind: organisation.country), \(bind: Timestamp.format(organisation.createdAt)))
                """).run()
        }
    }

    public func organisation(id: OrganisationID) async throws -> Organisation? {
        try await sql.raw("SELECT * FROM organisations WHERE id = \(bind: id.description)").first().map(Self.organisation(from:))
    }

    public func organisation(slug: String) async throws -> Organisation? {
        try await sql.raw("SELECT * FROM organisations WHERE slug = \(bind: slug)").first().map(Self.organisation(from:))
    }

    public func organisations() async throws -> [Organisation] {
        try await sql.raw("SELECT * FROM organisations ORDER BY created_at, id").all().map(Self.organisation(from:))
    }

    public func countOrganisations() async throws -> Int {
        try await count("SELECT COUNT(*) AS n FROM organisations")
    }

    static func organisation(from row: any SQLRow) throws -> Organisation {
        Organisation(
            id: try row.id("id"), kind: try row.enumValue("kind", as: OrganisationKind.self),
            slug: try row.text("slug"), name: try row.text("name"), country: try row.text("country"),
            createdAt: try row.timestamp("created_at")
        )
    }
}
