#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A string-keyed map for the hot lookups of expansion and toRdf: term definitions by term name,
/// RDF terms already written by IRI.
///
/// `[String: V]` pays for SipHash and a general String comparison on every lookup (about a
/// thousand instructions for a 50-byte IRI: a tenth of signing a credential). This table compares
/// UTF-8 bytes and hashes them a word at a time. A document may bring its own context and IRIs, so
/// the hash is seeded per process, as Swift's own is, to keep crafted keys from colliding on
/// purpose. Open addressing, linear probing, no removal.
struct ByteStringMap<Value>: @unchecked Sendable {
    /// Per entry, in insertion order: its hash, where its key starts in `keys` and how long it is
    /// (kept apart from the values so probing never touches, or retains, a value).
    private var hashes: [UInt64] = []
    private var starts: [Int] = []
    private var lengths: [Int] = []
    private var values: [Value] = []
    /// Keys, back to back.
    private var keys: [UInt8] = []
    /// Index into the entries + 1 per bucket; 0 is empty. Capacity is a power of two ≥ 2 × count.
    private var buckets: [Int32]
    private var mask: Int
    private let seed = processSeed

    var count: Int { values.count }

    init(minimumCapacity: Int = 8) {
        var capacity = 8
        while capacity < minimumCapacity * 2 { capacity *= 2 }
        buckets = [Int32](repeating: 0, count: capacity)
        mask = capacity - 1
    }

    init<S: Sequence>(_ pairs: S) where S.Element == (key: String, value: Value) {
        self.init(minimumCapacity: pairs.underestimatedCount)
        for (key, value) in pairs { set(key, value) }
    }

    subscript(key: String) -> Value? {
        var key = key
        return key.withUTF8 { find($0).map { values[$0] } }
    }

    /// Adds `key` or replaces its value (nothing is ever removed).
    mutating func set(_ key: String, _ value: Value) {
        var key = key
        key.withUTF8 { set($0, value) }
    }

    subscript(key: Substring) -> Value? {
        var key = key
        return key.withUTF8 { find($0).map { values[$0] } }
    }

    private func find(_ key: UnsafeBufferPointer<UInt8>) -> Int? {
        find(key, hash: Self.hash(key, seed: seed)).entry
    }

    /// The entry holding `key`, or the empty bucket where it would go.
    @inline(__always)
    private func find(_ key: UnsafeBufferPointer<UInt8>, hash: UInt64) -> (entry: Int?, bucket: Int) {
        var bucket = Int(truncatingIfNeeded: hash) & mask
        while true {
            let slot = Int(buckets[bucket])
            if slot == 0 { return (nil, bucket) }
            let entry = slot - 1
            if hashes[entry] == hash, lengths[entry] == key.count, keyEquals(entry, key) { return (entry, bucket) }
            bucket = (bucket + 1) & mask
        }
    }

    private func keyEquals(_ entry: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        guard key.count > 0 else { return true }
        let start = starts[entry]
        return keys.withUnsafeBufferPointer { memcmp($0.baseAddress! + start, key.baseAddress!, key.count) == 0 }
    }

    private mutating func set(_ key: UnsafeBufferPointer<UInt8>, _ value: Value) {
        let hash = Self.hash(key, seed: seed)
        let (existing, bucket) = find(key, hash: hash)
        if let existing {
            values[existing] = value
            return
        }
        hashes.append(hash)
        starts.append(keys.count)
        lengths.append(key.count)
        values.append(value)
        keys.append(contentsOf: key)
        buckets[bucket] = Int32(values.count)
        if values.count * 2 > buckets.count { grow() }
    }

    private mutating func grow() {
        let capacity = buckets.count * 2
        var fresh = [Int32](repeating: 0, count: capacity)
        let mask = capacity - 1
        for (k, hash) in hashes.enumerated() {
            var bucket = Int(truncatingIfNeeded: hash) & mask
            while fresh[bucket] != 0 { bucket = (bucket + 1) & mask }
            fresh[bucket] = Int32(k + 1)
        }
        buckets = fresh
        self.mask = mask
    }

    /// A multiply–xorshift hash over 8-byte words (unaligned loads), mixed with the length.
    @inline(__always)
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>, seed: UInt64) -> UInt64 {
        var h: UInt64 = seed ^ (UInt64(bytes.count) &* 0x9E37_79B9_7F4A_7C15)
        guard let base = bytes.baseAddress else { return h }
        let raw = UnsafeRawPointer(base)
        var offset = 0
        while offset + 8 <= bytes.count {
            h = (h ^ raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* 0xFF51_AFD7_ED55_8CCD
            h ^= h >> 32
            offset += 8
        }
        if offset < bytes.count {
            var tail: UInt64 = 0
            if bytes.count >= 8 {
                // The last eight bytes, overlapping the previous word: one load, not a byte loop.
                tail = raw.loadUnaligned(fromByteOffset: bytes.count - 8, as: UInt64.self)
            } else {
                for k in offset..<bytes.count { tail |= UInt64(base[k]) << (8 * UInt64(k - offset)) }
            }
            h = (h ^ tail) &* 0xC4CE_B9FE_1A85_EC53
        }
        return h ^ (h >> 29)
    }
}

private let processSeed = UInt64.random(in: .min ... .max)
