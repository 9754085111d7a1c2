import Credentials
import Foundation
import Hummingbird
import LinkedData
import QRCode
import Storage

/// The learner's wallet: `/wallet` (their credentials), downloads (JSON, baked SVG, baked PNG),
/// share links they create and revoke, a printable certificate with a QR code, and LinkedIn's
/// add-to-profile link. Every route is for the credential's own learner only (AccessPolicy).
struct WalletPages {
    let services: AppServices

    func register(on router: Router<AppRequestContext>) {
        router.get("wallet", use: wallet)
        router.get("wallet/credentials/{id}/credential.json", use: downloadJSON)
        router.get("wallet/credentials/{id}/badge.svg", use: downloadSVG)
        router.get("wallet/credentials/{id}/badge.png", use: downloadPNG)
        router.get("wallet/credentials/{id}/credential.jwt", use: downloadJWT)
        router.post("wallet/credentials/{id}/shares", use: createShare)
        router.post("wallet/shares/{id}/revoke", use: revokeShare)
        router.get("wallet/shares/{id}/certificate", use: certificate)
        router.get("wallet/shares/{id}/qr.svg", use: qrCode)
    }

    private func t(_ context: AppRequestContext) -> (String) -> String? {
        let strings = services.pages.catalogue.strings(for: context.language)
        return { strings[$0] }
    }

    func shareURL(_ token: String) -> String {
        var base = services.config.publicURL.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        return "\(base)/verify/share/\(token)"
    }

    var verifyPageURL: String {
        var base = services.config.publicURL.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        return "\(base)/verify"
    }

    // MARK: - Pages

    @Sendable func wallet(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.authorize(.viewWallet).user
        let records = try await services.credentials.credentials(learnerUserID: user.id)
        let links = try await services.shareLinks.shareLinks(ownerUserID: user.id)
        let tr = t(context)
        let items = records.map { record -> WalletPage.Item in
            let summary = WalletCredentialSummary(record: record, language: context.language, t: tr)
            let mine = links.filter { $0.credentialID == record.id }
            let shares = mine.map { link in
                WalletPage.Share(id: link.id.description, url: shareURL(link.token), createdOn: String(Timestamp.format(link.createdAt).prefix(10)),
                                 revoked: link.isRevoked, certificateHref: "/wallet/shares/\(link.id)/certificate",
                                 linkedInHref: linkedIn(summary, record: record, url: shareURL(link.token)))
            }
            let activeURL = mine.first { !$0.isRevoked }.map { shareURL($0.token) }
            let base = "/wallet/credentials/\(record.id)"
            return WalletPage.Item(credential: summary, jsonHref: "\(base)/credential.json", svgHref: "\(base)/badge.svg",
                                   pngHref: "\(base)/badge.png", jwtHref: record.format == .vcJWT ? "\(base)/credential.jwt" : nil,
                                   shareAction: "\(base)/shares", shares: shares,
                                   hasShares: !shares.isEmpty, linkedInHref: linkedIn(summary, record: record, url: activeURL))
        }
        let page = WalletPage(items: items, isEmpty: items.isEmpty)
        return try services.pages.render("wallet", page: page, title: tr("wallet_title") ?? "Wallet", context: context, path: "/wallet")
    }

    private func linkedIn(_ summary: WalletCredentialSummary, record: IssuedCredentialRecord, url: String?) -> String {
        LinkedInAddToProfile(name: summary.name, organisationName: summary.issuerName, issued: record.issuedAt,
                             certificateURL: url, certificateID: record.id.description).url
    }

    @Sendable func certificate(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (link, record) = try await ownShare(context)
        guard !link.isRevoked else { throw AppError.conflict("this share link is revoked; make a new one to print a certificate") }
        let tr = t(context)
        let page = CertificatePage(credential: WalletCredentialSummary(record: record, language: context.language, t: tr),
                                   shareURL: shareURL(link.token), qrHref: "/wallet/shares/\(link.id)/qr.svg")
        return try services.pages.render("certificate", page: page, title: tr("wallet_certificate_title") ?? "Certificate",
                                         context: context, path: "/wallet/shares/\(link.id)/certificate")
    }

    @Sendable func qrCode(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (link, _) = try await ownShare(context)
        guard !link.isRevoked else { throw AppError.conflict("this share link is revoked") }
        let svg = try QRImage.svg(for: shareURL(link.token))
        return Self.file(Array(svg.utf8), type: "image/svg+xml", filename: nil)
    }

    // MARK: - Downloads

