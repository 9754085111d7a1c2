import Testing
@testable import LinkedData

@Suite("RDFC-1.0 properties")
struct RDFCanonicalizerPropertyTests {
    /// Renames every blank node with a fresh random label and shuffles the quads.
    func disguise(_ quads: [Quad], _ rng: inout SeededGenerator) -> [Quad] {
        var names: [String: String] = [:]
        var used = Set<String>()
        func rename(_ t: RDFTerm) -> RDFTerm {
            guard case .blank(let label) = t else { return t }
            if let n = names[label] { return .blank(n) }
            var fresh: String
            repeat { fresh = "x" + String(UInt32.random(in: 0...UInt32.max, using: &rng), radix: 36) } while !used.insert(fresh).inserted
            names[label] = fresh
            return .blank(fresh)
        }
        return quads.map { q in
            Quad(rename(q.subject), q.predicate, rename(q.object), graph: q.graph.map(rename))
        }.shuffled(using: &rng)
    }

    @Test(arguments: 0..<150)
    func invariantUnderRelabellingAndShuffling(seed: Int) throws {
        var rng = SeededGenerator(seed: UInt64(seed) &* 7919)
        // Few predicates and blank nodes so that many blank nodes share first-degree hashes and
        // the N-degree path is exercised too.
        let quads = randomQuads(&rng, count: Int.random(in: 1...10, using: &rng), blanks: 4)
        let canonicalizer = RDFCanonicalizer()
        let reference = try canonicalizer.canonicalize(quads)
        for _ in 0..<3 {
            let other = try canonicalizer.canonicalize(disguise(quads, &rng))
            #expect(other.nquads == reference.nquads, "seed \(seed)")
        }
        // Canonicalising the canonical form is a no-op.
        #expect(try canonicalizer.canonicalize(reference.quads).nquads == reference.nquads)
        // The output parses back: one quad per distinct input quad, relabelled c14nN.
        let parsed = try NQuads.parse(reference.nquads)
        #expect(parsed.count == Set(quads).count)
        #expect(parsed.allSatisfy { q in [q.subject, q.object, q.graph].allSatisfy { term in
            guard case .blank(let label)? = term else { return true }
            return label.hasPrefix("c14n")
        } })
        // A dataset is a set: repeating quads changes nothing.
        let repeated = (quads + quads.prefix(Int.random(in: 1...quads.count, using: &rng))).shuffled(using: &rng)
        #expect(try canonicalizer.canonicalize(repeated) == reference, "seed \(seed)")
    }

    @Test("distinct permutations are the first occurrences of the plain enumeration, in its order", arguments: 0..<60)
    func distinctPermutations(seed: Int) {
        var rng = SeededGenerator(seed: UInt64(seed) &+ 17)
        let n = Int.random(in: 1...6, using: &rng)
        let elements = (0..<n).map { _ in Int.random(in: 0..<max(1, n / 2 + 1), using: &rng) }
        // Every permutation of the indexes in lexicographic order, keeping the first of each
        // sequence of elements.
        func all(_ prefix: [Int], _ rest: [Int]) -> [[Int]] {
            rest.isEmpty ? [prefix] : rest.flatMap { k in all(prefix + [k], rest.filter { $0 != k }) }
        }
        var seen = Set<[Int]>()
        let expected = all([], Array(0..<n)).map { $0.map { elements[$0] } }.filter { seen.insert($0).inserted }
        var permutation = Array(0..<n)
        var produced: [[Int]] = []
        repeat { produced.append(permutation.map { elements[$0] }) } while nextDistinctPermutation(&permutation, elements: elements)
        #expect(produced == expected, "elements \(elements)")
    }

    @Test func repeatedRelatedNodeCostsOnePermutation() throws {
        // Two identical proof graphs of eleven quads: each proof node's N-degree hash relates to its
        // graph name eleven times. Trying every ordering of those equal entries would be 11!
        // permutations, far past the bound; distinct orderings are one.
        var quads: [Quad] = []
        for (graph, proof) in [("g1", "p1"), ("g2", "p2")] {
            quads.append(Quad(.iri("urn:ex:vc"), .iri("https://w3id.org/security#proof"), .blank(graph)))
            for k in 0..<11 {
                quads.append(Quad(.blank(proof), .iri("urn:ex:property\(k)"), .literal(RDFLiteral("value \(k)")), graph: .blank(graph)))
            }
        }
        let canonicalizer = RDFCanonicalizer(maxHashNDegreeQuadsCalls: 20, maxPermutations: 50)
        let reference = try canonicalizer.canonicalize(quads)
        #expect(Set(reference.issuedIdentifiers.values) == Set((0..<4).map { "c14n\($0)" }))
        var rng = SeededGenerator(seed: 7)
        for _ in 0..<5 { #expect(try canonicalizer.canonicalize(disguise(quads, &rng)).nquads == reference.nquads) }
    }

    @Test func symmetricCycleNeedsNDegreeAndIsStable() throws {
        // A 6-cycle: every node has the same first-degree hash.
        var quads: [Quad] = []
        for k in 0..<6 { quads.append(Quad(.blank("n\(k)"), .iri("http://ex/next"), .blank("n\((k + 1) % 6)"))) }
        var rng = SeededGenerator(seed: 42)
        let reference = try RDFCanonicalizer().canonicalize(quads)
        #expect(Set(reference.issuedIdentifiers.values) == Set((0..<6).map { "c14n\($0)" }))
        for _ in 0..<10 {
            #expect(try RDFCanonicalizer().canonicalize(disguise(quads, &rng)).nquads == reference.nquads)
        }
    }

    @Test func dropsDuplicateQuads() throws {
        let q = Quad(.blank("a"), .iri("http://ex/p"), .literal(RDFLiteral("v")))
        let once = try RDFCanonicalizer().canonicalize([q])
        #expect(try RDFCanonicalizer().canonicalize([q, q]) == once)
        #expect(once.nquads == "_:c14n0 <http://ex/p> \"v\" .\n")
    }

    @Test func callBoundIsConfigurable() throws {
        var quads: [Quad] = []
        for k in 0..<4 { quads.append(Quad(.blank("n\(k)"), .iri("http://ex/next"), .blank("n\((k + 1) % 4)"))) }
        #expect(throws: CanonicalizationError.tooManyCalls(limit: 1)) {
            try RDFCanonicalizer(maxHashNDegreeQuadsCalls: 1).canonicalize(quads)
        }
        _ = try RDFCanonicalizer().canonicalize(quads)
    }
}
