import Foundation
import Hummingbird
import Storage

/// GET /api/v1/audit?limit=&before=&action= (platform admins only). Read-only by design.
struct AuditAPI {
    let services: AppServices

    func register(on api: RouterGroup<AppRequestContext>) {
        api.get("audit", use: list)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        try context.authorize(.readAuditLog)
        let query = try AuditQuery(request.uri.queryParameters)
        let events = try await services.auditLog.events(limit: query.limit, before: query.before, action: query.action)
        return try APIJSON.response(ListView(items: events.map(AuditEventView.init)))
    }
}

/// Paging and filter parameters shared by the audit API and page.
struct AuditQuery {
    var limit = 100
    var before: AuditEventID?
    var action: AuditAction?

    init(_ parameters: Parameters) throws {
        if let text = parameters.get("limit") {
            guard let limit = Int(text), (1...1000).contains(limit) else { throw AppError.invalidInput("limit is 1 to 1000") }
            self.limit = limit
        }
        if let text = parameters.get("before"), !text.isEmpty {
            guard let id = AuditEventID(text) else { throw AppError.invalidInput("before must be an event id") }
            self.before = id
        }
        if let text = parameters.get("action"), !text.isEmpty {
            guard let action = AuditAction(rawValue: text) else { throw AppError.invalidInput("unknown action \(text)") }
            self.action = action
        }
    }
}
