import Credentials
import Foundation
import Hummingbird
import LinkedData

/// GET /orgs/{slug}/did.json: the organisation's did:web document, listing every key it has
/// signed with (current and retired), so credentials from before a rotation still verify.
struct IssuerDIDRoutes {
    let services: AppServices

    func register(on router: Router<AppRequestContext>) {
        router.get("orgs/{slug}/did.json", use: document)
    }

    @Sendable func document(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let slug = context.parameters.get("slug"),
              let organisation = try await services.organisations.organisation(slug: slug) else {
            throw AppError.notFound("this organisation")
        }
        let keys = try await services.issuerKeyring.keys(for: organisation)
        guard !keys.isEmpty else { throw AppError.notFound("a DID document for \(slug) (it has not issued yet)") }
        let document = IssuerIdentity.document(publicURL: services.config.publicURL, organisation: organisation, keys: keys)
        var headers = HTTPFields()
        headers[.contentType] = "application/did+ld+json"
        headers[.cacheControl] = "public, max-age=300"
        headers[.accessControlAllowOrigin] = "*"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: JSONSerializer.serializeBytes(document.json))))
    }
}
