import Foundation
import LinkedData

/// Verifies a VC-JWT and reports the same checks, in the same order and with the same reason
/// codes, as `CredentialVerifier` does for Data Integrity: parse → context → shape → key
/// resolution and binding → proof (the JWS signature) → validity period.
///
/// Keys: the verification method is the header's `kid` (absolute, or `#fragment` relative to the
/// issuer), resolved only through `keyResolver` (did:key, did:web, the trust store), and its
/// controller must be the credential's issuer. A token that carries a key of its own (`jwk`,
/// `x5c`, `x5u`, `jku`) is refused outright rather than having the key ignored, so no one can
/// mistake such a token for one this verifier accepted on the strength of that key.
public struct VCJWTVerifier: Sendable {
    public let keyResolver: any KeyResolver
    public let clock: any WallClock
    public let parser: JSONParser

    public init(keyResolver: any KeyResolver = StandardKeyResolver(), clock: any WallClock = SystemWallClock(),
                parser: JSONParser = JSONParser()) {
        self.keyResolver = keyResolver
        self.clock = clock
        self.parser = parser
    }

    public func verify(_ compact: String) async -> VerificationReport {
        var report = VerificationReport()
        let jws: CompactJWS
        do { jws = try CompactJWS.parse(compact.trimmingASCIIWhitespace(), parser: parser) } catch {
            report.add(.parse, .fail, error.reason, error.description)
            return report
        }
        if let typ = jws.header.typ, !VCJWT.acceptedTypes.contains(typ) {
            report.add(.parse, .fail, .unsupportedMediaType, JWSError.unsupportedType(typ).description)
            return report
        }
        if let cty = jws.header.cty, !VCJWT.acceptedContentTypes.contains(cty) {
            report.add(.parse, .fail, .unsupportedMediaType, "cty \(cty) is not a credential (expected vc)")
            return report
        }
        let credential: JSONObject
        do {
            guard case .object(let object) = try parser.parse(jws.payload) else {
                report.add(.parse, .fail, .notAnObject, JWSError.payloadNotObject.description)
                return report
            }
            credential = object
        } catch {
            report.add(.parse, .fail, .invalidJSON, JWSError.payloadNotJSON(String(describing: error)).description)
            return report
        }
        report.add(.parse, .pass, .ok, "compact JWS (alg EdDSA, typ \(jws.header.typ ?? "absent")) whose payload is a JSON object")
        if jws.header.typ == nil {
            report.add(.parse, .warning, .unsupportedMediaType, "the JWS header has no typ; VC-JOSE-COSE says it should be vc+jwt")
        }
        let issuer = CredentialShape.issuerID(credential)
        report.issuer = issuer
        report.credentialID = credential["id"]?.stringValue

        checkContext(credential, into: &report)
        CredentialShape.check(credential, model: .v2, into: &report)
        checkClaims(credential, issuer: issuer, into: &report)
        await checkSignature(jws, issuer: issuer, into: &report)
        if credential["proof"] != nil {
            report.add(.proof, .warning, .embeddedProofIgnored, "the payload also has an embedded proof; only the JWS signature was checked")
        }
        ValidityPeriod.check(credential, model: .v2, now: clock.now(), into: &report)
        checkTimeClaims(credential, now: clock.now(), into: &report)
        return report
    }

    /// VC-JOSE-COSE secures VC 2.0 only. No JSON-LD processing is needed to check a JWS, so the
    /// contexts need not be loadable here; the base context must still come first.
    private func checkContext(_ credential: JSONObject, into report: inout VerificationReport) {
        guard let context = credential["@context"] else {
            report.add(.context, .fail, .missingContext, "@context is missing")
            return
        }
        let first = (context.arrayValue ?? [context]).first?.stringValue
        if first == CredentialModel.v2.rawValue {
            report.add(.context, .pass, .ok, "VC 2.0 contexts")
        } else {
            report.add(.context, .fail, .wrongBaseContext, "the first @context entry must be \(CredentialModel.v2.rawValue) in a VC-JWT")
        }
    }

    /// JWT claims are optional; when present they must agree with the credential (VC-JOSE-COSE
    /// §3.1.1, and VC-DM 2.0 on conflicting representations).
    private func checkClaims(_ credential: JSONObject, issuer: String?, into report: inout VerificationReport) {
        if let iss = credential["iss"], iss.stringValue != issuer {
            report.add(.shape, .fail, .jwtClaimConflict, "the JWT iss claim \(iss.stringValue ?? "(not a string)") is not the issuer \(issuer ?? "(none)")")
        }
        if let jti = credential["jti"], let id = credential["id"]?.stringValue, jti.stringValue != id {
            report.add(.shape, .fail, .jwtClaimConflict, "the JWT jti claim is not the credential id \(id)")
        }
    }

    private func checkTimeClaims(_ credential: JSONObject, now: Date, into report: inout VerificationReport) {
        if let exp = credential["exp"]?.numberValue?.doubleValue, now.timeIntervalSince1970 > exp {
            report.add(.validityPeriod, .fail, .expired, "the JWT exp claim passed at \(DateTimeStamp.format(Date(timeIntervalSince1970: exp)))")
        }
        if let nbf = credential["nbf"]?.numberValue?.doubleValue, now.timeIntervalSince1970 < nbf {
            report.add(.validityPeriod, .fail, .notYetValid, "the JWT nbf claim is \(DateTimeStamp.format(Date(timeIntervalSince1970: nbf)))")
        }
    }

    private func checkSignature(_ jws: CompactJWS, issuer: String?, into report: inout VerificationReport) async {
        guard var kid = jws.header.kid, !kid.isEmpty else {
            report.add(.keyResolution, .fail, .missingKeyID, "the JWS header has no kid naming the issuer's verification method")
            report.add(.proof, .skipped, .notVerifiedKeyUnresolved, "signature not checked: no key named")
            return
        }
        if kid.hasPrefix("#"), let issuer { kid = issuer + kid }
        let resolved: ResolvedKey
        do { resolved = try await keyResolver.resolve(verificationMethod: kid) } catch {
            report.add(.keyResolution, .fail, CredentialVerifier.reason(for: error), error.description)
            report.add(.proof, .skipped, .notVerifiedKeyUnresolved, "signature not checked: no trusted key for \(kid)")
            return
        }
        if let issuer, resolved.method.controller == issuer {
            if resolved.authorizedForAssertion {
                report.add(.keyResolution, .pass, .ok, "\(kid) resolved (\(resolved.source.rawValue)); its controller is the issuer")
            } else {
                report.add(.keyResolution, .fail, .keyNotAuthorizedForAssertion, "\(kid) is not listed under assertionMethod in the issuer's DID document")
            }
        } else {
            report.add(.keyResolution, .fail, .keyNotBoundToIssuer,
                       "\(kid) is controlled by \(resolved.method.controller), not by the issuer \(issuer ?? "(none)")")
        }
        let publicKey: [UInt8]
        do { publicKey = try resolved.method.ed25519PublicKey() } catch {
            report.add(.proof, .fail, .invalidKey, "resolved key is not an Ed25519 Multikey: \(error)")
            return
        }
        if jws.verifySignature(publicKey: publicKey) {
            report.add(.proof, .pass, .ok, "the EdDSA (Ed25519) JWS signature verifies with \(kid)")
        } else {
            report.add(.proof, .fail, .signatureMismatch, "the JWS signature does not match the header and payload for \(kid)")
        }
    }
}
