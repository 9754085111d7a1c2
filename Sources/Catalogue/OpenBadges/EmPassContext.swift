import Foundation
import LinkedData

/// The EmPass JSON-LD extension context, version 1.
///
/// - URL (stable, the value credentials put in `@context`): `https://empass.eu/contexts/v1`.
///   Platforms serve the bundled bytes at their own `/contexts/empass/v1` route too, but documents
///   always name the canonical URL so that signatures do not depend on where they were issued.
/// - Vocabulary IRI: `https://empass.eu/vocab#` — shared by all versions; a later context version
///   may add terms but never changes what an existing term means.
/// - `@protected: true`: no later context can silently redefine an EmPass term.
/// - Terms cover the EU Council Recommendation (2022) elements and CEDEFOP operational
///   characteristics that Open Badges 3.0 lacks (ECTS, workload hours, EQF/NQF level, assessment
///   type, participation form, QA type, supervision and identity verification, stackability,
///   awarding bodies, learning outcomes, …). None of its term names collides with a term of the
///   VC 2.0 or OB 3.0.3 contexts (tested), since a protected collision would make expansion fail.
public enum EmPassContext {
    public static let url = "https://empass.eu/contexts/v1"
    public static let vocabulary = "https://empass.eu/vocab#"
    /// Suggested route for serving the file on an EmPass platform.
    public static let suggestedRoute = "/contexts/empass/v1"
    public static let mediaType = "application/ld+json"

    /// The context document's bytes, exactly as bundled (serve these; do not re-serialise).
    /// The bundled W3C/1EdTech contexts plus this one: what an EmPass credential needs to be
    /// signed or verified offline (the server and `empass verify` share it).
    public static func documentLoader() throws -> BundledDocumentLoader {
        BundledDocumentLoader(extraDocuments: [url: .text(String(decoding: try data(), as: UTF8.self))])
    }

    public static func data() throws -> Data {
        try BundledResource.data(named: "empass-v1", extension: "jsonld", subdirectory: "contexts")
    }
}
