import Crypto
import Foundation

/// SHA-256 of a high-entropy secret (session id, API token), as lowercase hex. Enough for random
/// 256-bit secrets (no salt or stretching needed, unlike passwords), and fast to look up.
enum SecretHash {
    static func sha256Hex(_ secret: String) -> String {
        SHA256.hash(data: Data(secret.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// Compares in time independent of where the strings differ.
    static func constantTimeEquals(_ lhs: String, _ rhs: String) -> Bool {
        let a = Array(lhs.utf8), b = Array(rhs.utf8)
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }
}
