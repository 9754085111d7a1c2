import Foundation
import Hummingbird
import Storage

/// `/issuer/credentials`: an organisation administrator's list of issued credentials, with a
/// small form per credential to revoke, suspend or lift a suspension (with a reason, audited).
struct IssuerPages {
    let services: AppServices

    func register(on router: Router<AppRequestContext>) {
        router.get("issuer/credentials", use: list)
        router.post("issuer/credentials/{id}/status", use: change)
    }

    private func organisation(_ context: AppRequestContext) throws -> OrganisationID {
        let principal = try context.requirePrincipal()
        guard let organisation = principal.user.organisationID else {
            throw AppError.forbidden("this page is for administrators of an issuing organisation")
        }
        try context.authorize(.manageCredentialStatus(organisation: organisation))
        return organisation
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let organisation = try organisation(context)
        let done = request.uri.queryParameters["done"].flatMap { CredentialState(rawValue: String($0)) }
        return try await render(organisation: organisation, context: context, done: done)
    }

    private func render(organisation: OrganisationID, context: AppRequestContext, done: CredentialState?) async throws -> Response {
        let strings = services.pages.catalogue.strings(for: context.language)
        func t(_ key: String) -> String { strings[key] ?? key }
        var rows: [IssuedCredentialsPage.Row] = []
        for record in try await services.credentials.credentials(organisationID: organisation, limit: 100) {
            let state = try await services.statusLists.credentialState(id: record.id)
            let purposes = Set(record.statusEntries.map(\.purpose))
            var actions: [IssuedCredentialsPage.Option] = []
            if state == .suspended { actions.append(.init(value: "unsuspend", label: t("issuance_unsuspend"))) }
            if state == .active, purposes.contains(.suspension) { actions.append(.init(value: "suspend", label: t("issuance_suspend"))) }
            if state != .revoked { actions.append(.init(value: "revoke", label: t("issuance_revoke"))) }
            rows.append(.init(id: record.id.description, shortID: String(record.id.description.suffix(12)),
                              specification: record.specID.map { "\($0) v\(record.specVersion ?? 1)" } ?? "—",
                              issuedAt: Timestamp.format(record.issuedAt), state: state.rawValue,
                              stateLabel: t("issuance_state_\(state.rawValue)"), canChange: !actions.isEmpty, actions: actions,
                              csrfToken: context.principal?.csrfToken ?? ""))
        }
        let notice = done.map { services.pages.catalogue.text("issuance_done", context.language, ["status": t("issuance_state_\($0.rawValue)")]) }
        let page = IssuedCredentialsPage(rows: rows, hasRows: !rows.isEmpty, notice: notice)
        return try services.pages.render("issuer-credentials", page: page, title: t("issuance_title"), context: context,
                                         path: "/issuer/credentials")
    }

    @Sendable func change(_ request: Request, context: AppRequestContext) async throws -> Response {
        let organisation = try organisation(context)
        let form = try await request.formFields(context: context)
        guard let text = context.parameters.get("id"), let id = IssuedCredentialID(text) else { throw AppError.notFound("this credential") }
        guard let change = form["action"].flatMap(CredentialStatusService.Change.init(rawValue:)) else {
            throw AppError.invalidInput("choose revoke, suspend or unsuspend")
        }
        let service = CredentialStatusService(services: services)
        let record = try await service.credential(id, issuedBy: organisation)
        let state = try await service.apply(change, to: record, reason: form["reason"], actor: context.principal?.user.id, context: context)
        return Response.redirect(to: "/issuer/credentials?done=\(state.rawValue)", type: .normal)
    }
}

struct IssuedCredentialsPage {
    struct Option {
        let value: String
        let label: String
    }

    struct Row {
        let id: String
        let shortID: String
        let specification: String
        let issuedAt: String
        let state: String
        let stateLabel: String
        let canChange: Bool
        let actions: [Option]
        let csrfToken: String
    }

    let rows: [Row]
    let hasRows: Bool
    let notice: String?
}
