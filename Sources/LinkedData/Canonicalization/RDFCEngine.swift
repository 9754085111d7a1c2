import Crypto
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// One canonicalisation run (RDFC-1.0 §4.4), generic over the hash so the hot loops are
/// specialised. Blank nodes are interned to integers and every non-blank term is serialised once
/// into `arena`, so hashing a blank node's quads is byte copying, not string building.
struct RDFCEngine<H: HashFunction> {
    /// A quad position: the canonical N-Quads bytes of a non-blank term, or an interned blank node.
    enum Slot {
        case bytes(Range<Int>)
        case blank(Int)
    }

    struct EncodedQuad {
        var subject: Slot
        var predicate: Slot
        var object: Slot
        var graph: Slot?
    }

    let quads: [Quad]
    let maxCalls: Int
    let maxPermutations: Int

    var arena: [UInt8] = []
    var encoded: [EncodedQuad] = []
    /// Input label of each interned blank node, in order of first appearance.
    var labels: [String] = []
    /// Quads (indexes) mentioning each blank node, each quad once.
    var quadsOfBlank: [[Int]] = []
    var firstDegreeHash: [String] = []
    var canonical: IdentifierIssuer
    var calls = 0
    var permutations = 0

    var lineBuffer: [UInt8] = []
    var lineRanges: [Range<Int>] = []

    /// False: `run` returns nil if `input` holds a quad twice (see `RDFCanonicalizer`); true: the
    /// caller removed repeats already.
    let deduplicated: Bool

    init(_ input: [Quad], deduplicated: Bool, maxCalls: Int, maxPermutations: Int) {
        self.maxCalls = maxCalls
        self.maxPermutations = maxPermutations
        self.deduplicated = deduplicated
        self.quads = input
        canonical = IdentifierIssuer(prefix: "c14n", nodeCount: 0)

        var index: [String: Int] = [:]
        encoded.reserveCapacity(input.count)
        arena.reserveCapacity(input.count * 96)
        for (qi, quad) in input.enumerated() {
            func slot(_ term: RDFTerm) -> Slot {
                if case .blank(let label) = term {
                    let b: Int
                    if let existing = index[label] {
                        b = existing
                    } else {
                        b = labels.count
                        index[label] = b
                        labels.append(label)
                        quadsOfBlank.append([])
                    }
                    if quadsOfBlank[b].last != qi { quadsOfBlank[b].append(qi) }
                    return .blank(b)
                }
                let start = arena.count
                NQuadsWriter.appendTerm(term, to: &arena)
                return .bytes(start..<arena.count)
            }
            let s = slot(quad.subject)
            let p = slot(quad.predicate)
            let o = slot(quad.object)
            let g = quad.graph.map(slot)
            encoded.append(EncodedQuad(subject: s, predicate: p, object: o, graph: g))
        }
        canonical = IdentifierIssuer(prefix: "c14n", nodeCount: labels.count)
    }

    // MARK: - The canonicalisation algorithm (§4.4.3)

    /// The canonical dataset, or `nil` when the input held a quad twice (found for free when the
    /// sorted output has two equal lines: relabelling is a bijection, so only equal input quads
    /// give equal lines). Deduplicating up front would hash every quad of every document for a case
    /// JSON-LD input rarely produces.
    mutating func run() throws(CanonicalizationError) -> CanonicalizedDataset? {
        let count = labels.count
        firstDegreeHash.reserveCapacity(count)
        var hashToNodes: [String: [Int]] = [:]
        for b in 0..<count {
            let hash = hashFirstDegreeQuads(b)
            firstDegreeHash.append(hash)
            hashToNodes[hash, default: []].append(b)
        }
        // Step 4: blank nodes with a unique first-degree hash get canonical ids in hash order. In
        // the common case this is all of them and no N-degree work happens.
        var shared: [[Int]] = []
        for hash in hashToNodes.keys.sorted(by: codePointLess) {
            let nodes = hashToNodes[hash]!
            if nodes.count == 1 { canonical.issue(nodes[0]) } else { shared.append(nodes) }
        }
        // Step 5: the rest, by N-degree hashes.
        for nodes in shared {
            var results: [(hash: String, issuer: IdentifierIssuer)] = []
            for b in nodes where !canonical.isIssued(b) {
                var temporary = IdentifierIssuer(prefix: "b", nodeCount: labels.count)
                temporary.issue(b)
                results.append(try hashNDegreeQuads(b, issuer: temporary))
            }
            let order = results.indices.sorted {
                let (l, r) = (results[$0].hash, results[$1].hash)
                return l == r ? $0 < $1 : codePointLess(l, r)
            }
            for k in order {
                for node in results[k].issuer.order { canonical.issue(node) }
            }
        }
        return output()
    }

