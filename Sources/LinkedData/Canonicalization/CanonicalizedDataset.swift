/// The result of RDFC-1.0: the canonical N-Quads (the exact bytes a Data Integrity proof hashes)
/// and the issued identifiers map; the relabelled quads on request.
///
/// Signing and verifying need only the bytes, so the text and the identifier map are built when
/// asked for: making a String of a credential's canonical form re-validates tens of KiB of UTF-8,
/// and the map hashes every blank node label — together a tenth of canonicalisation.
public struct CanonicalizedDataset: Sendable, Hashable {
    /// Canonical N-Quads as UTF-8: one statement per line, each ending with LF, sorted in code
    /// point order, duplicates removed.
    public let bytes: [UInt8]
    /// Input label (without `_:`) of each blank node, and its canonical label, by node; nil input
    /// labels stand for nodes minted by toRdf, reported as `b0`, `b1`, ….
    private let inputLabels: [String]?
    private let canonicalLabels: [String]

    init(bytes: [UInt8], inputLabels: [String]?, canonicalLabels: [String]) {
        self.bytes = bytes
        self.inputLabels = inputLabels
        self.canonicalLabels = canonicalLabels
    }

    public init(nquads: String, issuedIdentifiers: [String: String]) {
        bytes = Array(nquads.utf8)
        let pairs = issuedIdentifiers.sorted { $0.key < $1.key }
        inputLabels = pairs.map(\.key)
        canonicalLabels = pairs.map(\.value)
    }

    /// Canonical N-Quads as text.
    public var nquads: String { String(decoding: bytes, as: UTF8.self) }

    /// Input blank node label (without `_:`) → canonical label (`c14n0`, `c14n1`, …).
    public var issuedIdentifiers: [String: String] {
        let labels = inputLabels ?? canonicalLabels.indices.map { "b\($0)" }
        return Dictionary(uniqueKeysWithValues: zip(labels, canonicalLabels))
    }

    /// The quads with blank nodes relabelled `c14nN`, in the order of the lines of `nquads`. Parsed
    /// from `nquads` when asked for: signing and verifying need only the text, and building these
    /// cost a copy of every term. The canonical form always parses (a property test re-parses it).
    public var quads: [Quad] { (try? NQuads.parse(nquads)) ?? [] }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.bytes == rhs.bytes && lhs.issuedIdentifiers == rhs.issuedIdentifiers
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(bytes)
    }
}
