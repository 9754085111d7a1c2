/// The result of RDFC-1.0: the canonical N-Quads (the exact bytes a Data Integrity proof hashes),
/// the relabelled quads in the same order, and the issued identifiers map.
public struct CanonicalizedDataset: Sendable, Hashable {
    /// Canonical N-Quads: one statement per line, each ending with LF, sorted in code point order,
    /// duplicates removed.
    public let nquads: String
    /// The quads with blank nodes relabelled `c14nN`, in the order of the lines of `nquads`.
    public let quads: [Quad]
    /// Input blank node label (without `_:`) → canonical label (`c14n0`, `c14n1`, …).
    public let issuedIdentifiers: [String: String]

    public init(nquads: String, quads: [Quad], issuedIdentifiers: [String: String]) {
        self.nquads = nquads
        self.quads = quads
        self.issuedIdentifiers = issuedIdentifiers
    }
}
