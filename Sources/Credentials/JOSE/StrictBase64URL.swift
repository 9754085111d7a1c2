/// base64url without padding (RFC 4648 §5, as RFC 7515 §2 uses it) for JOSE. Unlike the lenient
/// `Base64URL` the status lists use, it is strict on input: only the
/// URL-safe alphabet, no `=`, no whitespace, no impossible length, and the unused low bits of the
/// last character must be zero. Strictness makes the encoding canonical, so a token that differs
/// in any character decodes differently or not at all (nothing "verifies anyway").
public enum StrictBase64URL {
    private static let alphabet: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
    private static let values: [Int8] = {
        var table = [Int8](repeating: -1, count: 256)
        for (i, c) in alphabet.enumerated() { table[Int(c)] = Int8(i) }
        return table
    }()

    public static func encode(_ bytes: some Collection<UInt8>) -> String {
        let input = Array(bytes)
        var out: [UInt8] = []
        out.reserveCapacity((input.count * 4 + 2) / 3)
        var i = 0
        while i + 3 <= input.count {
            let n = UInt32(input[i]) << 16 | UInt32(input[i + 1]) << 8 | UInt32(input[i + 2])
            out += [alphabet[Int(n >> 18 & 63)], alphabet[Int(n >> 12 & 63)], alphabet[Int(n >> 6 & 63)], alphabet[Int(n & 63)]]
            i += 3
        }
        switch input.count - i {
        case 1:
            let n = UInt32(input[i]) << 16
            out += [alphabet[Int(n >> 18 & 63)], alphabet[Int(n >> 12 & 63)]]
        case 2:
            let n = UInt32(input[i]) << 16 | UInt32(input[i + 1]) << 8
            out += [alphabet[Int(n >> 18 & 63)], alphabet[Int(n >> 12 & 63)], alphabet[Int(n >> 6 & 63)]]
        default: break
        }
        return String(decoding: out, as: UTF8.self)
    }

    public static func decode(_ text: some StringProtocol) throws(Base64URLError) -> [UInt8] {
        let chars = Array(text.utf8)
        guard chars.count % 4 != 1 else { throw .invalidLength(chars.count) }
        var sextets: [UInt8] = []
        sextets.reserveCapacity(chars.count)
        for (offset, c) in chars.enumerated() {
            let v = values[Int(c)]
            guard v >= 0 else { throw .invalidCharacter(offset: offset) }
            sextets.append(UInt8(v))
        }
        var out: [UInt8] = []
        out.reserveCapacity(chars.count * 3 / 4)
        var i = 0
        while i + 4 <= sextets.count {
            let n = UInt32(sextets[i]) << 18 | UInt32(sextets[i + 1]) << 12 | UInt32(sextets[i + 2]) << 6 | UInt32(sextets[i + 3])
            out += [UInt8(n >> 16 & 0xFF), UInt8(n >> 8 & 0xFF), UInt8(n & 0xFF)]
            i += 4
        }
        switch sextets.count - i {
        case 2:
            guard sextets[i + 1] & 0x0F == 0 else { throw .nonCanonical }
            out.append(sextets[i] << 2 | sextets[i + 1] >> 4)
        case 3:
            guard sextets[i + 2] & 0x03 == 0 else { throw .nonCanonical }
            out.append(sextets[i] << 2 | sextets[i + 1] >> 4)
            out.append((sextets[i + 1] & 0x0F) << 4 | sextets[i + 2] >> 2)
        default: break
        }
        return out
    }
}

public enum Base64URLError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalidLength(Int)
    case invalidCharacter(offset: Int)
    case nonCanonical

    public var description: String {
        switch self {
        case .invalidLength(let n): "base64url text of \(n) characters cannot be decoded (length mod 4 is 1)"
        case .invalidCharacter(let offset): "character \(offset) is not in the base64url alphabet (padding and whitespace are not allowed)"
        case .nonCanonical: "the last base64url character has non-zero unused bits (not the canonical encoding)"
        }
    }
}
