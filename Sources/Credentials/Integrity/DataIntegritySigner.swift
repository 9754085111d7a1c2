import LinkedData

/// Adds an EdDSA Data Integrity proof (eddsa-rdfc-2022 or eddsa-jcs-2022) to a document. A
/// document that already has proofs gets one more (a proof set); `previousProof` makes a chain.
public struct DataIntegritySigner: Sendable {
    public let canonicalizer: DocumentCanonicalizer
    public let clock: any WallClock

    public init(canonicalizer: DocumentCanonicalizer = DocumentCanonicalizer(), clock: any WallClock = SystemWallClock()) {
        self.canonicalizer = canonicalizer
        self.clock = clock
    }

    public func sign(_ document: JSONValue, key: Ed25519KeyPair, options: ProofOptions = ProofOptions()) throws(DataIntegrityError) -> JSONValue {
        var timings = ProofTimings()
        return try sign(document, key: key, options: options, timings: &timings)
    }

    public func sign(_ document: JSONValue, key: Ed25519KeyPair, options: ProofOptions,
                     timings: inout ProofTimings) throws(DataIntegrityError) -> JSONValue {
        guard case .object(let secured) = document else { throw .documentNotAnObject }
        guard ProofSuite.signable.contains(options.suite) else { throw .unsupportedSuite(options.suite.rawValue) }
        let (unsecured, existing) = ProofDocument.split(secured)
        let context = unsecured["@context"]
        if options.suite == .eddsaRdfc2022, context == nil { throw .missingContext }

        // Member order follows the W3C vectors so signed output reads like theirs.
        var proof = JSONObject()
        proof["type"] = .string(options.suite.proofType)
        if let id = options.id { proof["id"] = .string(id) }
        proof["cryptosuite"] = .string(options.suite.rawValue)
        proof["created"] = .string(DateTimeStamp.format(options.created ?? clock.now()))
        proof["verificationMethod"] = .string(options.verificationMethod ?? key.didKey.verificationMethodID)
        proof["proofPurpose"] = .string(options.proofPurpose)
        if options.previousProof.count == 1 {
            proof["previousProof"] = .string(options.previousProof[0])
        } else if !options.previousProof.isEmpty {
            proof["previousProof"] = .array(options.previousProof.map(JSONValue.string))
        }
        // jcs signs the context inside the proof (and keeps it there); rdfc adds it only to the
        // configuration it hashes.
        var proofConfig = proof
        if let context {
            proofConfig["@context"] = context
            if options.suite == .eddsaJcs2022 { proof["@context"] = context }
        }

        let signedPart = try ProofDocument.withPreviousProofs(unsecured, ids: options.previousProof, allProofs: existing)
        let hashes = try canonicalizer.hashes(document: signedPart, proofConfig: proofConfig, suite: options.suite, timings: &timings)
        let signature: [UInt8]
        do { signature = try timed(&timings.signature) { () throws -> [UInt8] in try key.sign(hashes.combined) } } catch {
            throw .signing(String(describing: error))
        }
        proof["proofValue"] = .string(Multibase.encodeBase58BTC(signature))

        var output = secured
        output["proof"] = existing.isEmpty ? .object(proof) : .array(existing + [.object(proof)])
        return .object(output)
    }
}
