import Foundation

/// Where random bytes come from (identifiers, session ids, tokens, generated passwords).
/// Injected so tests can be deterministic; production uses the operating system's CSPRNG.
public protocol RandomSource: Sendable {
    func bytes(_ count: Int) -> [UInt8]
}

/// The system CSPRNG (`getrandom` on Linux, via `SystemRandomNumberGenerator`).
public struct SystemRandomSource: RandomSource {
    public init() {}
    public func bytes(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }
}

/// A reproducible source for tests (SplitMix64). Never use it for real secrets.
public final class SeededRandomSource: RandomSource, @unchecked Sendable {
    private let lock = NSLock()
    private var state: UInt64

    public init(seed: UInt64) { self.state = seed }

    public func bytes(_ count: Int) -> [UInt8] {
        lock.withLock {
            var out: [UInt8] = []
            out.reserveCapacity(count)
            while out.count < count {
                state &+= 0x9E37_79B9_7F4A_7C15
                var z = state
                z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
                z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
                z ^= z >> 31
                withUnsafeBytes(of: z.littleEndian) { out.append(contentsOf: $0.prefix(count - out.count)) }
            }
            return out
        }
    }
}

extension RandomSource {
    /// `count` random bytes as unpadded base64url text (safe in cookies, headers and URLs).
    public func base64URLToken(byteCount: Int) -> String {
        Data(bytes(byteCount)).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
