import Foundation
import LinkedData

/// The verification pipeline for one credential: parse → context → shape → for each proof: key
/// resolution and binding, then signature → validity period. Every step adds checks to the report;
/// nothing is decided by a bare Bool. Keys come only from `keyResolver`, never from the document.
public struct CredentialVerifier: Sendable {
    public let proofVerifier: ProofVerifier
    public let keyResolver: any KeyResolver
    public let clock: any WallClock
    public let parser: JSONParser

    public init(canonicalizer: DocumentCanonicalizer = DocumentCanonicalizer(), keyResolver: any KeyResolver = StandardKeyResolver(),
                clock: any WallClock = SystemWallClock(), parser: JSONParser = JSONParser()) {
        self.proofVerifier = ProofVerifier(canonicalizer: canonicalizer)
        self.keyResolver = keyResolver
        self.clock = clock
        self.parser = parser
    }

    public func verify(bytes: some Collection<UInt8>) async -> VerificationReport {
        var timings = ProofTimings()
        return await verify(bytes: bytes, timings: &timings)
    }

    public func verify(bytes: some Collection<UInt8>, timings: inout ProofTimings) async -> VerificationReport {
        let document: JSONValue
        do { document = try parser.parse(bytes) } catch {
            var report = VerificationReport()
            report.add(.parse, .fail, .invalidJSON, "not valid JSON: \(error)")
            return report
        }
        return await verify(document, timings: &timings)
    }

    public func verify(_ document: JSONValue) async -> VerificationReport {
        var timings = ProofTimings()
        return await verify(document, timings: &timings)
    }

    public func verify(_ document: JSONValue, timings: inout ProofTimings) async -> VerificationReport {
        var report = VerificationReport()
        guard case .object(let credential) = document else {
            report.add(.parse, .fail, .notAnObject, "a credential is a JSON object")
            return report
        }
        report.add(.parse, .pass, .ok, "well-formed JSON object")
        report.issuer = CredentialShape.issuerID(credential)
        report.credentialID = credential["id"]?.stringValue

        let model = checkContext(credential, into: &report)
        CredentialShape.check(credential, model: model ?? .v2, into: &report)
        await checkProofs(credential, into: &report, timings: &timings)
        ValidityPeriod.check(credential, model: model ?? .v2, now: clock.now(), into: &report)
        return report
    }

    /// The first context must be the VC base context; every context must be one the canonicalizer's
    /// loader serves (offline: the bundled set), or the proof could not be checked reproducibly.
    private func checkContext(_ credential: JSONObject, into report: inout VerificationReport) -> CredentialModel? {
        guard let context = credential["@context"] else {
            report.add(.context, .fail, .missingContext, "@context is missing")
            return nil
        }
        let entries: [JSONValue] = context.arrayValue ?? [context]
        guard let first = entries.first?.stringValue, let model = CredentialModel(rawValue: first) else {
            report.add(.context, .fail, .wrongBaseContext,
                       "the first @context entry must be \(CredentialModel.v2.rawValue) (or \(CredentialModel.v1.rawValue) for VC 1.1)")
            return nil
        }
        let unavailable = entries.compactMap(\.stringValue).filter { !proofVerifier.canonicalizer.canLoad(context: $0) }
        if !unavailable.isEmpty {
            report.add(.context, .fail, .contextNotAllowed, "context not available to this verifier: \(unavailable.joined(separator: ", "))")
        } else {
            report.add(.context, .pass, .ok, model == .v2 ? "VC 2.0 contexts" : "VC 1.1 contexts (legacy)")
        }
        return model
    }

    private func checkProofs(_ credential: JSONObject, into report: inout VerificationReport, timings: inout ProofTimings) async {
        let (unsecured, proofs) = ProofDocument.split(credential)
        guard !proofs.isEmpty else {
            report.add(.proof, .fail, .missingProof, "the credential has no proof")
            return
        }
        let issuer = CredentialShape.issuerID(credential)
        let cache = ProofVerifier.DocumentFormCache()
        var proofChecks: [VerificationCheck] = []
        var unknownIndexes: [Int] = []
        var anyVerified = false
        for (index, value) in proofs.enumerated() {
            func add(_ kind: VerificationCheck.Kind, _ status: VerificationCheck.Status, _ reason: VerificationCheck.Reason, _ message: String) {
                proofChecks.append(VerificationCheck(kind: kind, status: status, reason: reason, message: message, proofIndex: index))
            }
            guard case .object(let proof) = value else {
                add(.proof, .fail, .malformedProof, "proof is not a JSON object")
                continue
            }
            switch ProofSuite.identify(proof) {
            case .known: break
            case .unknownType(let type):
                unknownIndexes.append(proofChecks.count)
                add(.proof, .fail, .unknownProofType, "proof type \(type) is not supported")
                continue
            case .unknownCryptosuite(let name):
                unknownIndexes.append(proofChecks.count)
                add(.proof, .fail, .unknownCryptosuite, "cryptosuite \(name) is not supported")
                continue
            }
            guard let vm = proof["verificationMethod"]?.stringValue else {
                add(.proof, .fail, .malformedProof, "proof has no verificationMethod")
                continue
            }
            let purpose = proof["proofPurpose"]?.stringValue
            guard purpose == "assertionMethod" else {
                add(.proof, .fail, .wrongProofPurpose, "proofPurpose is \(purpose ?? "missing"); a credential proof must be assertionMethod")
                continue
            }

            let resolved: ResolvedKey
            do { resolved = try await keyResolver.resolve(verificationMethod: vm) } catch {
                add(.keyResolution, .fail, Self.reason(for: error), error.description)
                add(.proof, .skipped, .notVerifiedKeyUnresolved, "signature not checked: no trusted key for \(vm)")
                continue
            }
            if let issuer, resolved.method.controller == issuer {
                if resolved.authorizedForAssertion {
                    add(.keyResolution, .pass, .ok, "\(vm) resolved (\(resolved.source.rawValue)); its controller is the issuer")
                } else {
                    add(.keyResolution, .fail, .keyNotAuthorizedForAssertion, "\(vm) is not listed under assertionMethod in the issuer's DID document")
                }
            } else {
                add(.keyResolution, .fail, .keyNotBoundToIssuer,
                    "\(vm) is controlled by \(resolved.method.controller), not by the issuer \(issuer ?? "(none)")")
            }
            let publicKey: [UInt8]
            do { publicKey = try resolved.method.ed25519PublicKey() } catch {
                add(.proof, .fail, .malformedProof, "resolved key is not an Ed25519 Multikey: \(error)")
                continue
            }
            let verdict = proofVerifier.verify(proof: proof, unsecured: unsecured, allProofs: proofs, publicKey: publicKey,
                                               cache: cache, timings: &timings)
            add(.proof, verdict.isValid ? .pass : .fail, verdict.reason, verdict.message)
            if verdict.isValid { anyVerified = true }
        }
        // A proof of a kind we do not know cannot be judged; it does not sink a credential that
        // another proof secures, but it cannot secure one on its own.
        if anyVerified {
            for i in unknownIndexes { proofChecks[i].status = .warning }
        }
        report.checks += proofChecks
    }

    static func reason(for error: KeyResolutionError) -> VerificationCheck.Reason {
        switch error {
        case .unknownKey: .unknownKey
        case .unsupportedDIDMethod: .unsupportedDIDMethod
        case .didWebUnavailable: .didWebUnavailable
        case .fetchFailed: .didDocumentUnavailable
        case .notInDocument: .keyNotInDIDDocument
        case .invalid: .invalidKey
        }
    }
}
