import Credentials
import Foundation
import Hummingbird

/// The public verification page: `GET /verify` (the form) and `POST /verify` (pasted JSON in the
/// `credential` field, urlencoded or multipart, a baked PNG/SVG in the `badge` file field, or the
/// credential itself as a JSON body).
/// A verdict — valid or not — is a 200 page; input we cannot read at all is a 4xx with the reason.
struct VerifyPages {
    let services: AppServices

    func register(on router: Router<AppRequestContext>) {
        router.get("verify", use: form)
        router.post("verify", use: submit)
        router.get("verify/share/{token}", use: shared)
    }

    /// Our own lists are asked of the database through `HostedStatusCheck` (as the VC-API does),
    /// so a revocation shows on the next verification; other lists go to the operator's seam.
    private var verification: CredentialVerificationService {
        let seams = services.presentation
        return CredentialVerificationService(
            seams: seams, clock: services.clock, canonicalizer: services.credentialCanonicalizer,
            didDocuments: services.localDIDDocuments,
            keyResolver: services.platformKeyResolver(trustedKeys: seams.trustedKeys),
            hostedStatus: HostedStatusCheck(services: services), foreignStatusLists: services.foreignStatusLists)
    }

    private func t(_ context: AppRequestContext) -> (String) -> String? {
        let strings = services.pages.catalogue.strings(for: context.language)
        return { strings[$0] }
    }

    @Sendable func form(_ request: Request, context: AppRequestContext) async throws -> Response {
        let page = VerificationPage(result: nil, pasted: "", maxUploadKiB: context.maxUploadSize / 1024)
        return try services.pages.render("verify", page: page, title: t(context)("verify_title") ?? "Verify", context: context, path: "/verify")
    }

    @Sendable func submit(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (bytes, pasted) = try await Self.submission(request, context: context)
        let outcome = try await verification.verify(submission: bytes)
        return try render(outcome, pasted: pasted, context: context)
    }

    /// A learner's share link: the stored credential, verified like any other (404 unknown, 410 revoked).
    @Sendable func shared(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let token = context.parameters.get("token"), let link = try await services.shareLinks.shareLink(token: token) else {
            throw AppError.notFound("this share link")
        }
        guard !link.isRevoked else { throw ShareLinkError.revoked }
        guard let record = try await services.credentials.credential(id: link.credentialID) else { throw AppError.notFound("this credential") }
        let outcome = await verification.verify(json: Array(record.credentialJSON.utf8), source: .stored)
        return try render(outcome, pasted: "", context: context, path: "/verify/share/\(token)")
    }

    func render(_ outcome: CredentialVerificationOutcome, pasted: String, context: AppRequestContext, path: String = "/verify") throws -> Response {
        let result = VerificationPage.result(outcome, language: context.language, t: t(context))
        let page = VerificationPage(result: result, pasted: pasted, maxUploadKiB: context.maxUploadSize / 1024)
        return try services.pages.render("verify", page: page, title: result.verdictTitle, context: context, path: path)
    }

    /// The submitted credential bytes and the pasted text to show again (empty for uploads).
    static func submission(_ request: Request, context: AppRequestContext) async throws -> ([UInt8], String) {
        var request = request
        let contentType = request.headers[.contentType] ?? ""
        let buffer = try await request.collectBody(upTo: context.maxUploadSize)
        let body = Array(buffer: buffer)
        let lowered = contentType.lowercased()
        if lowered.hasPrefix("application/x-www-form-urlencoded") {
            let text = FormFields(String(decoding: body, as: UTF8.self))["credential"] ?? ""
            return (Array(text.utf8), text)
        }
        if lowered.hasPrefix("application/json") || lowered.hasPrefix("application/ld+json") || lowered.hasPrefix("application/vc+ld+json") {
            return (body, "")   // the credential itself, from a script or a form-less client
        }
        if lowered.hasPrefix("multipart/form-data") {
            guard let boundary = MultipartFormData.boundary(contentType: contentType) else {
                throw VerificationInputError.malformedUpload("the multipart boundary is missing")
            }
            let form = try MultipartFormData(body: body, boundary: boundary)
            // A chosen file wins over the text box (browsers send an empty file part when none is chosen).
            if let file = form.part("badge"), !file.body.isEmpty { return (file.body, "") }
            let text = String(decoding: form.part("credential")?.body ?? [], as: UTF8.self)
            return (Array(text.utf8), text)
        }
        throw VerificationInputError.unsupportedMediaType(contentType.isEmpty ? "a body without a content type" : contentType)
    }
}
