import Catalogue
import Foundation
import Hummingbird
import Storage

/// The public provider page, `/catalogue/providers/{slug}`: the organisation and its
/// quality-assurance records in plain language (linked from each specification it owns).
struct ProviderPages {
    let services: AppServices

    func register(on router: Router<AppRequestContext>) {
        router.get("catalogue/providers/{provider}", use: provider)
    }

    @Sendable func provider(_ request: Request, context: AppRequestContext) async throws -> Response {
        let organisation = try await QualityAPI.provider(context, services: services)
        guard QualityAPI.providerKinds.contains(organisation.kind) else { throw AppError.notFound("provider \(organisation.slug)") }
        let records = try await services.qualityAssurance.qaRecords(provider: organisation.id)
        let tag = LanguageTag(context.language.rawValue)
        let owned = try await SpecCatalogue(services: services).latestPublished().filter { $0.organisationID == organisation.id }.map {
            ProviderPage.Link(label: $0.spec.content.title.text(in: tag) ?? $0.spec.id.rawValue,
                              href: "/catalogue/specs/\($0.spec.id.rawValue)/v\($0.spec.version)?lang=\(context.language.rawValue)")
        }
        let page = ProviderPage(organisation: organisation, records: records, specifications: owned, now: services.clock.now(),
                                wording: Self.wording(services, context))
        return try services.pages.render("provider", page: page, title: organisation.name, context: context,
                                         path: "/catalogue/providers/\(organisation.slug)")
    }

    static func wording(_ services: AppServices, _ context: AppRequestContext) -> QualityWording {
        let strings = services.pages.catalogue.strings(for: context.language)
        return QualityWording(language: context.language) { strings[$0] }
    }

    /// The QA section of a specification page: its provider (the owning issuer) and whether it is assured for it now.
    static func specSection(_ stored: StoredSpec, services: AppServices, context: AppRequestContext) async throws -> SpecQualitySection {
        let wording = wording(services, context)
        guard let owner = stored.organisationID, let organisation = try await services.organisations.organisation(id: owner) else {
            return SpecQualitySection(noProviderWording: wording)
        }
        let answer = try await services.qualityAssurance.assurance(provider: owner, specification: stored.spec.reference, on: services.clock.now())
        return SpecQualitySection(assurance: answer, organisation: organisation, wording: wording)
    }
}
