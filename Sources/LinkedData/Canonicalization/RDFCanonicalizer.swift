import Crypto

/// RDF Dataset Canonicalization, RDFC-1.0 (https://www.w3.org/TR/rdf-canon/).
///
/// The input is treated as a dataset (a set): duplicate quads are dropped. Work in the Hash
/// N-Degree Quads algorithm is bounded so that poison graphs fail with `CanonicalizationError`
/// instead of running for hours.
public struct RDFCanonicalizer: Sendable {
    public enum HashAlgorithm: String, Sendable, Hashable, CaseIterable {
        case sha256, sha384
    }

    /// The hungriest legitimate rdf-canon tests (test044–046) need 468 calls and 4 096 permutations;
    /// test074 (a 10-node clique) would need millions. 1 000 calls leaves 2× headroom and fails
    /// test074 in ~40 ms (release); the work grows steeply with the bound (2 000 took ~0.4 s).
    public static let defaultMaxHashNDegreeQuadsCalls = 1_000
    /// Bounds the permutations tried across the whole run (a star whose arms all look alike
    /// can cost n! permutations without deep recursion).
    public static let defaultMaxPermutations = 100_000

    public let hashAlgorithm: HashAlgorithm
    public let maxHashNDegreeQuadsCalls: Int
    public let maxPermutations: Int

    public init(
        hashAlgorithm: HashAlgorithm = .sha256,
        maxHashNDegreeQuadsCalls: Int = RDFCanonicalizer.defaultMaxHashNDegreeQuadsCalls,
        maxPermutations: Int = RDFCanonicalizer.defaultMaxPermutations
    ) {
        self.hashAlgorithm = hashAlgorithm
        self.maxHashNDegreeQuadsCalls = maxHashNDegreeQuadsCalls
        self.maxPermutations = maxPermutations
    }

    public func canonicalize(_ quads: [Quad]) throws(CanonicalizationError) -> CanonicalizedDataset {
        try canonicalize(EncodedDataset(quads))
    }

    /// The same for a dataset already encoded (JSON-LD toRdf for signing writes one directly).
    public func canonicalize(_ dataset: EncodedDataset) throws(CanonicalizationError) -> CanonicalizedDataset {
        switch hashAlgorithm {
        case .sha256: try canonicalize(dataset, hash: SHA256.self)
        case .sha384: try canonicalize(dataset, hash: SHA384.self)
        }
    }

    /// A dataset is a set: the engine drops repeated quads as it reads them.
    func canonicalize<H: HashFunction>(_ dataset: EncodedDataset, hash: H.Type) throws(CanonicalizationError) -> CanonicalizedDataset {
        var engine = RDFCEngine<H>(dataset, maxCalls: maxHashNDegreeQuadsCalls, maxPermutations: maxPermutations)
        return try engine.run()
    }
}
