import Foundation
import Hummingbird
import Storage

/// `/api/v1/organisations/{slug}/issuance-settings`: how the organisation's awards (test
/// results, practical awards, bulk rows without a `format`) are secured by default:
/// `{"credentialFormat": "application/vc" | "application/vc+jwt"}`. The VC-API still chooses per
/// request (`options.format`). Administrators of the organisation (and platform admins).
struct IssuanceSettingsAPI {
    let services: AppServices

    func register(on api: RouterGroup<AppRequestContext>) {
        api.get("organisations/{slug}/issuance-settings", use: read)
        api.put("organisations/{slug}/issuance-settings", use: update)
    }

    struct SettingsView: Codable {
        let credentialFormat: String
    }

    private func organisation(_ context: AppRequestContext) async throws -> (Principal, Organisation) {
        guard let slug = context.parameters.get("slug"), let organisation = try await services.organisations.organisation(slug: slug) else {
            throw AppError.notFound("this organisation")
        }
        let principal = try context.authorize(.manageCredentialStatus(organisation: organisation.id))
        return (principal, organisation)
    }

    @Sendable func read(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, organisation) = try await organisation(context)
        let format = try await services.issuanceSettings.credentialFormat(organisationID: organisation.id) ?? .dataIntegrity
        return try APIJSON.response(SettingsView(credentialFormat: format.rawValue))
    }

    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (principal, organisation) = try await organisation(context)
        let input = try await request.decodeJSON(SettingsView.self, context: context)
        guard let format = SecuringFormat(option: input.credentialFormat) else {
            throw AppError.invalidInput("credentialFormat must be application/vc (Data Integrity) or application/vc+jwt")
        }
        try await services.issuanceSettings.setCredentialFormat(format.stored, organisationID: organisation.id, at: services.clock.now())
        try await services.audit.record(.issuanceSettingsChanged, actor: principal.user.id, target: "organisation:\(organisation.id)",
                                        context: context, details: ["credentialFormat": format.stored.rawValue])
        return try APIJSON.response(SettingsView(credentialFormat: format.stored.rawValue))
    }
}
