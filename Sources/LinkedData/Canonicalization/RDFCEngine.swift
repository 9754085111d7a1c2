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
    typealias Slot = EncodedDataset.Slot
    typealias EncodedQuad = EncodedDataset.EncodedQuad

    let maxCalls: Int
    let maxPermutations: Int

    var arena: [UInt8] = []
    var encoded: [EncodedQuad] = []
    /// The input's blank node labels, if it had any (passed through to the result).
    let inputLabels: [String]?
    let blankCount: Int
    /// Quads (indexes) mentioning each blank node, each quad once and no repeated quad.
    var quadsOfBlank: [[Int]] = []
    /// Every blank node's first-degree hash as lowercase hex, `hexWidth` bytes per node, in one
    /// buffer: the hashes are only sorted, compared and copied into other hash inputs, all as bytes.
    var firstDegreeHex: [UInt8] = []
    let hexWidth = 2 * H.Digest.byteCount
    var canonical: IdentifierIssuer
    var calls = 0
    var permutations = 0

    var lineBuffer: [UInt8] = []
    var lineRanges: [Range<Int>] = []

    init(_ input: EncodedDataset, maxCalls: Int, maxPermutations: Int) {
        self.maxCalls = maxCalls
        self.maxPermutations = maxPermutations
        inputLabels = input.blankLabels
        blankCount = input.blankCount
        arena = input.arena
        encoded = input.quads
        var mentions: [[Int]] = Array(repeating: [], count: input.blankCount)
        for (qi, q) in input.quads.enumerated() {
            func mention(_ slot: Slot?) {
                if case .blank(let b)? = slot, mentions[b].last != qi { mentions[b].append(qi) }
            }
            mention(q.subject); mention(q.predicate); mention(q.object); mention(q.graph)
        }
        quadsOfBlank = mentions
        canonical = IdentifierIssuer(prefix: "c14n", nodeCount: input.blankCount)
        dropRepeatsAmongBlankQuads()
    }

    /// A dataset is a set, and the hashes must see each quad once. Only quads that mention a blank
    /// node take part in hashing, and a repeat of such a quad is in the same blank node's list, so
    /// the lists are cleaned one by one (they are short; long ones are bucketed by a hash first).
    /// A repeat of a quad without blank nodes only repeats an output line, which `output` drops.
    /// Checking here, not deduplicating the whole input up front, keeps the common case (no
    /// repeats) to a few slot comparisons per blank node.
    private mutating func dropRepeatsAmongBlankQuads() {
        var repeated: Set<Int> = []
        for b in quadsOfBlank.indices where quadsOfBlank[b].count > 1 {
            let list = quadsOfBlank[b]
            var kept: [Int] = []
            kept.reserveCapacity(list.count)
            if list.count <= 32 {
                for qi in list where !repeated.contains(qi) {
                    if kept.contains(where: { sameQuad(encoded[$0], encoded[qi]) }) { repeated.insert(qi) } else { kept.append(qi) }
                }
            } else {
                var buckets: [Int: [Int]] = [:]
                for qi in list where !repeated.contains(qi) {
                    let key = quadHash(encoded[qi])
                    if buckets[key, default: []].contains(where: { sameQuad(encoded[$0], encoded[qi]) }) {
                        repeated.insert(qi)
                    } else {
                        buckets[key, default: []].append(qi)
                        kept.append(qi)
                    }
                }
            }
            if kept.count != list.count { quadsOfBlank[b] = kept }
        }
    }

    private func sameSlot(_ a: Slot, _ b: Slot) -> Bool {
        switch (a, b) {
        case (.blank(let x), .blank(let y)): return x == y
        case (.bytes(let x), .bytes(let y)):
            guard x.count == y.count else { return false }
            return arena.withUnsafeBufferPointer { bytesEqual($0, x, y) }
        default: return false
        }
    }

    private func sameQuad(_ a: EncodedQuad, _ b: EncodedQuad) -> Bool {
        guard sameSlot(a.predicate, b.predicate), sameSlot(a.subject, b.subject), sameSlot(a.object, b.object) else { return false }
        switch (a.graph, b.graph) {
        case (nil, nil): return true
        case (let x?, let y?): return sameSlot(x, y)
        default: return false
        }
    }

    private func quadHash(_ q: EncodedQuad) -> Int {
        var hasher = Hasher()
        arena.withUnsafeBytes { raw in
            for slot in [q.subject, q.predicate, q.object, q.graph ?? .blank(-1)] {
                switch slot {
                case .blank(let b): hasher.combine(b)
                case .bytes(let r): hasher.combine(bytes: UnsafeRawBufferPointer(rebasing: raw[r]))
                }
            }
        }
        return hasher.finalize()
    }

    // MARK: - The canonicalisation algorithm (§4.4.3)

    /// The canonical dataset.
    mutating func run() throws(CanonicalizationError) -> CanonicalizedDataset {
        let count = blankCount
        var hashes: [UInt8] = []
        hashes.reserveCapacity(count * hexWidth)
        for b in 0..<count { appendFirstDegreeHash(b, to: &hashes) }
        firstDegreeHex = hashes
        // Step 4: blank nodes with a unique first-degree hash get canonical ids in hash order. In
        // the common case this is all of them and no N-degree work happens. Nodes sorted by hash
        // (ties in node order, as the specification's hash-to-nodes lists are built) put each
        // group of equal hashes in one run.
        let width = hexWidth
        let byHash = firstDegreeHex.withUnsafeBufferPointer { p in
            Array(0..<count).sorted { x, y in
                let c = memcmp(p.baseAddress! + x * width, p.baseAddress! + y * width, width)
                return c == 0 ? x < y : c < 0
            }
        }
        var shared: [[Int]] = []
        firstDegreeHex.withUnsafeBufferPointer { p in
            var start = 0
            while start < byHash.count {
                var end = start + 1
                while end < byHash.count,
                      memcmp(p.baseAddress! + byHash[start] * width, p.baseAddress! + byHash[end] * width, width) == 0 {
                    end += 1
                }
                if end - start == 1 { canonical.issue(byHash[start]) } else { shared.append(Array(byHash[start..<end])) }
                start = end
            }
        }
        // Step 5: the rest, by N-degree hashes.
        for nodes in shared {
            var results: [(hash: String, issuer: IdentifierIssuer)] = []
            for b in nodes where !canonical.isIssued(b) {
                var temporary = IdentifierIssuer(prefix: "b", nodeCount: blankCount)
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
        let canonicalLabels = (0..<blankCount).map { canonical.identifier(for: $0)! }
        var buffer: [UInt8] = []
        buffer.reserveCapacity(encoded.count * 96)
        var lines: [SortableLine] = []
        lines.reserveCapacity(encoded.count)
        let issuer = canonical
        for q in encoded {
            let start = buffer.count
            appendLine(q, to: &buffer) { b, out in issuer.appendIdentifier(of: b, to: &out) }
            lines.append(SortableLine(buffer, start..<buffer.count))
        }
        buffer.withUnsafeBufferPointer { p in lines.sort { $0.precedes($1, in: p) } }
        var nquads: [UInt8] = []
        nquads.reserveCapacity(buffer.count)
        var previous: Range<Int>? = nil
        buffer.withUnsafeBufferPointer { p in
            for line in lines {
                let r = line.range
                // Equal lines are repeated quads (relabelling is a bijection): keep each line once.
                if let previous, bytesEqual(p, previous, r) { continue }
                nquads.append(contentsOf: UnsafeBufferPointer(rebasing: p[r]))
                previous = r
            }
        }
        return CanonicalizedDataset(bytes: nquads, inputLabels: inputLabels,
                                    canonicalLabels: canonicalLabels)
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

    /// Appends the hex of the reference node's first-degree hash to `out`.
    mutating func appendFirstDegreeHash(_ reference: Int, to out: inout [UInt8]) {
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
        let digest = buffer.withUnsafeBufferPointer { p in
            if ranges.count > 1 { ranges.sort { bytesLess(p, $0, $1) } }
            var hasher = H()
            for r in ranges { hasher.update(bufferPointer: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: p[r]))) }
            return hasher.finalize()
        }
        appendHex(digest, to: &out)
        lineBuffer = buffer
        lineRanges = ranges
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
            input.append(contentsOf: firstDegreeHex[related * hexWidth ..< (related + 1) * hexWidth])
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

/// Appends the lowercase hexadecimal of a digest.
func appendHex(_ digest: some Digest, to out: inout [UInt8]) {
    digest.withUnsafeBytes { raw in
        for byte in raw {
            out.append(lowerHexDigits[Int(byte >> 4)])
            out.append(lowerHexDigits[Int(byte & 0xF)])
        }
    }
}

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


/// An output line to sort: its range in the line buffer and its first eight bytes as a big-endian
/// integer, so most comparisons (lines of different subjects) are one integer compare and only
/// lines that share eight bytes go to memcmp, from the ninth byte on.
struct SortableLine {
    let key: UInt64
    let range: Range<Int>

    init(_ buffer: [UInt8], _ range: Range<Int>) {
        var key: UInt64 = 0
        for k in 0..<8 { key = key << 8 | UInt64(range.lowerBound + k < range.upperBound ? buffer[range.lowerBound + k] : 0) }
        self.key = key
        self.range = range
    }

    @inline(__always)
    func precedes(_ other: SortableLine, in p: UnsafeBufferPointer<UInt8>) -> Bool {
        if key != other.key { return key < other.key }
        // Equal keys: either both lines are at least eight bytes long and share them, or a line
        // shorter than eight bytes (zero-padded) ties; comparing the whole ranges covers both.
        guard range.count >= 8, other.range.count >= 8 else { return bytesLess(p, range, other.range) }
        return bytesLess(p, range.lowerBound + 8 ..< range.upperBound, other.range.lowerBound + 8 ..< other.range.upperBound)
    }
}
