/// The bitstring of a Bitstring Status List 1.0: index 0 is the left-most (most significant) bit
/// of the first byte. A status of `statusSize` bits for entry i starts at bit i × statusSize and is
/// read most significant bit first.
public struct StatusBitstring: Sendable, Hashable {
    /// The smallest list the specification allows: 16 KiB, 131,072 bits, so that one index says
    /// little about whose credential it is (group privacy).
    public static let minimumBitCount = 131_072

    public private(set) var bytes: [UInt8]
    public var bitCount: Int { bytes.count * 8 }

    /// An all-zero list of at least `bitCount` bits (rounded up to whole bytes and to the minimum).
    public init(bitCount: Int = StatusBitstring.minimumBitCount) {
        let bits = max(bitCount, Self.minimumBitCount)
        bytes = [UInt8](repeating: 0, count: (bits + 7) / 8)
    }

    /// Wraps decoded bytes as they are; `validateLength()` says whether they are long enough.
    public init(bytes: [UInt8]) { self.bytes = bytes }

    public func validateLength() throws(StatusListError) {
        guard bitCount >= Self.minimumBitCount else { throw .listTooShort(bits: bitCount) }
    }

    public subscript(bit index: Int) -> Bool {
        get {
            precondition(index >= 0 && index < bitCount, "status bit \(index) outside a list of \(bitCount) bits")
            return bytes[index >> 3] & (0x80 >> UInt8(index & 7)) != 0
        }
        set {
            precondition(index >= 0 && index < bitCount, "status bit \(index) outside a list of \(bitCount) bits")
            let mask: UInt8 = 0x80 >> UInt8(index & 7)
            if newValue { bytes[index >> 3] |= mask } else { bytes[index >> 3] &= ~mask }
        }
    }

    /// How many entries of `statusSize` bits the list holds.
    public func entryCount(statusSize: Int = 1) -> Int { bitCount / max(statusSize, 1) }

    /// The status value of entry `index` (statusSize bits, most significant first).
    public func value(at index: Int, statusSize: Int = 1) throws(StatusListError) -> Int {
        guard (1...StatusListEntry.maximumStatusSize).contains(statusSize) else { throw .invalidStatusSize(statusSize) }
        guard index >= 0, index < entryCount(statusSize: statusSize) else {
            throw .indexOutOfRange(index: index, entries: entryCount(statusSize: statusSize))
        }
        var value = 0
        for bit in (index * statusSize)..<(index * statusSize + statusSize) {
            value = (value << 1) | (self[bit: bit] ? 1 : 0)
        }
        return value
    }

    /// Sets entry `index` to `value` (statusSize bits).
    public mutating func setValue(_ value: Int, at index: Int, statusSize: Int = 1) throws(StatusListError) {
        guard (1...StatusListEntry.maximumStatusSize).contains(statusSize) else { throw .invalidStatusSize(statusSize) }
        guard index >= 0, index < entryCount(statusSize: statusSize) else {
            throw .indexOutOfRange(index: index, entries: entryCount(statusSize: statusSize))
        }
        guard value >= 0, value < (1 << statusSize) else { throw .statusValueTooLarge(value, statusSize: statusSize) }
        let start = index * statusSize
        for offset in 0..<statusSize {
            self[bit: start + offset] = (value >> (statusSize - 1 - offset)) & 1 == 1
        }
    }

    /// Indexes (statusSize 1) whose bit is set, in ascending order.
    public var setIndexes: [Int] {
        var result: [Int] = []
        for (byteIndex, byte) in bytes.enumerated() where byte != 0 {
            for bit in 0..<8 where byte & (0x80 >> UInt8(bit)) != 0 { result.append(byteIndex * 8 + bit) }
        }
        return result
    }
}
