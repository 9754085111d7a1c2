import Foundation
import Storage

/// Writes audit events with the request's id, address and actor filled in.
public struct AuditRecorder: Sendable {
    let log: any AuditLog
    let clock: any WallClock
    let ids: UUIDv7Generator

    public init(log: any AuditLog, clock: any WallClock, ids: UUIDv7Generator) {
        self.log = log
        self.clock = clock
        self.ids = ids
    }

    public func record(
        _ action: AuditAction, actor: UserID?, target: String?, context: AppRequestContext?,
        details: [String: String] = [:]
    ) async throws {
        let now = clock.now()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = String(decoding: try encoder.encode(details), as: UTF8.self)
        try await log.append(AuditEvent(
            id: AuditEventID(ids.next(at: now)), occurredAt: now, action: action, actorUserID: actor,
            target: target, ip: context?.clientAddress, requestID: context?.requestID, detailsJSON: json
        ))
    }
}