    @Sendable func downloadJSON(_ request: Request, context: AppRequestContext) async throws -> Response {
        let record = try await ownCredential(context)
        // A VC-JWT is stored as its EnvelopedVerifiableCredential: JSON-LD too, naming its media type inside.
        return Self.file(Array(record.credentialJSON.utf8), type: "application/vc+ld+json", filename: "empass-\(record.id).json")
    }

    /// A VC-JWT's compact token (`application/vc+jwt`); 404 for a credential secured otherwise.
    @Sendable func downloadJWT(_ request: Request, context: AppRequestContext) async throws -> Response {
        let record = try await ownCredential(context)
        guard record.format == .vcJWT, case .compactJWS(let token) = StoredCredentialDocument.baked(of: record) else {
            throw AppError.notFound("a VC-JWT of this credential")
        }
        return Self.file(Array(token.utf8), type: VCJWT.mediaType, filename: "empass-\(record.id).jwt")
    }

    @Sendable func downloadSVG(_ request: Request, context: AppRequestContext) async throws -> Response {
        let record = try await ownCredential(context)
        let summary = WalletCredentialSummary(record: record, language: context.language, t: t(context))
        let art = BadgeArtwork.svg(achievement: summary.name, issuer: summary.issuerName, issued: summary.issuedOn)
        let baked = try SVGBaker.bake(StoredCredentialDocument.baked(of: record), into: art)
        return Self.file(baked, type: "image/svg+xml", filename: "empass-\(record.id).svg")
    }

    @Sendable func downloadPNG(_ request: Request, context: AppRequestContext) async throws -> Response {
        let record = try await ownCredential(context)
        let baked = try PNGBaker.bake(StoredCredentialDocument.baked(of: record), into: BadgeArtwork.png(verificationURL: verifyPageURL))
        return Self.file(baked, type: "image/png", filename: "empass-\(record.id).png")
    }

    // MARK: - Share links

    @Sendable func createShare(_ request: Request, context: AppRequestContext) async throws -> Response {
        let record = try await ownCredential(context)
        let user = try context.requirePrincipal().user
        let link = ShareLink(id: services.newID(), token: services.random.base64URLToken(byteCount: 24), credentialID: record.id,
                             ownerUserID: user.id, createdAt: services.clock.now())
        try await services.shareLinks.insert(link)
        try await services.audit.record(.shareLinkCreated, actor: user.id, target: link.id.description, context: context,
                                        details: ["credential": record.id.description])
        return Response.redirect(to: "/wallet#credential-\(record.id)", type: .normal)   // 303: the browser GETs the wallet again
    }

    @Sendable func revokeShare(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (link, record) = try await ownShare(context)
        try await services.shareLinks.revokeShareLink(id: link.id, at: services.clock.now())
        try await services.audit.record(.shareLinkRevoked, actor: link.ownerUserID, target: link.id.description, context: context,
                                        details: ["credential": record.id.description])
        return Response.redirect(to: "/wallet#credential-\(record.id)", type: .normal)   // 303: the browser GETs the wallet again
    }

    // MARK: - Lookups (404 for a malformed or unknown id; 403 for someone else's)

    private func ownCredential(_ context: AppRequestContext) async throws -> IssuedCredentialRecord {
        _ = try context.requirePrincipal()
        guard let text = context.parameters.get("id"), let id = IssuedCredentialID(text),
              let record = try await services.credentials.credential(id: id) else { throw AppError.notFound("this credential") }
        try context.authorize(.useWalletCredential(holder: record.learnerUserID))
        return record
    }

    private func ownShare(_ context: AppRequestContext) async throws -> (ShareLink, IssuedCredentialRecord) {
        _ = try context.requirePrincipal()
        guard let text = context.parameters.get("id"), let id = ShareLinkID(text),
              let link = try await services.shareLinks.shareLink(id: id) else { throw AppError.notFound("this share link") }
        try context.authorize(.manageShareLink(owner: link.ownerUserID))
        guard let record = try await services.credentials.credential(id: link.credentialID) else { throw AppError.notFound("this credential") }
        return (link, record)
    }

    static func file(_ bytes: [UInt8], type: String, filename: String?) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = type
        headers[.cacheControl] = "no-store"
        if let filename { headers[.contentDisposition] = "attachment; filename=\"\(filename)\"" }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}

/// The QR code of a share link, as the certificate page shows it.
enum QRImage {
    static func svg(for url: String) throws -> String {
        try QRCode(encoding: url, errorCorrection: .medium).svg(moduleSize: 6, quietZone: 4, title: url)
    }
}
