import LinkedData

/// Names from W3C "Securing Verifiable Credentials using JOSE and COSE" (VC-JOSE-COSE), the
/// Recommendation of 2025-05-15, §3.1.1 "Securing JSON-LD Verifiable Credentials with JOSE": the
/// unsecured credential is the JWS payload itself (no `vc` claim, unlike VC 1.1 JWTs); `typ`
/// SHOULD be `vc+jwt` and `cty`, when present, SHOULD be `vc`. The media type is
/// `application/vc+jwt` (IANA, registered 2024-12-09). Drafts before mid-2024 used `vc-ld+jwt`;
/// that name is not produced and is refused, as is VC 1.1's `JWT` with a `vc` claim.
public enum VCJWT {
    public static let mediaType = "application/vc+jwt"
    public static let typ = "vc+jwt"
    public static let cty = "vc"
    /// `typ` values read as this media type (RFC 7515 §4.1.9 lets the `application/` prefix go).
    static let acceptedTypes: Set<String> = ["vc+jwt", "application/vc+jwt"]
    static let acceptedContentTypes: Set<String> = ["vc", "application/vc"]

    /// The compact JWS a submission carries, if it carries one: the token itself (surrounding
    /// whitespace ignored) or an EnvelopedVerifiableCredential whose id is a
    /// `data:application/vc+jwt,…` URL. Nil means "not a VC-JWT; treat as a JSON credential".
    public static func compactJWS(in bytes: some Collection<UInt8>, parser: JSONParser = JSONParser()) -> String? {
        let text = String(decoding: Array(bytes), as: UTF8.self).trimmingASCIIWhitespace()
        if CompactJWS.looksLikeCompact(text) { return text }
        guard text.hasPrefix("{"), let value = try? parser.parse(Array(text.utf8)) else { return nil }
        return EnvelopedCredential.compactJWS(in: value)
    }

    /// The credential a VC-JWT carries, read without verifying anything (for display and for
    /// status checks the caller runs only after `VCJWTVerifier` said the token is valid).
    public static func unverifiedCredential(in compact: String, parser: JSONParser = JSONParser()) -> JSONObject? {
        guard let jws = try? CompactJWS.parse(compact, parser: parser) else { return nil }
        return (try? parser.parse(jws.payload))?.objectValue
    }
}

/// VC Data Model 2.0 §4.13 "Enveloped Verifiable Credentials": a JSON stand-in for a credential
/// secured by an enveloping mechanism, whose `id` is a data: URL holding the token. The VC-API
/// returns VC-JWTs in this form, and EmPass stores them so.
public enum EnvelopedCredential {
    public static let type = "EnvelopedVerifiableCredential"
    static let dataURLPrefix = "data:\(VCJWT.mediaType),"

    public static func wrap(_ compact: String) -> JSONValue {
        .object(JSONObject([
            ("@context", .string(CredentialModel.v2.rawValue)),
            ("id", .string(dataURLPrefix + compact)),
            ("type", .string(type)),
        ]))
    }

    /// The token inside an EnvelopedVerifiableCredential for `application/vc+jwt`, else nil.
    public static func compactJWS(in value: JSONValue) -> String? {
        guard case .object(let object) = value else { return nil }
        let types: [String] = switch object["type"] {
        case .string(let t)?: [t]
        case .array(let items)?: items.compactMap(\.stringValue)
        default: []
        }
        guard types.contains(type), let id = object["id"]?.stringValue, id.hasPrefix(dataURLPrefix) else { return nil }
        let token = String(id.dropFirst(dataURLPrefix.count))
        return CompactJWS.looksLikeCompact(token) ? token : nil
    }
}
