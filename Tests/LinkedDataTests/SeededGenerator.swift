/// SplitMix64: a small deterministic generator so property tests are reproducible from their seed.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Random strings that exercise escaping: ASCII, controls, quotes, backslashes, multi-byte and
/// astral characters.
func randomString(_ rng: inout SeededGenerator, maxLength: Int = 12) -> String {
    let pool: [Unicode.Scalar] = [
        "a", "b", "Z", "0", "9", " ", "\"", "\\", "/", "\n", "\r", "\t", "\u{08}", "\u{0C}", "\u{00}", "\u{01}",
        "\u{1F}", "\u{7F}", "é", "ß", "€", "\u{2028}", "😀", "\u{10FFFF}", "\u{FFFE}", "\u{FFFF}", "'", "<", ">", "@",
    ]
    var s = String.UnicodeScalarView()
    for _ in 0..<Int.random(in: 0...maxLength, using: &rng) { s.append(pool.randomElement(using: &rng)!) }
    return String(s)
}
