/// Base58 with the Bitcoin alphabet ("base58btc"), the encoding behind multibase `z…` values in
/// Multikey, did:key and Data Integrity `proofValue`s. The number is converted five base-58 digits
/// at a time against 32-bit limbs (58⁵ < 2³²), about twenty times fewer steps than digit by digit:
/// every signature and every verification encodes or decodes one.
public enum Base58 {
    static let alphabet = Array("123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz".utf8)

    /// Digit value for each ASCII byte, 0xFF for bytes outside the alphabet.
    static let digitValues: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (index, byte) in alphabet.enumerated() { table[Int(byte)] = UInt8(index) }
        return table
    }()

    /// 58⁵, the largest power of 58 below 2³².
    private static let fiveDigits: UInt64 = 656_356_768

    public static func encode<Bytes: Collection>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        let input = Array(bytes)
        let leadingZeros = input.prefix { $0 == 0 }.count
        // The rest as big-endian 32-bit limbs (the first limb takes the odd bytes).
        var limbs: [UInt32] = []
        limbs.reserveCapacity((input.count - leadingZeros + 3) / 4)
        var index = leadingZeros
        var head = (input.count - leadingZeros) % 4
        if head == 0 { head = 4 }
        while index < input.count {
            var limb: UInt32 = 0
            for _ in 0..<head { limb = limb << 8 | UInt32(input[index]); index += 1 }
            limbs.append(limb)
            head = 4
        }
        // Divide by 58⁵ until nothing is left; each remainder gives five digits (least significant first).
        var digits: [UInt8] = []
        digits.reserveCapacity(limbs.count * 44 / 10 + 5)
        var first = 0
        while first < limbs.count {
            var remainder: UInt64 = 0
            for k in first..<limbs.count {
                let current = remainder << 32 | UInt64(limbs[k])
                limbs[k] = UInt32(current / fiveDigits)
                remainder = current % fiveDigits
            }
            while first < limbs.count, limbs[first] == 0 { first += 1 }
            for _ in 0..<5 {
                digits.append(UInt8(remainder % 58))
                remainder /= 58
            }
        }
        while digits.last == 0 { digits.removeLast() }
        let alphabet = Self.alphabet
        var out = [UInt8](repeating: alphabet[0], count: leadingZeros)
        out.reserveCapacity(leadingZeros + digits.count)
        for digit in digits.reversed() { out.append(alphabet[Int(digit)]) }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes base58btc text; nil when a character is outside the alphabet.
    public static func decode(_ text: some StringProtocol) -> [UInt8]? {
        let input = Array(text.utf8)
        let table = digitValues
        let leadingOnes = input.prefix { $0 == alphabet[0] }.count
        // The number as little-endian 32-bit limbs, fed up to five digits at a time.
        var limbs: [UInt32] = []
        limbs.reserveCapacity((input.count - leadingOnes) * 733 / 4000 + 1)
        var index = leadingOnes
        while index < input.count {
            var chunk: UInt64 = 0
            var scale: UInt64 = 1
            for _ in 0..<min(5, input.count - index) {
                let value = table[Int(input[index])]
                guard value != 0xFF else { return nil }
                chunk = chunk * 58 + UInt64(value)
                scale *= 58
                index += 1
            }
            var carry = chunk
            for k in limbs.indices {
                let current = UInt64(limbs[k]) * scale + carry
                limbs[k] = UInt32(truncatingIfNeeded: current)
                carry = current >> 32
            }
            while carry > 0 {
                limbs.append(UInt32(truncatingIfNeeded: carry))
                carry >>= 32
            }
        }
        var bytes = [UInt8](repeating: 0, count: leadingOnes)
        bytes.reserveCapacity(leadingOnes + limbs.count * 4)
        var significant = false
        for limb in limbs.reversed() {
            for shift in stride(from: 24, through: 0, by: -8) {
                let byte = UInt8(truncatingIfNeeded: limb >> UInt32(shift))
                if byte != 0 { significant = true }
                if significant { bytes.append(byte) }
            }
        }
        return bytes
    }
}
