/// SplitMix64: a small, fast, well-mixed generator. Sessions derive one per purpose from their
/// stored seed, so a reloaded session reproduces the same response orders and selections.
public struct SessionRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A generator for one purpose (`"order:teamwork-03"`, `"select:5"`) derived from a seed.
    public static func derived(from seed: UInt64, purpose: String) -> SessionRandom {
        // FNV-1a of the purpose, mixed with the seed: stable across runs and platforms
        // (Swift's `Hasher` is randomly seeded per process, so it must not be used here).
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in purpose.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return SessionRandom(seed: seed ^ hash)
    }
}
