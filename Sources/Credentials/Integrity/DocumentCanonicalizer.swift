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

    /// RDFC-1.0 canonical N-Quads of a JSON-LD document.
    public func canonicalNQuads(_ document: JSONValue, timings: inout ProofTimings) throws(DataIntegrityError) -> String {
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
            return try timed(&timings.canonicalization) { () throws -> String in
                try RDFCanonicalizer(hashAlgorithm: .sha256).canonicalize(dataset).nquads
            }
        } catch {
            throw .canonicalization(String(describing: error))
        }
    }

    /// The canonical text a suite hashes.
    public func canonicalForm(_ value: JSONValue, suite: ProofSuite, timings: inout ProofTimings) throws(DataIntegrityError) -> String {
        if suite.usesRDFCanonicalization { return try canonicalNQuads(value, timings: &timings) }
        do { return try timed(&timings.canonicalization) { () throws -> String in try JCS.canonicalize(value) } } catch {
            throw .canonicalization(String(describing: error))
        }
    }

    /// Canonical forms and SHA-256 hashes of a proof configuration and an unsecured document.
    public func hashes(document: JSONObject, proofConfig: JSONObject, suite: ProofSuite,
                       timings: inout ProofTimings) throws(DataIntegrityError) -> ProofHashes {
        let canonicalProof = try canonicalForm(.object(proofConfig), suite: suite, timings: &timings)
        let canonicalDocument = try canonicalForm(.object(document), suite: suite, timings: &timings)
        return hashes(canonicalProofConfig: canonicalProof, canonicalDocument: canonicalDocument, timings: &timings)
    }

    func hashes(canonicalProofConfig: String, canonicalDocument: String, timings: inout ProofTimings) -> ProofHashes {
        timed(&timings.hashing) {
            ProofHashes(canonicalProofConfig: canonicalProofConfig, canonicalDocument: canonicalDocument,
                        proofConfigHash: Self.sha256(canonicalProofConfig),
                        documentHash: Self.sha256(canonicalDocument))
        }
    }

    /// SHA-256 of a string's UTF-8 bytes, read in place (a canonical document is tens of KiB; copying
    /// it into an array first cost as much as hashing it).
    static func sha256(_ text: String) -> [UInt8] {
        var text = text
        return text.withUTF8 { Array(SHA256.hash(data: UnsafeRawBufferPointer($0))) }
    }
}
