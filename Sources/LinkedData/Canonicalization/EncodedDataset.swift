/// A dataset in the form the canonicaliser works on: every non-blank term already written as its
/// N-Quads bytes in one arena, blank nodes as integers. JSON-LD's toRdf for signing writes
/// straight into it (no `Quad` values, no blank node label strings); `[Quad]` input is encoded
/// into it first. Repeated quads may be present; the canonicaliser drops them.
public struct EncodedDataset: Sendable {
    /// A quad position: the canonical N-Quads bytes of a non-blank term, or a blank node.
    enum Slot: Sendable {
        case bytes(Range<Int>)
        case blank(Int)
    }

    struct EncodedQuad: Sendable {
        var subject: Slot
        var predicate: Slot
        var object: Slot
        var graph: Slot?
    }

    var arena: [UInt8] = []
    var quads: [EncodedQuad] = []
    /// Number of distinct blank nodes (`Slot.blank` values are `0..<blankCount`).
    var blankCount = 0
    /// The input label of each blank node, when the input had labels (`[Quad]` input); nil when
    /// the nodes were minted here, and then they are reported as `b0`, `b1`, ….
    var blankLabels: [String]?

    /// Number of quads, repeats included.
    public var count: Int { quads.count }

    init() {}

    /// Encodes quads, interning blank node labels in order of first appearance.
    public init(_ input: [Quad]) {
        var index: [String: Int] = [:]
        var labels: [String] = []
        quads.reserveCapacity(input.count)
        arena.reserveCapacity(input.count * 96)
        for quad in input {
            func slot(_ term: RDFTerm) -> Slot {
                if case .blank(let label) = term {
                    if let existing = index[label] { return .blank(existing) }
                    index[label] = labels.count
                    labels.append(label)
                    return .blank(labels.count - 1)
                }
                return write(term)
            }
            let s = slot(quad.subject), p = slot(quad.predicate), o = slot(quad.object)
            quads.append(EncodedQuad(subject: s, predicate: p, object: o, graph: quad.graph.map(slot)))
        }
        blankCount = labels.count
        blankLabels = labels
    }

    /// Writes a non-blank term into the arena.
    mutating func write(_ term: RDFTerm) -> Slot {
        let start = arena.count
        NQuadsWriter.appendTerm(term, to: &arena)
        return .bytes(start..<arena.count)
    }

    /// Writes an IRI known to be well-formed into the arena.
    mutating func writeIRI(_ iri: String) -> Slot {
        let start = arena.count
        NQuadsWriter.appendIRI(iri, to: &arena)
        return .bytes(start..<arena.count)
    }

    mutating func freshBlank() -> Slot {
        blankCount += 1
        return .blank(blankCount - 1)
    }

    func label(ofBlank b: Int) -> String { blankLabels?[b] ?? "b\(b)" }

    /// The quads as RDF terms (blank nodes labelled as `label(ofBlank:)`), for tests and callers
    /// that need `Quad` values.
    public var decodedQuads: [Quad] {
        var text: [UInt8] = []
        for q in quads {
            func put(_ slot: Slot) {
                switch slot {
                case .bytes(let r): text.append(contentsOf: arena[r])
                case .blank(let b): text.append(contentsOf: "_:\(label(ofBlank: b))".utf8)
                }
            }
            put(q.subject); text.append(0x20); put(q.predicate); text.append(0x20); put(q.object)
            if let g = q.graph { text.append(0x20); put(g) }
            text.append(contentsOf: " .\n".utf8)
        }
        return (try? NQuads.parse(String(decoding: text, as: UTF8.self))) ?? []
    }
}
