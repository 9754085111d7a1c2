/// The result of RDFC-1.0: the canonical N-Quads (the exact bytes a Data Integrity proof hashes)
/// and the issued identifiers map; the relabelled quads on request.
public struct CanonicalizedDataset: Sendable, Hashable {
    /// Canonical N-Quads: one statement per line, each ending with LF, sorted in code point order,
    /// duplicates removed.
    public let nquads: String
    /// Input blank node label (without `_:`) → canonical label (`c14n0`, `c14n1`, …).
    public let issuedIdentifiers: [String: String]

    public init(nquads: String, issuedIdentifiers: [String: String]) {
        self.nquads = nquads
        self.issuedIdentifiers = issuedIdentifiers
    }

    /// The quads with blank nodes relabelled `c14nN`, in the order of the lines of `nquads`. Parsed
    /// from `nquads` when asked for: signing and verifying need only the text, and building these
    /// cost a copy of every term. The canonical form always parses (a property test re-parses it).
    public var quads: [Quad] { (try? NQuads.parse(nquads)) ?? [] }
}
