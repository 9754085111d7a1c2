import Foundation

/// The append-only audit log: there is deliberately no update or delete.
public protocol AuditLog: Sendable {
    func append(_ event: AuditEvent) async throws
    /// Newest first. `before` pages backwards by event id (UUIDv7, so id order is time order).
    func events(limit: Int, before: AuditEventID?, action: AuditAction?) async throws -> [AuditEvent]
    func countEvents(action: AuditAction?) async throws -> Int
}
