import Foundation
import SQLKit

extension SQLStore: AuditLog {
    public func append(_ event: AuditEvent) async throws {
        try await sql.raw("""
            INSERT INTO audit_events (id, occurred_at, action, actor_user_id, target, ip, request_id, details)
            VALUES (\(bind: event.id.description), \(bind: Timestamp.format(event.occurredAt)), \(bind: event.action.rawValue),
                    \(bind: event.actorUserID?.description), \(bind: event.target), \(bind: event.ip),
                    \(bind: event.requestID), \(bind: event.detailsJSON))
            """).run()
    }

    public func events(limit: Int, before: AuditEventID?, action: AuditAction?) async throws -> [AuditEvent] {
        // Optional filters as "(CAST(? AS TEXT) IS NULL OR column = ?)" (the cast tells PostgreSQL the type of a NULL) keep the statement constant and fully bound.
        let beforeText = before?.description
        let actionText = action?.rawValue
        return try await sql.raw("""
            SELECT * FROM audit_events
            WHERE (CAST(\(bind: beforeText) AS TEXT) IS NULL OR id < \(bind: beforeText))
              AND (CAST(\(bind: actionText) AS TEXT) IS NULL OR action = \(bind: actionText))
            ORDER BY id DESC
            LIMIT \(bind: max(0, min(limit, 1000)))
            """).all().map(Self.event(from:))
    }

    public func countEvents(action: AuditAction?) async throws -> Int {
        if let action {
            return try await count("SELECT COUNT(*) AS n FROM audit_events WHERE action = \(bind: action.rawValue)")
        }
        return try await count("SELECT COUNT(*) AS n FROM audit_events")
    }

    static func event(from row: any SQLRow) throws -> AuditEvent {
        AuditEvent(
            id: try row.id("id"), occurredAt: try row.timestamp("occurred_at"),
            action: try row.enumValue("action", as: AuditAction.self), actorUserID: try row.optionalID("actor_user_id"),
            target: try row.optionalText("target"), ip: try row.optionalText("ip"),
            requestID: try row.optionalText("request_id"), detailsJSON: try row.text("details")
        )
    }
}
