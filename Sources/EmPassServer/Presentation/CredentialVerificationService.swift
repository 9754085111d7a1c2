import Credentials
import Foundation
import LinkedData
import Storage

/// Everything the verification page shows about one submission: the verifier's report (with the
/// status check added), the credential it read, and the issuer's quality assurance.
struct CredentialVerificationOutcome: Sendable {
    var report: VerificationReport
    var status: CredentialStatusReport
    var credential: JSONObject?
    var qualityAssurance: QualityAssuranceFinding
    /// Where the credential came from (pasted JSON, a PNG or an SVG).
    var source: Source

    enum Source: String, Sendable { case json, png, svg, stored, jwt }
}

/// Runs the verification pipeline for people: reads pasted JSON or a baked image, verifies the
/// proof with keys from did:key, this server's published DID documents or pinned keys, checks
/// status lists this server publishes (others: "could not be checked"), and asks about QA.
struct CredentialVerificationService: Sendable {
    let seams: PresentationSeams
    let clock: any Storage.WallClock
    /// The bundled contexts plus EmPass v1 (`services.credentialCanonicalizer`, shared for its cache).
    let canonicalizer: DocumentCanonicalizer
    /// This platform's own did:web documents (from the database); nil: only `publishedDocuments`.
    var didDocuments: (any DIDDocumentFetcher)? = nil
    /// The key resolver to use instead of one built from `didDocuments` (the server's, which
    /// remembers its own did:web keys).
    var keyResolver: (any KeyResolver)? = nil
    /// Status of entries in lists this platform hosts, read from its database (the same question
    /// the VC-API asks); other lists go through `publishedDocuments`. nil: all through it.
    var hostedStatus: HostedStatusCheck? = nil
    /// Verified foreign lists, kept for their caching lifetime (nil: verified on every request).
    var foreignStatusLists: VerifiedStatusListCache? = nil

    var verifier: CredentialVerifier {
        let fetcher = didDocuments ?? LocalDocumentFetcher(documents: seams.publishedDocuments)
        let resolver = keyResolver ?? StandardKeyResolver(trustedKeys: seams.trustedKeys, didWebFetcher: fetcher)
        return CredentialVerifier(canonicalizer: canonicalizer, keyResolver: resolver, clock: CredentialsClock(clock))
    }

    /// Bytes as submitted: JSON text, or a PNG/SVG badge with a baked credential.
    func verify(submission bytes: [UInt8]) async throws(VerificationInputError) -> CredentialVerificationOutcome {
        let trimmed = bytes.drop { [0x20, 0x09, 0x0A, 0x0D].contains($0) }
        guard !trimmed.isEmpty else { throw .empty }
        if let token = VCJWT.compactJWS(in: trimmed, parser: verifier.parser) { return await verify(jwt: token, source: .jwt) }
        var json = Array(trimmed)
        var source = CredentialVerificationOutcome.Source.json
        if trimmed.first != UInt8(ascii: "{") {
            guard let format = BadgeImageFormat.detect(bytes) else { throw .notJSONOrImage }
            source = format == .png ? .png : .svg
            do {
                switch try CredentialBaker.unbake(bytes) {
                case .json(let text): json = Array(text.utf8)
                case .compactJWS(let token): return await verify(jwt: token, source: source)
                }
            } catch {
                // `unbake` throws only BakingError. An XML document that is not an SVG is simply
                // not something we take.
                if case .svgRootNotSVG = error { throw .notJSONOrImage }
                throw .unreadableImage(error)
            }
        }
        return await verify(json: json, source: source)
    }

    func verify(json: [UInt8], source: CredentialVerificationOutcome.Source) async -> CredentialVerificationOutcome {
        let verifier = self.verifier
        // A stored VC-JWT is kept as an EnvelopedVerifiableCredential.
        if let token = EnvelopedCredential.compactJWS(in: (try? verifier.parser.parse(json)) ?? .null) {
            return await verify(jwt: token, source: source)
        }
        let report = await verifier.verify(bytes: json)
        return await outcome(report: report, credential: (try? verifier.parser.parse(json))?.objectValue, source: source)
    }

    /// A VC-JWT: the JOSE verifier with the same key resolution, then the same status and QA steps
    /// on the credential in its payload.
    func verify(jwt token: String, source: CredentialVerificationOutcome.Source) async -> CredentialVerificationOutcome {
        let verifier = self.verifier
        let report = await VCJWTVerifier(keyResolver: verifier.keyResolver, clock: verifier.clock, parser: verifier.parser).verify(token)
        return await outcome(report: report, credential: VCJWT.unverifiedCredential(in: token, parser: verifier.parser), source: source)
    }

    private func outcome(report verified: VerificationReport, credential: JSONObject?,
                         source: CredentialVerificationOutcome.Source) async -> CredentialVerificationOutcome {
        let verifier = self.verifier
        var report = verified
        var status = CredentialStatusReport(state: .couldNotCheck, entries: [])
        var qa = QualityAssuranceFinding.notKnown
        if let credential {
            let elsewhere = ForeignStatusCheck(documents: seams.publishedDocuments, verifier: verifier,
                                               cache: foreignStatusLists ?? VerifiedStatusListCache(clock: clock), clock: clock)
            let issuer = report.issuer
            if let hostedStatus {
                status = await hostedStatus.check(credential, issuer: issuer) { await elsewhere.check($0, issuer: issuer) }
            } else {
                status = await elsewhere.check(credential, issuer: issuer)
            }
            report.add(status: status)
            if let issuer = report.issuer {
                let issued = (credential["validFrom"] ?? credential["issuanceDate"])?.stringValue.flatMap { DateTimeStamp.parse($0) } ?? clock.now()
                let achievement = credential["credentialSubject"]?["achievement"]
                qa = await seams.qualityAssurance.qualityAssurance(
                    issuer: issuer, specificationID: achievement?["specificationId"]?.stringValue, on: issued)
            }
        }
        return CredentialVerificationOutcome(report: report, status: status, credential: credential, qualityAssurance: qa, source: source)
    }
}