    /// Step 6–7: relabel, serialise, sort by code point (= UTF-8 byte) order.
    mutating func output() -> CanonicalizedDataset? {
        let canonicalLabels = (0..<labels.count).map { canonical.identifier(for: $0)! }
        var buffer: [UInt8] = []
        buffer.reserveCapacity(arena.count + quads.count * 24)
        var ranges: [Range<Int>] = []
        ranges.reserveCapacity(quads.count)
        for q in encoded {
            let start = buffer.count
            appendLine(q, to: &buffer) { b, out in out.append(contentsOf: canonicalLabels[b].utf8) }
            ranges.append(start..<buffer.count)
        }
        let sorted = buffer.withUnsafeBufferPointer { [deduplicated] p -> [Int]? in
            let order = ranges.indices.sorted { bytesLess(p, ranges[$0], ranges[$1]) }
            var repeats: Set<Int> = []
            for k in order.indices.dropFirst() where bytesEqual(p, ranges[order[k - 1]], ranges[order[k]]) {
                guard deduplicated else { return nil }
                repeats.insert(k)  // distinct quads whose lines coincide: keep the line once
            }
            return repeats.isEmpty ? order : order.indices.filter { !repeats.contains($0) }.map { order[$0] }
        }
        guard let order = sorted else { return nil }
        var nquads: [UInt8] = []
        nquads.reserveCapacity(buffer.count)
        for k in order {
            nquads.append(contentsOf: buffer[ranges[k]])
        }
        var issued: [String: String] = [:]
        issued.reserveCapacity(labels.count)
        for (b, label) in labels.enumerated() { issued[label] = canonicalLabels[b] }
        return CanonicalizedDataset(nquads: String(decoding: nquads, as: UTF8.self), issuedIdentifiers: issued)
    }

    /// Writes one encoded quad as an N-Quads line; `blankLabel` writes the label after `_:` (the
    /// canonical label for output, `a`/`z` for Hash First Degree Quads).
    @inline(__always)
    func appendLine(_ q: EncodedQuad, to buffer: inout [UInt8], blankLabel: (Int, inout [UInt8]) -> Void) {
        func put(_ slot: Slot) {
            switch slot {
            case .bytes(let r): buffer.append(contentsOf: arena[r])
            case .blank(let b):
                buffer.append(UInt8(ascii: "_"))
                buffer.append(UInt8(ascii: ":"))
                blankLabel(b, &buffer)
            }
        }
        put(q.subject)
        buffer.append(0x20)
        put(q.predicate)
        buffer.append(0x20)
        put(q.object)
        if let g = q.graph {
            buffer.append(0x20)
            put(g)
        }
        buffer.append(contentsOf: [0x20, UInt8(ascii: "."), 0x0A])
    }

    // MARK: - Hash First Degree Quads (§4.6)

