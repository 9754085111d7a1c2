import Testing
@testable import Credentials

@Suite struct Base58Tests {
    // Vectors from draft-msporny-base58 §5 (the IETF base58 draft).
    @Test(arguments: [
        ("Hello World!", "2NEpo7TZRRrLZSi2U"),
        ("The quick brown fox jumps over the lazy dog.", "USm3fpXnKG5EUBx2ndxBDMPVciP5hGey2Jh4NDv6gmeo1LkMeiKrLJUUBk6Z"),
    ])
    func encodesText(_ input: String, _ expected: String) {
        #expect(Base58.encode(Array(input.utf8)) == expected)
        #expect(Base58.decode(expected) == Array(input.utf8))
    }

    @Test func keepsLeadingZeros() {
        #expect(Base58.encode([0, 0, 0x28, 0x7f, 0xb4, 0xcd]) == "11233QC4")
        #expect(Base58.decode("11233QC4") == [0, 0, 0x28, 0x7f, 0xb4, 0xcd])
        #expect(Base58.encode([]) == "")
        #expect(Base58.decode("") == [])
    }

    @Test func rejectsCharactersOutsideTheAlphabet() {
        for bad in ["0", "O", "I", "l", "abc+", "é"] { #expect(Base58.decode(bad) == nil, "\(bad)") }
    }

    @Test func roundTripsRandomBytes() {
        var rng = SystemRandomNumberGenerator()
        for length in 0..<80 {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &rng) } + (length % 3 == 0 ? [] : [0])
            let input = (length % 5 == 0 ? [0, 0] : []) + bytes
            #expect(Base58.decode(Base58.encode(input)) == input)
        }
    }

    /// The limb-wise conversion against the textbook one (a digit at a time), on random inputs of
    /// every length a key, signature or hash takes and beyond, with and without leading zeros.
    @Test func agreesWithDigitByDigitConversion() {
        var rng = SystemRandomNumberGenerator()
        for length in 0..<140 {
            let zeros = length % 7 == 0 ? [UInt8](repeating: 0, count: length % 3 + 1) : []
            let bytes = zeros + (0..<length).map { _ in UInt8.random(in: 0...255, using: &rng) }
            let text = Self.textbookEncode(bytes)
            #expect(Base58.encode(bytes) == text, "\(bytes)")
            #expect(Base58.decode(text) == bytes, "\(text)")
        }
        // All 0xFF: the largest value of each length, where carries run furthest.
        for length in 1..<70 {
            let bytes = [UInt8](repeating: 0xFF, count: length)
            #expect(Base58.encode(bytes) == Self.textbookEncode(bytes))
            #expect(Base58.decode(Self.textbookEncode(bytes)) == bytes)
        }
    }

    /// Repeated division of the whole number by 58, one digit per pass.
    static func textbookEncode(_ bytes: [UInt8]) -> String {
        let zeros = bytes.prefix { $0 == 0 }.count
        var number = Array(bytes[zeros...])
        var digits: [UInt8] = []
        while !number.isEmpty {
            var remainder = 0
            var quotient: [UInt8] = []
            for byte in number {
                let current = remainder * 256 + Int(byte)
                let q = current / 58
                remainder = current % 58
                if !quotient.isEmpty || q != 0 { quotient.append(UInt8(q)) }
            }
            digits.append(UInt8(remainder))
            number = quotient
        }
        let alphabet = Array("123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz")
        return String(repeating: "1", count: zeros) + String(digits.reversed().map { alphabet[Int($0)] })
    }

    @Test func multibaseNeedsTheBase58Prefix() {
        #expect(throws: MultibaseError.unsupportedPrefix("u")) { try Multibase.decode("uAAAA") }
        #expect(throws: MultibaseError.empty) { try Multibase.decode("") }
        #expect(throws: MultibaseError.invalidBase58) { try Multibase.decode("z0OIl") }
    }

    @Test func hexRoundTrips() {
        #expect(Hex.encode([0x00, 0xab, 0xff]) == "00abff")
        #expect(Hex.decode("00ABff") == [0x00, 0xab, 0xff])
        #expect(Hex.decode("abc") == nil)
        #expect(Hex.decode("zz") == nil)
    }
}
