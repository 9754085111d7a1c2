import Crypto
import LinkedData

/// A JWS in compact serialisation (RFC 7515 §7.1): BASE64URL(header) '.' BASE64URL(payload) '.'
/// BASE64URL(signature), parsed strictly. Parsing checks form and policy only — the signature is
/// checked by `verifySignature(publicKey:)` with a key the caller resolved, never one from the token.
public struct CompactJWS: Sendable, Hashable {
    /// The only algorithm produced and accepted: EdDSA over Ed25519 (RFC 8037). An allow-list, so
    /// `none`, HMAC (the "public key as HMAC secret" confusion) and anything new are refused.
    public static let allowedAlgorithms: Set<String> = ["EdDSA"]
    /// Header parameters that would hand the verifier a key chosen by whoever made the token.
    public static let embeddedKeyParameters = ["jwk", "x5c", "x5u", "jku"]

    public let header: JOSEHeader
    /// The payload bytes (the credential JSON for a VC-JWT).
    public let payload: [UInt8]
    public let signature: [UInt8]
    /// The exact ASCII that was signed: the first two segments as received.
    public let signingInput: [UInt8]
    /// The token as received.
    public let compact: String

    /// Whether `text` has the outline of a compact JWS (three base64url segments, the first two
    /// non-empty), for telling a pasted token from JSON or an image; `parse` does the real
    /// checking. An empty signature is let through so that `alg: none` is refused by name.
    public static func looksLikeCompact(_ text: some StringProtocol) -> Bool {
        let segments = text.split(separator: ".", omittingEmptySubsequences: false)
        return segments.count == 3 && !segments[0].isEmpty && !segments[1].isEmpty && segments.allSatisfy { s in
            s.utf8.allSatisfy { c in
                (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39) || c == 0x2D || c == 0x5F
            }
        }
    }

    public static func parse(_ text: String, parser: JSONParser = JSONParser()) throws(JWSError) -> CompactJWS {
        let segments = text.split(separator: ".", omittingEmptySubsequences: false)
        guard segments.count == 3 else { throw .wrongSegmentCount(segments.count) }
        // The header first, so `alg: none` (whose signature segment is empty) is named as such.
        guard !segments[0].isEmpty else { throw .emptySegment("header") }
        let headerBytes: [UInt8]
        do { headerBytes = try StrictBase64URL.decode(segments[0]) } catch { throw .invalidBase64URL(segment: "header", error) }
        let header = try JOSEHeader(bytes: headerBytes, parser: parser)
        var decoded: [[UInt8]] = []
        for (name, segment) in zip(["payload", "signature"], segments[1...]) {
            guard !segment.isEmpty else { throw .emptySegment(name) }
            do { decoded.append(try StrictBase64URL.decode(segment)) } catch { throw .invalidBase64URL(segment: name, error) }
        }
        guard decoded[1].count == 64 else { throw .invalidSignatureLength(decoded[1].count) }
        return CompactJWS(header: header, payload: decoded[0], signature: decoded[1],
                          signingInput: Array(segments[0].utf8) + [UInt8(ascii: ".")] + Array(segments[1].utf8), compact: text)
    }

    /// Ed25519 verification of the signature over the signing input.
    public func verifySignature(publicKey: [UInt8]) -> Bool {
        guard let key = try? Curve25519.Signing.PublicKey(rawRepresentation: publicKey) else { return false }
        return key.isValidSignature(signature, for: signingInput)
    }

    /// Signs `payload` under `header` (serialised as given, member order kept) with Ed25519.
    public static func sign(header: JSONObject, payload: [UInt8], key: Ed25519KeyPair) throws -> String {
        let input = StrictBase64URL.encode(JSONSerializer.serializeBytes(.object(header))) + "." + StrictBase64URL.encode(payload)
        let signature = try key.sign(Array(input.utf8))
        return input + "." + StrictBase64URL.encode(signature)
    }
}

/// The JOSE protected header, checked against this verifier's policy on parsing.
public struct JOSEHeader: Sendable, Hashable {
    public let members: JSONObject
    public var alg: String { members["alg"]?.stringValue ?? "" }
    public var kid: String? { members["kid"]?.stringValue }
    public var typ: String? { members["typ"]?.stringValue }
    public var cty: String? { members["cty"]?.stringValue }

    init(bytes: [UInt8], parser: JSONParser) throws(JWSError) {
        let value: JSONValue
        do { value = try parser.parse(bytes) } catch { throw .headerNotJSON(String(describing: error)) }
        guard case .object(let members) = value else { throw .headerNotObject }
        guard let algValue = members["alg"] else { throw .missingAlgorithm }
        guard let alg = algValue.stringValue else { throw .invalidHeaderParameter("alg") }
        if alg.lowercased() == "none" { throw .unsecuredAlgorithm }
        guard CompactJWS.allowedAlgorithms.contains(alg) else { throw .algorithmNotAllowed(alg) }
        if let name = CompactJWS.embeddedKeyParameters.first(where: { members[$0] != nil }) { throw .embeddedKey(name) }
        for name in ["kid", "typ", "cty"] where members[name] != nil && members[name]?.stringValue == nil {
            throw .invalidHeaderParameter(name)
        }
        if let crit = members["crit"] {
            // RFC 7515 §4.1.11: a recipient must reject a JWS whose critical extensions it does not
            // understand; this verifier understands none.
            let names = crit.arrayValue?.compactMap(\.stringValue) ?? ["(not an array of names)"]
            throw .unsupportedCritical(names.isEmpty ? ["(empty list)"] : names)
        }
        self.members = members
    }
}