    mutating func hashFirstDegreeQuads(_ reference: Int) -> String {
        var buffer = lineBuffer
        var ranges = lineRanges
        lineBuffer = []
        lineRanges = []
        buffer.removeAll(keepingCapacity: true)
        ranges.removeAll(keepingCapacity: true)
        for qi in quadsOfBlank[reference] {
            let start = buffer.count
            appendLine(encoded[qi], to: &buffer) { b, out in
                out.append(b == reference ? UInt8(ascii: "a") : UInt8(ascii: "z"))
            }
            ranges.append(start..<buffer.count)
        }
        let hash = buffer.withUnsafeBufferPointer { p -> String in
            if ranges.count > 1 { ranges.sort { bytesLess(p, $0, $1) } }
            var hasher = H()
            for r in ranges { hasher.update(bufferPointer: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: p[r]))) }
            return hexDigest(hasher.finalize())
        }
        lineBuffer = buffer
        lineRanges = ranges
        return hash
    }

    // MARK: - Hash Related Blank Node (§4.7)

    func hashRelatedBlankNode(_ related: Int, quad: EncodedQuad, issuer: IdentifierIssuer, position: UInt8) -> String {
        var input: [UInt8] = [position]
        if position != UInt8(ascii: "g"), case .bytes(let r) = quad.predicate {
            input.append(contentsOf: arena[r])  // already `<iri>`
        }
        if canonical.isIssued(related) {
            input.append(UInt8(ascii: "_"))
            input.append(UInt8(ascii: ":"))
            canonical.appendIdentifier(of: related, to: &input)
        } else if issuer.isIssued(related) {
            input.append(UInt8(ascii: "_"))
            input.append(UInt8(ascii: ":"))
            issuer.appendIdentifier(of: related, to: &input)
        } else {
            input.append(contentsOf: firstDegreeHash[related].utf8)
        }
        return hexDigest(H.hash(data: input))
    }

    // MARK: - Hash N-Degree Quads (§4.8)

    mutating func hashNDegreeQuads(_ identifier: Int, issuer: IdentifierIssuer)
        throws(CanonicalizationError) -> (hash: String, issuer: IdentifierIssuer)
    {
        calls += 1
        if calls > maxCalls { throw .tooManyCalls(limit: maxCalls) }
        var issuer = issuer
        // Steps 1–3: group the related blank nodes by their related hash.
        var hashToRelated: [String: [Int]] = [:]
        for qi in quadsOfBlank[identifier] {
            let q = encoded[qi]
            if case .blank(let r) = q.subject, r != identifier {
                hashToRelated[hashRelatedBlankNode(r, quad: q, issuer: issuer, position: UInt8(ascii: "s")), default: []].append(r)
            }
            if case .blank(let r) = q.object, r != identifier {
                hashToRelated[hashRelatedBlankNode(r, quad: q, issuer: issuer, position: UInt8(ascii: "o")), default: []].append(r)
            }
            if let g = q.graph, case .blank(let r) = g, r != identifier {
                hashToRelated[hashRelatedBlankNode(r, quad: q, issuer: issuer, position: UInt8(ascii: "g")), default: []].append(r)
            }
        }
        // Paths are built and compared as bytes: this loop runs once per permutation, and
        // complete.json alone needs thousands of them.
        var dataToHash: [UInt8] = []
        var path: [UInt8] = []
        var chosenPath: [UInt8] = []
        var recursionList: [Int] = []
        // Step 5: for each related hash in code point order, choose the smallest path.
        for relatedHash in hashToRelated.keys.sorted(by: codePointLess) {
            dataToHash.append(contentsOf: relatedHash.utf8)
            let related = hashToRelated[relatedHash]!
            chosenPath.removeAll(keepingCapacity: true)
            var chosenIssuer: IdentifierIssuer? = nil
            var permutation = Array(related.indices)
            repeat {
                permutations += 1
                if permutations > maxPermutations { throw .tooManyPermutations(limit: maxPermutations) }
                var issuerCopy = issuer
                path.removeAll(keepingCapacity: true)
                recursionList.removeAll(keepingCapacity: true)
                var skip = false
                for k in permutation {
                    let node = related[k]
                    path.append(UInt8(ascii: "_"))
                    path.append(UInt8(ascii: ":"))
                    if canonical.isIssued(node) {
                        canonical.appendIdentifier(of: node, to: &path)
                    } else {
                        if !issuerCopy.isIssued(node) { recursionList.append(node) }
                        issuerCopy.issue(node)
                        issuerCopy.appendIdentifier(of: node, to: &path)
                    }
                    if isWorse(path, than: chosenPath) { skip = true; break }
                }
                if skip { continue }
                for node in recursionList {
                    let result = try hashNDegreeQuads(node, issuer: issuerCopy)
                    path.append(UInt8(ascii: "_"))
                    path.append(UInt8(ascii: ":"))
                    issuerCopy.issue(node)
                    issuerCopy.appendIdentifier(of: node, to: &path)
                    path.append(UInt8(ascii: "<"))
                    path.append(contentsOf: result.hash.utf8)
                    path.append(UInt8(ascii: ">"))
                    issuerCopy = result.issuer
                    if isWorse(path, than: chosenPath) { skip = true; break }
                }
                if skip { continue }
                if chosenPath.isEmpty || bytesLess(path, chosenPath) {
                    swap(&chosenPath, &path)
                    chosenIssuer = issuerCopy
                }
            } while nextDistinctPermutation(&permutation, elements: related)
            dataToHash.append(contentsOf: chosenPath)
            if let chosenIssuer { issuer = chosenIssuer }
        }
        return (hexDigest(H.hash(data: dataToHash)), issuer)
    }

    /// §4.8.3 steps 5.4.4.3 / 5.4.5.5: a path that can no longer beat the chosen one.
    @inline(__always)
    func isWorse(_ path: [UInt8], than chosen: [UInt8]) -> Bool {
        !chosen.isEmpty && path.count >= chosen.count && bytesLess(chosen, path)
    }
}

