import Foundation

extension UUID {
    /// A version 7 UUID (RFC 9562 §5.7): 48-bit Unix milliseconds, then random bits.
    /// Ids made later sort later, which keeps B-tree inserts local and lists in creation order.
    public static func v7(at date: Date, random: any RandomSource) -> UUID {
        let millis = UInt64(max(0, (date.timeIntervalSince1970 * 1000).rounded(.down)))
        var bytes = random.bytes(16)
        for index in 0..<6 {
            bytes[index] = UInt8(truncatingIfNeeded: millis >> (8 * (5 - UInt64(index))))
        }
        bytes[6] = 0x70 | (bytes[6] & 0x0F)   // version 7
        bytes[8] = 0x80 | (bytes[8] & 0x3F)   // RFC 9562 variant
        return UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                           bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
    }
}

/// Makes UUIDv7s that strictly increase within this process even when many are made in the same
/// millisecond (RFC 9562 §6.2, method 2: the 74 random bits act as a counter seeded at random each
/// new millisecond). Audit events and other id-ordered rows then list in the order they happened.
public final class UUIDv7Generator: @unchecked Sendable {
    private let random: any RandomSource
    private let lock = NSLock()
    private var lastMillis: UInt64 = 0
    private var randA: UInt16 = 0   // 12 bits
    private var randB: UInt64 = 0   // 62 bits

    public init(random: any RandomSource) { self.random = random }

    public func next(at date: Date) -> UUID {
        let now = UInt64(max(0, (date.timeIntervalSince1970 * 1000).rounded(.down)))
        let (millis, a, b): (UInt64, UInt16, UInt64) = lock.withLock {
            if now > lastMillis {
                let bytes = random.bytes(10)
                lastMillis = now
                randA = (UInt16(bytes[0]) << 8 | UInt16(bytes[1])) & 0x0FFF
                // Leave headroom so the counter rarely carries into rand_a.
                randB = bytes[2...].reduce(0) { $0 << 8 | UInt64($1) } & 0x1FFF_FFFF_FFFF_FFFF
            } else {
                randB += 1
                if randB >= 1 << 62 { randB = 0; randA += 1 }
                if randA >= 1 << 12 { randA = 0; lastMillis += 1 }
            }
            return (lastMillis, randA, randB)
        }
        var bytes = [UInt8](repeating: 0, count: 16)
        for index in 0..<6 { bytes[index] = UInt8(truncatingIfNeeded: millis >> (8 * (5 - UInt64(index)))) }
        bytes[6] = 0x70 | UInt8(a >> 8)
        bytes[7] = UInt8(truncatingIfNeeded: a)
        bytes[8] = 0x80 | UInt8(truncatingIfNeeded: b >> 56)
        for index in 9..<16 { bytes[index] = UInt8(truncatingIfNeeded: b >> (8 * (15 - UInt64(index)))) }
        return UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                           bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
    }
}
