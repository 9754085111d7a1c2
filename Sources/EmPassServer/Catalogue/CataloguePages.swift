import Catalogue
import Foundation
import Hummingbird

/// The public catalogue pages: `/catalogue` and `/catalogue/specs/{id}/v{n}` (the Achievement id
/// of a version, so a credential's link opens this page).
struct CataloguePages {
    let services: AppServices

    func register(on router: Router<AppRequestContext>) {
        router.get("catalogue", use: list)
        router.get("catalogue/specs/{id}/{version}", use: detail)
    }

    private var catalogue: SpecCatalogue { SpecCatalogue(services: services) }

    private func t(_ key: String, _ context: AppRequestContext) -> String {
        services.pages.catalogue.text(key, context.language)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let filter = try CatalogueFilter(request.uri.queryParameters)
        let all = try await catalogue.latestPublished()
        let rows = try await filter.apply(to: all, services: services)
        let organisations = Dictionary(try await services.organisations.organisations().map { ($0.id, $0) }) { first, _ in first }
        let providers = rows.map { row in
            row.spec.organisationID.flatMap { organisations[$0] }.map {
                CatalogueListPage.RowProvider(name: $0.name, href: "/catalogue/providers/\($0.slug)?lang=\(context.language.rawValue)",
                                              assured: row.assured)
            }
        }
        let page = CatalogueListPage(specs: rows.map(\.spec.spec), allSpecs: all.map(\.spec), filter: filter, language: context.language,
                                     providers: providers)
        return try services.pages.render("catalogue", page: page, title: t("catalogue_title", context), context: context, path: "/catalogue")
    }

    /// Published and retired versions only: drafts are edited through the API.
    @Sendable func detail(_ request: Request, context: AppRequestContext) async throws -> Response {
        let stored = try await CatalogueAPI.existing(context, catalogue: catalogue)
        guard stored.spec.status != .draft, context.parameters.get("version")?.hasPrefix("v") == true else {
            throw AppError.notFound("this specification version")
        }
        let strings = services.pages.catalogue.strings(for: context.language)
        var page = SpecDetailPage(spec: stored.spec, framework: services.skills, language: context.language) { strings[$0] }
        page.quality = try await ProviderPages.specSection(stored, services: services, context: context)
        let path = "/catalogue/specs/\(stored.spec.id.rawValue)/v\(stored.spec.version)"
        return try services.pages.render("spec", page: page, title: page.title, context: context, path: path)
    }
}
