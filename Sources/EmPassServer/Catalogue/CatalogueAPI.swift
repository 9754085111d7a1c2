import Catalogue
import Foundation
import Hummingbird
import LinkedData
import Storage

/// /api/v1/catalogue: the public catalogue (read) and its editing by issuers (create, publish, revise).
struct CatalogueAPI {
    let services: AppServices

    func register(on api: RouterGroup<AppRequestContext>) {
        api.get("catalogue/specs", use: list)
        api.post("catalogue/specs", use: create)
        api.get("catalogue/specs/{id}", use: history)
        api.get("catalogue/specs/{id}/versions/{version}", use: version)
        api.get("catalogue/specs/{id}/versions/{version}/achievement", use: achievement)
        api.put("catalogue/specs/{id}/versions/{version}", use: edit)
        api.post("catalogue/specs/{id}/versions/{version}/publish", use: publish)
        api.post("catalogue/specs/{id}/versions/{version}/revise", use: revise)
    }

    private var catalogue: SpecCatalogue { SpecCatalogue(services: services) }

    /// Public: the latest published version of each specification, filtered by `eqf`, `language`,
    /// `sector` and `qa` (see `CatalogueFilter`).
    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let filter = try CatalogueFilter(request.uri.queryParameters)
        let rows = try await filter.apply(to: catalogue.latestPublished(), services: services)
        return try APIJSON.response(ListView(items: rows.map { SpecSummaryView($0.spec.spec, provider: $0.spec.organisationID, assured: $0.assured) }))
    }

    /// Every version of one specification the caller may see (drafts only for its managers), oldest first.
    @Sendable func history(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let id = context.parameters.get("id") else { throw AppError.notFound("this specification") }
        let versions = try await catalogue.versions(id: SpecID(id))
        guard let first = versions.first else { throw AppError.notFound("this specification") }
        let owner = try await owner(of: first)
        let canManage = context.principal.map { AccessPolicy.decide($0.user, .manageSpec(owner: owner)) == .allow } ?? false
        let visible = versions.filter { canManage || $0.spec.status != .draft }
        guard !visible.isEmpty else { throw AppError.notFound("this specification") }
        return try APIJSON.response(ListView(items: visible.map { VersionSummaryView($0.spec) }))
    }

    /// Published and retired versions are public; drafts only for those who may manage them.
    @Sendable func version(_ request: Request, context: AppRequestContext) async throws -> Response {
        let stored = try await readable(context)
        return try APIJSON.response(SpecVersionView(stored, issues: catalogue.validate(stored.spec.content)))
    }

    /// The Open Badges 3.0 Achievement of a version, with ids under `EMPASS_PUBLIC_URL`.
    @Sendable func achievement(_ request: Request, context: AppRequestContext) async throws -> Response {
        let stored = try await readable(context)
        let id = AchievementMapper.achievementID(publicURL: services.config.publicURL.absoluteString, spec: stored.spec.reference)
        let json = try AchievementMapper(framework: services.skills).achievement(for: stored.spec, id: id)
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: JSONSerializer.serializeBytes(json))))
    }

    struct NewSpec: Decodable {
        let id: String
        let content: SpecContent
        /// The issuer that owns it; defaults to the caller's organisation.
        let organisationId: OrganisationID?
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let input = try await request.decodeJSON(NewSpec.self, context: context)
        let ownerID = input.organisationId ?? (principal.user.role == .platformAdmin ? nil : principal.user.organisationID)
        let owner = try await ownerID.asyncMap { id in
            guard let organisation = try await services.organisations.organisation(id: id) else {
                throw AppError.invalidInput("organisation \(id) does not exist")
            }
            return organisation
        }
        try context.authorize(.createSpec(owner: owner))
        if let owner, owner.kind != .issuer { throw AppError.invalidInput("specifications belong to issuers; \(owner.slug) is a \(owner.kind.rawValue)") }
        let created = try await catalogue.createDraft(id: SpecID(input.id), content: input.content, organisationID: owner?.id)
        try await services.audit.record(.specDraftCreated, actor: principal.user.id, target: "spec:\(created.spec.reference)",
                                        context: context)
        return try APIJSON.response(SpecVersionView(created, issues: catalogue.validate(created.spec.content)), status: .created)
    }

    struct Edit: Decodable {
        let content: SpecContent
    }

    /// Replaces a draft's content; a published version answers 409 (revise it instead).
    @Sendable func edit(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requirePrincipal()
        let input = try await request.decodeJSON(Edit.self, context: context)
        let stored = try await existing(context)
        let principal = try context.authorize(.manageSpec(owner: try await owner(of: stored)))
        let edited = try await catalogue.edit(stored, content: input.content)
        try await services.audit.record(.specDraftEdited, actor: principal.user.id, target: "spec:\(edited.spec.reference)",
                                        context: context, details: ["contentHash": edited.spec.contentHash])
        return try APIJSON.response(SpecVersionView(edited, issues: catalogue.validate(edited.spec.content)))
    }

    @Sendable func publish(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requirePrincipal()
        let stored = try await existing(context)
        let principal = try context.authorize(.manageSpec(owner: try await owner(of: stored)))
        let published = try await catalogue.publish(stored)
        try await services.audit.record(.specPublished, actor: principal.user.id, target: "spec:\(published.spec.reference)",
                                        context: context, details: ["contentHash": published.spec.contentHash])
        return try APIJSON.response(SpecVersionView(published, issues: catalogue.validate(published.spec.content)))
    }

    struct Revision: Decodable {
        /// The new version's content; absent: the same content as the version revised.
        let content: SpecContent?
    }

    @Sendable func revise(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requirePrincipal()
        let revision = try await request.decodeOptionalJSON(Revision.self, context: context)
        let stored = try await existing(context)
        let principal = try context.authorize(.manageSpec(owner: try await owner(of: stored)))
        let revised = try await catalogue.revise(stored, content: revision?.content)
        try await services.audit.record(.specRevised, actor: principal.user.id, target: "spec:\(revised.spec.reference)",
                                        context: context, details: ["from": String(stored.spec.version)])
        return try APIJSON.response(SpecVersionView(revised, issues: catalogue.validate(revised.spec.content)), status: .created)
    }

    // MARK: Helpers

    private func existing(_ context: AppRequestContext) async throws -> StoredSpec {
        try await Self.existing(context, catalogue: catalogue)
    }

    static func existing(_ context: AppRequestContext, catalogue: SpecCatalogue) async throws -> StoredSpec {
        guard let id = context.parameters.get("id"), let text = context.parameters.get("version"),
              let version = Int(text.hasPrefix("v") ? String(text.dropFirst()) : text), version > 0,
              let stored = try await catalogue.spec(id: SpecID(id), version: version)
        else { throw AppError.notFound("this specification version") }
        return stored
    }

    /// A draft is shown only to those who may manage it; to everyone else it does not exist.
    private func readable(_ context: AppRequestContext) async throws -> StoredSpec {
        let stored = try await existing(context)
        if stored.spec.status == .draft {
            guard let principal = context.principal,
                  AccessPolicy.decide(principal.user, .manageSpec(owner: try await owner(of: stored))) == .allow
            else { throw AppError.notFound("this specification version") }
        }
        return stored
    }

    private func owner(of stored: StoredSpec) async throws -> Organisation? {
        try await stored.organisationID.asyncMap { try await services.organisations.organisation(id: $0) } ?? nil
    }
}
