/// Base58 with the Bitcoin alphabet ("base58btc"), the encoding behind multibase `z…` values in
/// Multikey, did:key and Data Integrity `proofValue`s. Inputs here are short (keys, signatures),
/// so the quadratic big-number conversion is the simple and fast-enough choice.
public enum Base58 {
    static let alphabet = Array("123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz".utf8)

    /// Digit value for each ASCII byte, 0xFF for bytes outside the alphabet.
    static let digitValues: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (index, byte) in alphabet.enumerated() { table[Int(byte)] = UInt8(index) }
        return table
    }()

    public static func encode<Bytes: Collection>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        let input = Array(bytes)
        let leadingZeros = input.prefix { $0 == 0 }.count
        // log(256)/log(58) ≈ 1.366: enough base-58 digits for the input.
        var digits = [UInt8](repeating: 0, count: (input.count - leadingZeros) * 138 / 100 + 1)
        var length = 0
        for byte in input[leadingZeros...] {
            var carry = Int(byte)
            var i = 0
            var position = digits.count - 1
            while (carry != 0 || i < length) && position >= 0 {
                carry += 256 * Int(digits[position])
                digits[position] = UInt8(carry % 58)
                carry /= 58
                i += 1
                position -= 1
            }
            length = i
        }
        let significant = digits.drop { $0 == 0 }
        var out = [UInt8](repeating: alphabet[0], count: leadingZeros)
        out.reserveCapacity(leadingZeros + significant.count)
        for digit in significant { out.append(alphabet[Int(digit)]) }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes base58btc text; nil when a character is outside the alphabet.
    public static func decode(_ text: some StringProtocol) -> [UInt8]? {
        let input = Array(text.utf8)
        let leadingOnes = input.prefix { $0 == alphabet[0] }.count
        // log(58)/log(256) ≈ 0.733
        var bytes = [UInt8](repeating: 0, count: (input.count - leadingOnes) * 733 / 1000 + 1)
        var length = 0
        for character in input[leadingOnes...] {
            let value = digitValues[Int(character)]
            guard value != 0xFF else { return nil }
            var carry = Int(value)
            var i = 0
            var position = bytes.count - 1
            while (carry != 0 || i < length) && position >= 0 {
                carry += 58 * Int(bytes[position])
                bytes[position] = UInt8(carry & 0xFF)
                carry >>= 8
                i += 1
                position -= 1
            }
            length = i
        }
        return [UInt8](repeating: 0, count: leadingOnes) + bytes.drop { $0 == 0 }
    }
}
