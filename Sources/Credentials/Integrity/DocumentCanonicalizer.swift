import Crypto
import LinkedData

/// Canonical forms for the EdDSA suites: JSON-LD toRdf then RDFC-1.0 N-Quads (rdfc, and the
/// legacy Ed25519Signature2020), or JCS text (jcs). One instance keeps one JSON-LD processor, so
/// the bundled contexts are processed once and reused by every sign and verify.
public struct DocumentCanonicalizer: Sendable {
    let processor: JSONLDProcessor
    public let loader: any DocumentLoader

    public init(loader: any DocumentLoader = BundledDocumentLoader.shared) {
        self.loader = loader
        processor = JSONLDProcessor(loader: loader, options: JSONLDOptions(safeMode: true))
    }

    /// Whether the loader serves `context` (offline: one of the bundled contexts).
    public func canLoad(context url: String) -> Bool {
        (try? loader.loadDocument(url)) != nil
    }

    /// RDFC-1.0 canonical N-Quads of a JSON-LD document, as the UTF-8 that is hashed (no String
    /// is made of it).
    public func canonicalNQuadsBytes(_ document: JSONValue, timings: inout ProofTimings) throws(DataIntegrityError) -> [UInt8] {
        let dataset: EncodedDataset
        do {
            dataset = try timed(&timings.toRDF) { () throws -> EncodedDataset in
                // Safe mode: expansion fails on a key it would drop, and writing the dataset on an
                // id, type or property IRI toRdf would drop (relative, keyword-like, ill-formed), so
                // nothing a reader sees in the JSON is left out of what the proof covers.
                try processor.encodedDataset(expanded: processor.expand(document, base: nil))
            }
        } catch let error as DataIntegrityError {
            throw error
        } catch let error as JSONLDError where error.code == .droppedProperty {
            throw .undefinedTerm("property \"\(error.detail)\"")
        } catch let error as JSONLDError where error.code == .droppedValue {
            throw .undefinedTerm(error.detail)
        } catch {
            throw .canonicalization(String(describing: error))
        }
        do {
            return try timed(&timings.canonicalization) { () throws -> [UInt8] in
                try RDFCanonicalizer(hashAlgorithm: .sha256).canonicalize(dataset).bytes
            }
        } catch {
            throw .canonicalization(String(describing: error))
        }
    }

    /// The canonical form as the UTF-8 bytes a suite hashes.
    public func canonicalFormBytes(_ value: JSONValue, suite: ProofSuite, timings: inout ProofTimings) throws(DataIntegrityError) -> [UInt8] {
        if suite.usesRDFCanonicalization { return try canonicalNQuadsBytes(value, timings: &timings) }
        do { return try timed(&timings.canonicalization) { () throws -> [UInt8] in Array(try JCS.canonicalize(value).utf8) } } catch {
            throw .canonicalization(String(describing: error))
        }
    }

    /// Canonical forms and SHA-256 hashes of a proof configuration and an unsecured document.
    public func hashes(document: JSONObject, proofConfig: JSONObject, suite: ProofSuite,
                       timings: inout ProofTimings) throws(DataIntegrityError) -> ProofHashes {
        let canonicalProof = try canonicalFormBytes(.object(proofConfig), suite: suite, timings: &timings)
        let canonicalDocument = try canonicalFormBytes(.object(document), suite: suite, timings: &timings)
        return hashes(canonicalProofConfig: canonicalProof, canonicalDocument: canonicalDocument, timings: &timings)
    }

    func hashes(canonicalProofConfig: [UInt8], canonicalDocument: [UInt8], timings: inout ProofTimings) -> ProofHashes {
        timed(&timings.hashing) {
            ProofHashes(canonicalProofConfigBytes: canonicalProofConfig, canonicalDocumentBytes: canonicalDocument,
                        proofConfigHash: Array(SHA256.hash(data: canonicalProofConfig)),
                        documentHash: Array(SHA256.hash(data: canonicalDocument)))
        }
    }
}