@inline(__always)
func bytesLess(_ a: [UInt8], _ b: [UInt8]) -> Bool {
    a.withUnsafeBufferPointer { pa in b.withUnsafeBufferPointer { pb in bytesLess(pa, pb) } }
}

/// Steps to the next permutation of the indexes `0..<p.count` in lexicographic order, skipping
/// every permutation that puts two indexes of equal elements (`element[i] == element[j]`) out of
/// increasing order; false after the last one.
///
/// Hash N-Degree Quads permutes a *list* of related blank nodes that can hold one node many times
/// (a blank graph name relates to its every quad the same way: a proof graph of six quads lists its
/// proof node six times). Permutations that differ only in the order of equal entries yield the
/// same path and the same issuer, so only one of each needs trying, and the one kept is the first
/// of its kind in the plain enumeration, so the chosen path and issuer are exactly the
/// specification's. Without this, a proof with ten properties costs 10! permutations.
func nextDistinctPermutation(_ p: inout [Int], elements: [Int]) -> Bool {
    let n = p.count
    guard n > 1 else { return false }
    var i = n - 2
    while i >= 0 {
        // The smallest index above p[i] that may stand at position i: among p[i...], the first
        // (smallest) index of its element class.
        var best = -1
        for j in i..<n {
            let candidate = p[j]
            guard candidate > p[i], best < 0 || candidate < best else { continue }
            var firstOfClass = true
            for k in i..<n where p[k] < candidate && elements[p[k]] == elements[candidate] {
                firstOfClass = false
                break
            }
            if firstOfClass { best = candidate }
        }
        if best >= 0 {
            // The rest in increasing order: the smallest arrangement that keeps equal elements ordered.
            var rest = p[i...].filter { $0 != best }
            rest.sort()
            p[i] = best
            p.replaceSubrange((i + 1)..., with: rest)
            return true
        }
        i -= 1
    }
    return false
}

/// Code point order. For UTF-8 this is byte order; Swift's `<` on String compares by canonical
/// equivalence instead, which is not what RDFC-1.0 asks for.
func codePointLess(_ a: String, _ b: String) -> Bool {
    // Native strings expose contiguous UTF-8: compare the bytes directly (UTF8View iteration
    // showed up in profiles when sorting thousands of hashes).
    let fast: Bool?? = a.utf8.withContiguousStorageIfAvailable { pa in
        b.utf8.withContiguousStorageIfAvailable { pb in bytesLess(pa, pb) }
    }
    if let fast, let result = fast { return result }
    return a.utf8.lexicographicallyPrecedes(b.utf8)
}

/// Byte order via memcmp: canonical lines share long prefixes (the same subject IRI), which a
/// byte-at-a-time loop walks slowly.
@inline(__always)
func bytesLess(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
    let n = min(a.count, b.count)
    if n > 0, let pa = a.baseAddress, let pb = b.baseAddress {
        let c = memcmp(pa, pb, n)
        if c != 0 { return c < 0 }
    }
    return a.count < b.count
}

@inline(__always)
func bytesLess(_ p: UnsafeBufferPointer<UInt8>, _ a: Range<Int>, _ b: Range<Int>) -> Bool {
    bytesLess(UnsafeBufferPointer(rebasing: p[a]), UnsafeBufferPointer(rebasing: p[b]))
}

@inline(__always)
func bytesEqual(_ p: UnsafeBufferPointer<UInt8>, _ a: Range<Int>, _ b: Range<Int>) -> Bool {
    guard a.count == b.count else { return false }
    guard a.count > 0, let base = p.baseAddress else { return true }
    return memcmp(base + a.lowerBound, base + b.lowerBound, a.count) == 0
}

private let lowerHexDigits: [UInt8] = Array("0123456789abcdef".utf8)

/// Lowercase hexadecimal of a digest, as RDFC-1.0 hashes are compared and concatenated.
func hexDigest(_ digest: some Digest) -> String {
    digest.withUnsafeBytes { raw in
        String(unsafeUninitializedCapacity: raw.count * 2) { out in
            for (k, byte) in raw.enumerated() {
                out[2 * k] = lowerHexDigits[Int(byte >> 4)]
                out[2 * k + 1] = lowerHexDigits[Int(byte & 0xF)]
            }
            return raw.count * 2
        }
    }
}
