import Crypto

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
    var canonical = IdentifierIssuer(prefix: "c14n")
    var calls = 0
    var permutations = 0

    var lineBuffer: [UInt8] = []
    var lineRanges: [Range<Int>] = []

    init(_ input: [Quad], maxCalls: Int, maxPermutations: Int) {
        self.maxCalls = maxCalls
        self.maxPermutations = maxPermutations
        // A dataset is a set of quads.
        var seen = Set<Quad>(minimumCapacity: input.count)
        var unique: [Quad] = []
        unique.reserveCapacity(input.count)
        for quad in input where seen.insert(quad).inserted { unique.append(quad) }
        self.quads = unique

        var index: [String: Int] = [:]
        encoded.reserveCapacity(unique.count)
        arena.reserveCapacity(unique.count * 96)
        for (qi, quad) in unique.enumerated() {
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
    }

    // MARK: - The canonicalisation algorithm (§4.4.3)

    mutating func run() throws(CanonicalizationError) -> CanonicalizedDataset {
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
            for b in nodes where canonical.identifier(for: b) == nil {
                var temporary = IdentifierIssuer(prefix: "b")
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
    mutating func output() -> CanonicalizedDataset {
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
        let order = buffer.withUnsafeBufferPointer { p in
            ranges.indices.sorted { bytesLess(p, ranges[$0], ranges[$1]) }
        }
        var nquads: [UInt8] = []
        nquads.reserveCapacity(buffer.count)
        var relabelled: [Quad] = []
        relabelled.reserveCapacity(quads.count)
        for k in order {
            nquads.append(contentsOf: buffer[ranges[k]])
            relabelled.append(relabel(k, canonicalLabels))
        }
        var issued: [String: String] = [:]
        issued.reserveCapacity(labels.count)
        for (b, label) in labels.enumerated() { issued[label] = canonicalLabels[b] }
        return CanonicalizedDataset(
            nquads: String(decoding: nquads, as: UTF8.self), quads: relabelled, issuedIdentifiers: issued)
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

    func relabel(_ k: Int, _ canonicalLabels: [String]) -> Quad {
        var quad = quads[k]
        let q = encoded[k]
        if case .blank(let b) = q.subject { quad.subject = .blank(canonicalLabels[b]) }
        if case .blank(let b) = q.object { quad.object = .blank(canonicalLabels[b]) }
        if let g = q.graph, case .blank(let b) = g { quad.graph = .blank(canonicalLabels[b]) }
        return quad
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
        if let id = canonical.identifier(for: related) ?? issuer.identifier(for: related) {
            input.append(UInt8(ascii: "_"))
            input.append(UInt8(ascii: ":"))
            input.append(contentsOf: id.utf8)
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
        var dataToHash = ""
        // Step 5: for each related hash in code point order, choose the smallest path.
        for relatedHash in hashToRelated.keys.sorted(by: codePointLess) {
            dataToHash += relatedHash
            let related = hashToRelated[relatedHash]!
            var chosenPath = ""
            var chosenIssuer: IdentifierIssuer? = nil
            var permutation = Array(related.indices)
            repeat {
                permutations += 1
                if permutations > maxPermutations { throw .tooManyPermutations(limit: maxPermutations) }
                var issuerCopy = issuer
                var path = ""
                var recursionList: [Int] = []
                var skip = false
                for k in permutation {
                    let node = related[k]
                    if let id = canonical.identifier(for: node) {
                        path += "_:" + id
                    } else {
                        if issuerCopy.identifier(for: node) == nil { recursionList.append(node) }
                        path += "_:" + issuerCopy.issue(node)
                    }
                    if isWorse(path, than: chosenPath) { skip = true; break }
                }
                if skip { continue }
                for node in recursionList {
                    let result = try hashNDegreeQuads(node, issuer: issuerCopy)
                    path += "_:" + issuerCopy.issue(node)
                    path += "<" + result.hash + ">"
                    issuerCopy = result.issuer
                    if isWorse(path, than: chosenPath) { skip = true; break }
                }
                if skip { continue }
                if chosenPath.isEmpty || codePointLess(path, chosenPath) {
                    chosenPath = path
                    chosenIssuer = issuerCopy
                }
            } while nextPermutation(&permutation)
            dataToHash += chosenPath
            if let chosenIssuer { issuer = chosenIssuer }
        }
        return (hexDigest(H.hash(data: Array(dataToHash.utf8))), issuer)
    }

    /// §4.8.3 steps 5.4.4.3 / 5.4.5.5: a path that can no longer beat the chosen one.
    func isWorse(_ path: String, than chosen: String) -> Bool {
        !chosen.isEmpty && path.utf8.count >= chosen.utf8.count && codePointLess(chosen, path)
    }
}

/// Rearranges `a` into the next lexicographic permutation; false after the last one.
func nextPermutation(_ a: inout [Int]) -> Bool {
    guard a.count > 1 else { return false }
    var i = a.count - 2
    while i >= 0 && a[i] >= a[i + 1] { i -= 1 }
    if i < 0 { return false }
    var j = a.count - 1
    while a[j] <= a[i] { j -= 1 }
    a.swapAt(i, j)
    a[(i + 1)...].reverse()
    return true
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

@inline(__always)
func bytesLess(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
    let n = min(a.count, b.count)
    var k = 0
    while k < n {
        if a[k] != b[k] { return a[k] < b[k] }
        k += 1
    }
    return a.count < b.count
}

@inline(__always)
func bytesLess(_ p: UnsafeBufferPointer<UInt8>, _ a: Range<Int>, _ b: Range<Int>) -> Bool {
    let n = min(a.count, b.count)
    var k = 0
    while k < n {
        let x = p[a.lowerBound + k]
        let y = p[b.lowerBound + k]
        if x != y { return x < y }
        k += 1
    }
    return a.count < b.count
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
