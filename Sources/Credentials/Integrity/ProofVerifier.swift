import Crypto
import LinkedData

/// Checks one proof's signature with a key the caller has already resolved and bound. Returns a
/// verdict (reason + message), never throws: a bad proof is a result, not a fault.
public struct ProofVerifier: Sendable {
    public let canonicalizer: DocumentCanonicalizer

    public init(canonicalizer: DocumentCanonicalizer = DocumentCanonicalizer()) {
        self.canonicalizer = canonicalizer
    }

    public struct Verdict: Sendable, Hashable {
        public var reason: VerificationCheck.Reason
        public var message: String
        public var isValid: Bool { reason == .ok }
    }

    /// The unsecured document's canonical form, shared by every proof of the same kind in a set.
    final class DocumentFormCache {
        var forms: [Bool: [UInt8]] = [:]
    }

    /// Verifies `proof` (one of `allProofs`) over `unsecured` with the Ed25519 `publicKey`.
    public func verify(proof: JSONObject, unsecured: JSONObject, allProofs: [JSONValue], publicKey: [UInt8],
                       timings: inout ProofTimings) -> Verdict {
        verify(proof: proof, unsecured: unsecured, allProofs: allProofs, publicKey: publicKey, cache: DocumentFormCache(), timings: &timings)
    }

    func verify(proof: JSONObject, unsecured: JSONObject, allProofs: [JSONValue], publicKey: [UInt8],
                cache: DocumentFormCache, timings: inout ProofTimings) -> Verdict {
        let suite: ProofSuite
        switch ProofSuite.identify(proof) {
        case .known(let s): suite = s
        case .unknownType(let t): return Verdict(reason: .unknownProofType, message: "unknown proof type \(t)")
        case .unknownCryptosuite(let c): return Verdict(reason: .unknownCryptosuite, message: "unknown cryptosuite \(c)")
        }
        guard let proofValue = proof["proofValue"]?.stringValue else {
            return Verdict(reason: .malformedProofValue, message: "proof has no proofValue string")
        }
        let signature: [UInt8]
        do { signature = try Multibase.decode(proofValue) } catch {
            return Verdict(reason: .malformedProofValue, message: "proofValue: \(error)")
        }
        guard signature.count == 64 else {
            return Verdict(reason: .malformedProofValue, message: "proofValue decodes to \(signature.count) bytes, an Ed25519 signature has 64")
        }
        if let created = proof["created"] {
            guard let text = created.stringValue, DateTimeStamp.parse(text) != nil else {
                return Verdict(reason: .invalidCreated, message: "proof created is not an XML Schema dateTimeStamp")
            }
        }

        var proofConfig = proof
        proofConfig["proofValue"] = nil
        var document = unsecured
        switch suite {
        case .eddsaRdfc2022, .ed25519Signature2020:
            // The configuration is hashed under the document's context, whatever the proof says.
            proofConfig["@context"] = unsecured["@context"]
        case .eddsaJcs2022:
            if let proofContext = proofConfig["@context"] {
                guard Self.context(unsecured["@context"], startsWith: proofContext) else {
                    return Verdict(reason: .proofContextMismatch, message: "the proof's @context is not a prefix of the document's @context")
                }
                document["@context"] = proofContext
            }
        }

        let previous = ProofDocument.previousProofIDs(proof)
        let canonicalDocument: [UInt8]
        do {
            if previous.isEmpty, document == unsecured, let cached = cache.forms[suite.usesRDFCanonicalization] {
                canonicalDocument = cached
            } else {
                let signed = try ProofDocument.withPreviousProofs(document, ids: previous, allProofs: allProofs)
                canonicalDocument = try canonicalizer.canonicalFormBytes(.object(signed), suite: suite, timings: &timings)
                if previous.isEmpty, document == unsecured { cache.forms[suite.usesRDFCanonicalization] = canonicalDocument }
            }
        } catch .previousProofNotFound(let id) {
            return Verdict(reason: .previousProofMissing, message: "previousProof \(id) is not in the document")
        } catch .undefinedTerm(let what) {
            return Verdict(reason: .undefinedTerm, message: DataIntegrityError.undefinedTerm(what).description)
        } catch {
            return Verdict(reason: .canonicalizationFailed, message: error.description)
        }
        let canonicalProof: [UInt8]
        do { canonicalProof = try canonicalizer.canonicalFormBytes(.object(proofConfig), suite: suite, timings: &timings) } catch {
            return Verdict(reason: .canonicalizationFailed, message: "proof configuration: \(error.description)")
        }
        let hashes = canonicalizer.hashes(canonicalProofConfig: canonicalProof, canonicalDocument: canonicalDocument, timings: &timings)
        let valid = timed(&timings.signature) { () -> Bool in
            guard let key = try? Curve25519.Signing.PublicKey(rawRepresentation: publicKey) else { return false }
            return key.isValidSignature(signature, for: hashes.combined)
        }
        return valid
            ? Verdict(reason: .ok, message: "\(suite.rawValue) signature verifies")
            : Verdict(reason: .signatureMismatch, message: "\(suite.rawValue) signature does not match the document and key")
    }

    /// Whether `context` (a string or array) begins with every entry of `prefix`.
    static func context(_ context: JSONValue?, startsWith prefix: JSONValue) -> Bool {
        func list(_ v: JSONValue?) -> [JSONValue] {
            switch v { case .array(let a): a; case .some(let x): [x]; case .none: [] }
        }
        let full = list(context), head = list(prefix)
        return head.count <= full.count && Array(full.prefix(head.count)) == head
    }
}
